// plsql_fn.hpp: the SQL function ords_plsql(p_script) (API.md section 11), registered from the
// one table in host/registry.cpp.
#pragma once
#include <vector>

#include "../core/fn.hpp"

namespace ords::plsql {

const std::vector<FnSpec>& plsql_functions();

}  // namespace ords::plsql
