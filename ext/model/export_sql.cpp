// export_sql.cpp: the one quoting function of the exported scripts and its companions (see
// export_sql.hpp for the rules and why each holds).
#include "export_sql.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"

namespace ords::script {

std::string literal(const std::string& s, const std::string& what) {
  if (s.find('\0') != std::string::npos) throw Error(what + " holds a NUL character, which no SQL script can carry");
  if (!text::valid_utf8(s)) throw Error(what + " is not valid UTF-8, so it cannot be exported exactly");
  // Pieces joined by ||: quoted runs of ordinary characters, and char(N, ...) for runs of
  // control characters other than line feed and tab.
  std::string out;
  std::string run;       // the current quoted run, without its quotes
  std::string controls;  // the current char(...) arguments
  bool in_run = false, in_controls = false;
  auto join = [&out](const std::string& piece) {
    if (!out.empty()) out += " || ";
    out += piece;
  };
  auto flush_run = [&] {
    if (in_run) join("'" + run + "'");
    run.clear();
    in_run = false;
  };
  auto flush_controls = [&] {
    if (in_controls) join("char(" + controls + ")");
    controls.clear();
    in_controls = false;
  };
  for (char ch : s) {
    unsigned char u = static_cast<unsigned char>(ch);
    bool control = (u < 0x20 && ch != '\n' && ch != '\t') || u == 0x7f;
    if (control) {
      flush_run();
      if (in_controls) controls += ", ";
      controls += std::to_string(u);
      in_controls = true;
    } else {
      flush_controls();
      run += ch;
      if (ch == '\'') run += '\'';
      in_run = true;
    }
  }
  flush_run();
  flush_controls();
  return out.empty() ? "''" : out;
}

std::string nullable(const std::optional<std::string>& s, const std::string& what) {
  return s ? literal(*s, what) : "NULL";
}

std::string blob(const std::string& bytes) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out = "X'";
  out.reserve(bytes.size() * 2 + 3);
  for (char ch : bytes) {
    unsigned char u = static_cast<unsigned char>(ch);
    out += kHex[u >> 4];
    out += kHex[u & 15];
  }
  return out + "'";
}

std::string integer(int64_t v) { return std::to_string(v); }

std::string integer(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "NULL"; }

std::string list(const std::vector<std::string>& items, const std::string& what) {
  std::string out = "json_array(";
  for (size_t i = 0; i < items.size(); i++) out += (i ? ", " : "") + literal(items[i], what);
  return out + ")";
}

}  // namespace ords::script
