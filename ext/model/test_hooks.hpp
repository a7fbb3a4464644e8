// test_hooks.hpp: SQL functions that exist only in the test build (-DORDS_SECURITY_TESTING).
#pragma once
#include <vector>

#include "../conn/call.hpp"

namespace ords {
// Empty in the release build.
const std::vector<FnSpec>& test_hook_functions();
}
