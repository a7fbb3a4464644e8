// boundary.hpp: the one catch ladder between SQLite (C) and the C++ model.
//
// Every entry point SQLite calls (a function's dispatch, each virtual-table callback, the
// statement-cache anchor) runs its C++ body through guard(), which never throws and turns whatever
// was thrown into a Failure: an ords::Error keeps its message and code, a StoreError the engine's
// (extended) code, std::bad_alloc becomes SQLITE_NOMEM, anything else "internal error". Two
// reporters then speak SQLite: fail_function (sqlite3_result_error, then the code) and fail_vtab
// (zErrMsg, the return code). Messages read `name: what was wrong`.
#pragma once
#include <string>
#include <type_traits>

#include <sqlite3ext.h>

namespace ords::host {

struct Failure {
  bool failed = false;
  bool nomem = false;  // out of memory: report without building a message
  int code = 0;        // SQLITE_OK when !failed
  std::string message;
};

namespace detail {
// Calls fn(ctx) inside the ladder. Defined in boundary.cpp, the only catch ladder of the host.
Failure run_guarded(void (*fn)(void*), void* ctx) noexcept;
}  // namespace detail

// Runs body() and reports what it threw, if anything. Never throws.
template <class F>
Failure guard(F&& body) noexcept {
  using Body = std::remove_reference_t<F>;
  return detail::run_guarded([](void* p) { (*static_cast<Body*>(p))(); },
                             const_cast<void*>(static_cast<const void*>(&body)));
}

// A function call failed: "<fn>: <message>" with its code (or the NOMEM error).
void fail_function(sqlite3_context* ctx, const char* fn, const Failure& f) noexcept;

// A virtual-table callback failed: sets tab->zErrMsg to "<view>: <message>"; returns the code to
// hand back to SQLite.
int fail_vtab(sqlite3_vtab* tab, const char* view, const Failure& f) noexcept;

}  // namespace ords::host
