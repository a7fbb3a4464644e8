// privileges.hpp: the privilege functions of package ORDS (see privileges.cpp).
#pragma once
#include <cstdint>
#include <vector>

#include "../conn/call.hpp"

namespace ords {
const std::vector<FnSpec>& privilege_functions();

// Removes every link to privilege `id` (roles, patterns, modules, and whatever later tables add)
// and then the privilege itself.
void delete_privilege_row(store::Db& db, int64_t id);
}  // namespace ords
