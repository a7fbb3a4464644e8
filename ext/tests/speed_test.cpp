// speed_test.cpp: what the speed work of ISSUE 14 must not change, and what it adds.
// - Migration 5 (store/schema.cpp): a database at version 4 gains the policy generation, whose
//   triggers count changes to the tables the request decision caches from and nothing else
//   (issuing a token leaves it alone).
// - The decision carries its cache across commits that changed no policy, and sees a policy
//   change made by another connection on its next call (the generation moved).
// - Migration 8's protection generation: every write that can change a schema's guards moves it
//   and the next decision on another connection sees the change; a policy change that moves
//   only the policy generation (a role, a client created) keeps the guards (the test build's
//   ords_security_test_guard_reads() counts the reads). Since migration 9 such a write is
//   patched in from the change log: only the privileges it touched are re-read
//   (ords_security_test_privilege_reads(); change_log_test.cpp has the log's own tests).
// - The prefix trie (policy/match.hpp CandidateIndex) decides exactly as the linear scan.
// - base64url decoding (jwt/common.cpp): the fast path agrees with libsodium on every input.
#include <catch2/catch.hpp>

#include <cstdio>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include <sodium.h>

#include "../jwt/common.hpp"
#include "../policy/match.hpp"
#include "../store/db.hpp"
#include "../store/schema.hpp"
#include "db_fixture.hpp"
#include "old_schema.hpp"
#include "temp_db_file.hpp"

using namespace ords;

namespace {

std::string generation(DbFixture& f) {
  return f.one("select value from ords_sec_meta where key = 'policy_generation'");
}

// A client_credentials client holding example_role, and one of its secrets (captured, never printed).
std::string make_client(DbFixture& f) {
  REQUIRE(f.one("select register_client('speed_cc', 'client_credentials', 'x@example.org') is not null") == "1");
  REQUIRE(f.one("select grant_client_role('speed_cc', 'example_role')") == "NULL");
  return f.one("select rotate_client_secret('speed_cc')");
}

std::string token(DbFixture& f, const std::string& secret) {
  std::string cid = f.one("select client_id from user_ords_clients where name = 'speed_cc'");
  return f.one("select oauth_token('client_credentials', '" + cid + "', '" + secret + "') ->> '$.access_token'");
}

std::string status(DbFixture& f, const std::string& path, const std::string& tok) {
  return f.one("select check_request('GET', '" + path + "', 'Bearer " + tok + "') ->> '$.status'");
}

}  // namespace

TEST_CASE("a version-4 database gains the policy generation at version 5; only policy changes move it",
          "[speed][migration]") {
  TempDbFile file;
  {
    DbFixture f(file.path.c_str());
    migrate_to(f, 4);
    REQUIRE(f.exec("insert into ords_sec_role(schema_id, name, created_on, updated_on) values (1, 'example_role', 0, 0)") == "");
    CHECK(generation(f) == "");  // no such record at version 4
  }
  DbFixture f(file.path.c_str());
  // The next write migrates (one step at a time, 4 -> latest) and its own change counts.
  REQUIRE(f.one("select create_privilege('example_priv', 'example_role', 'Example', 'd')") == "NULL");
  CHECK(f.one("select value >= 5 from ords_sec_meta where key = 'schema_version'") == "1");
  CHECK(f.one("select count(*) >= 42 from sqlite_master where type = 'trigger' and name like 'ords_sec_pg_%'") == "1");
  CHECK(f.one("select name from user_ords_roles") == "example_role");  // the version-4 row is kept
  REQUIRE(f.one("select create_privilege_mapping('example_priv', '/example/*')") == "NULL");
  std::string secret = make_client(f);
  std::string g = generation(f);
  CHECK(f.one("select typeof(value) from ords_sec_meta where key = 'policy_generation'") == "integer");
  // Tokens issued, checked and revoked: sessions only, the generation stays.
  std::string t = token(f, secret);
  REQUIRE(t.size() == 43);
  CHECK(status(f, "/example/x", t) == "200");
  CHECK(token(f, secret).size() == 43);
  CHECK(generation(f) == g);
  // A policy change moves it.
  REQUIRE(f.one("select create_role('other')") == "NULL");
  CHECK(std::stoll(generation(f)) > std::stoll(g));
}

