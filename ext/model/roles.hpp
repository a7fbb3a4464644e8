// roles.hpp: the role functions of package ORDS (see roles.cpp).
#pragma once
#include <vector>

#include "../conn/call.hpp"

namespace ords {
const std::vector<FnSpec>& role_functions();
}
