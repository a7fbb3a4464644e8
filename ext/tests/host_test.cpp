// host_test.cpp: the SQLite boundary (host/): the named-or-positional decision with and without
// SQLite's JSON subtype (text bound or read from a table has none), nested JSON objects given as
// text, whole-number REAL arguments (as better-sqlite3 binds every number), a result that cannot
// be delivered changing nothing (sqlite3_limit), a view scanned while a writer adds to it, the
// flags every function gets, the one guard's mapping of exceptions, and the test build's check of
// each view's columns against its query.
#include <catch2/catch.hpp>

#include <new>
#include <stdexcept>
#include <string>

#include "db_fixture.hpp"
// The host headers need only sqlite3ext.h's types here: SQLITE_CORE keeps its API macros out.
#define SQLITE_CORE 1
#include "../core/error.hpp"
#include "../host/boundary.hpp"
#include "../host/registry.hpp"
#include "../host/sqlite_fn.hpp"
#include "../host/sqlite_vtab.hpp"

namespace {

// Runs sql with one text parameter bound (no subtype, as a driver binds it); first column or error.
std::string with_text(DbFixture& f, const std::string& sql, const std::string& text) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(f.db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return "ERROR: prepare";
  sqlite3_bind_text(st, 1, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  std::string out;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out = t ? reinterpret_cast<const char*>(t) : "NULL";
  } else if (rc != SQLITE_DONE) {
    out = std::string("ERROR: ") + sqlite3_errmsg(f.db);
  }
  sqlite3_finalize(st);
  return out;
}

// Runs sql with REAL parameters bound, as better-sqlite3 binds JavaScript numbers.
std::string with_reals(DbFixture& f, const std::string& sql, double a, double b) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(f.db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return "ERROR: prepare";
  sqlite3_bind_double(st, 1, a);
  sqlite3_bind_double(st, 2, b);
  std::string out;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out = t ? reinterpret_cast<const char*>(t) : "NULL";
  } else if (rc != SQLITE_DONE) {
    out = std::string("ERROR: ") + sqlite3_errmsg(f.db);
  }
  sqlite3_finalize(st);
  return out;
}

void client(DbFixture& f) {
  REQUIRE(f.one("select import_client('svc', 'client_credentials', 'ops@example.org', NULL, "
                "'SvcClientId0000000000A..') is not null") == "1");
  REQUIRE(f.one("select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') is not null") == "1");
}

}  // namespace

TEST_CASE("host: the named form is the same with and without the JSON subtype", "[host]") {
  DbFixture f;
  CHECK(f.one("select create_role(json_object('role_name', 'tagged'))") == "NULL");
  CHECK(with_text(f, "select create_role(?1)", R"({"role_name": "bound"})") == "NULL");
  REQUIRE(f.exec("create table t(v text); insert into t values ('{\"p_role_name\": \"from_table\"}');") == "");
  CHECK(f.one("select create_role(v) from t") == "NULL");
  CHECK(f.one("select group_concat(name, ',') from (select name from user_ords_roles order by id)") ==
        "tagged,bound,from_table");
  // text that does not start with { is positional, tagged or not; tagged JSON that is not an
  // object is refused as a named form
  CHECK(with_text(f, "select create_role(?1)", "[not json]") == "NULL");
  CHECK(f.one("select create_role(json_array('x'))") ==
        "ERROR: create_role: a single JSON argument must be an object of named parameters");
  // the same errors either way
  CHECK(with_text(f, "select create_role(?1)", R"({"role_name": "a\u0000b"})") ==
        "ERROR: create_role: the named-argument object must not contain a NUL character");
  CHECK(f.one(R"(select create_role(json('{"role_name": "a\u0000b"}')))") ==
        "ERROR: create_role: the named-argument object must not contain a NUL character");
}

