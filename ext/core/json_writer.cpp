// json_writer.cpp: see json_writer.hpp.
#include "json_writer.hpp"

#include <algorithm>
#include <cstdio>

namespace ords {

void JsonWriter::append_quoted(std::string_view s) {
  SecretText& o = out_;
  // Grown geometrically, and only when short: before C++20, libstdc++'s reserve(n) reallocates to
  // exactly n whenever n differs from the capacity (shrinking too), which made every string
  // written a new allocation, a copy and a wipe of the old buffer.
  size_t need = o.size() + s.size() + 2;
  if (need > o.capacity()) o.reserve(std::max(need, 2 * o.capacity()));
  o += '"';
  size_t run = 0;  // start of the current run of characters that need no escape
  for (size_t i = 0; i < s.size(); i++) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    o.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      case '\b': o += "\\b"; break;
      case '\f': o += "\\f"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        o += buf;
      }
    }
  }
  o.append(s, run, s.size() - run);
  o += '"';
}

std::string JsonWriter::quote(std::string_view s) {
  JsonWriter w;
  w.append_quoted(s);
  return std::string(w.out_.data(), w.out_.size());
}

void JsonWriter::sep() {
  if (need_comma_) out_ += ',';
  need_comma_ = true;
}

JsonWriter& JsonWriter::begin_object() { sep(); out_ += '{'; need_comma_ = false; return *this; }
JsonWriter& JsonWriter::end_object() { out_ += '}'; need_comma_ = true; return *this; }
JsonWriter& JsonWriter::begin_array() { sep(); out_ += '['; need_comma_ = false; return *this; }
JsonWriter& JsonWriter::end_array() { out_ += ']'; need_comma_ = true; return *this; }
JsonWriter& JsonWriter::key(std::string_view k) { sep(); append_quoted(k); out_ += ':'; need_comma_ = false; return *this; }
JsonWriter& JsonWriter::str(std::string_view v) { sep(); append_quoted(v); return *this; }
JsonWriter& JsonWriter::num(int64_t v) { sep(); out_ += std::to_string(v); return *this; }
JsonWriter& JsonWriter::boolean(bool v) { sep(); out_ += v ? "true" : "false"; return *this; }
JsonWriter& JsonWriter::null() { sep(); out_ += "null"; return *this; }
JsonWriter& JsonWriter::raw(std::string_view json) { sep(); out_ += json; return *this; }

}  // namespace ords
