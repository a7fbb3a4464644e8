// args.hpp: argument binding for every SQL function, positional and named.
//
// Positional: the host hands over the SQL arguments as Values, in order; trailing ones may be
// missing and NULL stands for the default. Named: one JSON object whose keys are the PL/SQL
// parameter names with or without "p_", any case; unknown or repeated keys are errors.
// Both forms end in the same Args, checked against each parameter's type:
//   Name   text, valid UTF-8, 1..255 characters, no control characters
//   Text   text, valid UTF-8, at most max_chars characters (4000 by default), no NUL
//   Int    integer (an integral real is accepted); text is refused
//   Bool   0/1, JSON true/false, or 'TRUE'/'FALSE' in any case
//   List   comma-separated text or a JSON array of text; each item checked as a Name
//   Object a JSON object (the host parses JSON text); members checked by the model
//   Blob   a blob (text is refused), at most max_chars bytes (1 MiB by default)
//   Json   any JSON value passed through as given (for JSON documents such as a JWK Set)
//   Raw    text passed through byte for byte (NULs and invalid UTF-8 included) up to 1 MiB, for
//          values whose own checker answers instead of raising (the request path of check_request:
//          a NUL in it is a 400, not an SQL error)
// Errors name the parameter as the PL/SQL API does: "p_role_name must not be NULL".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "value.hpp"

namespace ords {

enum class ParamType { Name, Text, Int, Bool, List, Object, Blob, Json, Raw };

struct ParamSpec {
  const char* name;  // without "p_": "role_name"
  ParamType type;
  bool required = false;
  size_t max_chars = 0;  // 0: the type's default
};

class Args {
 public:
  // Present and not NULL.
  bool has(std::string_view name) const;
  // The bound value (Null when absent).
  const Value& get(std::string_view name) const;

  // Accessors: a missing or NULL required value throws "p_<name> must not be NULL".
  // Text accessors return SecretText: whatever a caller passed (a secret put where a name goes,
  // even) is wiped when the copy is freed.
  SecretText name(std::string_view n) const;
  std::optional<SecretText> opt_text(std::string_view n) const;
  SecretText text(std::string_view n) const;
  std::optional<int64_t> opt_int(std::string_view n) const;
  bool boolean(std::string_view n, bool dflt) const;
  std::optional<std::vector<std::string>> opt_list(std::string_view n) const;
  const Value* object(std::string_view n) const;  // nullptr when NULL/absent

  // The caller wrote this parameter, even as NULL: a positional argument within the count given,
  // or a key of the named object. ords_security_config(p_key, NULL) resets; (p_key) only reads.
  bool given(std::string_view name) const;

  // `name` is a parameter's name as its ParamSpec holds it (text that outlives the Args: a
  // string literal), not a copy.
  void set(const char* name, Value v, bool given = true) { values_.push_back(Entry{name, std::move(v), given}); }
  void reserve(size_t n) { values_.reserve(n); }

 private:
  struct Entry {
    std::string_view name;
    Value value;
    bool given;
  };
  std::vector<Entry> values_;
};


// "p_role_name" / "ROLE_NAME" -> "role_name"
std::string normalize_param_name(const std::string& key);

// Checks one value against its ParamSpec and returns it in canonical form (Bool for booleans,
// Int for integral reals, Array of Text for lists, Text for names). Throws Error naming p_<name>.
Value check_param(const ParamSpec& p, Value v);

// A name as every model object takes it: 1..255 characters, valid UTF-8, no control characters.
// `param` is the parameter name used in the message ("p_role_name").
void check_name(const std::string& param, std::string_view s);

}  // namespace ords
