// speed_test.cpp: what the speed work of ISSUE 14 must not change, and what it adds.
// - Migration 5 (store/schema.cpp): a database at version 4 gains the policy generation, whose
//   triggers count changes to the tables the request decision caches from and nothing else
//   (issuing a token leaves it alone).
// - The decision carries its cache across commits that changed no policy, and sees a policy
//   change made by another connection on its next call (the generation moved).
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

using namespace ords;

namespace {

struct SpeedTempFile {
  std::string path;
  SpeedTempFile() {
    char tmpl[] = "/tmp/ords_speed_XXXXXX";
    int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    close(fd);
    path = tmpl;
    std::remove(path.c_str());
  }
  ~SpeedTempFile() {
    for (const char* s : {"", "-journal", "-wal", "-shm"}) std::remove((path + s).c_str());
  }
};

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
  SpeedTempFile file;
  {
    DbFixture f(file.path.c_str());
    REQUIRE(f.exec("select 1") == "");
    store::Db db(f.db);
    store::Transaction tx(db);
    store::ensure_schema(db, 1795335186, 4);
    tx.commit();
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
  SpeedTempFile file;
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
