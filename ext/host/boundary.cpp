// boundary.cpp: the catch ladder of the host (see boundary.hpp). Nothing else in host/ catches.
#include "boundary.hpp"

SQLITE_EXTENSION_INIT3

#include <exception>
#include <new>

#include "../core/error.hpp"

namespace ords::host {

namespace detail {

Failure run_guarded(void (*fn)(void*), void* ctx) noexcept {
  Failure f;
  try {
    try {
      fn(ctx);
      return f;
    } catch (const StoreError& e) {
      f.code = e.engine_code();
      f.message = e.what();
    } catch (const Error& e) {
      f.code = e.sqlite_code();
      f.message = e.what();
    } catch (const std::bad_alloc&) {
      f.nomem = true;
      f.code = SQLITE_NOMEM;
    } catch (const std::exception& e) {
      f.code = SQLITE_INTERNAL;
      f.message = std::string("internal error: ") + e.what();
    } catch (...) {
      f.code = SQLITE_INTERNAL;
      f.message = "internal error";
    }
  } catch (...) {  // building the message itself ran out of memory
    f.nomem = true;
    f.code = SQLITE_NOMEM;
    f.message.clear();
  }
  f.failed = true;
  if (f.code == SQLITE_OK) f.code = SQLITE_ERROR;
  return f;
}

}  // namespace detail

void fail_function(sqlite3_context* ctx, const char* fn, const Failure& f) noexcept {
  if (f.nomem) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  char* full = sqlite3_mprintf("%s: %s", fn, f.message.c_str());
  if (!full) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_error(ctx, full, -1);
  sqlite3_free(full);
  // result_error resets the code to SQLITE_ERROR: set ours after it
  if (f.code != SQLITE_ERROR) sqlite3_result_error_code(ctx, f.code);
}

int fail_vtab(sqlite3_vtab* tab, const char* view, const Failure& f) noexcept {
  if (f.nomem) return SQLITE_NOMEM;
  sqlite3_free(tab->zErrMsg);
  tab->zErrMsg = sqlite3_mprintf("%s: %s", view, f.message.c_str());
  return f.code;
}

}  // namespace ords::host
