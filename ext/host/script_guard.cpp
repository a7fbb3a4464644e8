// script_guard.cpp: ords_script_guard, ords_script_end and the ords_security_script_guard table
// that joins the guarded transaction (see script_guard.hpp for what they promise and why).
//
// The table is eponymous-only and SQLITE_VTAB_DIRECTONLY (a trigger or view of a database file
// cannot arm or read it). Reading it shows the guard's state: no row when idle, else one row
// (script, state, first_error). Writing it is how ords_script_guard joins the transaction:
// xUpdate (INSERT only) arms; xSync refuses the commit of a failed script; xCommit and xRollback
// end it. Every callback that can throw runs through the host's guard (boundary.hpp).
#include "script_guard.hpp"

SQLITE_EXTENSION_INIT3

#include <new>
#include <optional>

#include "../core/args.hpp"
#include "../core/error.hpp"
#include "../core/json_reader.hpp"
#include "../core/text.hpp"
#include "../model/export.hpp"
#include "boundary.hpp"
#include "sqlite_conn.hpp"

namespace ords::host {

namespace {

constexpr const char* kGuardFn = "ords_script_guard";
constexpr const char* kEndFn = "ords_script_end";

std::string quoted(const std::string& script) { return script.empty() ? "(no name)" : text::quote_input(script); }

std::string refusal(const ScriptGuard& g) {
  if (g.state == ScriptGuard::State::Unopened)
    return "script " + quoted(g.script) + " did not start (" + g.first_error +
           "); nothing of it runs, and every ords_security call is refused until select ords_script_end(" +
           (g.script.empty() ? std::string("'(no name)')") : text::sql_literal(g.script) + ")") +
           (g.script.empty() ? " (a guard refused for its p_script has no name: any name ends it)" : "");
  return "an earlier statement of script " + quoted(g.script) + " failed (" + g.first_error +
         "); nothing of the script will be kept";
}

// The transaction ended: remember how, give the connection its schema back, disarm.
void end_transaction(Conn& conn, bool committed) {
  ScriptGuard& g = conn.script;
  if (g.state != ScriptGuard::State::Armed && g.state != ScriptGuard::State::Failed) return;
  g.has_outcome = true;
  g.applied = committed && g.state == ScriptGuard::State::Armed;
  g.outcome_script = g.script;
  g.outcome_error = g.state == ScriptGuard::State::Failed ? g.first_error : std::string("the transaction was rolled back");
  conn.state.current_schema = g.saved_schema;
  g.state = ScriptGuard::State::Idle;
  g.script.clear();
  g.first_error.clear();
}

std::string script_arg(sqlite3_value* v) {
  if (sqlite3_value_type(v) != SQLITE_TEXT) throw Error("p_script must be the script's name (text)");
  std::string s(reinterpret_cast<const char*>(sqlite3_value_text(v)), static_cast<size_t>(sqlite3_value_bytes(v)));
  check_name("p_script", s);
  return s;
}

// ---- the table --------------------------------------------------------------------------------------

struct GuardTab {
  sqlite3_vtab base;
  Conn* conn;
};
struct GuardCursor {
  sqlite3_vtab_cursor base;
  bool eof = true;
};
Conn& conn_of(sqlite3_vtab* v) { return *reinterpret_cast<GuardTab*>(v)->conn; }

int tab_connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
  int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(script TEXT, state TEXT, first_error TEXT)");
  if (rc != SQLITE_OK) return rc;
  auto* t = new (std::nothrow) GuardTab();
  if (!t) return SQLITE_NOMEM;
  t->conn = static_cast<Registration*>(aux)->conn;
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  *out = &t->base;
  return SQLITE_OK;
}
int tab_disconnect(sqlite3_vtab* v) {
  delete reinterpret_cast<GuardTab*>(v);
  return SQLITE_OK;
}
int tab_best_index(sqlite3_vtab*, sqlite3_index_info* info) {
  info->estimatedCost = 1;
  return SQLITE_OK;
}
int tab_open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
  auto* c = new (std::nothrow) GuardCursor();
  if (!c) return SQLITE_NOMEM;
  *out = &c->base;
  return SQLITE_OK;
}
int tab_close(sqlite3_vtab_cursor* c) {
  delete reinterpret_cast<GuardCursor*>(c);
  return SQLITE_OK;
}
int tab_filter(sqlite3_vtab_cursor* c, int, const char*, int, sqlite3_value**) {
  reinterpret_cast<GuardCursor*>(c)->eof = conn_of(c->pVtab).script.state == ScriptGuard::State::Idle;
  return SQLITE_OK;
}
int tab_next(sqlite3_vtab_cursor* c) {
  reinterpret_cast<GuardCursor*>(c)->eof = true;
  return SQLITE_OK;
}
int tab_eof(sqlite3_vtab_cursor* c) { return reinterpret_cast<GuardCursor*>(c)->eof; }
int tab_column(sqlite3_vtab_cursor* c, sqlite3_context* ctx, int col) {
  const ScriptGuard& g = conn_of(c->pVtab).script;
  static const char* const kStates[] = {"idle", "armed", "failed", "unopened"};
  std::string v = col == 0 ? g.script : col == 1 ? kStates[static_cast<int>(g.state)] : g.first_error;
  if (col == 2 && v.empty()) sqlite3_result_null(ctx);
  else sqlite3_result_text(ctx, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return SQLITE_OK;
}
int tab_rowid(sqlite3_vtab_cursor*, sqlite3_int64* r) {
  *r = 1;
  return SQLITE_OK;
}

// INSERT INTO ords_security_script_guard(script) VALUES (?): arms the guard for this
// transaction (a second guard in the same transaction keeps the first one's name).
int tab_update(sqlite3_vtab* v, int argc, sqlite3_value** argv, sqlite3_int64*) {
  Failure f = guard([&] {
    if (argc < 2 || sqlite3_value_type(argv[0]) != SQLITE_NULL)
      throw Error("rows cannot be changed or deleted; call ords_script_guard(p_script) instead");
    Conn& conn = conn_of(v);
    if (sqlite3_get_autocommit(conn.db)) throw Error("arms a guard only inside a transaction (BEGIN ... COMMIT)");
    std::string script = script_arg(argv[2]);
    ScriptGuard& g = conn.script;
    if (g.state == ScriptGuard::State::Armed || g.state == ScriptGuard::State::Failed) return;
    g.state = ScriptGuard::State::Armed;
    g.script = script;
    g.first_error.clear();
    g.saved_schema = conn.state.current_schema;
  });
  return f.failed ? fail_vtab(v, "ords_security_script_guard", f) : SQLITE_OK;
}

int tab_begin(sqlite3_vtab*) { return SQLITE_OK; }

// Before SQLite commits: a failed script's transaction must not commit.
int tab_sync(sqlite3_vtab* v) {
  const ScriptGuard& g = conn_of(v).script;
  if (g.state != ScriptGuard::State::Failed) return SQLITE_OK;
  Failure f;
  f.failed = true;
  f.code = SQLITE_ERROR;
  Failure built = guard([&] { f.message = refusal(g) + "; the transaction is rolled back"; });
  return fail_vtab(v, kGuardFn, built.failed ? built : f);
}

int tab_commit(sqlite3_vtab* v) {
  end_transaction(conn_of(v), true);
  return SQLITE_OK;
}
int tab_rollback(sqlite3_vtab* v) {
  end_transaction(conn_of(v), false);
  return SQLITE_OK;
}

const sqlite3_module kGuardModule = {
    /* iVersion    */ 0,
    /* xCreate     */ nullptr,  // eponymous only
    /* xConnect    */ tab_connect,
    /* xBestIndex  */ tab_best_index,
    /* xDisconnect */ tab_disconnect,
    /* xDestroy    */ nullptr,
    /* xOpen       */ tab_open,
    /* xClose      */ tab_close,
    /* xFilter     */ tab_filter,
    /* xNext       */ tab_next,
    /* xEof        */ tab_eof,
    /* xColumn     */ tab_column,
    /* xRowid      */ tab_rowid,
    /* xUpdate     */ tab_update,
    /* xBegin      */ tab_begin,
    /* xSync       */ tab_sync,
    /* xCommit     */ tab_commit,
    /* xRollback   */ tab_rollback,
    /* xFindMethod */ nullptr,
    /* xRename     */ nullptr,
    /* xSavepoint  */ nullptr,
    /* xRelease    */ nullptr,
    /* xRollbackTo */ nullptr,
    /* xShadowName */ nullptr,
};

// ---- the functions ----------------------------------------------------------------------------------

void script_guard_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) noexcept {
  Conn& conn = *static_cast<Registration*>(sqlite3_user_data(ctx))->conn;
  Failure f = guard([&] {
    if (argc < 1 || argc > 2) throw Error("takes p_script and, optionally, p_creates");
    ScriptGuard& g = conn.script;
    if (g.state == ScriptGuard::State::Failed) throw Error(refusal(g));
    if (g.state == ScriptGuard::State::Unopened) g = ScriptGuard{};  // a new script starts
    std::string script = script_arg(argv[0]);
    if (g.state == ScriptGuard::State::Idle) g.script = script;
    if (sqlite3_get_autocommit(conn.db)) {
      // The script's BEGIN did not run: without a transaction each later call would commit
      // alone, so every one is refused until ords_script_end.
      g.state = ScriptGuard::State::Unopened;
      g.script = script;
      g.first_error = "no transaction was open: its BEGIN IMMEDIATE failed";
      g.saved_schema = conn.state.current_schema;
      throw Error("no transaction is open, so script " + quoted(script) +
                  " cannot apply whole: its BEGIN IMMEDIATE did not run (another connection may be writing: retry, "
                  "or set a busy timeout); nothing of it runs");
    }
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(conn.db, "INSERT INTO ords_security_script_guard(script) VALUES (?1)", -1, &st, nullptr);
    if (rc == SQLITE_OK) {
      sqlite3_bind_text(st, 1, script.data(), static_cast<int>(script.size()), SQLITE_TRANSIENT);
      rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    std::string why = rc == SQLITE_OK ? std::string() : sqlite3_errmsg(conn.db);
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) throw Error("cannot arm the guard: " + why, Code::Error);
    if (argc == 2 && sqlite3_value_type(argv[1]) != SQLITE_NULL) {
      if (sqlite3_value_type(argv[1]) != SQLITE_TEXT) throw Error("p_creates must be JSON text");
      std::string json(reinterpret_cast<const char*>(sqlite3_value_text(argv[1])),
                       static_cast<size_t>(sqlite3_value_bytes(argv[1])));
      exporting::check_script_creates(conn.state, json::parse(json, "p_creates"));
    }
  });
  if (f.failed) {
    ScriptGuard& g = conn.script;
    if (g.state == ScriptGuard::State::Idle) {
      // It failed before it could arm (a bad argument, a table hiding ords_security_script_guard):
      // the script is unguarded, so nothing after it may run, as when no transaction is open.
      g.state = ScriptGuard::State::Unopened;
      g.first_error = std::string(kGuardFn) + ": " + (f.nomem ? std::string("out of memory") : f.message);
      g.saved_schema = conn.state.current_schema;
    } else {
      note_call_failure(conn, kGuardFn, f);
    }
    fail_function(ctx, kGuardFn, f);
    return;
  }
  sqlite3_result_null(ctx);
}

