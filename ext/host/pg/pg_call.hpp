// pg_call.hpp: the C++ side of the PostgreSQL host, called by the C entry points of
// pg_entry.cpp. Each function here is noexcept: it catches everything (the host's one C++
// guard, host/boundary.hpp) and reports failure as false, with the message and SQLSTATE kept
// for the entry point, which raises them with ereport once no C++ object is alive.
#pragma once
extern "C" {
#include <postgres.h>

#include <fmgr.h>
}

namespace ords::host::pg {

// A function call: fills *result / *isnull (the result is allocated in `cxt`, the caller's
// memory context). False on failure.
bool call_function(FunctionCallInfo fcinfo, MemoryContext cxt, Datum* result, bool* isnull) noexcept;

// A view's rows, put into the materialized set fcinfo's ReturnSetInfo holds. False on failure.
bool call_view(FunctionCallInfo fcinfo) noexcept;

// The call writes nothing (a Pure, Reader or Direct function, already identified at this call
// site): it needs no subtransaction of its own (pg_entry.cpp). False when not known yet.
bool read_only_call(FunctionCallInfo fcinfo) noexcept;

// A PostgreSQL error was caught during the call (store::pg_poisoned).
bool call_poisoned() noexcept;

// The last failure: "<function>: <what was wrong>" and its SQLSTATE.
const char* failure_message() noexcept;
int failure_sqlstate() noexcept;

// The setting ords_security.schema (registered by _PG_init): the current schema of the session.
extern char* g_schema_setting;

}  // namespace ords::host::pg
