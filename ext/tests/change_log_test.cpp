// change_log_test.cpp: store migration 9's change log of protection (ords_sec_protection_log)
// and the decision's patch from it (policy/decision_cache.cpp).
// - A version-8 database gains the log at version 9; every protecting write appends exactly one
//   row (the same writes as the protection generation's), and the log stays bounded.
// - What the log cannot describe rebuilds the guards whole, and the answer is right: more steps
//   than the decision reads, more privileges than it re-reads, rows trimmed or deleted, the
//   generation moved by hand, a row of an unknown kind, a row deleted by a REPLACE, a change of
//   the tables (DDL).
// - A privilege moved between two cached schemas leaves one and joins the other.
// - Random protecting writes: after each, the patched connection answers exactly as a fresh one.
// - The trie's patches (policy::CandidateIndex add/remove) decide as the linear scan does.
// The speed_test.cpp protection cases cover each trigger's patch (the flip, and the one privilege
// re-read); ords_security_test_privilege_reads() counts the privileges re-read from the log and
// ords_security_test_guard_reads() the schemas' guards read whole.
#include <catch2/catch.hpp>

#include <cstdio>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "../policy/match.hpp"
#include "../store/db.hpp"
#include "../store/schema.hpp"
#include "db_fixture.hpp"
#include "old_schema.hpp"
#include "temp_db_file.hpp"

using namespace ords;

namespace {

bool ok(const std::string& got) { return got.rfind("ERROR", 0) == std::string::npos; }

// Two connections on one WAL file: `b` writes, `a` decides. Roles r1, r2 and rf; p1 (r1) maps
// /p1/*, p2 (r2) maps /p2/*, and 80 privileges f1 .. f80 (rf) map /f1/* .. /f80/*; client
// speed_cc holds r1, and `tok` is its token.
struct LogFixture {
  TempDbFile file;
  DbFixture a{file.path.c_str()}, b{file.path.c_str()};
  std::string tok;
  explicit LogFixture(int fillers = 80) {
    REQUIRE(b.exec("pragma journal_mode = wal") == "");
    for (const char* sql : {"select create_role('r1')", "select create_role('r2')", "select create_role('rf')",
                            "select create_privilege('p1', 'r1', 'P1', 'd')",
                            "select create_privilege_mapping('p1', '/p1/*')",
                            "select create_privilege('p2', 'r2', 'P2', 'd')",
                            "select create_privilege_mapping('p2', '/p2/*')",
                            "select register_client('speed_cc', 'client_credentials', 'x@example.org') is not null",
                            "select grant_client_role('speed_cc', 'r1') is null"}) {
      INFO(sql);
      REQUIRE(ok(b.one(sql)));
    }
    REQUIRE(b.one("select sum(create_privilege('f' || value, 'rf', 'F', 'd') is null) + "
                  "sum(create_privilege_mapping('f' || value, '/f' || value || '/*') is null) from "
                  "(with recursive n(value) as (select 1 union all select value + 1 from n where value < " +
                  std::to_string(fillers) + ") select value from n)") == std::to_string(2 * fillers));
    std::string secret = b.one("select rotate_client_secret('speed_cc')");
    std::string cid = b.one("select client_id from user_ords_clients where name = 'speed_cc'");
    tok = b.one("select oauth_token('client_credentials', '" + cid + "', '" + secret + "') ->> '$.access_token'");
    REQUIRE(tok.size() == 43);
  }
  std::string answer(const std::string& path, const std::string& field = "status") {
    return a.one("select check_request('GET', '" + path + "', 'Bearer " + tok + "') ->> '$." + field + "'");
  }
  int64_t guard_reads() { return std::stoll(a.one("select ords_security_test_guard_reads()")); }
  int64_t privilege_reads() { return std::stoll(a.one("select ords_security_test_privilege_reads()")); }
};

}  // namespace

