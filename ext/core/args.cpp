// args.cpp: see args.hpp.
#include "args.hpp"

#include <sodium.h>

#include <cmath>

#include "error.hpp"
#include "text.hpp"

namespace ords {

namespace {
const Value kNull;

std::string pname(std::string_view n) { return "p_" + std::string(n); }

Value check_text(const std::string& param, Value&& v, size_t max_chars, bool name_rules) {
  if (v.kind != Value::Kind::Text)
    throw Error(param + " must be text, not " + std::string(v.kind_name()));
  if (!text::valid_utf8(v.s)) throw Error(param + " is not valid UTF-8");
  if (name_rules) {
    check_name(param, v.s);
  } else {
    if (v.s.find('\0') != std::string::npos) throw Error(param + " must not contain a NUL character");
    if (text::char_count(v.s) > max_chars)
      throw Error(param + " is longer than " + std::to_string(max_chars) + " characters");
  }
  return Value::text(std::move(v.s));
}
}  // namespace

void check_name(const std::string& param, std::string_view s) {
  if (!text::valid_utf8(s)) throw Error(param + " is not valid UTF-8");
  if (s.empty()) throw Error(param + " must not be empty");
  if (text::has_control(s)) throw Error(param + " must not contain control characters");
  if (text::char_count(s) > 255) throw Error(param + " is longer than 255 characters");
  auto blank = [](char ch) { return ch == ' ' || ch == '\t'; };
  if (blank(s.front()) || blank(s.back())) throw Error(param + " must not begin or end with a space");
}

std::string normalize_param_name(const std::string& key) {
  std::string k = text::lower(key);
  if (k.size() > 2 && k.compare(0, 2, "p_") == 0) k = k.substr(2);
  return k;
}

namespace {
// A text value check_text accepts as it is, decided without building the parameter's name for
// a message (ISSUE 14: every bound text argument paid for that string): the same tests as
// check_text and check_name, in a form that only says yes or no.
bool plain_text_fits(const Value& v, size_t max_chars, bool name_rules) {
  if (v.kind != Value::Kind::Text || !text::valid_utf8(v.s)) return false;
  if (!name_rules) return v.s.find('\0') == std::string::npos && text::char_count(v.s) <= max_chars;
  const std::string_view s = v.s;
  auto blank = [](char ch) { return ch == ' ' || ch == '\t'; };
  return !s.empty() && !text::has_control(s) && text::char_count(s) <= 255 && !blank(s.front()) && !blank(s.back());
}
}  // namespace

Value check_param(const ParamSpec& p, Value v) {
  if (p.type == ParamType::Text && plain_text_fits(v, p.max_chars ? p.max_chars : 4000, false))
    return Value::text(std::move(v.s));
  if (p.type == ParamType::Name && plain_text_fits(v, 255, true)) return Value::text(std::move(v.s));
  const std::string param = pname(p.name);
  if (v.is_null()) {
    if (p.required) throw Error(param + " must not be NULL");
    return Value::null();
  }
  switch (p.type) {
    case ParamType::Name:
      return check_text(param, std::move(v), 255, true);
    case ParamType::Text:
      return check_text(param, std::move(v), p.max_chars ? p.max_chars : 4000, false);
    case ParamType::Int: {
      if (v.kind == Value::Kind::Int) return v;
      if (v.kind == Value::Kind::Real && std::isfinite(v.r) && std::floor(v.r) == v.r &&
          std::fabs(v.r) < 9.0e15)
        return Value::integer(static_cast<int64_t>(v.r));
      throw Error(param + " must be a whole number, not " + std::string(v.kind_name()));
    }
    case ParamType::Bool: {
      if (v.kind == Value::Kind::Bool) return v;
      if (v.kind == Value::Kind::Int && (v.i == 0 || v.i == 1)) return Value::boolean(v.i == 1);
      // a whole-number real (better-sqlite3 binds every JavaScript number as REAL)
      if (v.kind == Value::Kind::Real && (v.r == 0.0 || v.r == 1.0)) return Value::boolean(v.r == 1.0);
      if (v.kind == Value::Kind::Text) {
        if (text::iequals(v.s, "TRUE")) return Value::boolean(true);
        if (text::iequals(v.s, "FALSE")) return Value::boolean(false);
      }
      throw Error(param + " must be TRUE or FALSE (1/0, true/false)");
    }
    case ParamType::List: {
      Value out;
      out.kind = Value::Kind::Array;
      auto add = [&](std::string_view item) {
        check_name(param, item);
        for (const auto& have : out.items)
          if (std::string_view(have.s) == item) return;  // a repeated item counts once
        out.items.push_back(Value::text(SecretText(item)));
      };
      if (v.kind == Value::Kind::Text) {
        if (!text::valid_utf8(v.s)) throw Error(param + " is not valid UTF-8");
        if (v.s.find('\0') != std::string::npos) throw Error(param + " must not contain a NUL character");
        if (v.s.size() > 65536) throw Error(param + " is longer than 65536 bytes");
        for (const auto& item : text::split_list(v.s)) add(item);
      } else if (v.kind == Value::Kind::Array) {
        if (v.items.size() > 1000) throw Error(param + " has more than 1000 items");
        for (const auto& item : v.items) {
          if (item.kind != Value::Kind::Text) throw Error(param + " items must be text");
          add(item.s);
        }
      } else {
        throw Error(param + " must be comma-separated text or a JSON array, not " +
                    std::string(v.kind_name()));
      }
      return out;
    }
    case ParamType::Object:
      if (v.kind != Value::Kind::Object) throw Error(param + " must be a JSON object");
      return v;
    case ParamType::Blob: {
      if (v.kind != Value::Kind::Blob) throw Error(param + " must be a blob, not " + std::string(v.kind_name()));
      size_t max = p.max_chars ? p.max_chars : (1u << 20);
      if (v.s.size() > max) throw Error(param + " is larger than " + std::to_string(max) + " bytes");
      return v;
    }
    case ParamType::Raw:
      if (v.kind != Value::Kind::Text) throw Error(param + " must be text, not " + std::string(v.kind_name()));
      if (v.s.size() > (1u << 20)) throw Error(param + " is larger than 1048576 bytes");
      return v;
    case ParamType::Json:
      if (v.kind == Value::Kind::Text && v.s.size() > (1u << 20))
        throw Error(param + " is larger than 1048576 bytes");
      return v;
  }
  return v;
}

bool Args::has(std::string_view n) const { return !get(n).is_null(); }

bool Args::given(std::string_view n) const {
  for (const auto& e : values_)
    if (e.name == n) return e.given;
  return false;
}

const Value& Args::get(std::string_view n) const {
  for (const auto& e : values_)
    if (e.name == n) return e.value;
  return kNull;
}

SecretText Args::name(std::string_view n) const {
  const Value& v = get(n);
  if (v.is_null()) throw Error(pname(n) + " must not be NULL");
  return v.s;
}

SecretText Args::text(std::string_view n) const { return name(n); }

std::optional<SecretText> Args::opt_text(std::string_view n) const {
  const Value& v = get(n);
  if (v.is_null()) return std::nullopt;
  return v.s;
}

std::optional<int64_t> Args::opt_int(std::string_view n) const {
  const Value& v = get(n);
  if (v.is_null()) return std::nullopt;
  return v.i;
}

bool Args::boolean(std::string_view n, bool dflt) const {
  const Value& v = get(n);
  if (v.is_null()) return dflt;
  return v.i != 0;
}

std::optional<std::vector<std::string>> Args::opt_list(std::string_view n) const {
  const Value& v = get(n);
  if (v.is_null()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : v.items) out.push_back(plain(item.s));  // list items are names
  return out;
}

const Value* Args::object(std::string_view n) const {
  const Value& v = get(n);
  return v.is_null() ? nullptr : &v;
}

}  // namespace ords
