// text.hpp: checks on text that comes from callers: UTF-8 validity, control characters, length
// in characters, and the split of comma-separated lists. Pure functions, no host, no storage.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace ords::text {

// True when s is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool valid_utf8(const std::string& s);

// Number of code points of a valid UTF-8 string.
size_t char_count(const std::string& s);

// True when s holds a C0 control character (NUL included), DEL, or a C1 control (U+0080..U+009F).
bool has_control(const std::string& s);

// Splits "a, b,,c" into {"a","b","c"}: items trimmed of spaces and tabs, empty items dropped.
std::vector<std::string> split_list(const std::string& s);

// Trim ASCII spaces and tabs from both ends.
std::string trim(const std::string& s);

// A caller's value, quoted for an error message ("name"), unless it has the shape of a secret or a
// token (an ORDS-format id or secret, a base64url run of 32 characters or more), which is then
// described instead of shown: a secret passed by mistake where a name goes never reaches an error
// text (SECURITY.md R-25). client_ids share that shape and are withheld too.
std::string quote_input(const std::string& s);

// ASCII lower / upper case.
std::string lower(std::string s);
std::string upper(std::string s);

}  // namespace ords::text
