// modules.hpp: the module functions of package ORDS (see modules.cpp).
#pragma once
#include <vector>

#include "../conn/call.hpp"

namespace ords {
const std::vector<FnSpec>& module_functions();
}