TEST_CASE("host: a NUL escaped in a nested secret is refused, its prefix never authenticates", "[host]") {
  DbFixture f;
  REQUIRE(f.one("select import_client('svc', 'client_credentials', 'ops@example.org', NULL, "
                "'SvcClientId0000000000A..') is not null") == "1");
  const std::string nul = R"({"secret": "svc-secret-0123456789\u0000-abcdefghij"})";
  CHECK(f.one("select register_client_secret('svc', json('" + nul + "'))") ==
        "ERROR: register_client_secret: p_client_secret must not contain a NUL character");
  CHECK(with_text(f, "select register_client_secret('svc', ?1)", nul) ==
        "ERROR: register_client_secret: p_client_secret must not contain a NUL character");
  CHECK(f.one("select register_client_secret(json_object('name', 'svc', 'client_secret', json('" + nul + "')))") ==
        "ERROR: register_client_secret: the named-argument object must not contain a NUL character");
  CHECK(f.one("select ords_security_test_client_auth('SvcClientId0000000000A..', 'svc-secret-0123456789')") == "0");
  CHECK(f.one("select count(*) from ords_sec_client_secret") == "0");
  // the same object without the NUL, given as plain text, is an object (not a secret "{...")
  CHECK(with_text(f, "select register_client_secret('svc', ?1) ->> '$.client_secret.slot'",
                  R"({"secret": "svc-secret-0123456789-abcdefghij", "slot": 2})") == "2");
  CHECK(f.one("select ords_security_test_client_auth('SvcClientId0000000000A..', "
              "'svc-secret-0123456789-abcdefghij')") == "1");
}

TEST_CASE("host: whole-number REAL values go where integers and booleans do", "[host]") {
  DbFixture f;
  client(f);
  CHECK(with_reals(f, "select length(rotate_client_secret('svc', ?1, ?2)) > 0", 1.0, 0.0) == "1");
  CHECK(f.one("select length(rotate_client_secret('svc', 1.0)) > 0") == "1");
  CHECK(with_reals(f, "select rotate_client_secret('svc', ?1, ?2)", 1.5, 0.0) ==
        "ERROR: rotate_client_secret: p_revoke_existing must be TRUE or FALSE (1/0, true/false)");
  CHECK(with_reals(f, "select define_module('m', '/m/', ?1)", 7.0, 0) == "NULL");
  CHECK(f.one("select items_per_page from user_ords_modules") == "7");
  CHECK(with_reals(f, "select define_module('m2', '/m2/', ?1)", 7.5, 0) ==
        "ERROR: define_module: p_items_per_page must be a whole number, not real");
  CHECK(with_reals(f, "select enable_schema(?1, 'realb')", 1.0, 0) == "NULL");
  CHECK(with_reals(f, "select register_client('c2', 'client_credentials', 'x@example.org', NULL, NULL, NULL, NULL, "
                      "NULL, ?1) is not null",
                   3600.0, 0) == "1");
  CHECK(f.one("select token_duration from user_ords_clients where name = 'c2'") == "3600");
}

TEST_CASE("host: a result longer than SQLITE_LIMIT_LENGTH fails before the commit", "[host]") {
  DbFixture f;
  client(f);
  REQUIRE(f.exec("create temp table before as select hash, slot from ords_sec_client_secret") == "");
  int old = sqlite3_limit(f.db, SQLITE_LIMIT_LENGTH, 150);
  std::string r = f.one("select rotate_client_secret(json_object('name', 'svc', 'revoke_existing', 1))");
  sqlite3_limit(f.db, SQLITE_LIMIT_LENGTH, old);
  CHECK(r.find("rotate_client_secret: the result (") != std::string::npos);
  CHECK(r.find("SQLITE_LIMIT_LENGTH (150); nothing was changed") != std::string::npos);
  CHECK(sqlite3_extended_errcode(f.db) == SQLITE_TOOBIG);
  CHECK(f.one("select count(*) from ords_sec_client_secret s join before b using (slot, hash)") == "1");
  CHECK(f.one("select count(*) from ords_sec_client_secret") == "1");
  CHECK(f.one("select ords_security_test_client_auth('SvcClientId0000000000A..', "
              "'svc-secret-0123456789-abcdefghij')") == "1");
  // without the limit the same call works
  CHECK(f.one("select rotate_client_secret(json_object('name', 'svc', 'revoke_existing', 1)) ->> "
              "'$.client_secret.slot' is not null") == "1");
  CHECK(f.one("select ords_security_test_client_auth('SvcClientId0000000000A..', "
              "'svc-secret-0123456789-abcdefghij')") == "0");
}

