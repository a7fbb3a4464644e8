// json_writer.cpp: see json_writer.hpp.
#include "json_writer.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace ords {

namespace {
// What a byte becomes inside a JSON string: 0 for itself, 'u' for \u00XX, else the letter after
// the backslash (RFC 8259 section 7: '"', '\\' and the control characters must be escaped). A
// table, so that the scan over a string is one load and one test a byte.
struct EscapeTable {
  char of[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) of[c] = 'u';
    of[static_cast<unsigned char>('"')] = '"';
    of[static_cast<unsigned char>('\\')] = '\\';
    of[static_cast<unsigned char>('\n')] = 'n';
    of[static_cast<unsigned char>('\r')] = 'r';
    of[static_cast<unsigned char>('\t')] = 't';
    of[static_cast<unsigned char>('\b')] = 'b';
    of[static_cast<unsigned char>('\f')] = 'f';
  }
};
constexpr EscapeTable kEscape{};  // made by the compiler: no order of static initialisation

// True when one of the eight bytes of `x` must be escaped: a byte below 0x20, '"' or '\\'. The
// word tests of "Bit Twiddling Hacks" (hasless, haszero): exact for "is there such a byte".
bool word_needs_escape(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const uint64_t quote = x ^ (kOnes * '"'), backslash = x ^ (kOnes * '\\');
  const uint64_t control = (x - kOnes * 0x20) & ~x & kHigh;
  return (control | ((quote - kOnes) & ~quote & kHigh) | ((backslash - kOnes) & ~backslash & kHigh)) != 0;
}
}  // namespace

void JsonWriter::append_quoted(std::string_view s) {
  SecretText& o = out_;
  // Grown geometrically, and only when short: before C++20, libstdc++'s reserve(n) reallocates to
  // exactly n whenever n differs from the capacity (shrinking too), which made every string
  // written a new allocation, a copy and a wipe of the old buffer.
  size_t need = o.size() + s.size() + 2;
  if (need > o.capacity()) o.reserve(std::max(need, 2 * o.capacity()));
  o += '"';
  append_escaped(o, s);
  o += '"';
}

void JsonWriter::append_escaped(SecretText& o, std::string_view s) {
  const char* of = kEscape.of;
  const size_t n = s.size();
  size_t run = 0;  // start of the current run of characters that need no escape
  auto one = [&](size_t i) {
    char e = of[static_cast<unsigned char>(s[i])];
    if (!e) return;
    o.append(s.data() + run, i - run);
    run = i + 1;
    if (e == 'u') {
      static const char kHex[] = "0123456789abcdef";
      unsigned char c = static_cast<unsigned char>(s[i]);
      const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0x0f]};
      o.append(esc, 6);
    } else {
      const char esc[2] = {'\\', e};
      o.append(esc, 2);
    }
  };
  size_t i = 0;
  // Eight bytes at a time: a word none of whose bytes needs an escape (most of every answer) is
  // skipped whole; any other is done a byte at a time.
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (word_needs_escape(w))
      for (size_t k = i; k < i + 8; k++) one(k);
  }
  for (; i < n; i++) one(i);
  o.append(s.data() + run, n - run);
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
