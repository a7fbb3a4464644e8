// export_test.cpp: the exported scripts through the C API, as an application runs them
// (sqlite3_exec stops at the first error and leaves the transaction open), the one quoting
// function of the scripts (every tricky value comes back byte for byte when SQLite evaluates it),
// and the text form of secret hashes (written and read back, malformed ones refused).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <string>

#include "db_fixture.hpp"
#include "../core/error.hpp"
#include "../core/rng.hpp"
#include "../core/crypto.hpp"
#include "../model/export_sql.hpp"
#include "../model/secret_hash_text.hpp"

namespace {

std::string temp_path(const char* name) {
  return "/tmp/ords_export_test_" + std::to_string(getpid()) + "_" + name + ".db";
}

void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

// Every row of every ords_sec_* table, as text: two states are the same when these are equal.
std::string table_dump(DbFixture& f) {
  std::string out;
  sqlite3_stmt* tables = nullptr;
  sqlite3_prepare_v2(f.db, "select name from sqlite_master where type = 'table' and name like 'ords_sec%' order by name", -1,
                     &tables, nullptr);
  while (sqlite3_step(tables) == SQLITE_ROW) {
    std::string t = reinterpret_cast<const char*>(sqlite3_column_text(tables, 0));
    out += t + ":\n";
    sqlite3_stmt* rows = nullptr;
    sqlite3_prepare_v2(f.db, ("select * from " + t).c_str(), -1, &rows, nullptr);
    while (sqlite3_step(rows) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(rows); i++) {
        const unsigned char* p = static_cast<const unsigned char*>(sqlite3_column_blob(rows, i));
        int n = sqlite3_column_bytes(rows, i);
        out += std::to_string(sqlite3_column_type(rows, i)) + "[";
        for (int k = 0; k < n; k++) out += std::to_string(p[k]) + " ";
        out += "]";
      }
      out += "\n";
    }
    sqlite3_finalize(rows);
  }
  sqlite3_finalize(tables);
  return out;
}

void make_dev(DbFixture& dev) {
  REQUIRE(dev.exec("select create_role('beers_client');"
                   "select define_privilege('beers_priv', 'beers_client', '/beers/*');"
                   "select register_client('beers_client', 'client_credentials', 'beers@example.com');"
                   "select grant_client_role('beers_client', 'beers_client');") == "");
}

int commits_seen = 0;
int count_commit(void*) {
  commits_seen++;
  return 0;
}

}  // namespace

TEST_CASE("script literals evaluate to the exact value", "[export]") {
  DbFixture f;
  const std::string cases[] = {
      "",
      "plain",
      "it's",
      "''",
      "a;b -- c /* d */",
      "line 1\nline 2",
      "crlf\r\nend",
      "\r",
      "tab\tand\x01\x1f\x7f",
      "ünïcödé ✓ 中文 \xF0\x9F\x8D\xBA",
      "'); select delete_client('x'); --",
      "\n.read /etc/passwd\n",
  };
  for (const auto& s : cases) {
    std::string lit = ords::script::literal(s, "the value");
    CHECK(f.one("select hex(" + lit + ")") == f.one("select hex(cast(x'" + [&] {
      static const char* h = "0123456789ABCDEF";
      std::string x;
      for (unsigned char c : s) { x += h[c >> 4]; x += h[c & 15]; }
      return x;
    }() + "' as text))"));
    CHECK(f.one("select typeof(" + lit + ")") == "text");
  }
  CHECK(ords::script::literal(std::string("it's"), "v") == "'it''s'");
  CHECK(ords::script::literal(std::string("a\r\nb"), "v") == "'a' || char(13) || '\nb'");
  CHECK(ords::script::nullable(std::optional<std::string>(), "v") == "NULL");
  CHECK(ords::script::blob(std::string("\x00\xff", 2)) == "X'00FF'");
  CHECK(ords::script::list({"a,b", "c'd"}, "v") == "json_array('a,b', 'c''d')");
  CHECK_THROWS_WITH(ords::script::literal(std::string("a\0b", 3), "the label"),
                    "the label holds a NUL character, which no SQL script can carry");
  CHECK_THROWS_WITH(ords::script::literal(std::string("\xc3\x28"), "the label"),
                    "the label is not valid UTF-8, so it cannot be exported exactly");
}

