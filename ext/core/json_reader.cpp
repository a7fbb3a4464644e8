// json_reader.cpp: the strict JSON reader (see json_reader.hpp). A recursive-descent parser over
// the UTF-8 text; recursion is bounded by Limits::max_depth, so hostile nesting cannot exhaust
// the stack.
#include "json_reader.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <system_error>

#include "args.hpp"
#include "error.hpp"
#include "text.hpp"

namespace ords::json {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A member name is shown in a message only when it reads as a parameter name (and is too short
// to be a secret); anything else could be a value put where a key belongs.
std::string shown_key(const std::string& key) {
  bool plain = !key.empty() && key.size() <= 24;
  for (char ch : key)
    plain = plain && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_');
  return plain ? "\"" + key + "\"" : "a member";
}

class Reader {
 public:
  Reader(std::string_view text, const std::string& what, const Limits& limits)
      : s_(text), what_(what), limits_(limits) {}
  ~Reader() {
    members_.resize(members_at_start_);
    items_.resize(items_at_start_);
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  Value document() {
    skip_ws();
    Value v = value(0);
    skip_ws();
    if (pos_ != s_.size()) invalid();
    return v;
  }

 private:
  std::string_view s_;
  const std::string& what_;
  const Limits& limits_;
  size_t pos_ = 0;

  [[noreturn]] void invalid() const { throw ParseError(what_ + " is not valid JSON", Refusal::NotJson); }
  [[noreturn]] void not_utf8() const { throw ParseError(what_ + " is not valid UTF-8", Refusal::NotUtf8); }

  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }
  void skip_ws() {
    while (!at_end() && is_ws(s_[pos_])) pos_++;
  }
  void expect(char c) {
    if (peek() != c || at_end()) invalid();
    pos_++;
  }
  void literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) invalid();
    pos_ += word.size();
  }

  Value value(int depth) {
    if (at_end()) invalid();
    switch (s_[pos_]) {
      case '{': return object(depth + 1);
      case '[': return array(depth + 1);
      case '"': return Value::text(string());
      case 't': literal("true"); return Value::boolean(true);
      case 'f': literal("false"); return Value::boolean(false);
      case 'n': literal("null"); return Value::null();
      default: return number();
    }
  }

  void check_depth(int depth) const {
    if (depth > limits_.max_depth) throw ParseError(what_ + " is nested too deeply", Refusal::TooDeep);
  }

  // The members (and items) of the containers being read, in order, on one stack per thread,
  // reused from parse to parse: a container's own vector is made once, at its exact size, when
  // its last member is read. (A vector grown member by member moved every Value at each
  // doubling: the largest cost of a JWT's claims.) The reader leaves the stacks as it found them,
  // however it ends, and what it leaves is wiped (Values wipe their text when destroyed).
  struct Stacks {
    std::vector<std::pair<std::string, Value>> members;
    std::vector<Value> items;
  };
  static Stacks& stacks() {
    thread_local Stacks s;
    return s;
  }
  std::vector<std::pair<std::string, Value>>& members_ = stacks().members;
  std::vector<Value>& items_ = stacks().items;
  const size_t members_at_start_ = members_.size();
  const size_t items_at_start_ = items_.size();

  Value object(int depth) {
    check_depth(depth);
    Value out;
    out.kind = Value::Kind::Object;
    pos_++;  // '{'
    skip_ws();
    if (peek() == '}' && !at_end()) {
      pos_++;
      return out;
    }
    const size_t base = members_.size();
    for (;;) {
      skip_ws();
      if (peek() != '"' || at_end()) invalid();
      std::string key = name();  // member names are not secrets
      skip_ws();
      expect(':');
      skip_ws();
      Value v = value(depth);
      members_.emplace_back(std::move(key), std::move(v));
      skip_ws();
      if (at_end()) invalid();
      char c = s_[pos_++];
      if (c == '}') break;
      if (c != ',') invalid();
    }
    refuse_duplicates(base);
    out.members.reserve(members_.size() - base);
    for (size_t i = base; i < members_.size(); ++i) out.members.push_back(std::move(members_[i]));
    members_.resize(base);
    return out;
  }

  // The members from `base` up must not name one member twice. The message names the first of
  // the repeated names in byte order, however many there are.
  void refuse_duplicates(size_t base) const {
    const size_t n = members_.size() - base;
    const std::string* twice = nullptr;
    if (n <= 16) {  // a JWT's claims, a named call: no allocation, no sort
      for (size_t i = base; i < members_.size(); ++i)
        for (size_t j = i + 1; j < members_.size(); ++j)
          if (members_[i].first == members_[j].first && (!twice || members_[i].first < *twice))
            twice = &members_[i].first;
    } else {
      std::vector<const std::string*> keys;
      keys.reserve(n);
      for (size_t i = base; i < members_.size(); ++i) keys.push_back(&members_[i].first);
      std::sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
      for (size_t i = 1; i < keys.size() && !twice; i++)
        if (*keys[i] == *keys[i - 1]) twice = keys[i];
    }
    if (twice) throw ParseError(what_ + " names " + shown_key(*twice) + " twice", Refusal::Duplicate);
  }

