// sqlite_conn.hpp: the per-connection object of the SQLite host.
//
// Loading the extension on a connection creates one Conn. Every registered function and module
// holds a reference to it (their xDestroy callbacks release it), so it lives exactly as long as
// the registrations: until the connection closes or the extension is loaded again over it.
//
// The statement cache needs one more guarantee: sqlite3_close() refuses to close while any
// statement is unfinalized, and it checks that before it destroys functions. It does, however,
// disconnect every virtual table first, eponymous ones included. So the cache is anchored to an
// eponymous virtual table, ords_security_statements: the first call connects it, and its
// xDisconnect finalizes the cache. Until it is connected (or if a real table of that name hides
// it), statements are prepared and finalized per call, which is slower but always safe.
#pragma once
#include <memory>
#include <vector>

#include <sqlite3ext.h>

#include "../conn/call.hpp"
#include "../conn/conn_state.hpp"
#include "../core/secret_text.hpp"
#include "../model/views.hpp"
#include "script_guard.hpp"

namespace ords::host {

struct Conn;

// user data of one registered function or module
struct Registration {
  Conn* conn;
  const FnSpec* fn = nullptr;
  const ViewSpec* view = nullptr;
};

struct Conn {
  explicit Conn(sqlite3* handle) : db(handle), state(handle) {}
  sqlite3* db;
  ConnState state;
  int refs = 0;
  enum class Anchor { NotTried, Connected, Lost } anchor = Anchor::NotTried;
  std::vector<std::unique_ptr<Registration>> registrations;
  ScriptGuard script;  // whole-or-nothing scripts (script_guard.hpp)
  // check_request's answer, written here by its fast entry and reused call after call
  // (sqlite_check.cpp); wiped after each call.
  SecretText answer;

  Registration* add(const FnSpec* fn, const ViewSpec* view);
  void retain() { refs++; }
  void release() {
    if (--refs == 0) delete this;
  }
  // Connects the cache anchor once (see above). Never throws.
  void ensure_cache() noexcept;
};

// xDestroy for every registration
void release_registration(void* p);

// Registers the anchor module on the connection.
int register_cache_anchor(Conn* conn, char** err);

}  // namespace ords::host
