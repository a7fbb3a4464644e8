// sqlite_vtab.hpp: the user_ords_* views as eponymous virtual tables (see sqlite_vtab.cpp).
#pragma once
#include <string>

#include "sqlite_conn.hpp"

namespace ords::host {

int register_view(Conn* conn, const ViewSpec& view, char** err);

#ifdef ORDS_SECURITY_TESTING
// Test builds: "" when the view's declared columns agree with its query (count; order, when the
// query returns the declared names), else what is wrong. register_view fails the load on it.
std::string check_view_columns(const ViewSpec& view);
#endif

}  // namespace ords::host
