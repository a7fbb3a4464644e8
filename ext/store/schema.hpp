// schema.hpp: the extension's tables in `main`, their version, and the migrations between versions.
//
// Nothing is created when the extension loads. The first call that writes runs ensure_schema()
// inside its own savepoint: it creates the tables (version 0 -> latest) or migrates an older
// database one step at a time, recording the version in ords_sec_meta. Reads on a database that
// was never written find no tables and see it as empty (schema_version() == 0).
// A database written by a newer extension (a higher version) is refused for writes.
#pragma once
#include <cstdint>
#include <vector>

#include "db.hpp"

namespace ords::store {

struct Migration {
  int version;      // the version this step produces
  const char* sql;  // DDL and fixed rows only; no values from callers
};

// Every migration in order; the last one's version is the current schema version.
const std::vector<Migration>& migrations();
int latest_schema_version();

// 0 when the tables do not exist.
int schema_version(Db& db);

// Brings the tables to `target` (default: latest); `now` stamps the rows it creates.
// Must run inside a Transaction.
void ensure_schema(Db& db, int64_t now, int target = 0);

}  // namespace ords::store
