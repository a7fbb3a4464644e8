// sqlite_fn.hpp: the one boundary between SQLite and the C++ model (see sqlite_fn.cpp).
#pragma once
#include "sqlite_conn.hpp"

namespace ords::host {

// Registers one FnSpec on conn's connection, flags chosen from its kind. Returns the SQLite rc.
int register_function(Conn* conn, const FnSpec& spec, char** err);

// The SQLite function flags a kind maps to (also used by the surface documentation).
int flags_for(const FnSpec& spec);

}  // namespace ords::host
