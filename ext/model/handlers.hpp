// handlers.hpp: what ORDS export scripts define beside security (ORDS.DEFINE_HANDLER,
// DEFINE_PARAMETER, DEFINE_SERVICE, ENABLE_OBJECT) and the view user_ords_handlers.
#pragma once
#include <vector>

#include "../conn/call.hpp"
#include "views.hpp"

namespace ords {

const std::vector<FnSpec>& handler_functions();
const std::vector<ViewSpec>& handler_views();

}  // namespace ords
