// schema.hpp: the extension's tables in `main`, their version, and the migrations between versions.
//
// Nothing is created when the extension loads. The first call that writes runs ensure_schema()
// inside its own savepoint: it creates the tables (version 0 -> latest) or migrates an older
// database one step at a time, recording the version in ords_sec_meta. Reads on a database that
// was never written find no tables and see it as empty (schema_version() == 0).
// A database written by a newer extension (a higher version) is refused for writes.
// Tables that exist without a usable version record (ords_sec_meta or its schema_version row
// missing, not an integer, or outside 1..2^31-1) are damaged: schema_version() throws, so every
// reader and writer refuses ("the ords_security tables are damaged: ...") rather than reading
// the database as empty.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "db.hpp"

namespace ords::store {

struct Migration {
  int version;      // the version this step produces
  const char* sql;  // DDL and fixed rows only; no values from callers ("" for none)
  void (*apply)(Db&) = nullptr;  // a step SQL text cannot say portably, run after `sql`
};

// Every migration in order; the last one's version is the current schema version.
const std::vector<Migration>& migrations();
int latest_schema_version();

// 0 when no ords_sec_* table exists; throws Error when the tables are damaged (see above).
// Cached per data version and schema cookie (Db::schema_cache, data_version_cache.hpp).
int schema_version(Db& db);

// The error every reader raises for what the file holds and ords_security never writes (a
// missing version record, a value out of range planted by SQL): "the ords_security tables are
// damaged: <what>; ...". Refusing is the rule: a damaged value is never clamped into a guess.
[[noreturn]] void damaged(const std::string& what);

// v + 1 for a sequence number read back from the file (`what` names its column); refused as
// damaged when it would overflow (a planted 9223372036854775807).
int64_t next_in_sequence(int64_t v, const char* what);

// Brings the tables to `target` (default: latest); `now` stamps the rows it creates.
// Must run inside a Transaction.
void ensure_schema(Db& db, int64_t now, int target = 0);

}  // namespace ords::store
