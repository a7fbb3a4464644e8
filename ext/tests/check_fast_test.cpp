// check_fast_test.cpp: check_request's two entries answer alike, byte for byte.
//
// The SQLite host decides check_request's plain positional call in its own entry
// (host/sqlite_check.cpp: the arguments read as views, the answer written once into a reused
// buffer) and hands every other call to the generic dispatch (Values, Args, Call). This test runs
// each request twice on the same connection, once through each entry (the test build's
// ords::host::testing::generic_check_request switch), and compares the whole answer or the whole
// error message: statuses 200, 400, 401, 403 and 404, origins, the named form, NULL, NUL, numbers,
// blobs, huge and malformed inputs, wrong argument counts. Tokens are captured, never printed.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

#include "db_fixture.hpp"

namespace ords::host::testing {
extern bool generic_check_request;  // host/sqlite_check.hpp (that header is for the extension's side)
}

namespace {

// One argument as bound: text (may hold NUL), NULL, an integer or a blob.
struct Arg {
  enum class Kind { Text, Null, Int, Blob } kind = Kind::Null;
  std::string s;
  static Arg text(std::string v) { return {Kind::Text, std::move(v)}; }
  static Arg null() { return {Kind::Null, {}}; }
  static Arg integer() { return {Kind::Int, {}}; }
  static Arg blob(std::string v) { return {Kind::Blob, std::move(v)}; }
};

// The answer of `sql` with `args` bound as ?1.., or "ERROR: <message>".
std::string run(sqlite3* db, const std::string& sql, const std::vector<Arg>& args) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    std::string e = std::string("ERROR: ") + sqlite3_errmsg(db);
    sqlite3_finalize(st);
    return e;
  }
  for (size_t i = 0; i < args.size(); i++) {
    int n = static_cast<int>(i + 1);
    const Arg& a = args[i];
    switch (a.kind) {
      case Arg::Kind::Text: sqlite3_bind_text64(st, n, a.s.data(), a.s.size(), SQLITE_TRANSIENT, SQLITE_UTF8); break;
      case Arg::Kind::Null: sqlite3_bind_null(st, n); break;
      case Arg::Kind::Int: sqlite3_bind_int64(st, n, 42); break;
      case Arg::Kind::Blob: sqlite3_bind_blob64(st, n, a.s.data(), a.s.size(), SQLITE_TRANSIENT); break;
    }
  }
  std::string out;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out = t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(st, 0))) : "NULL";
    // The JSON subtype travels with the answer (json_type sees an object, not a string).
    rc = sqlite3_step(st);
  }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) out = std::string("ERROR: ") + sqlite3_errmsg(db);
  sqlite3_finalize(st);
  return out;
}

// check_request(?1, ..., ?n) through the fast entry and through the generic one.
struct Both {
  std::string fast, generic;
};
Both both(sqlite3* db, const std::string& sql, const std::vector<Arg>& args) {
  ords::host::testing::generic_check_request = false;
  std::string fast = run(db, sql, args);
  ords::host::testing::generic_check_request = true;
  std::string generic = run(db, sql, args);
  ords::host::testing::generic_check_request = false;
  return {fast, generic};
}

std::string positional(size_t n) {
  std::string sql = "select check_request(";
  for (size_t i = 0; i < n; i++) sql += (i ? ", ?" : "?") + std::to_string(i + 1);
  return sql + ")";
}

struct Model {
  DbFixture f;
  std::string token, revoked;  // access tokens of client svc (captured, never printed)
  Model() {
    REQUIRE(f.one("select create_role('r')") == "NULL");
    REQUIRE(f.one("select define_privilege('p', 'r', '/p/*')") == "NULL");
    REQUIRE(f.one("select define_privilege('other', NULL, '/o/*')") == "NULL");
    REQUIRE(f.one("select register_client(json_object('name', 'svc', 'grant_type', 'client_credentials', "
                  "'support_email', 'ops@example.org', 'origins_allowed', 'https://app.example.org')) "
                  "->> '$.client_key.name'") == "svc");
    REQUIRE(f.one("select grant_client_role('svc', 'r')") == "NULL");
    REQUIRE(f.exec("create temp table cred as select client_id as id, rotate_client_secret('svc') as s "
                   "from user_ords_clients where name = 'svc'") == "");
    REQUIRE(f.exec("create temp table tok as select oauth_token('client_credentials', id, s) ->> 'access_token' as t, "
                   "oauth_token('client_credentials', id, s) ->> 'access_token' as u from cred") == "");
    token = f.one("select t from tok");
    revoked = f.one("select u from tok");
    REQUIRE(token.size() > 20);
    REQUIRE(revoked.size() > 20);
    REQUIRE(f.one("select oauth_revoke(json_object('token', u, 'client_id', id, 'client_secret', s)) from tok, cred")
                .rfind("ERROR", 0) != 0);
  }
};

}  // namespace

