// parser.hpp: an ORDS script's text to its AST (ast.hpp), all of it before anything runs.
//
// The subset is API.md section 11's; anything outside it is refused with its line and what is
// not supported ("line 7: IF is not supported in a script ..."). The catalog says which views a
// query may read and their columns (a name in a query's WHERE that is a column is SQL's, one
// that is a variable is bound); dual is always allowed.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "ast.hpp"

namespace ords::plsql {

// view name (lower case) -> its column names (lower case)
using Catalog = std::map<std::string, std::vector<std::string>>;

// Throws Error("line N: ...") on the first thing it cannot parse.
Script parse(const std::string& text, const Catalog& catalog);

// The ORDS packages a call may name (ORDS, ORDS_SECURITY, ...) and the procedures of each, as
// SQL function names (lower case). A name missing from this table is an unknown procedure.
bool package_known(const std::string& package);
bool procedure_known(const std::string& package, const std::string& procedure);

}  // namespace ords::plsql
