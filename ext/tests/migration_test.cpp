// migration_test.cpp: the tables and their versions (store/schema). A database is created at the
// latest version by its first write; one left at version 1 is brought to the latest by the next
// write, one migration at a time; the version is recorded in ords_sec_meta; a database written by
// a newer extension is refused for writes with a clear message, and stays readable.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <unistd.h>

#include "../core/error.hpp"
#include "../store/db.hpp"
#include "../store/schema.hpp"
#include "db_fixture.hpp"
#include "old_schema.hpp"
#include "temp_db_file.hpp"

using namespace ords;

namespace {

std::string tables(DbFixture& f) {
  return f.one("select group_concat(name, ',') from (select name from sqlite_master "
               "where type in ('table', 'index') and name not like 'sqlite_%' order by name)");
}

}  // namespace

TEST_CASE("the migrations are numbered 1, 2, 3 ... in order", "[migration]") {
  const auto& all = store::migrations();
  REQUIRE_FALSE(all.empty());
  for (size_t i = 0; i < all.size(); i++) {
    CHECK(all[i].version == static_cast<int>(i) + 1);
    CHECK(all[i].sql != nullptr);
  }
  CHECK(store::latest_schema_version() == all.back().version);
}

TEST_CASE("a fresh database is version 0 until the first write creates the latest", "[migration]") {
  DbFixture f;
  CHECK(f.one("select json_extract(ords_security_info(), '$.schema_version')") == "0");
  CHECK(f.one("select count(*) from sqlite_master") == "0");
  CHECK(f.one("select count(*) from user_ords_roles") == "0");
  CHECK(f.one("select count(*) from sqlite_master") == "0");
  CHECK(f.one("select create_role('r')") == "NULL");
  const std::string latest = std::to_string(store::latest_schema_version());
  CHECK(f.one("select value from ords_sec_meta where key = 'schema_version'") == latest);
  CHECK(f.one("select json_extract(ords_security_info(), '$.schema_version')") == latest);
  CHECK(f.one("select json_extract(ords_security_info(), '$.latest_schema_version')") == latest);
  CHECK(f.one("select count(*) from sqlite_master where type = 'table' and name not like 'ords_sec%'") == "0");
  CHECK(f.one("select name || '/' || alias from ords_sec_schema where id = 1") == "MAIN/main");
  store::Db db(f.db);
  CHECK(store::schema_version(db) == store::latest_schema_version());
}

TEST_CASE("a database at version 1 is migrated to the latest by the next write", "[migration]") {
  TempDbFile file;
  std::string latest_tables;
  {
    DbFixture fresh;
    REQUIRE(fresh.one("select create_role('x')") == "NULL");
    latest_tables = tables(fresh);
  }
  {
    DbFixture f(file.path.c_str());
    REQUIRE(f.exec("select 1") == "");  // the extension is loaded on this connection
    store::Db db(f.db);
    {
      store::Transaction tx(db);
      store::ensure_schema(db, 1795335186, 1);
      tx.commit();
    }
    CHECK(store::schema_version(db) == 1);
    CHECK(f.one("select value from ords_sec_meta where key = 'schema_version'") == "1");
    // A version-1 database reads fine and holds what version 1 made.
    CHECK(f.one("select count(*) from user_ords_roles") == "0");
    CHECK(f.one("select parsing_schema from user_ords_schemas") == "MAIN");
    // Writing something at version 1, as an older extension would have.
    REQUIRE(f.exec("insert into ords_sec_role(schema_id, name, created_on, updated_on) values (1, 'old', 0, 0)") == "");
  }
  {
    DbFixture f(file.path.c_str());
    CHECK(f.one("select json_extract(ords_security_info(), '$.schema_version')") == "1");
    // Reading does not migrate.
    CHECK(f.one("select name from user_ords_roles") == "old");
    CHECK(f.one("select built_in from user_ords_roles") == "0");  // no built-ins before version 6
    CHECK(f.one("select value from ords_sec_meta where key = 'schema_version'") == "1");
    // The next write does, inside that write's own transaction.
    CHECK(f.one("select create_role('new')") == "NULL");
    CHECK(f.one("select value from ords_sec_meta where key = 'schema_version'") ==
          std::to_string(store::latest_schema_version()));
    CHECK(tables(f) == latest_tables);
    CHECK(f.one("select group_concat(name, ',') from (select name from user_ords_roles order by id)") == "old,new");
  }
}

