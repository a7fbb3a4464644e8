// output.cpp: see output.hpp.
#include "output.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "../core/error.hpp"
#include "../core/text.hpp"

namespace ords::plsql {

std::string to_text(const Value& v, const std::string& what) {
  switch (v.kind) {
    case Value::Kind::Null: return "";
    case Value::Kind::Int: return std::to_string(v.i);
    case Value::Kind::Real: {
      if (std::isfinite(v.r) && v.r == std::floor(v.r) && std::fabs(v.r) < 1e15)
        return std::to_string(static_cast<long long>(v.r));
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.15g", v.r);
      return buf;
    }
    case Value::Kind::Text: return std::string(v.s);
    case Value::Kind::Blob: {
      static const char* hex = "0123456789ABCDEF";
      std::string out;
      for (unsigned char c : std::string(v.s)) {
        out += hex[c >> 4];
        out += hex[c & 15];
      }
      return out;
    }
    case Value::Kind::Bool: throw Error(what + ": a BOOLEAN cannot be turned into text (as in PL/SQL)");
    default: throw Error(what + ": a record or table cannot be turned into text; name one of its fields");
  }
}

void print_rows(const std::vector<std::string>& headings, const std::vector<std::vector<Value>>& rows,
                std::vector<std::string>& out) {
  if (rows.empty()) {
    out.push_back("no rows selected");
    out.push_back("");
    return;
  }
  // A value wider than kMax is cut (with "...") when there are several columns; one column shows
  // whole values (a script or a long text), as SQLcl wraps it.
  const size_t kMax = headings.size() > 1 ? 60 : size_t(-1) / 2;
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width;
  for (const auto& h : headings) width.push_back(std::min(kMax, text::char_count(h)));
  for (const auto& r : rows) {
    std::vector<std::string> line;
    for (size_t i = 0; i < r.size(); i++) {
      std::string s = r[i].kind == Value::Kind::Bool ? (r[i].i ? "TRUE" : "FALSE") : to_text(r[i], "a query");
      if (headings.size() > 1)
        for (char& ch : s)
          if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
      if (text::char_count(s) > kMax) {
        size_t cut = 0, chars = 0;
        while (cut < s.size() && chars < kMax - 3) {
          cut++;
          while (cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) cut++;
          chars++;
        }
        s = s.substr(0, cut) + "...";
      }
      size_t longest = 0, start = 0;
      for (size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1)
        longest = std::max(longest, text::char_count(s.substr(start, nl - start)));
      longest = std::max(longest, text::char_count(s.substr(start)));
      width[i] = std::max(width[i], longest);
      line.push_back(std::move(s));
    }
    cells.push_back(std::move(line));
  }
  auto pad = [](const std::string& s, size_t w) { return s + std::string(w - std::min(w, text::char_count(s)), ' '); };
  auto emit = [&](const std::vector<std::string>& line) {
    std::string l;
    for (size_t i = 0; i < line.size(); i++) l += (i ? " " : "") + (i + 1 == line.size() ? line[i] : pad(line[i], width[i]));
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out.push_back(l);
  };
  std::vector<std::string> heads;
  for (const auto& h : headings) heads.push_back(h.size() > 60 ? h.substr(0, 60) : h);
  emit(heads);
  std::vector<std::string> dashes;
  for (size_t w : width) dashes.push_back(std::string(w, '-'));
  emit(dashes);
  for (const auto& c : cells) emit(c);
  out.push_back("");
}

}  // namespace ords::plsql
