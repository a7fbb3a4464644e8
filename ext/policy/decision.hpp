// decision.hpp: check_request, the allow/deny decision for one HTTP request (see decision.cpp).
#pragma once
#include <vector>

#include "../conn/call.hpp"

namespace ords::policy {
const std::vector<FnSpec>& decision_functions();
}
