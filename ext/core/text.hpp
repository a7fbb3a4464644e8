// text.hpp: checks on text that comes from callers: UTF-8 validity, control characters, length
// in characters, the split of comma-separated lists, and what a message may repeat of a caller's
// value (secret_shaped and the quoting built on it). Pure functions, no host, no storage.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ords::text {

// True when s is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s);

// Number of code points of a valid UTF-8 string.
size_t char_count(std::string_view s);

// True when s holds a C0 control character (NUL included), DEL, or a C1 control (U+0080..U+009F).
bool has_control(std::string_view s);

// Splits "a, b,,c" into {"a","b","c"}: items trimmed of spaces and tabs, empty items dropped.
std::vector<std::string> split_list(std::string_view s);

// Trim ASCII spaces and tabs from both ends.
std::string trim(std::string_view s);

// ---- a caller's value in a message ----------------------------------------------------------------
// The one rule for what an error, a hint or an answer may repeat of a value a caller gave (or of a
// name stored from one): nothing shaped like a secret, a token or a client_id reaches a message
// (SECURITY.md R-25), wherever in the value it sits. secret_shaped is the rule; the others apply
// it. A withheld value reads "(a value shaped like a secret or token, not shown)".

// True when s holds a run of base64url characters (A-Z a-z 0-9 - _) that is
//  - 32 or more characters long (a token, a long secret, whole or cut short), or
//  - 16 or more long and followed by ".." (the ORDS format of client_ids and generated secrets), or
//  - 16 or more long, mixing two of upper case, lower case and digits, and not words joined by "_"
//    or "-" (a generated secret without its "..", a token cut short, a client_id).
// Ordinary names (CLIENT_TEST_ROLE, p_Include_Security_Definitions, oracle.dbtools.sqldev,
// /example/*) are not; a long name written in CamelCase with digits or mixed case and no
// separator (ExampleClientName2024) is, and is withheld too.
bool secret_shaped(std::string_view s);

// The text shown in place of a withheld value.
extern const char* const kWithheld;

// "s" (in double quotes) for a message, or kWithheld.
std::string quote_input(std::string_view s);
// s as it is (an identifier shown bare: schema HR), or kWithheld.
std::string show_input(std::string_view s);
// 's' as an SQL string literal (quotes doubled) for a hint the user can paste, or kWithheld.
std::string sql_literal(std::string_view s);
// True when sql_literal(s) shows s (a hint built around it is worth giving).
inline bool showable(std::string_view s) { return !secret_shaped(s); }
// An object key a caller gave that matches no parameter: "key" when it looks like a parameter
// name (ASCII letters, digits and _, at most 32) and is not secret-shaped, else "?".
std::string quote_key(std::string_view key);

// ASCII lower / upper case.
std::string lower(std::string s);
// ASCII case-insensitive equality (TRUE, true, True), without a copy.
bool iequals(std::string_view a, std::string_view b);
std::string upper(std::string s);

}  // namespace ords::text