TEST_CASE("a version-8 database gains the change log at version 9; one row per protection step, bounded",
          "[speed][log][migration]") {
  TempDbFile file;
  {
    DbFixture f(file.path.c_str());
    migrate_to(f, 8);
    CHECK(f.one("select count(*) from sqlite_master where name = 'ords_sec_protection_log'") == "0");
  }
  DbFixture f(file.path.c_str());
  REQUIRE(f.one("select create_role('r1')") == "NULL");  // the write migrates
  CHECK(f.one("select value from ords_sec_meta where key = 'schema_version'") == "9");
  CHECK(f.one("select count(*) from sqlite_master where type = 'trigger' and name like 'ords_sec_pl_%'") == "25");
  CHECK(f.one("select count(*) from ords_sec_protection_log") == "0");  // a role nobody names: no step
  std::string g0 = f.one("select value from ords_sec_meta where key = 'protection_generation'");
  REQUIRE(f.one("select create_privilege('p1', 'r1', 'P1', 'd')") == "NULL");
  REQUIRE(f.one("select create_privilege_mapping('p1', '/p1/*')") == "NULL");
  std::string steps = f.one("select value - " + g0 + " from ords_sec_meta where key = 'protection_generation'");
  CHECK(f.one("select count(*) from ords_sec_protection_log") == steps);
  CHECK(f.one("select group_concat(kind || ':' || coalesce(old_id, '-') || ':' || coalesce(new_id, '-'), ' ') "
              "from ords_sec_protection_log") == "privilege:-:1 privilege:-:1 privilege:-:1");  // row, role, pattern
  // 400 more steps: the log keeps the last 256 to 319 rows, ids following the steps.
  for (int i = 0; i < 200; i++) {
    REQUIRE(f.one("select create_privilege_mapping('p1', '/x/*')") == "NULL");
    REQUIRE(f.one("select delete_privilege_mapping('p1', '/x/*')") == "NULL");
  }
  CHECK(f.one("select count(*) between 256 and 319 from ords_sec_protection_log") == "1");
  CHECK(f.one("select max(id) from ords_sec_protection_log") == "403");
  CHECK(f.one("select max(id) - min(id) + 1 = count(*) from ords_sec_protection_log") == "1");
  CHECK(f.one("select value - " + g0 + " from ords_sec_meta where key = 'protection_generation'") == "403");
}

TEST_CASE("a decision cached at version 8 rebuilds once after the migration, then patches", "[speed][log][migration]") {
  TempDbFile file;
  DbFixture a(file.path.c_str()), b(file.path.c_str());
  REQUIRE(b.exec("pragma journal_mode = wal") == "");
  migrate_to(b, 8);
  REQUIRE(b.exec("insert into ords_sec_privilege(id, schema_id, name, created_on, updated_on) values (7, 1, 'p1', 0, 0); "
                 "insert into ords_sec_privilege_pattern values (7, '/one/*');") == "");
  auto privilege = [&](const std::string& path) {
    return a.one("select check_request('GET', '" + path + "', NULL) ->> '$.privilege'");
  };
  auto reads = [&](const char* which) { return std::stoll(a.one(std::string("select ords_security_test_") + which + "()")); };
  REQUIRE(privilege("/one/x") == "p1");
  int64_t guards = reads("guard_reads"), privileges = reads("privilege_reads");
  REQUIRE(b.one("select create_privilege_mapping('p1', '/two/*')") == "NULL");  // migrates to 9
  REQUIRE(b.one("select value from ords_sec_meta where key = 'schema_version'") == "9");
  CHECK(privilege("/two/x") == "p1");
  CHECK(reads("guard_reads") == guards + 1);  // the tables changed: rebuilt
  REQUIRE(b.one("select create_privilege_mapping('p1', '/three/*')") == "NULL");
  CHECK(privilege("/three/x") == "p1");
  CHECK(privilege("/one/x") == "p1");
  CHECK(reads("guard_reads") == guards + 1);  // patched
  CHECK(reads("privilege_reads") == privileges + 1);
}

