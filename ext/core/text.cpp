// text.cpp: see text.hpp.
#include "text.hpp"

namespace ords::text {

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) { i++; continue; }
    size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return false;  // continuation byte first, C0/C1 overlong lead, or > F4
    if (i + len > n) return false;
    for (size_t k = 1; k < len; k++) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return false;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return false;
    i += len;
  }
  return true;
}

size_t char_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) n++;
  return n;
}

bool has_control(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size(); i++) {
    if (p[i] < 0x20 || p[i] == 0x7F) return true;
    // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F
    if (p[i] == 0xC2 && i + 1 < s.size() && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) return true;
  }
  return false;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) b++;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string item = trim(s.substr(start, comma - start));
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

namespace {
bool is_b64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// A part of an identifier: a word (lower case, upper case, or capitalized), digits after it, or
// digits alone: "reader", "CLIENT", "Include", "v2", "2024".
bool word_part(std::string_view s, size_t b, size_t e) {
  size_t i = b;
  if (i < e && s[i] >= 'A' && s[i] <= 'Z') {
    while (i < e && s[i] >= 'A' && s[i] <= 'Z') i++;
    if (i - b == 1)  // one capital: then lower case ("Include") or nothing more ("X")
      while (i < e && s[i] >= 'a' && s[i] <= 'z') i++;
  } else {
    while (i < e && s[i] >= 'a' && s[i] <= 'z') i++;
  }
  while (i < e && s[i] >= '0' && s[i] <= '9') i++;
  return i == e;
}

// Words joined by "_" or "-" (CLIENT_TEST_ROLE, p_Include_Security_Definitions, hr-client-2):
// how people name things. A random run of 16 or more is split so about once in 20000 (16
// characters) to once in 300000 (22).
bool joined_words(std::string_view s, size_t b, size_t e) {
  bool joined = false;
  size_t start = b;
  for (size_t i = b; i <= e; i++) {
    if (i < e && s[i] != '_' && s[i] != '-') continue;
    if (i < e) joined = true;
    if (!word_part(s, start, i)) return false;
    start = i + 1;
  }
  return joined;
}
}  // namespace

const char* const kWithheld = "(a value shaped like a secret or token, not shown)";

bool secret_shaped(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    if (!is_b64url(s[i])) { i++; continue; }
    size_t start = i;
    bool upper = false, lower = false, digit = false;
    for (; i < n && is_b64url(s[i]); i++) {
      char c = s[i];
      upper = upper || (c >= 'A' && c <= 'Z');
      lower = lower || (c >= 'a' && c <= 'z');
      digit = digit || (c >= '0' && c <= '9');
    }
    size_t len = i - start;
    if (len >= 32) return true;
    if (len >= 16 && s.compare(i, 2, "..") == 0) return true;
    if (len >= 16 && int(upper) + int(lower) + int(digit) >= 2 && !joined_words(s, start, i)) return true;
  }
  return false;
}

std::string quote_input(std::string_view s) { return secret_shaped(s) ? std::string(kWithheld) : "\"" + std::string(s) + "\""; }

std::string show_input(std::string_view s) { return std::string(secret_shaped(s) ? std::string_view(kWithheld) : s); }

std::string sql_literal(std::string_view s) {
  if (secret_shaped(s)) return kWithheld;
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string quote_key(std::string_view key) {
  bool plain = !key.empty() && key.size() <= 32;
  for (char ch : key)
    plain = plain && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_');
  return plain && !secret_shaped(key) ? "\"" + std::string(key) + "\"" : std::string("\"?\"");
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string upper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

}  // namespace ords::text
