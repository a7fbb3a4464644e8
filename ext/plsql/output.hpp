// output.hpp: query results as a person reads them, the way SQLcl prints them: the column
// names in upper case as headings, a line of dashes under each, one line per row (columns
// padded to the widest value; with several columns up to 60 characters of each are shown), "no rows selected" for none.
#pragma once
#include <string>
#include <vector>

#include "../core/value.hpp"

namespace ords::plsql {

// A value as PL/SQL turns it into text (|| and PUT_LINE): NULL is empty, numbers in decimal,
// BLOB/RAW as upper-case hex. Throws Error for a BOOLEAN or a record (`what` names the use).
std::string to_text(const Value& v, const std::string& what);

void print_rows(const std::vector<std::string>& headings, const std::vector<std::vector<Value>>& rows,
                std::vector<std::string>& out);

}  // namespace ords::plsql