  Value array(int depth) {
    check_depth(depth);
    Value out;
    out.kind = Value::Kind::Array;
    pos_++;  // '['
    skip_ws();
    if (peek() == ']' && !at_end()) {
      pos_++;
      return out;
    }
    const size_t base = items_.size();
    for (;;) {
      skip_ws();
      Value v = value(depth);
      items_.push_back(std::move(v));
      skip_ws();
      if (at_end()) invalid();
      char c = s_[pos_++];
      if (c == ']') break;
      if (c != ',') invalid();
    }
    out.items.reserve(items_.size() - base);
    for (size_t i = base; i < items_.size(); ++i) out.items.push_back(std::move(items_[i]));
    items_.resize(base);
    return out;
  }

  unsigned hex4() {
    if (pos_ + 4 > s_.size()) invalid();
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
      char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else invalid();
    }
    return v;
  }

  template <class Out>
  static void put_utf8(Out& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // The text of a string, unescaped. Its buffer is reserved at the raw length (an unescaped string
  // is never longer), so it never grows and leaves no unzeroed copy of a secret behind.
  SecretText string() {
    pos_++;  // '"'
    size_t end = pos_;
    while (end < s_.size() && s_[end] != '"') end += s_[end] == '\\' ? 2 : 1;
    SecretText out;
    out.reserve(end - pos_);
    try {
      read_string(out);
    } catch (...) {
      if (!out.empty()) sodium_memzero(&out[0], out.size());
      throw;
    }
    return out;
  }

  // A member name: plain text (names are not secrets), read the same way.
  std::string name() {
    pos_++;  // '"'
    std::string out;
    read_string(out);
    return out;
  }

  template <class Out>
  void read_string(Out& out) {
    for (;;) {
      // The characters that need no look (neither '"', '\\' nor a control) are taken as one run.
      size_t run = pos_;
      while (run < s_.size()) {
        unsigned char c = static_cast<unsigned char>(s_[run]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        run++;
      }
      if (run > pos_) {
        out.append(s_.data() + pos_, run - pos_);
        pos_ = run;
      }
      if (at_end()) invalid();
      unsigned char c = static_cast<unsigned char>(s_[pos_++]);
      if (c == '"') return;
      if (c < 0x20) invalid();  // raw control characters must be escaped (NUL is refused earlier)
      // c is '\\'
      if (at_end()) invalid();
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp == 0) throw ParseError(what_ + " must not contain a NUL character", Refusal::Nul);
          // a surrogate escape must be a high one followed by a low one: alone it stands for no
          // character, and its UTF-8 form would be invalid
          if (cp >= 0xDC00 && cp <= 0xDFFF) not_utf8();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (pos_ + 2 > s_.size() || s_[pos_] != '\\' || s_[pos_ + 1] != 'u') not_utf8();
            pos_ += 2;
            unsigned lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) not_utf8();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          put_utf8(out, cp);
          break;
        }
        default: invalid();
      }
    }
  }

  Value number() {
    size_t start = pos_;
    bool integral = true;
    if (peek() == '-') pos_++;
    if (at_end()) invalid();
    if (s_[pos_] == '0') {
      pos_++;
    } else if (s_[pos_] >= '1' && s_[pos_] <= '9') {
      while (!at_end() && s_[pos_] >= '0' && s_[pos_] <= '9') pos_++;
    } else {
      invalid();
    }
    if (peek() == '.' && !at_end()) {
      integral = false;
      pos_++;
      size_t d = pos_;
      while (!at_end() && s_[pos_] >= '0' && s_[pos_] <= '9') pos_++;
      if (pos_ == d) invalid();
    }
    if (!at_end() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      integral = false;
      pos_++;
      if (!at_end() && (s_[pos_] == '+' || s_[pos_] == '-')) pos_++;
      size_t d = pos_;
      while (!at_end() && s_[pos_] >= '0' && s_[pos_] <= '9') pos_++;
      if (pos_ == d) invalid();
    }
    const char* first = s_.data() + start;
    const char* last = s_.data() + pos_;
    if (integral) {
      int64_t i = 0;
      auto r = std::from_chars(first, last, i);
      if (r.ec == std::errc() && r.ptr == last) return Value::integer(i);
      // out of int64 range: a real, as below
    }
    double d = 0;
    auto r = std::from_chars(first, last, d);
    if (r.ptr != last || r.ec == std::errc::invalid_argument) invalid();
    // too large for a double, or too small to be told from zero: refused, not rounded (RFC 8259
    // section 6 lets a reader limit the range)
    if (r.ec == std::errc::result_out_of_range || !std::isfinite(d)) throw ParseError(what_ + " has a number out of range", Refusal::NumberRange);
    return Value::real(d);
  }
};

}  // namespace

bool starts_with(std::string_view text, char c) {
  for (char ch : text) {
    if (is_ws(ch)) continue;
    return ch == c;
  }
  return false;
}

Value parse(std::string_view text, const std::string& what, const Limits& limits) {
  if (text.size() > limits.max_bytes)
    throw ParseError(what + " is larger than " + std::to_string(limits.max_bytes) + " bytes", Refusal::TooLarge);
  if (text.find('\0') != std::string::npos)
    throw ParseError(what + " must not contain a NUL character", Refusal::Nul);
  if (!ords::text::valid_utf8(text)) throw ParseError(what + " is not valid UTF-8", Refusal::NotUtf8);
  return Reader(text, what, limits).document();
}

}  // namespace ords::json
