// registry.hpp: the one registration table of ords_security (see registry.cpp).
#pragma once
#include <vector>

#include "../conn/call.hpp"
#include "../model/views.hpp"

namespace ords::host {

// Every SQL function, in registration order.
std::vector<const FnSpec*> all_functions();
// Every view (eponymous virtual table).
std::vector<const ViewSpec*> all_views();

}  // namespace ords::host
