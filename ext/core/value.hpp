// value.hpp: a host-independent SQL/JSON value.
//
// The host converts each SQL argument (and each member of a named-call JSON object) into a Value;
// model functions return a Value that the host turns back into an SQL result. Objects keep their
// keys in order; the host's JSON parser builds them, the core never parses JSON text itself.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "secret_text.hpp"

namespace ords {

struct Value {
  enum class Kind { Null, Int, Real, Text, Blob, Bool, Object, Array };

  Kind kind = Kind::Null;
  int64_t i = 0;         // Int, Bool (0/1)
  double r = 0;          // Real
  SecretText s;          // Text (UTF-8 as given, may hold NULs), Blob bytes; wiped when freed
  bool json = false;     // Text that is JSON (result: tagged as JSON for the host)
  std::vector<std::pair<std::string, Value>> members;  // Object
  std::vector<Value> items;                            // Array

  static Value null() { return Value{}; }
  static Value integer(int64_t v) { Value x; x.kind = Kind::Int; x.i = v; return x; }
  static Value real(double v) { Value x; x.kind = Kind::Real; x.r = v; return x; }
  static Value boolean(bool v) { Value x; x.kind = Kind::Bool; x.i = v ? 1 : 0; return x; }
  static Value text(SecretText v) { Value x; x.kind = Kind::Text; x.s = std::move(v); return x; }
  static Value json_text(SecretText v) { Value x = text(std::move(v)); x.json = true; return x; }
  static Value blob(SecretText v) { Value x; x.kind = Kind::Blob; x.s = std::move(v); return x; }

  bool is_null() const { return kind == Kind::Null; }
  const char* kind_name() const {
    switch (kind) {
      case Kind::Null: return "NULL";
      case Kind::Int: return "integer";
      case Kind::Real: return "real";
      case Kind::Text: return "text";
      case Kind::Blob: return "blob";
      case Kind::Bool: return "boolean";
      case Kind::Object: return "object";
      case Kind::Array: return "array";
    }
    return "value";
  }
};

}  // namespace ords