void script_end_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) noexcept {
  Conn& conn = *static_cast<Registration*>(sqlite3_user_data(ctx))->conn;
  Failure f = guard([&] {
    if (argc != 1) throw Error("takes p_script, the name given to ords_script_guard");
    ScriptGuard& g = conn.script;
    if (g.state == ScriptGuard::State::Unopened) {
      // Any ords_script_end ends a script that did not start, whatever its p_script: a guard
      // refused for its own p_script ('', a number) has no name, and the script's last line
      // repeats the same p_script; a wrong name must not leave the connection refusing.
      std::string name = g.script, why = g.first_error;
      conn.state.current_schema = g.saved_schema;
      g = ScriptGuard{};
      std::optional<std::string> script;
      try {
        script = script_arg(argv[0]);
      } catch (const Error&) {
      }
      if (name.empty())
        throw Error("script (no name) was not applied: it did not start (" + why + "); nothing of it ran");
      if (!script || *script != name)
        throw Error("script " + quoted(name) + (script ? " (not " + quoted(*script) + ")" : std::string()) +
                    " did not start (" + why + "); nothing of it ran");
      throw Error("script " + quoted(name) + " was not applied: it did not start (" + why + "); nothing of it ran");
    }
    std::string script = script_arg(argv[0]);
    if (g.state == ScriptGuard::State::Armed || g.state == ScriptGuard::State::Failed)
      throw Error("script " + quoted(g.script) + " is still in its transaction; call ords_script_end after COMMIT");
    if (!g.has_outcome || g.outcome_script != script)
      throw Error("no guarded script named " + quoted(script) + " ended on this connection; nothing is known of it");
    bool applied = g.applied;
    std::string why = g.outcome_error;
    g.has_outcome = false;
    if (!applied)
      throw Error("script " + quoted(script) + " was not applied (" + why + "); the database is as it was before it");
  });
  if (f.failed) {
    fail_function(ctx, kEndFn, f);
    return;
  }
  sqlite3_result_text(ctx, "applied", -1, SQLITE_STATIC);
}

}  // namespace

