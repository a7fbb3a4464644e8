// export_sql.hpp: how the exporters (export.cpp) write values into the SQL scripts they return.
//
// An exported script is read back by the sqlite3 shell (.read) or by any connection's exec, so
// every value a user could have typed (a client's description, a privilege's label, a pattern)
// is written by ONE function, literal(), that no value can escape from:
//   - text becomes an SQL string literal, single quotes doubled: it'; DROP x; -- stays a string;
//   - line feeds and tabs are kept inside the literal as they are; every other control
//     character (a carriage return above all, which the shell drops before a line feed when it
//     reads a file) is written as char(N) joined with ||, so the value comes back byte for byte;
//   - non-ASCII UTF-8 is kept as it is;
//   - a NUL, or text that is not valid UTF-8, is refused (neither can come back exactly).
// Blobs are X'..' literals (blob()), integers their decimal digits, lists JSON arrays of
// literals (json_array('a', 'b')), which every list parameter of the API takes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ords::script {

// `s` as an SQL expression that evaluates to exactly `s` (see above). Throws Error naming
// `what` (never quoting the value) for a NUL or invalid UTF-8.
std::string literal(const std::string& s, const std::string& what);
// NULL, or literal(*s).
std::string nullable(const std::optional<std::string>& s, const std::string& what);
// X'0A1B...' (upper-case hex); an empty blob is X''.
std::string blob(const std::string& bytes);
// The decimal digits, or NULL.
std::string integer(int64_t v);
std::string integer(const std::optional<int64_t>& v);
// json_array('a', 'b') of literal() items; json_array() when empty.
std::string list(const std::vector<std::string>& items, const std::string& what);

}  // namespace ords::script
