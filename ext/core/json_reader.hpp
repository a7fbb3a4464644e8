// json_reader.hpp: the one JSON parser of ords_security. Every JSON argument (a named-argument
// object, a nested value, a list given as a JSON array, a client_secret / filter / client_key
// object) is read here, with one set of guards; the JWT work reads its headers and claims here too.
//
// Strict RFC 8259, plus refusals that keep a value from meaning two things:
//   - larger than Limits::max_bytes (1 MiB): refused before any parsing
//   - invalid UTF-8 anywhere, a lone or unpaired surrogate escape (\ud800)
//   - a NUL, raw or escaped (\u0000), anywhere: in keys and in nested strings too (a NUL would cut
//     a C string short, and the prefix must never stand for the value)
//   - containers nested deeper than Limits::max_depth (8; the outermost object or array is 1)
//   - an object naming the same member twice (after unescaping): which one counts is not defined
//   - anything RFC 8259 does not allow: trailing commas, comments, single quotes, leading zeros,
//     NaN/Infinity, a number too large for a double, text after the value
// Numbers: an integer literal (no fraction, no exponent) within int64 is Int; every other number
// is Real (1.0, 1e3, 9223372036854775808). Strings are Text, true/false Bool, null Null.
// Messages start with `what` ("p_filter is not valid JSON") and never quote the input: a JSON
// argument may carry a secret.
// Plain C++, no SQLite (core/ is a leaf).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "error.hpp"
#include "value.hpp"

namespace ords::json {

// What the reader refused, for callers that answer rather than raise (a JWT that is not JSON is a
// 401, not an SQL error) or word one case their own way.
enum class Refusal { NotJson, TooLarge, Nul, TooDeep, Duplicate, NotUtf8, NumberRange };

class ParseError : public Error {
 public:
  ParseError(const std::string& message, Refusal why) : Error(message), why_(why) {}
  Refusal why() const noexcept { return why_; }

 private:
  Refusal why_;
};

struct Limits {
  size_t max_bytes = size_t{1} << 20;
  int max_depth = 8;
};

// Parses `text` as one JSON value. Throws ParseError("<what> ...") on anything refused above.
Value parse(std::string_view text, const std::string& what, const Limits& limits = Limits{});

// True when the first character that is not JSON whitespace is `c` ('{' or '[').
bool starts_with(std::string_view text, char c);

}  // namespace ords::json
