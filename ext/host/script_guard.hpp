// script_guard.hpp: whole or not at all, for the SQL scripts export_oauth_client and export_schema
// write (model/export.hpp; docs/export.md).
//
// Neither way of running a script stops it cleanly on its own: the sqlite3 shell goes on to the
// next statement after an error (and the script's final COMMIT would commit everything that did
// work), and sqlite3_exec stops at the first error but leaves the transaction open for whoever
// commits next. So a script reads
//
//   BEGIN IMMEDIATE;
//   SELECT ords_script_guard('<script name>', '<what it creates, JSON>');
//   ... calls ...
//   COMMIT;
//   SELECT ords_script_end('<script name>');
//
// ords_script_guard(p_script [, p_creates]) arms this connection's guard for the current
// transaction, then (with p_creates) refuses at once when anything the script creates already
// exists (model/export.cpp, check_script_creates). While the guard is armed:
//   - the first ords_security function call that fails marks the transaction failed, with its
//     message (dispatch calls note_call_failure);
//   - every later ords_security call refuses at once: "an earlier statement of script "x" failed
//     (<first error>); nothing of the script will be kept" (dispatch calls refuse_if_script_failed);
//   - COMMIT fails with that message, and SQLite rolls the whole transaction back.
// The end of the transaction (COMMIT or ROLLBACK, or the connection closing) disarms it and puts
// back the connection's current schema of before the guard (a script's ords_set_schema is its own).
//
// How COMMIT is refused: the guard joins the transaction as a virtual table that was written
// (an INSERT into the eponymous table ords_security_script_guard), so SQLite calls its xSync
// before it commits, and an xSync error rolls the transaction back; xCommit and xRollback disarm.
// A commit hook could do the same, but sqlite3_commit_hook returns only the previous hook's
// argument, never its function, so an application's own hook could not be chained, only lost.
//
// A guard called with no transaction open (the script's BEGIN IMMEDIATE failed: the database was
// locked, say, and the shell went on) fails and makes every later ords_security call of the
// connection refuse until ords_script_end (or another guard inside a transaction): otherwise each
// call would commit alone. ords_script_end(p_script) reports the script's outcome: 'applied', or
// an error saying why nothing was kept. A script that did not start is ended by any
// ords_script_end, whatever its p_script (a guard refused for its own p_script has no name).
#pragma once
#include <string>

#include <sqlite3ext.h>

namespace ords::host {

struct Conn;
struct Failure;

// The guard's per-connection state (one per Conn).
struct ScriptGuard {
  enum class State {
    Idle,      // no script
    Armed,     // inside a guarded transaction, nothing failed yet
    Failed,    // inside a guarded transaction, a call failed: everything is refused, COMMIT too
    Unopened,  // the guard was called outside a transaction: everything is refused until the end
  };
  State state = State::Idle;
  std::string script;        // the armed script's name
  std::string first_error;   // "<function>: <message>" of the first failure
  std::string saved_schema;  // the current schema when the guard was armed
  // The outcome of the last guarded transaction, for ords_script_end.
  bool has_outcome = false;
  bool applied = false;
  std::string outcome_script, outcome_error;
};

// Registers ords_script_guard, ords_script_end and the ords_security_script_guard table.
int register_script_guard(Conn* conn, char** err);

// For dispatch: throws the refusal when the connection's guard has failed.
void refuse_if_script_failed(Conn& conn);
// For dispatch: a call of `fn` failed; the first failure under an armed guard is remembered.
void note_call_failure(Conn& conn, const char* fn, const Failure& f) noexcept;

}  // namespace ords::host
