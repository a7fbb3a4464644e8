// revoke_introspect.hpp: oauth_revoke and oauth_introspect (see revoke_introspect.cpp).
#pragma once
#include <vector>

#include "../conn/call.hpp"

namespace ords::oauth {
const std::vector<FnSpec>& revoke_introspect_functions();
}