TEST_CASE("a failed first write after a migration leaves the old version", "[migration]") {
  TempDbFile file;
  DbFixture f(file.path.c_str());
  REQUIRE(f.exec("select 1") == "");
  store::Db db(f.db);
  {
    store::Transaction tx(db);
    store::ensure_schema(db, 0, 1);
    tx.commit();
  }
  CHECK(f.one("select create_role('')") == "ERROR: create_role: p_role_name must not be empty");
  CHECK(f.one("select ords_security_test_fail_after_writes(1)") == "NULL");
  if (store::latest_schema_version() > 1) {
    CHECK(f.one("select create_role('r')") == "ERROR: create_role: test hook: forced failure after a write");
    CHECK(store::schema_version(db) == 1);
  }
  CHECK(f.one("select ords_security_test_fail_after_writes(0)") == "NULL");
}

TEST_CASE("ensure_schema is idempotent", "[migration]") {
  DbFixture f;
  REQUIRE(f.exec("select 1") == "");
  store::Db db(f.db);
  for (int i = 0; i < 3; i++) {
    store::Transaction tx(db);
    store::ensure_schema(db, 0);
    tx.commit();
  }
  CHECK(store::schema_version(db) == store::latest_schema_version());
  CHECK(f.one("select count(*) from ords_sec_schema") == "1");
  CHECK(f.one("select count(*) from ords_sec_meta where key = 'schema_version'") == "1");
}

TEST_CASE("a database of a newer schema version is refused for writes, and stays readable", "[migration]") {
  DbFixture f;
  REQUIRE(f.one("select create_role('r')") == "NULL");
  const int newer = store::latest_schema_version() + 1;
  REQUIRE(f.exec("update ords_sec_meta set value = " + std::to_string(newer) + " where key = 'schema_version'") == "");
  const std::string msg = "the database holds ords_security tables of schema version " + std::to_string(newer) +
                          ", newer than this extension (" + std::to_string(store::latest_schema_version()) +
                          "); load a newer ords_security to write to it";
  CHECK(f.one("select create_role('r2')") == "ERROR: create_role: " + msg);
  CHECK(f.one("select ords_security_config('security.oauth.tokenLifetime', 60)") == "ERROR: ords_security_config: " + msg);
  CHECK(f.one("select enable_schema(1, 'hr')") == "ERROR: enable_schema: " + msg);
  // Nothing changed, and every read still works.
  CHECK(f.one("select group_concat(name) from user_ords_roles") == "r");
  CHECK(f.one("select count(*) from user_ords_schemas") == "1");
  CHECK(f.one("select ords_security_config('security.oauth.tokenLifetime')") == "3600");
  CHECK(f.one("select json_extract(ords_security_info(), '$.schema_version')") == std::to_string(newer));
  CHECK(f.one("select value from ords_sec_meta where key = 'schema_version'") == std::to_string(newer));
  store::Db db(f.db);
  store::Transaction tx(db);
  CHECK_THROWS_AS(store::ensure_schema(db, 0), Error);
}

namespace {

const char* const kOldKindCheck = "CHECK (kind IN ('access', 'refresh', 'code'))";

std::string session_table_sql(DbFixture& f) {
  return f.one("select sql from sqlite_master where type = 'table' and name = 'ords_sec_session'");
}

// How many OpenEphemeral steps SQLite's program for one session INSERT has: the temporary table
// an IN list of more than two constants is coded as.
std::string ephemeral_tables_of_an_insert(DbFixture& f) {
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(f.db,
                             "explain insert into ords_sec_session(digest, schema_id, client_id, kind, issued_on, "
                             "expires_on) values (randomblob(32), 1, 1, 'access', 0, 1)",
                             -1, &st, nullptr) == SQLITE_OK);
  int n = 0;
  while (sqlite3_step(st) == SQLITE_ROW)
    n += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 1))) == "OpenEphemeral";
  sqlite3_finalize(st);
  return std::to_string(n);
}

// A database at version 6 whose session table has the kind CHECK versions 3 to 6 created.
void make_version_6_database(const std::string& path) {
  DbFixture f(path.c_str());
  migrate_to(f, 6);
  REQUIRE(f.exec("pragma writable_schema = on; "
                 "update sqlite_master set sql = replace(sql, "
                 "'CHECK (kind = ''access'' OR kind = ''refresh'' OR kind = ''code'')', "
                 "'CHECK (kind IN (''access'', ''refresh'', ''code''))') "
                 "where type = 'table' and name = 'ords_sec_session'; "
                 "pragma writable_schema = off;") == "");
  REQUIRE(session_table_sql(f).find(kOldKindCheck) != std::string::npos);
}

}  // namespace

