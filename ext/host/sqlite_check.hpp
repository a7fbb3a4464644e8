// sqlite_check.hpp: check_request's own SQLite entry (see sqlite_check.cpp).
#pragma once
#include <sqlite3ext.h>

#include "../core/fn.hpp"

namespace ords::host {

// True for the spec of check_request (policy/decision.hpp), which gets the entry below.
bool is_check_request(const FnSpec& spec);

// The xFunc of check_request: its plain positional call decided straight from the
// sqlite3_values, anything else handed to dispatch() (sqlite_fn.hpp).
void check_request_entry(sqlite3_context* ctx, int argc, sqlite3_value** argv) noexcept;

#ifdef ORDS_SECURITY_TESTING
namespace testing {
// Test build only: true sends every call through the generic dispatch, so a test can compare
// the two entries' answers (ext/tests/check_fast_test.cpp).
extern bool generic_check_request;
}  // namespace testing
#endif

}  // namespace ords::host
