// authorize_endpoint.hpp: oauth_authorize (see authorize_endpoint.cpp).
#pragma once
#include <vector>

#include "../conn/call.hpp"

namespace ords::oauth {
const std::vector<FnSpec>& authorize_functions();
}