TEST_CASE("a decision sees another connection's policy change at once, and keeps its cache across token commits",
          "[speed][decision]") {
  TempDbFile file;
  DbFixture a(file.path.c_str()), b(file.path.c_str());
  REQUIRE(b.exec("pragma journal_mode = wal") == "");
  REQUIRE(b.one("select create_role('example_role')") == "NULL");
  REQUIRE(b.one("select create_privilege('example_priv', 'example_role', 'Example', 'd')") == "NULL");
  REQUIRE(b.one("select create_privilege_mapping('example_priv', '/example/*')") == "NULL");
  std::string secret = make_client(b);
  std::string t = token(b, secret);
  CHECK(status(a, "/example/x", t) == "200");
  CHECK(status(a, "/other/x", t) == "200");  // public
  // Another connection issues tokens (no policy change): a's next decisions are right.
  std::string t2 = token(b, secret);
  CHECK(status(a, "/example/x", t2) == "200");
  CHECK(status(a, "/example/x", t) == "200");
  // It protects /other/* with a privilege the client's role does not satisfy: a sees it at once.
  REQUIRE(b.one("select create_role('other_role')") == "NULL");
  REQUIRE(b.one("select create_privilege('other_priv', 'other_role', 'Other', 'd')") == "NULL");
  REQUIRE(b.one("select create_privilege_mapping('other_priv', '/other/*')") == "NULL");
  CHECK(status(a, "/other/x", t) == "403");
  // ... and a role granted to the client (a change to the client's roles) too.
  REQUIRE(b.one("select grant_client_role('speed_cc', 'other_role')") == "NULL");
  CHECK(status(a, "/other/x", t) == "200");
  // Deleting the client ends its tokens' access (the cached client is dropped with the generation).
  REQUIRE(b.one("select delete_client('speed_cc')") != "");
  CHECK(status(a, "/example/x", t) == "401");
}

// Store migration 8's protection generation: two connections on one WAL file, `b` writing the
// policy and `a` deciding. The policy: roles r1 and r2; privilege p1 (role r1) maps /p1/*; p2
// (role r2) maps /p2/* and protects module m1 (/m1/); module m2 (/m2/) is unprotected; client
// speed_cc holds r1. So /p1/x is 200, /p2/x and /m1/x are 403 and /m2/x is 200 for its token.
// Beside them, 20 privileges f1 .. f20 (role rf) map /f1/* .. /f20/*: a patch must not re-read them.
struct ProtectionFixture {
  TempDbFile file;
  DbFixture a{file.path.c_str()}, b{file.path.c_str()};
  std::string tok;
  ProtectionFixture() {
    REQUIRE(b.exec("pragma journal_mode = wal") == "");
    for (const char* sql : {"select create_role('r1')", "select create_role('r2')",
                            "select create_privilege('p1', 'r1', 'P1', 'd')",
                            "select create_privilege_mapping('p1', '/p1/*')",
                            "select create_privilege('p2', 'r2', 'P2', 'd')",
                            "select create_privilege_mapping('p2', '/p2/*')", "select define_module('m1', '/m1/')",
                            "select set_module_privilege('m1', 'p2')", "select define_module('m2', '/m2/')",
                            "select register_client('speed_cc', 'client_credentials', 'x@example.org') is not null",
                            "select grant_client_role('speed_cc', 'r1') is null"}) {
      INFO(sql);
      std::string got = b.one(sql);
      REQUIRE((got == "NULL" || got == "1"));
    }
    REQUIRE(b.one("select create_role('rf')") == "NULL");
    REQUIRE(b.one("select sum(create_privilege('f' || value, 'rf', 'F', 'd') is null) + "
                  "sum(create_privilege_mapping('f' || value, '/f' || value || '/*') is null) from "
                  "(with recursive n(value) as (select 1 union all select value + 1 from n where value < 20) select value from n)") ==
            "40");
    std::string secret = b.one("select rotate_client_secret('speed_cc')");
    tok = token(b, secret);
    REQUIRE(tok.size() == 43);
  }
  // A field of a's answer for GET `path`, with the token or with no Authorization at all.
  std::string answer(const std::string& path, const std::string& field = "status", bool auth = true) {
    return a.one("select check_request('GET', '" + path + "', " + (auth ? "'Bearer " + tok + "'" : std::string("NULL")) +
                 ") ->> '$." + field + "'");
  }
  int64_t guard_reads() { return std::stoll(a.one("select ords_security_test_guard_reads()")); }
  int64_t privilege_reads() { return std::stoll(a.one("select ords_security_test_privilege_reads()")); }
  std::string meta(const char* key) { return b.one(std::string("select value from ords_sec_meta where key = '") + key + "'"); }
};

