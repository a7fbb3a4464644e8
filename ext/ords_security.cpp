// ords_security.cpp: the entry point of the ords_security SQLite extension.
//
// ords_security brings the Oracle REST Data Services (ORDS) OAuth2 security model into SQLite:
// roles, privileges that protect URL patterns and modules, REST-enabled schemas, and (as it
// grows) OAuth clients, secrets, tokens and the allow/deny decision for one request. Everything
// is driven by SQL:
//
//   .load build/ords_security
//   select create_role('example_role');
//   select create_privilege('example_priv', 'example_role', 'Example', 'Protects /example/*');
//   select create_privilege_mapping('example_priv', '/example/*');
//   select * from user_ords_privilege_mappings;
//
// This file is the only one with SQLITE_EXTENSION_INIT1. sqlite3_ordssecurity_init (the name
// SQLite derives from the file name) creates the connection's Conn and registers every function
// and view from the one table in host/registry.cpp, checking each return code. It is the only
// symbol the release library exports. Nothing is written to the database at load time.
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <sodium.h>

#include <new>

#include "host/registry.hpp"
#include "host/script_guard.hpp"
#include "host/sqlite_conn.hpp"
#include "host/sqlite_fn.hpp"
#include "host/sqlite_vtab.hpp"

extern "C" __attribute__((visibility("default"))) int sqlite3_ordssecurity_init(sqlite3* db, char** err,
                                                                                  const sqlite3_api_routines* api) {
  SQLITE_EXTENSION_INIT2(api);
  if (sqlite3_libversion_number() < 3035000) {
    if (err) *err = sqlite3_mprintf("ords_security needs SQLite 3.35.0 or later (this is %s)", sqlite3_libversion());
    return SQLITE_ERROR;
  }
  if (sodium_init() < 0) {
    if (err) *err = sqlite3_mprintf("ords_security: libsodium could not be initialised");
    return SQLITE_ERROR;
  }
  using namespace ords::host;
  Conn* conn = nullptr;
  int rc = SQLITE_OK;
  try {
    conn = new Conn(db);
    conn->retain();  // held by this function until registration is over
    for (const ords::FnSpec* fn : all_functions()) {
      rc = register_function(conn, *fn, err);
      if (rc != SQLITE_OK) break;
    }
    if (rc == SQLITE_OK) {
      for (const ords::ViewSpec* view : all_views()) {
        rc = register_view(conn, *view, err);
        if (rc != SQLITE_OK) break;
      }
    }
    if (rc == SQLITE_OK) rc = register_cache_anchor(conn, err);
    if (rc == SQLITE_OK) rc = register_script_guard(conn, err);
  } catch (const std::bad_alloc&) {
    rc = SQLITE_NOMEM;
  } catch (...) {
    rc = SQLITE_ERROR;
    if (err && !*err) *err = sqlite3_mprintf("ords_security: registration failed");
  }
  if (conn) conn->release();
  return rc;
}
