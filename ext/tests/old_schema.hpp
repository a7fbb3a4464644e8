// old_schema.hpp: makes the tables of an older schema version in a test's database, as an older
// build would have left them, so a test can watch the migrations after it run.
//
//   DbFixture f(file.path.c_str());
//   migrate_to(f, 8);  // the tables of version 8; the next call of the extension migrates on
#pragma once
#include <catch2/catch.hpp>

#include "../store/db.hpp"
#include "../store/schema.hpp"
#include "db_fixture.hpp"

inline void migrate_to(DbFixture& f, int version) {
  REQUIRE(f.exec("select 1") == "");  // the extension is loaded on this connection
  ords::store::Db db(f.db);
  ords::store::Transaction tx(db);
  ords::store::ensure_schema(db, 1795335186, version);
  tx.commit();
}