TEST_CASE("a version-7 database gains the protection generation at version 8", "[speed][migration]") {
  TempDbFile file;
  {
    DbFixture f(file.path.c_str());
    migrate_to(f, 7);
    CHECK(f.one("select count(*) from ords_sec_meta where key = 'protection_generation'") == "0");
  }
  DbFixture f(file.path.c_str());
  REQUIRE(f.one("select create_role('r1')") == "NULL");  // the write migrates
  CHECK(f.one("select value >= 8 from ords_sec_meta where key = 'schema_version'") == "1");
  CHECK(f.one("select typeof(value) || value from ords_sec_meta where key = 'protection_generation'") == "integer1");
  CHECK(f.one("select count(*) from sqlite_master where type = 'trigger' and name like 'ords_sec_pt_%'") == "18");
  // A role nobody names, a client: the protection generation stays; a mapping moves it.
  REQUIRE(f.one("select register_client('c', 'client_credentials', 'x@example.org') is not null") == "1");
  CHECK(f.one("select value from ords_sec_meta where key = 'protection_generation'") == "1");
  REQUIRE(f.one("select create_privilege('p1', 'r1', 'P1', 'd')") == "NULL");
  CHECK(f.one("select value > 1 from ords_sec_meta where key = 'protection_generation'") == "1");
}