TEST_CASE("secret hashes as text: written, read back, malformed ones refused", "[export]") {
  ords::Rng rng;
  const unsigned char secret[] = "a chosen one";
  for (auto h : {ords::crypto::hash_generated(rng, secret, sizeof secret - 1),
                 ords::crypto::hash_chosen(rng, secret, sizeof secret - 1)}) {
    std::string text = ords::secrets::hash_to_text(h);
    ords::crypto::SecretHash back = ords::secrets::hash_from_text(text, "p_hash");
    CHECK(back.kind == h.kind);
    CHECK(back.salt == h.salt);
    CHECK(back.hash == h.hash);
    CHECK(back.opslimit == h.opslimit);
    CHECK(back.memlimit == h.memlimit);
    CHECK(ords::crypto::verify(back, secret, sizeof secret - 1));
    // Every single-character change is refused or gives a hash that no longer verifies.
    for (size_t i = 0; i < text.size(); i++) {
      std::string bad = text;
      bad[i] = bad[i] == 'A' ? 'B' : 'A';
      try {
        ords::crypto::SecretHash b = ords::secrets::hash_from_text(bad, "p_hash");
        CHECK_FALSE(ords::crypto::verify(b, secret, sizeof secret - 1));
      } catch (const ords::Error& e) {
        CHECK(std::string(e.what()).find(text.substr(text.size() - 20)) == std::string::npos);
      }
    }
  }
}

TEST_CASE("a script run through sqlite3_exec stops at the first error and keeps nothing", "[export]") {
  std::string dev_path = temp_path("dev"), uat_path = temp_path("uat");
  remove_db(dev_path);
  remove_db(uat_path);
  std::string script;
  {
    DbFixture dev(dev_path.c_str());
    make_dev(dev);
    script = dev.one("select export_oauth_client('beers_client', TRUE, TRUE)");
    REQUIRE(script.rfind("-- ords_security export", 0) == 0);
  }
  {
    DbFixture uat(uat_path.c_str());
    // The application's own commit hook is kept: the guard never touches it.
    commits_seen = 0;
    sqlite3_commit_hook(uat.db, count_commit, &commits_seen);
    CHECK(uat.exec(script) == "");
    CHECK(commits_seen == 1);
    CHECK(sqlite3_get_autocommit(uat.db) == 1);
    CHECK(uat.one("select count(*) from user_ords_clients") == "1");
    std::string before = table_dump(uat);

    // Run again: exec stops at the guard, naming the object; the transaction is left open.
    std::string err = uat.exec(script);
    CHECK(err == "ERROR: ords_script_guard: role \"beers_client\" already exists in schema MAIN (the script creates it)");
    CHECK(sqlite3_get_autocommit(uat.db) == 0);
    // Whatever the application runs next in that transaction is refused, and COMMIT rolls back.
    CHECK(uat.one("select create_role('sneaked_in')").rfind("ERROR: create_role: an earlier statement of script "
                                                          "\"export_oauth_client beers_client\" failed (ords_script_guard: role",
                                                          0) == 0);
    CHECK(uat.exec("COMMIT").rfind("ERROR: ords_script_guard: an earlier statement of script", 0) == 0);
    CHECK(sqlite3_get_autocommit(uat.db) == 1);
    CHECK(commits_seen == 1);
    CHECK(table_dump(uat) == before);
    CHECK(uat.one("select ords_script_end('export_oauth_client beers_client')")
              .rfind("ERROR: ords_script_end: script \"export_oauth_client beers_client\" was not applied", 0) == 0);
    CHECK(uat.one("select create_role('after')") == "NULL");
    CHECK(uat.one("select count(*) from user_ords_roles") == "2");
    CHECK(sqlite3_commit_hook(uat.db, nullptr, nullptr) == &commits_seen);
  }
  {
    // A failure in the middle (a pattern another privilege maps), then the application closes
    // the connection without ROLLBACK: nothing of the script was committed.
    remove_db(uat_path);
    {
      DbFixture uat(uat_path.c_str());
      REQUIRE(uat.one("select define_privilege('other', NULL, '/beers/*')") == "NULL");
      std::string err = uat.exec(script);
      CHECK(err.rfind("ERROR: define_privilege: p_patterns: pattern \"/beers/*\" is already mapped", 0) == 0);
      CHECK(sqlite3_get_autocommit(uat.db) == 0);
    }
    DbFixture again(uat_path.c_str());
    CHECK(again.one("select count(*) from user_ords_roles") == "0");
    CHECK(again.one("select count(*) from user_ords_clients") == "0");
    CHECK(again.one("select name from user_ords_privileges") == "other");
    // And the same script applies here once the conflict is gone.
    CHECK(again.one("select delete_privilege('other')") == "NULL");
    CHECK(again.exec(script) == "");
    CHECK(again.one("select count(*) from user_ords_clients") == "1");
  }
  remove_db(dev_path);
  remove_db(uat_path);
}