TEST_CASE("check_request: the fast entry and the generic one answer byte for byte alike", "[policy][decision][fast]") {
  Model m;
  sqlite3* db = m.f.db;
  const std::string huge(200000, 'a');
  std::vector<Arg> methods = {Arg::text("GET"), Arg::text("get"), Arg::text("DELETE"), Arg::text("BREW"),
                              Arg::text(""), Arg::null(), Arg::text(std::string("G\0ET", 4))};
  std::vector<Arg> paths = {Arg::text("/p/1"), Arg::text("/o/1"), Arg::text("/q/1"), Arg::text("/ords/main/p/1"),
                            Arg::text("/ords/nosuch/p/1"), Arg::text("/p%2F1"), Arg::text("/p/../p/1"),
                            Arg::text("https://h.example/ords/main/p/x"), Arg::text(""), Arg::null(),
                            Arg::text("/p/\xC3\xA9t\xC3\xA9"), Arg::text("/p/\xFF\xFE"),
                            Arg::text(std::string("/p/\0x", 5)), Arg::text("/p/\"quoted\"\\\n\t")};
  std::vector<Arg> auths = {Arg::null(),
                            Arg::text("Bearer " + m.token),
                            Arg::text("bearer \t" + m.token + "  "),
                            Arg::text("Bearer " + m.revoked),
                            Arg::text("Basic c3ZjOnNlY3JldA=="),
                            Arg::text("Bearer"),
                            Arg::text("Bearer x"),
                            Arg::text("Bearer a.b.c"),
                            Arg::text("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
                            Arg::text("Bearer " + m.token + " extra"),
                            Arg::text(std::string("Bearer ") + m.token + std::string("\0", 1))};
  std::vector<std::vector<Arg>> origins = {{}, {Arg::null()}, {Arg::text("https://app.example.org")},
                                           {Arg::text("https://app.example.org.evil.net")}, {Arg::text("")}};
  size_t compared = 0;
  std::vector<int> statuses;
  for (const Arg& method : methods)
    for (const Arg& path : paths)
      for (const Arg& auth : auths)
        for (const auto& origin : origins) {
          std::vector<Arg> args = {method, path, auth};
          args.insert(args.end(), origin.begin(), origin.end());
          Both b = both(db, positional(args.size()), args);
          REQUIRE(b.fast == b.generic);
          compared++;
          if (b.fast.rfind("{\"status\":", 0) == 0) statuses.push_back(std::stoi(b.fast.substr(10, 3)));
        }
  CHECK(compared == methods.size() * paths.size() * auths.size() * origins.size());
  // Every status the decision has was among the answers compared.
  for (int s : {200, 400, 401, 403, 404})
    CHECK(std::count(statuses.begin(), statuses.end(), s) > 0);

  SECTION("inputs the fast entry hands on: numbers, blobs, JSON, oversized, wrong counts") {
    std::vector<std::vector<Arg>> odd = {
        {Arg::integer(), Arg::text("/p/1"), Arg::null()},
        {Arg::text("GET"), Arg::blob("/p/1"), Arg::null()},
        {Arg::text("GET"), Arg::text("/p/1"), Arg::blob("Bearer " + m.token)},
        {Arg::text("GET"), Arg::text("/p/1"), Arg::null(), Arg::integer()},
        {Arg::text("GET"), Arg::text("/p/" + huge)},
        {Arg::text("GET"), Arg::text("/p/" + std::string(1 << 20, 'x')), Arg::null()},
        {Arg::text("GET"), Arg::text("/p/1"), Arg::text("Bearer " + huge)},
        {Arg::text("GET"), Arg::text("/p/1"), Arg::null(), Arg::null(), Arg::null()},
        {Arg::text("GET")},
        {},
    };
    for (const auto& args : odd) {
      Both b = both(db, positional(args.size()), args);
      CHECK(b.fast == b.generic);
    }
    CHECK(both(db, positional(5), odd[7]).fast.rfind("ERROR: check_request: ", 0) == 0);
  }

  SECTION("the named form goes the generic way and answers as the positional call does") {
    for (const Arg& path : {Arg::text("/p/1"), Arg::text("/o/1"), Arg::text("/q/1"), Arg::text("/ords/nosuch/p/1")})
      for (const Arg& auth : {Arg::null(), Arg::text("Bearer " + m.token), Arg::text("Bearer x")}) {
        std::vector<Arg> args = {Arg::text("GET"), path, auth, Arg::text("https://evil.example")};
        Both named = both(db, "select check_request(json_object('method', ?1, 'path', ?2, 'authorization', ?3, 'origin', ?4))", args);
        CHECK(named.fast == named.generic);
        CHECK(both(db, positional(4), args).fast == named.fast);
      }
    // A JSON-tagged argument in the positional form is the generic path's to judge.
    std::vector<Arg> args = {Arg::text("GET"), Arg::text("/p/1"), Arg::text("Bearer x")};
    Both tagged = both(db, "select check_request(?1, json_quote(?2), ?3)", args);
    CHECK(tagged.fast == tagged.generic);
  }

  SECTION("the answer carries SQLite's JSON subtype through both entries") {
    std::vector<Arg> args = {Arg::text("GET"), Arg::text("/p/1"), Arg::text("Bearer " + m.token)};
    Both b = both(db, "select json_type(json_array(check_request(?1, ?2, ?3)), '$[0]')", args);
    CHECK(b.fast == "object");
    CHECK(b.generic == "object");
    Both s = both(db, positional(3), args);
    CHECK(s.fast.rfind("{\"status\":200,", 0) == 0);
    CHECK(s.fast == s.generic);
  }
}