// Each case: a write (or script) by b that the log cannot describe; a's next decision rebuilds
// the guards whole (one schema read, no privilege re-read) and answers right.
TEST_CASE("what the change log cannot describe rebuilds the guards, and the answer is right", "[speed][log][decision]") {
  struct Case {
    const char* what;
    const char* write;
    const char* path;
    const char* before;
    const char* after;
  };
  const Case cases[] = {
      {"more protection steps than the decision reads (one commit)",
       "begin; insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more' || value || '/*' from ords_sec_privilege, "
       "(with recursive n(value) as (select 1 union all select value + 1 from n where value < 70) select value from n) "
       "where name = 'p2'; commit;",
       "/new/x", "200", "403"},
      {"more protection steps than the decision reads (many commits)",
       "insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more1/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more2/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more3/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more4/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more5/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more6/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more7/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more8/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/more9/*' from ords_sec_privilege where name = 'p2'; "
       "delete from ords_sec_privilege_pattern where pattern glob '/more*'; "
       "delete from ords_sec_privilege_pattern where pattern glob '/f*';",
       "/new/x", "200", "403"},
      {"a role held by more privileges than the decision re-reads, renamed",
       "update ords_sec_role set name = 'rfx' where name = 'rf'", "/f9/x",
       "protected by privilege \"f9\", which needs role \"rf\"; client \"speed_cc\" holds none: "
       "grant_client_role('speed_cc', 'rf')",
       "protected by privilege \"f9\", which needs role \"rfx\"; client \"speed_cc\" holds none: "
       "grant_client_role('speed_cc', 'rfx')"},
      {"the log's row deleted by hand",
       "begin; insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'; "
       "delete from ords_sec_protection_log where id = (select max(id) from ords_sec_protection_log); commit;",
       "/new/x", "200", "403"},
      {"the log's row of the first of two steps deleted by hand",
       "begin; insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_privilege_pattern select id, '/p1b/*' from ords_sec_privilege where name = 'p1'; "
       "delete from ords_sec_protection_log where id = (select max(id) - 1 from ords_sec_protection_log); commit;",
       "/new/x", "200", "403"},
      {"the log trimmed under the decision's position",
       "begin; insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'; "
       "delete from ords_sec_protection_log; commit;",
       "/new/x", "200", "403"},
      {"the protection generation moved by hand",
       "begin; insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'; "
       "update ords_sec_meta set value = value + 1 where key = 'protection_generation'; commit;",
       "/new/x", "200", "403"},
      {"a row written by hand beside the step",
       "begin; insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'; "
       "insert into ords_sec_protection_log(kind, old_id, new_id) values ('privilege', 1, 1); commit;",
       "/new/x", "200", "403"},
      {"a row of a kind the decision does not know",
       "begin; insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'; "
       "update ords_sec_protection_log set kind = 'template' where id = (select max(id) from ords_sec_protection_log); "
       "commit;",
       "/new/x", "200", "403"},
      {"a privilege replaced by name (INSERT OR REPLACE deletes the other row without its triggers)",
       "insert or replace into ords_sec_privilege(schema_id, name, created_on, updated_on) values (1, 'p2', 0, 0)",
       "/p2/x", "403", "200"},
      {"a privilege renamed onto another's name (UPDATE OR REPLACE)",
       "update or replace ords_sec_privilege set name = 'p2' where name = 'f5'", "/p2/x", "403", "200"},
      {"a role replaced by name (INSERT OR REPLACE): the privilege's link is left behind",
       "insert or replace into ords_sec_role(schema_id, name, created_on, updated_on) values (1, 'r2', 0, 0)", "/p2/x",
       "403", "200"},
      {"a change of the tables (DDL) with the step",
       "begin; insert into ords_sec_privilege_pattern select id, '/new/*' from ords_sec_privilege where name = 'p2'; "
       "create table app_table(x); commit;",
       "/new/x", "200", "403"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    LogFixture f;
    std::string field = std::string(c.before).size() > 3 ? "reason" : "status";
    REQUIRE(f.answer(c.path, field) == c.before);
    REQUIRE(f.answer("/f3/x") == "403");
    int64_t reads = f.guard_reads(), privileges = f.privilege_reads();
    REQUIRE(f.b.exec(c.write) == "");
    CHECK(f.answer(c.path, field) == c.after);
    CHECK(f.guard_reads() == reads + 1);
    CHECK(f.privilege_reads() == privileges);
    CHECK(f.answer("/p1/x") == "200");
    // After the rebuild the log serves again: one pattern, one privilege re-read.
    REQUIRE(f.b.exec("insert into ords_sec_privilege_pattern select id, '/again/*' from ords_sec_privilege "
                     "where name = 'p1'") == "");
    CHECK(f.answer("/again/x", "privilege") == "p1");
    CHECK(f.guard_reads() == reads + 1);
    CHECK(f.privilege_reads() == privileges + 1);
  }
}

TEST_CASE("a privilege moved between two cached schemas leaves one and joins the other", "[speed][log][decision]") {
  LogFixture f(5);
  REQUIRE(ok(f.b.one("select enable_schema(1, 'hr')")));
  REQUIRE(f.b.one("select ords_set_schema('HR')") != "");
  REQUIRE(f.b.one("select create_role('hr_role')") == "NULL");
  REQUIRE(f.b.one("select create_privilege('hr_priv', 'hr_role', 'HR', 'd')") == "NULL");
  REQUIRE(f.b.one("select create_privilege_mapping('hr_priv', '/emp/*')") == "NULL");
  auto no_auth = [&](const std::string& path) {
    return f.a.one("select check_request('GET', '" + path + "', NULL) ->> '$.privilege'");
  };
  REQUIRE(no_auth("/ords/hr/emp/1") == "hr_priv");
  REQUIRE(no_auth("/ords/hr/p2/x") == "NULL");
  REQUIRE(no_auth("/ords/main/p2/x") == "p2");
  int64_t reads = f.guard_reads(), privileges = f.privilege_reads();
  REQUIRE(f.b.exec("update ords_sec_privilege set schema_id = (select id from ords_sec_schema where name = 'HR') "
                   "where name = 'p2'") == "");
  CHECK(no_auth("/ords/hr/p2/x") == "p2");
  CHECK(no_auth("/ords/main/p2/x") == "NULL");
  CHECK(no_auth("/ords/hr/emp/1") == "hr_priv");
  CHECK(no_auth("/ords/main/p1/x") == "p1");
  CHECK(f.guard_reads() == reads);
  CHECK(f.privilege_reads() == privileges + 1);
  // And back, renamed on the way (one write, one step).
  REQUIRE(f.b.exec("update ords_sec_privilege set schema_id = 1, name = 'p2b' where name = 'p2'") == "");
  CHECK(no_auth("/ords/hr/p2/x") == "NULL");
  CHECK(no_auth("/ords/main/p2/x") == "p2b");
  CHECK(f.guard_reads() == reads);
}

// Random protecting writes by b, as plain SQL on every table the guards come from (each commit
// one to three of them). After each commit the patched connection a answers every probe exactly
// as a connection opened afresh, which reads everything; and a never reads the guards whole.
TEST_CASE("random protecting writes: the patched guards answer as freshly read ones", "[speed][log][decision]") {
  LogFixture f(6);
  REQUIRE(ok(f.b.one("select enable_schema(1, 'hr')")));
  for (const char* sql : {"select define_module('m1', '/m1/')", "select define_module('m2', '/m2/')",
                          "select set_module_privilege('m1', 'p2')"})
    REQUIRE(ok(f.b.one(sql)));
  std::string m1 = f.b.one("select id from ords_sec_module where name = 'm1'");
  std::string m2 = f.b.one("select id from ords_sec_module where name = 'm2'");
  std::string hr = f.b.one("select id from ords_sec_schema where name = 'HR'");
  std::vector<std::string> roles;
  for (const char* r : {"r1", "r2", "rf"}) roles.push_back(f.b.one(std::string("select id from ords_sec_role where name = '") + r + "'"));
  std::vector<std::string> probes;
  for (const char* p : {"/p1/x", "/p2/x", "/m1/x", "/m2", "/f1/x", "/f2/y", "/x", "/ords/hr/p1/x", "/ords/hr/r1/a"})
    probes.push_back(p);
  for (int k = 0; k < 4; k++) {
    probes.push_back("/r" + std::to_string(k) + "/z");
    probes.push_back("/r" + std::to_string(k));
    probes.push_back("/ords/hr/r" + std::to_string(k));
    for (const std::string& m : {m1, m2}) probes.push_back("/b" + m + "_" + std::to_string(k) + "/q");
  }
  auto all_answers = [&](DbFixture& db) {
    std::string out;
    for (const auto& p : probes) {
      out += db.one("select check_request('GET', '" + p + "', 'Bearer " + f.tok + "')") + "\n";
      out += db.one("select check_request('GET', '" + p + "', NULL) ->> '$.privilege'") + "\n";
    }
    return out;
  };
  std::string privs = f.b.one("select group_concat(id) from (select id from ords_sec_privilege order by id)");
  std::vector<int64_t> pids;
  for (size_t at = 0; at < privs.size();) {
    size_t comma = privs.find(',', at);
    pids.push_back(std::stoll(privs.substr(at, comma - at)));
    at = comma == std::string::npos ? privs.size() : comma + 1;
  }
  std::mt19937 rng(9);
  auto pick = [&](size_t n) { return static_cast<int>(rng() % n); };
  REQUIRE(all_answers(f.a) != "");
  int64_t reads = f.guard_reads(), privileges = f.privilege_reads();
  for (int round = 0; round < 60; round++) {
    std::string script = "begin;";
    int writes = 1 + pick(3);
    for (int w = 0; w < writes; w++) {
      std::string p = std::to_string(pids[static_cast<size_t>(pick(pids.size()))]);
      std::string k = std::to_string(pick(4));
      std::string m = pick(2) ? m1 : m2;
      std::string r = roles[static_cast<size_t>(pick(3))];
      switch (pick(11)) {
        case 0: script += "insert or ignore into ords_sec_privilege_pattern values (" + p + ", '/r" + k + "/*');"; break;
        case 1: script += "delete from ords_sec_privilege_pattern where privilege_id = " + p + " and pattern glob '/r*';"; break;
        case 2: script += "update ords_sec_privilege set name = 'n" + p + "_" + k + "' where id = " + p + ";"; break;
        case 3: script += "insert or ignore into ords_sec_privilege_module values (" + p + ", " + m + ");"; break;
        case 4: script += "delete from ords_sec_privilege_module where privilege_id = " + p + ";"; break;
        case 5: script += "update ords_sec_module set base_path = '/b" + m + "_" + k + "/' where id = " + m + ";"; break;
        case 6: script += "insert or ignore into ords_sec_privilege_role values (" + p + ", " + r + ");"; break;
        case 7: script += "delete from ords_sec_privilege_role where privilege_id = " + p + " and role_id = " + r + ";"; break;
        case 8: script += "update ords_sec_role set name = 'role" + r + "_" + k + "' where id = " + r + ";"; break;
        case 9: script += "update ords_sec_privilege set schema_id = " + std::string(pick(2) ? hr : "1") + " where id = " + p + ";"; break;
        case 10:  // one of its /r patterns made exact
          script += "update ords_sec_privilege_pattern set pattern = '/r" + k + "' where privilege_id = " + p +
                    " and pattern = (select min(pattern) from ords_sec_privilege_pattern where privilege_id = " + p +
                    " and pattern glob '/r*') and not exists (select 1 from ords_sec_privilege_pattern where "
                    "privilege_id = " + p + " and pattern = '/r" + k + "');";
          break;
      }
    }
    script += "commit;";
    INFO("round " << round << ": " << script);
    REQUIRE(f.b.exec(script) == "");
    DbFixture fresh(f.file.path.c_str());
    CHECK(all_answers(f.a) == all_answers(fresh));
  }
  CHECK(f.guard_reads() == reads);  // both schemas patched all along
  CHECK(f.privilege_reads() > privileges + 40);
}

TEST_CASE("the trie's patches decide as the linear scan does", "[speed][log][match]") {
  using policy::Candidate;
  std::mt19937 rng(15);
  const std::vector<std::string> parts = {"/", "a", "b", "ab", "*", "/*", "x/", "hr", "e"};
  auto piece = [&](int n) {
    std::string s = "/";
    for (int i = 0; i < n; i++) s += parts[rng() % parts.size()];
    return s;
  };
  auto candidate = [&] {
    bool module = rng() % 4 == 0;
    std::string text = piece(1 + static_cast<int>(rng() % 4));
    if (module) {
      std::string base;
      for (char ch : text)
        if (ch != '*') base += ch;
      if (base.back() != '/') base += '/';
      text = base;
    }
    return Candidate{module ? Candidate::Kind::ModuleBase : Candidate::Kind::Pattern, text,
                     static_cast<int64_t>(rng() % 5)};
  };
  for (int round = 0; round < 100; round++) {
    std::vector<Candidate> cs;
    int n = static_cast<int>(rng() % 30);
    for (int i = 0; i < n; i++) cs.push_back(candidate());
    policy::CandidateIndex index;
    index.build(cs);
    for (int step = 0; step < 60; step++) {
      if (!cs.empty() && rng() % 2 == 0) {  // remove one: the last takes its place
        size_t i = rng() % cs.size();
        index.remove(cs, i);
        cs[i] = cs.back();
        cs.pop_back();
      } else {
        cs.push_back(candidate());
        index.add(cs, cs.size() - 1);
      }
      for (int k = 0; k < 10; k++) {
        std::string path = piece(static_cast<int>(rng() % 6));
        std::string clean;
        for (char ch : path)
          if (ch != '*') clean += ch;
        INFO("round " << round << " step " << step << " path " << clean);
        REQUIRE(index.decide(cs, clean) == policy::deciding_candidate(cs, clean));
      }
    }
    CHECK(index.edits() == 60);
  }
}
