// jwt_values.hpp: Values and JSON text by hand, for the JWT tests (jwt_test.cpp, jwt_sql_test.cpp).
// A signed token's parts must be exactly the bytes the test chooses, so the tests build header and
// claims as ords::Value trees and write them with this tiny writer (never the extension's own).
#pragma once
#include <sodium.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "../core/value.hpp"

namespace jwt_values {

using ords::Value;
using Members = std::vector<std::pair<std::string, Value>>;
inline Value obj(Members m) {
  Value v;
  v.kind = Value::Kind::Object;
  v.members = std::move(m);
  return v;
}
inline Value arr(std::vector<Value> items) {
  Value v;
  v.kind = Value::Kind::Array;
  v.items = std::move(items);
  return v;
}
inline Value str(const std::string& s) { return Value::text(s); }
inline Value num(int64_t i) { return Value::integer(i); }
inline void set(Value* o, const std::string& name, Value v) {
  for (auto& m : o->members)
    if (m.first == name) {
      m.second = std::move(v);
      return;
    }
  o->members.emplace_back(name, std::move(v));
}
inline void erase(Value* o, const std::string& name) {
  for (auto it = o->members.begin(); it != o->members.end(); ++it)
    if (it->first == name) {
      o->members.erase(it);
      return;
    }
}

// The JSON text of a Value, for the signed parts of a token (the test's own tiny writer).
inline std::string json(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Int: return std::to_string(v.i);
    case Value::Kind::Real: {
      std::ostringstream o;
      o.precision(17);
      o << v.r;
      return o.str();
    }
    case Value::Kind::Bool: return v.i ? "true" : "false";
    case Value::Kind::Text:
    case Value::Kind::Blob: {
      std::string out = "\"";
      for (char c : v.s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      return out + "\"";
    }
    case Value::Kind::Object: {
      std::string out = "{";
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i) out += ",";
        out += json(str(v.members[i].first)) + ":" + json(v.members[i].second);
      }
      return out + "}";
    }
    case Value::Kind::Array: {
      std::string out = "[";
      for (size_t i = 0; i < v.items.size(); ++i) out += (i ? "," : "") + json(v.items[i]);
      return out + "]";
    }
  }
  return "";
}

inline std::string b64url(const std::string& raw) {
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), variant), '\0');
  sodium_bin2base64(&out[0], out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(), variant);
  out.resize(out.size() - 1);
  return out;
}

}  // namespace jwt_values