int register_script_guard(Conn* conn, char** err) {
  Registration* reg = conn->add(nullptr, nullptr);
  int rc = sqlite3_create_module_v2(conn->db, "ords_security_script_guard", &kGuardModule, reg, release_registration);
  if (rc != SQLITE_OK) {
    if (err && !*err) *err = sqlite3_mprintf("registering ords_security_script_guard: %s", sqlite3_errstr(rc));
    return rc;
  }
  // UTF8 | DIRECTONLY (they change the connection's state) | SUBTYPE (as every function here).
  const int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY | 0x000100000;
  struct {
    const char* name;
    void (*fn)(sqlite3_context*, int, sqlite3_value**);
  } const fns[] = {{kGuardFn, script_guard_fn}, {kEndFn, script_end_fn}};
  for (const auto& f : fns) {
    Registration* r = conn->add(nullptr, nullptr);
    rc = sqlite3_create_function_v2(conn->db, f.name, -1, flags, r, f.fn, nullptr, nullptr, release_registration);
    if (rc != SQLITE_OK) {
      if (err && !*err) *err = sqlite3_mprintf("registering %s: %s", f.name, sqlite3_errmsg(conn->db));
      return rc;
    }
  }
  return SQLITE_OK;
}

void refuse_if_script_failed(Conn& conn) {
  const ScriptGuard& g = conn.script;
  if (g.state == ScriptGuard::State::Failed || g.state == ScriptGuard::State::Unopened) throw Error(refusal(g));
}

void note_call_failure(Conn& conn, const char* fn, const Failure& f) noexcept {
  ScriptGuard& g = conn.script;
  if (g.state != ScriptGuard::State::Armed) return;
  g.state = ScriptGuard::State::Failed;
  try {
    g.first_error = std::string(fn) + ": " + (f.nomem ? std::string("out of memory") : f.message);
  } catch (...) {
    g.first_error.clear();
  }
}

}  // namespace ords::host
