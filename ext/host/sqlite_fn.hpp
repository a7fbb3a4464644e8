// sqlite_fn.hpp: the one boundary between SQLite and the C++ model (see sqlite_fn.cpp).
#pragma once
#include <cstddef>

#include "sqlite_conn.hpp"

namespace ords::host {

// Registers one FnSpec on conn's connection, flags chosen from its kind. Returns the SQLite rc.
int register_function(Conn* conn, const FnSpec& spec, char** err);

// The SQLite function flags a kind maps to (also used by the surface documentation).
int flags_for(const FnSpec& spec);

// The generic entry of every function (its user data a Registration): what a dedicated entry
// (sqlite_check.cpp) hands a call it does not take itself.
void dispatch(sqlite3_context* ctx, int argc, sqlite3_value** argv) noexcept;

// Throws the TooBig ords::Error when a result of `n` bytes exceeds the connection's
// SQLITE_LIMIT_LENGTH (the message every function's result gives).
void check_result_length(sqlite3* db, size_t n);

// The JSON subtype SQLite's JSON functions use (read from arguments, set on JSON results).
inline constexpr unsigned kJsonSubtype = 'J';

}  // namespace ords::host