// Each write that can change what protects a path, made by another connection as plain SQL on
// the one table (so that only that table's trigger fires): the very next decision sees it, the
// guards of the privilege it touched having been read again (migration 9's change log), and no
// other privilege's, nor the schema's whole guards. Each case runs on a fresh database.
TEST_CASE("every protecting write moves the protection generation and the next decision sees it", "[speed][decision]") {
  struct Case {
    const char* what;
    const char* before_sql;  // run by b first (may be ""), not measured
    const char* path;
    const char* field;
    bool auth;
    const char* before;
    const char* write;
    const char* after;
    int reread = 1;  // privileges read again
  };
  const Case cases[] = {
      {"privilege inserted (a pattern left behind names its id)",
       "insert into ords_sec_privilege_pattern values (999, '/ghost/*')", "/ghost/x", "status", false, "200",
       "insert into ords_sec_privilege(id, schema_id, name, created_on, updated_on) values (999, 1, 'ghost', 0, 0)", "401"},
      {"privilege renamed", "", "/p1/x", "privilege", true, "p1", "update ords_sec_privilege set name = 'p1z' where name = 'p1'",
       "p1z"},
      {"privilege moved to another schema", "", "/p2/x", "status", true, "403",
       "update ords_sec_privilege set schema_id = 2 where name = 'p2'", "200"},
      {"privilege deleted", "", "/p2/x", "status", true, "403", "delete from ords_sec_privilege where name = 'p2'", "200"},
      {"pattern added", "", "/new/x", "status", true, "200",
       "insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'", "403"},
      {"pattern changed", "", "/p2/x", "status", true, "403",
       "update ords_sec_privilege_pattern set pattern = '/moved/*' where pattern = '/p2/*'", "200"},
      {"pattern removed", "", "/p2/x", "status", true, "403", "delete from ords_sec_privilege_pattern where pattern = '/p2/*'",
       "200"},
      {"module added to a privilege", "", "/m2/x", "status", true, "200",
       "insert into ords_sec_privilege_module select p.id, m.id from ords_sec_privilege p, ords_sec_module m "
       "where p.name = 'p2' and m.name = 'm2'",
       "403"},
      {"module's privilege changed", "", "/m1/x", "status", true, "403",
       "update ords_sec_privilege_module set privilege_id = (select id from ords_sec_privilege where name = 'p1')", "200",
       2},  // the privilege it left and the one it joined
      {"module taken from its privilege", "", "/m1/x", "status", true, "403", "delete from ords_sec_privilege_module", "200"},
      {"privilege role added", "", "/p2/x", "status", true, "403",
       "insert into ords_sec_privilege_role select p.id, r.id from ords_sec_privilege p, ords_sec_role r "
       "where p.name = 'p2' and r.name = 'r1'",
       "200"},
      {"privilege role changed", "", "/p1/x", "status", true, "200",
       "update ords_sec_privilege_role set role_id = (select id from ords_sec_role where name = 'r2') "
       "where role_id = (select id from ords_sec_role where name = 'r1')",
       "403"},
      {"privilege role removed", "", "/p2/x", "status", true, "403",
       "delete from ords_sec_privilege_role where role_id = (select id from ords_sec_role where name = 'r2')", "200"},
      {"module inserted (a privilege link left behind names its id)",
       "insert into ords_sec_privilege_module select id, 999 from ords_sec_privilege where name = 'p2'", "/ghostm/x", "status",
       true, "200",
       "insert into ords_sec_module(id, schema_id, name, base_path, items_per_page, status, created_on, updated_on) "
       "values (999, 1, 'ghost', '/ghostm/', 25, 'PUBLISHED', 0, 0)",
       "403"},
      {"module base path changed", "", "/m1/x", "status", true, "403",
       "update ords_sec_module set base_path = '/m1b/' where name = 'm1'", "200"},
      {"module deleted", "", "/m1/x", "status", true, "403", "delete from ords_sec_module where name = 'm1'", "200"},
      {"role inserted (a privilege role left behind names its id)",
       "create temp table gone as select * from ords_sec_role where name = 'r2'; delete from ords_sec_role where name = 'r2'",
       "/p2/x", "status", true, "200", "insert into ords_sec_role select * from temp.gone", "403"},
      {"role renamed", "", "/p2/x", "reason", true,
       "protected by privilege \"p2\", which needs role \"r2\"; client \"speed_cc\" holds none: "
       "grant_client_role('speed_cc', 'r2')",
       "update ords_sec_role set name = 'r2x' where name = 'r2'",
       "protected by privilege \"p2\", which needs role \"r2x\"; client \"speed_cc\" holds none: "
       "grant_client_role('speed_cc', 'r2x')"},
      {"role's id changed", "", "/p2/x", "status", true, "403", "update ords_sec_role set id = 500 where name = 'r2'", "200"},
      {"role deleted", "", "/p2/x", "status", true, "403", "delete from ords_sec_role where name = 'r2'", "200"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    ProtectionFixture f;
    if (*c.before_sql) REQUIRE(f.b.exec(c.before_sql) == "");
    REQUIRE(f.answer(c.path, c.field, c.auth) == c.before);
    REQUIRE(f.answer(c.path, c.field, c.auth) == c.before);  // from the cache
    std::string generation = f.meta("protection_generation");
    int64_t reads = f.guard_reads(), privileges = f.privilege_reads();
    REQUIRE(f.b.exec(c.write) == "");
    CHECK(std::stoll(f.meta("protection_generation")) > std::stoll(generation));
    CHECK(f.answer(c.path, c.field, c.auth) == c.after);
    CHECK(f.guard_reads() == reads);
    CHECK(f.privilege_reads() == privileges + c.reread);
    CHECK(f.answer("/f7/x", "privilege") == "f7");  // the others' guards are still there
    CHECK(f.guard_reads() == reads);
  }
}

// The same through the model's writers (each may write several tables).
TEST_CASE("the model's protecting writes take effect on another connection's next decision", "[speed][decision]") {
  struct Case {
    const char* write;
    const char* path;
    const char* field;
    const char* before;
    const char* after;
  };
  const Case cases[] = {
      {"select create_privilege_mapping('p2', '/new/*')", "/new/x", "status", "200", "403"},
      {"select delete_privilege_mapping('p2', '/p2/*')", "/p2/x", "status", "403", "200"},
      {"select delete_privilege('p2')", "/p2/x", "status", "403", "200"},
      {"select rename_privilege('p1', 'p1z')", "/p1/x", "privilege", "p1", "p1z"},
      {"select define_module('m1', '/m1b/')", "/m1/x", "status", "403", "200"},
      {"select define_module('m1', '/m1b/')", "/m1b/x", "status", "200", "403"},
      {"select set_module_privilege('m2', 'p2')", "/m2/x", "status", "200", "403"},
      {"select set_module_privilege('m1', NULL)", "/m1/x", "status", "403", "200"},
      {"select delete_module('m1')", "/m1/x", "status", "403", "200"},
      {"select define_privilege('p2', 'r1,r2', '/p2/*')", "/p2/x", "status", "403", "200"},
      {"select define_privilege('p1', 'r2', '/p1/*')", "/p1/x", "status", "200", "403"},
      {"select rename_role('r1', 'r1x')", "/p1/x", "reason", "client \"speed_cc\" holds role \"r1\" of privilege \"p1\"",
       "client \"speed_cc\" holds role \"r1x\" of privilege \"p1\""},
  };
  for (const Case& c : cases) {
    INFO(c.write << " on " << c.path);
    ProtectionFixture f;
    REQUIRE(f.answer(c.path, c.field) == c.before);
    int64_t reads = f.guard_reads(), privileges = f.privilege_reads();
    std::string got = f.b.one(c.write);
    REQUIRE(got.rfind("ERROR", 0) == std::string::npos);
    CHECK(f.answer(c.path, c.field) == c.after);
    CHECK(f.guard_reads() == reads);
    CHECK(f.privilege_reads() == privileges + 1);  // each touches one privilege
  }
}

// A policy change that protects nothing differently: the guards are carried over (not read
// again), and what did change (a client's roles) is seen at once.
TEST_CASE("a policy change that touches no protection keeps the guards; the rest is read again", "[speed][decision]") {
  ProtectionFixture f;
  REQUIRE(f.answer("/p1/x") == "200");
  REQUIRE(f.answer("/p2/x") == "403");
  int64_t reads = f.guard_reads(), privileges = f.privilege_reads();
  std::string protection = f.meta("protection_generation"), policy = generation(f.b);
  struct Step {
    const char* write;
    const char* path;
    const char* status;
  };
  const Step steps[] = {
      {"select create_role('r3')", "/p1/x", "200"},
      {"select register_client('other', 'client_credentials', 'x@example.org') is not null", "/p2/x", "403"},
      {"select define_template('m1', 'items/:id')", "/m1/x", "403"},
      {"select grant_client_role('speed_cc', 'r2')", "/p2/x", "200"},  // the client was read again
      {"select revoke_client_role('speed_cc', 'r1')", "/p1/x", "403"},
      {"update ords_sec_privilege set label = 'new label' where name = 'p1'", "/p1/x", "403"},
      {"update ords_sec_module set items_per_page = 5, comments = 'c' where name = 'm1'", "/m1/x", "200"},
  };
  for (const Step& st : steps) {
    INFO(st.write);
    REQUIRE(f.b.one(st.write).rfind("ERROR", 0) == std::string::npos);
    CHECK(f.answer(st.path) == st.status);
    CHECK(f.guard_reads() == reads);
    CHECK(f.privilege_reads() == privileges);
  }
  CHECK(f.meta("protection_generation") == protection);
  CHECK(std::stoll(generation(f.b)) > std::stoll(policy));
  // The deciding connection's own policy change (its own commit) keeps them too.
  REQUIRE(f.a.one("select create_role('r4')") == "NULL");
  CHECK(f.answer("/p2/x") == "200");
  CHECK(f.guard_reads() == reads);
  // Inside a's own write transaction nothing is carried or kept: the guards are read there.
  REQUIRE(f.a.exec("begin; select create_role('r5');") == "");
  CHECK(f.answer("/p2/x") == "200");
  CHECK(f.guard_reads() == reads + 1);
  REQUIRE(f.a.exec("rollback") == "");
  // A protecting change after all this is still seen.
  REQUIRE(f.b.one("select delete_privilege_mapping('p1', '/p1/*')") == "NULL");
  CHECK(f.answer("/p1/x") == "200");
}

TEST_CASE("the prefix trie decides as the linear scan does", "[speed][match]") {
  using policy::Candidate;
  std::mt19937 rng(14);
  const std::vector<std::string> parts = {"/", "a", "b", "ab", "*", "/*", "x/", "hr", "e"};
  auto piece = [&](int n) {
    std::string s = "/";
    for (int i = 0; i < n; i++) s += parts[rng() % parts.size()];
    return s;
  };
  for (int round = 0; round < 300; round++) {
    std::vector<Candidate> cs;
    int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; i++) {
      bool module = rng() % 4 == 0;
      std::string text = piece(1 + static_cast<int>(rng() % 4));
      if (module) {
        std::string base;
        for (char ch : text)
          if (ch != '*') base += ch;
        if (base.back() != '/') base += '/';
        text = base;
      }
      cs.push_back(Candidate{module ? Candidate::Kind::ModuleBase : Candidate::Kind::Pattern, text,
                             static_cast<int64_t>(rng() % 5)});
    }
    policy::CandidateIndex index;
    index.build(cs);
    for (int k = 0; k < 50; k++) {
      std::string path = piece(static_cast<int>(rng() % 6));
      std::string clean;
      for (char ch : path)
        if (ch != '*') clean += ch;
      INFO("path " << clean);
      CHECK(index.decide(cs, clean) == policy::deciding_candidate(cs, clean));
    }
  }
}

TEST_CASE("base64url decoding: the fast path gives what libsodium gives, and refuses what it refuses", "[speed][jwt]") {
  std::mt19937 rng(9);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const std::string foreign = "=+/ .\n\x01\xff";
  for (int round = 0; round < 20000; round++) {
    size_t n = rng() % 40;
    std::string in;
    for (size_t i = 0; i < n; i++) in += alphabet[rng() % alphabet.size()];
    if (round % 5 == 0 && !in.empty()) in[rng() % in.size()] = foreign[rng() % foreign.size()];
    std::string want(in.size() / 4 * 3 + 3, '\0');
    size_t len = 0;
    const char* end = nullptr;
    bool sodium_ok = sodium_base642bin(reinterpret_cast<unsigned char*>(&want[0]), want.size(), in.data(), in.size(),
                                       nullptr, &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
                     end == in.data() + in.size();
    want.resize(sodium_ok ? len : 0);
    std::string got;
    bool ok = jwt::b64url_decode(in, &got);
    INFO("input '" << in << "'");
    REQUIRE(ok == sodium_ok);
    if (ok) REQUIRE(got == want);
  }
}
