// bind_fast.cpp: the one-pass binding of the plainest named calls (see bind_fast.hpp). Every rule
// here is a subset of the generic path's (json_reader.cpp, bind.cpp bind_named, args.cpp
// check_param): where this code is unsure, it declines.
#include "bind_fast.hpp"

namespace ords {

namespace {

constexpr size_t kMaxText = 64 * 1024;
constexpr size_t kMaxMembers = 16;
constexpr size_t kMaxKey = 64;
const ParamSpec kImpliedSchema{"schema", ParamType::Name, false, 0};

bool ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Cursor {
  std::string_view t;
  size_t i = 0;
  void skip_ws() {
    while (i < t.size() && ws(t[i])) i++;
  }
  bool take(char c) {
    if (i < t.size() && t[i] == c) {
      i++;
      return true;
    }
    return false;
  }
  // A JSON string of printable ASCII without escapes; false on anything else.
  bool plain_string(std::string_view& out) {
    if (!take('"')) return false;
    size_t start = i;
    while (i < t.size()) {
      unsigned char c = static_cast<unsigned char>(t[i]);
      if (c == '"') {
        out = t.substr(start, i - start);
        i++;
        return true;
      }
      if (c < 0x20 || c > 0x7E || c == '\\') return false;
      i++;
    }
    return false;
  }
};

// The parameter a key names, as bind_named finds it: lower case, "p_" dropped when more follows,
// then the positional parameters, the named-only ones, and the implied `schema`. nullptr when the
// key names none (or is too long to be looked at here: `*too_long`).
const ParamSpec* param_for(const FnSpec& spec, std::string_view key, bool* too_long) {
  if (key.size() > kMaxKey) {
    *too_long = true;
    return nullptr;
  }
  char buf[kMaxKey];
  for (size_t j = 0; j < key.size(); j++) {
    char c = key[j];
    buf[j] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::string_view k(buf, key.size());
  if (k.size() > 2 && k[0] == 'p' && k[1] == '_') k.remove_prefix(2);
  if (k.empty()) return nullptr;  // no parameter has an empty name
  for (const auto* list : {&spec.params, &spec.named_only})
    for (const auto& p : *list)
      if (p.name[0] == k[0] && k == p.name) return &p;
  // No parameter of the function is called "schema" (it would have matched): the implied one.
  if (k == kImpliedSchema.name) return &kImpliedSchema;
  return nullptr;
}

// check_param's rules for a plain ASCII text value (no control character, no NUL, one byte a
// character): true when it would accept `v` unchanged.
bool value_fits(const ParamSpec& p, std::string_view v) {
  switch (p.type) {
    case ParamType::Name:
      return !v.empty() && v.size() <= 255 && v.front() != ' ' && v.back() != ' ';
    case ParamType::Text:
      return v.size() <= (p.max_chars ? p.max_chars : 4000);
    case ParamType::Raw:
      return v.size() <= (size_t{1} << 20);
    default:
      return false;  // numbers, booleans, lists, objects, blobs, JSON: the generic path
  }
}

}  // namespace

bool bind_named_fast(const FnSpec& spec, std::string_view text, Args& out) {
  if (text.size() > kMaxText) return false;
  if (!spec.params.empty() &&
      (spec.params[0].type == ParamType::Object || spec.params[0].type == ParamType::Json))
    return false;
  struct Member {
    std::string_view key, value;
    const ParamSpec* param;
  };
  Member members[kMaxMembers];
  size_t n = 0;
  Cursor c{text};
  c.skip_ws();
  if (!c.take('{')) return false;
  c.skip_ws();
  if (!c.take('}')) {
    for (;;) {
      if (n == kMaxMembers) return false;
      Member& m = members[n];
      c.skip_ws();
      if (!c.plain_string(m.key)) return false;
      c.skip_ws();
      if (!c.take(':')) return false;
      c.skip_ws();
      if (!c.plain_string(m.value)) return false;
      c.skip_ws();
      bool too_long = false;
      m.param = param_for(spec, m.key, &too_long);
      if (too_long) return false;
      if (m.param ? !value_fits(*m.param, m.value) : !spec.ignore_unknown_keys) return false;
      for (size_t j = 0; j < n; j++)
        if (members[j].key == m.key || (m.param && members[j].param == m.param)) return false;
      n++;
      if (c.take(',')) continue;
      if (c.take('}')) break;
      return false;
    }
  }
  c.skip_ws();
  if (c.i != text.size()) return false;

  auto given = [&](const ParamSpec* p) {
    for (size_t j = 0; j < n; j++)
      if (members[j].param == p) return true;
    return false;
  };
  for (const auto* list : {&spec.params, &spec.named_only})
    for (const auto& p : *list)
      if (p.required && !given(&p)) return false;  // "p_x must not be NULL": the generic path

  // The Args bind_named makes, as its readers see them: the given members in their order. An
  // absent parameter is left out rather than set to a NULL that was not given, which every
  // accessor reads alike (get: NULL, has and given: false, a required one: "must not be NULL").
  Args args;
  args.reserve(n);
  for (size_t j = 0; j < n; j++)
    if (members[j].param) args.set(members[j].param->name, Value::text(SecretText(members[j].value)));
  out = std::move(args);
  return true;
}

}  // namespace ords
