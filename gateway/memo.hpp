// memo.hpp: what each worker remembers between requests, so that a repeated question costs no
// SQL: the decision memo of /auth (exact: the same request, the same second of the model's clock,
// the same database state) and, for one second, which schema an alias and a client belong to
// (the OAuth endpoints' schema check). Per worker thread, bounded in size.
#pragma once
#include <optional>
#include <string>

#include "options.hpp"
#include "request.hpp"
#include "worker_db.hpp"

namespace gw {

// check_request for /auth, answered from the worker's memo when it can be (see memo.cpp).
Decision decide(const Options& o, WorkerDb& db, const CheckArgs& a, const char* authz, const char* origin);
// The schema an enabled alias names (remembered for a second when found).
std::optional<std::string> schema_of_alias(WorkerDb& db, const std::string& alias);
// True when the client belongs to `schema`, the worker's current schema already (remembered for
// a second when it does).
bool client_in_schema(WorkerDb& db, const std::string& client_id, const std::string& schema);

}  // namespace gw