TEST_CASE("host: a writer called for each row of a view ends", "[host]") {
  DbFixture f;
  client(f);
  for (int i = 0; i < 3; i++)
    REQUIRE(f.one("select oauth_token('client_credentials', 'SvcClientId0000000000A..', "
                  "'svc-secret-0123456789-abcdefghij') ->> 'token_type'") == "bearer");
  REQUIRE(f.one("select count(*) from user_ords_sessions") == "3");
  // bounded by LIMIT: before the rows were taken at xFilter, this read its own new sessions
  CHECK(f.one("select count(*) from (select oauth_token('client_credentials', 'SvcClientId0000000000A..', "
              "'svc-secret-0123456789-abcdefghij') from user_ords_sessions limit 100)") == "3");
  CHECK(f.one("select count(*) from user_ords_sessions") == "6");
}

TEST_CASE("host: every function is SQLITE_SUBTYPE, JSON results SQLITE_RESULT_SUBTYPE", "[host]") {
  for (const ords::FnSpec* fn : ords::host::all_functions()) {
    INFO(fn->name);
    int flags = ords::host::flags_for(*fn);
    CHECK((flags & SQLITE_SUBTYPE) != 0);
    CHECK(((flags & SQLITE_DIRECTONLY) != 0) != ((flags & SQLITE_INNOCUOUS) != 0));
  }
}

TEST_CASE("host: one guard maps every exception", "[host]") {
  using ords::host::guard;
  ords::host::Failure ok = guard([] {});
  CHECK_FALSE(ok.failed);
  ords::host::Failure e = guard([] { throw ords::Error("p_x must not be NULL", ords::Code::Constraint); });
  CHECK(e.failed);
  CHECK(e.message == "p_x must not be NULL");
  CHECK(e.code == SQLITE_CONSTRAINT);
  ords::host::Failure s = guard([] { throw ords::StoreError("database is locked", SQLITE_BUSY_SNAPSHOT); });
  CHECK(s.code == SQLITE_BUSY_SNAPSHOT);
  ords::host::Failure m = guard([] { throw std::bad_alloc(); });
  CHECK(m.nomem);
  CHECK(m.code == SQLITE_NOMEM);
  ords::host::Failure x = guard([] { throw std::runtime_error("boom"); });
  CHECK(x.code == SQLITE_INTERNAL);
  CHECK(x.message == "internal error: boom");
  ords::host::Failure u = guard([] { throw 42; });
  CHECK(u.message == "internal error");
}

TEST_CASE("host: each view's declared columns agree with its query (test builds)", "[host]") {
  DbFixture f;  // loads the extension, so the check has run once already
  for (const ords::ViewSpec* v : ords::host::all_views()) {
    INFO(v->name);
    CHECK(ords::host::check_view_columns(*v) == "");
  }
  ords::ViewSpec missing{"bad_view", "id INTEGER, name TEXT, extra TEXT", "SELECT id, name FROM ords_sec_role WHERE schema_id = ?1",
                         1, true};
  CHECK(ords::host::check_view_columns(missing) == "it declares 3 columns and its query returns 2");
  ords::ViewSpec swapped{"bad_view", "name TEXT, id INTEGER", "SELECT id, name FROM ords_sec_role WHERE schema_id = ?1", 1,
                         true};
  CHECK(ords::host::check_view_columns(swapped) == "its query returns \"id\" as column 1, which it declares as \"name\"");
  ords::ViewSpec broken{"bad_view", "id INTEGER", "SELECT id FROM no_such_table", 1, true};
  CHECK(ords::host::check_view_columns(broken).rfind("its query does not prepare: no such table", 0) == 0);
}
