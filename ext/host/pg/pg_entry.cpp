// pg_entry.cpp: the entry points PostgreSQL calls (the library's only exported symbols,
// pg/exports.map): PG_MODULE_MAGIC, _PG_init (the ords_security.schema setting), ords_pg_fn
// (every SQL function of the install script) and ords_pg_view (every view's set-returning
// function).
//
// The single pattern, the same in both entry points, written in C with no C++ object alive:
//   SPI_connect; BeginInternalSubTransaction (writers only: see below);
//   call the C++ side (pg_call.cpp, noexcept: every C++ exception is caught there, every
//   PostgreSQL error raised below it was caught by store::pg_protect and became a C++ exception);
//   on success ReleaseCurrentSubTransaction, on failure RollbackAndReleaseCurrentSubTransaction;
//   SPI_finish; on failure ereport(ERROR) with the call's message and SQLSTATE.
// So every call is atomic inside the caller's transaction (a failing call leaves no trace and the
// caller's transaction goes on, like SQLite's SAVEPOINT), and no C++ exception ever meets
// PostgreSQL's longjmp. Functions that write nothing (Pure, Reader, Direct: check_request, the
// views) run without the subtransaction (ISSUE 15 speed): they have nothing to undo, and a
// PostgreSQL error caught in them is raised again at once, before any other PostgreSQL work.
#include "pg_call.hpp"

extern "C" {
#include <access/xact.h>
#include <executor/spi.h>
#include <funcapi.h>
#include <utils/guc.h>
#include <utils/memutils.h>
#include <utils/resowner.h>

PG_MODULE_MAGIC;

void _PG_init(void);
void _PG_init(void) {
  DefineCustomStringVariable("ords_security.schema",
                             "The REST-enabled schema ords_security's functions and views act on (ords_set_schema).",
                             NULL, &ords::host::pg::g_schema_setting, "MAIN", PGC_USERSET, 0, NULL, NULL, NULL);
  MarkGUCPrefixReserved("ords_security");
}

PG_FUNCTION_INFO_V1(ords_pg_fn);
PG_FUNCTION_INFO_V1(ords_pg_view);
}

namespace {

// Opens the call's subtransaction (not for a call that writes nothing: `light`); the caller's
// memory context and resource owner are restored.
void begin_call(MemoryContext cxt, ResourceOwner owner, bool light) {
  if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "ords_security: SPI_connect failed");
  if (!light) BeginInternalSubTransaction(NULL);
  MemoryContextSwitchTo(cxt);
}

// Ends it; raises the call's error (after everything is released) when it failed. A call in
// which a PostgreSQL error was caught has failed, even if the C++ side went on. A light call
// that failed that way raises its error at once (no SPI_finish: the abort that follows releases
// the SPI connection and whatever the caught error left), as a PG_CATCH that re-throws does; it
// wrote nothing, and the error rolls back to the caller's savepoint as any error does.
void end_call(bool ok, MemoryContext cxt, ResourceOwner owner, bool light) {
  bool poisoned = ords::host::pg::call_poisoned();
  if (poisoned) ok = false;
  if (!light) {
    if (ok)
      ReleaseCurrentSubTransaction();
    else
      RollbackAndReleaseCurrentSubTransaction();
    MemoryContextSwitchTo(cxt);
    CurrentResourceOwner = owner;
  }
  if (!(light && poisoned)) {
    SPI_finish();
    MemoryContextSwitchTo(cxt);
  }
  if (!ok)
    ereport(ERROR, (errcode(ords::host::pg::failure_sqlstate()), errmsg("%s", ords::host::pg::failure_message())));
}

}  // namespace

extern "C" Datum ords_pg_fn(PG_FUNCTION_ARGS) {
  MemoryContext cxt = CurrentMemoryContext;
  ResourceOwner owner = CurrentResourceOwner;
  Datum result = (Datum)0;
  bool isnull = true;
  bool light = ords::host::pg::read_only_call(fcinfo);
  begin_call(cxt, owner, light);
  bool ok = ords::host::pg::call_function(fcinfo, cxt, &result, &isnull);
  end_call(ok, cxt, owner, light);
  if (isnull) PG_RETURN_NULL();
  return result;
}

extern "C" Datum ords_pg_view(PG_FUNCTION_ARGS) {
  InitMaterializedSRF(fcinfo, 0);
  MemoryContext cxt = CurrentMemoryContext;
  ResourceOwner owner = CurrentResourceOwner;
  begin_call(cxt, owner, true);
  bool ok = ords::host::pg::call_view(fcinfo);
  end_call(ok, cxt, owner, true);
  return (Datum)0;
}
