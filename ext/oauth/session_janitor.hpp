// session_janitor.hpp: ords_purge_expired_sessions, the sweep an application runs off the
// request path (see session_janitor.cpp).
#pragma once
#include <vector>

#include "../conn/call.hpp"

namespace ords::oauth {
const std::vector<FnSpec>& session_janitor_functions();
}