TEST_CASE("a new session table's kind CHECK makes SQLite build no temporary table per INSERT", "[migration]") {
  DbFixture f;
  REQUIRE(f.one("select create_role('r')") == "NULL");
  CHECK(session_table_sql(f).find("CHECK (kind = 'access' OR kind = 'refresh' OR kind = 'code')") != std::string::npos);
  CHECK(ephemeral_tables_of_an_insert(f) == "0");
  // As strict as before.
  CHECK(f.exec("insert into ords_sec_session(digest, schema_id, client_id, kind, issued_on, expires_on) "
               "values (randomblob(32), 1, 1, 'bogus', 0, 1)")
            .find("CHECK constraint failed") != std::string::npos);
  CHECK(f.exec("insert into ords_sec_session(digest, schema_id, client_id, kind, issued_on, expires_on) "
               "values (randomblob(32), 1, 1, 'code', 0, 1)") == "");
}

TEST_CASE("version 7 rewrites the old kind CHECK in place, inside the caller's statement", "[migration]") {
  TempDbFile file;
  make_version_6_database(file.path);
  DbFixture reader(file.path.c_str());  // another connection, open before the migration
  REQUIRE(reader.exec("insert into ords_sec_session(digest, schema_id, client_id, kind, issued_on, expires_on) "
                      "values (randomblob(32), 1, 1, 'refresh', 0, 1)") == "");
  CHECK(ephemeral_tables_of_an_insert(reader) == "1");
  {
    DbFixture f(file.path.c_str());
    // The migration runs at the first write, while the caller's statement is still reading rows
    // (where a rebuild of the table would fail with SQLITE_LOCKED).
    CHECK(f.one("select count(*) from json_each('[1, 2, 3]') where create_role('r' || value) is null") == "3");
    CHECK(f.one("select value from ords_sec_meta where key = 'schema_version'") ==
          std::to_string(store::latest_schema_version()));
    CHECK(session_table_sql(f).find(kOldKindCheck) == std::string::npos);
    CHECK(session_table_sql(f).find("CHECK (kind = 'access' OR kind = 'refresh' OR kind = 'code')") != std::string::npos);
    CHECK(f.one("pragma integrity_check") == "ok");
  }
  // The other connection reads the new definition at its next statement (EXPLAIN runs nothing,
  // so it is not that one); the row it wrote is still there, and the constraint is as strict.
  CHECK(reader.one("select count(*) from ords_sec_session where kind = 'refresh'") == "1");
  CHECK(ephemeral_tables_of_an_insert(reader) == "0");
  CHECK(reader.exec("insert into ords_sec_session(digest, schema_id, client_id, kind, issued_on, expires_on) "
                    "values (randomblob(32), 1, 1, 'Access', 0, 1)")
            .find("CHECK constraint failed") != std::string::npos);
  CHECK(reader.one("select create_role('r9')") == "NULL");
  CHECK(reader.one("select count(*) from user_ords_roles where name like 'r_'") == "4");
}

TEST_CASE("in defensive mode version 7 keeps the old kind CHECK: as strict, only slower", "[migration]") {
  TempDbFile file;
  make_version_6_database(file.path);
  DbFixture f(file.path.c_str());
  REQUIRE(sqlite3_db_config(f.db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr) == SQLITE_OK);
  CHECK(f.one("select create_role('r')") == "NULL");
  CHECK(f.one("select value from ords_sec_meta where key = 'schema_version'") ==
        std::to_string(store::latest_schema_version()));
  CHECK(session_table_sql(f).find(kOldKindCheck) != std::string::npos);
  int writable = -1;
  sqlite3_db_config(f.db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, -1, &writable);
  CHECK(writable == 0);
  CHECK(f.exec("insert into ords_sec_session(digest, schema_id, client_id, kind, issued_on, expires_on) "
               "values (randomblob(32), 1, 1, 'access', 0, 1)") == "");
  CHECK(f.exec("insert into ords_sec_session(digest, schema_id, client_id, kind, issued_on, expires_on) "
               "values (randomblob(32), 1, 1, 'bogus', 0, 1)")
            .find("CHECK constraint failed") != std::string::npos);
}

TEST_CASE("the rewrite puts the connection's writable_schema setting back", "[migration]") {
  TempDbFile file;
  make_version_6_database(file.path);
  DbFixture f(file.path.c_str());
  CHECK(f.one("select create_role('r')") == "NULL");
  CHECK(session_table_sql(f).find(kOldKindCheck) == std::string::npos);
  int writable = -1;
  sqlite3_db_config(f.db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, -1, &writable);
  CHECK(writable == 0);
  CHECK(f.exec("update sqlite_master set sql = sql where name = 'ords_sec_session'").find("may not be modified") !=
        std::string::npos);
}
