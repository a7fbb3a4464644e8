// token_endpoint.hpp: oauth_token (see token_endpoint.cpp).
#pragma once
#include <vector>

#include "../conn/call.hpp"

namespace ords::oauth {
const std::vector<FnSpec>& token_functions();
}
