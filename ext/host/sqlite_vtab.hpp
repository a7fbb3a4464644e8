// sqlite_vtab.hpp: the user_ords_* views as eponymous virtual tables (see sqlite_vtab.cpp).
#pragma once
#include "sqlite_conn.hpp"

namespace ords::host {

int register_view(Conn* conn, const ViewSpec& view, char** err);

}  // namespace ords::host
