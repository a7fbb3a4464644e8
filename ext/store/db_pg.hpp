// db_pg.hpp: what the PostgreSQL host (host/pg/) needs of the PostgreSQL store (db_pg.cpp)
// besides db.hpp. Plain C++: no PostgreSQL header, so the host's C++ files that do not touch
// PostgreSQL can include it too.
//
// pg_protect is THE one pattern that calls PostgreSQL from C++: it runs fn(arg) inside PG_TRY;
// a PostgreSQL error (ereport, elog: a longjmp) is caught there, copied, flushed, and thrown as
// a C++ ords::StoreError (message and SQLSTATE, never the detail or the context, which may
// repeat values). fn must be plain C-style code with no C++ object whose destructor matters
// (the longjmp skips destructors). Nothing C++ ever crosses PostgreSQL's longjmp the other way:
// the host's entry points catch every C++ exception before they return to PostgreSQL.
//
// After a PostgreSQL error has been caught, the only thing that may be done with PostgreSQL is
// to roll back the subtransaction the host opened around the call (host/pg/pg_entry.cpp): the
// store calls nothing of PostgreSQL while the exception unwinds, and pg_protect refuses (throws
// again, calling nothing) for the rest of the call, even if C++ code above catches the error.
// A C++ exception thrown by fn is caught inside the PG_TRY and rethrown after it.
#pragma once
#include <cstdint>

namespace ords::store {

// Runs fn(arg); a PostgreSQL error becomes a StoreError (engine_code: the SQLSTATE as
// MAKE_SQLSTATE packs it).
void pg_protect(void (*fn)(void*), void* arg);

// Calls the lambda through pg_protect. The lambda must follow pg_protect's rule.
template <class F>
void pg_run(F&& f) {
  pg_protect([](void* p) { (*static_cast<F*>(p))(); }, &f);
}

// The host tells the store that a new call starts: the data version (the generation counter
// of pg/compat.sql, PostgreSQL having no SQLITE_FCNTL_DATA_VERSION) is read again, once, in
// the next call.
void pg_new_call();

// A PostgreSQL error was caught in this call (pg_protect refuses from then on): the call failed,
// whatever C++ code above made of it, and the host must raise an error.
bool pg_poisoned();

// The name of the schema that holds the extension's objects and tables.
constexpr const char* kPgSchema = "ords_security";

}  // namespace ords::store
