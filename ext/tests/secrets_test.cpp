// secrets_test.cpp: the two secret slots and the verification the token endpoint uses
// (model/secrets.cpp, clients::authenticate): a model-based run of random slot operations checked
// against a plain C++ model of the rules, the work an unknown client costs (R-20), the client
// lookups of clients.hpp, no secret or hash in any error message (R-25), and no generated secret
// in the database file or its WAL, in text or in binary (R-19).
#include <catch2/catch.hpp>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "../core/crypto.hpp"
#include "../model/clients.hpp"
#include "../store/db.hpp"
#include "db_fixture.hpp"
#include "temp_db_file.hpp"

using namespace ords;

namespace {

std::string sql_text(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

// A client_credentials client "c" with no secret; returns its client_id.
std::string make_client(DbFixture& f, const std::string& name = "c") {
  std::string cid = f.one("select register_client(" + sql_text(name) +
                          ", 'client_credentials', 'ops@example.org') ->> '$.client_key.client_id'");
  REQUIRE(cid.size() == 24);
  return cid;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// ---- the model of API.md section 5 "Two-slot secrets" ---------------------------------------------

struct ModelSlot {
  std::string secret;
  int64_t issued_on;
  int64_t seq;
  bool stored;
};

struct Model {
  std::optional<ModelSlot> slot[3];  // [1], [2]
  int64_t seq = 0;

  int oldest() const {
    if (!slot[1] && !slot[2]) return 0;
    if (!slot[1]) return 2;
    if (!slot[2]) return 1;
    auto key = [](const ModelSlot& s) { return std::make_pair(s.issued_on, s.seq); };
    return key(*slot[1]) <= key(*slot[2]) ? 1 : 2;
  }
  int put(const std::string& secret, int64_t now, int want, bool revoke_existing, bool stored) {
    int s = want ? want : !slot[1] ? 1 : !slot[2] ? 2 : oldest();
    slot[s] = ModelSlot{secret, now, ++seq, stored};
    if (revoke_existing) slot[3 - s].reset();
    return s;
  }
  int revoke(int mask) {
    int done = 0;
    for (int s = 1; s <= 2; s++)
      if ((mask & s) && slot[s]) {
        slot[s].reset();
        done |= s;
      }
    return done;
  }
  bool live(const std::string& secret) const {
    return (slot[1] && slot[1]->secret == secret) || (slot[2] && slot[2]->secret == secret);
  }
};

int slot_of(const std::string& json_slot) { return json_slot == "NULL" ? 0 : std::stoi(json_slot); }

}  // namespace

TEST_CASE("slot operations follow the two-slot rules (model-based, 300 random steps)", "[secrets][slots]") {
  DbFixture f;
  std::string cid = make_client(f);
  store::Db db(f.db);
  f.one("select ords_security_test_clock(1795000000)");
  Model m;
  int64_t now = 1795000000;
  std::vector<std::string> history;
  const char* const pool[] = {"alpha chosen secret", "beta chosen secret"};
  std::mt19937 rnd(20261122);
  auto pick = [&](int n) { return static_cast<int>(rnd() % static_cast<unsigned>(n)); };

  for (int step = 0; step < 300; step++) {
    int op = pick(9);
    INFO("step " << step << ", op " << op);
    if (op == 0) {  // rotate, positional: the secret itself
      bool rx = pick(4) == 0;
      std::string secret = f.one(std::string("select rotate_client_secret('c', ") + (rx ? "TRUE" : "FALSE") + ")");
      REQUIRE(crypto::is_ords_format(secret));
      m.put(secret, now, 0, rx, false);
      history.push_back(secret);
    } else if (op == 1) {  // register a generated secret, maybe into a given slot, maybe stored
      int want = pick(3);
      bool rx = pick(4) == 0, stored = pick(3) == 0;
      std::string cs = "json_object(" + std::string(want ? "'slot', " + std::to_string(want) + ", " : "") +
                       "'stored', json('" + (stored ? "true" : "false") + "'))";
      std::string r = f.one("select register_client_secret(json_object('name', 'c', 'client_secret', " + cs +
                            ", 'revoke_existing', json('" + (rx ? "true" : "false") + "')))");
      std::string secret = f.one("select " + sql_text(r) + " ->> '$.client_secret.secret'");
      int got = slot_of(f.one("select " + sql_text(r) + " ->> '$.client_secret.slot'"));
      REQUIRE(got == m.put(secret, now, want, rx, stored));
      history.push_back(secret);
    } else if (op == 2) {  // register a chosen secret (Argon2id)
      std::string secret = pool[pick(2)];
      int got = slot_of(f.one("select register_client_secret('c', " + sql_text(secret) + ") ->> '$.client_secret.slot'"));
      REQUIRE(got == m.put(secret, now, 0, false, false));
      history.push_back(secret);
    } else if (op == 3) {  // revoke the oldest
      int want = m.oldest();
      REQUIRE(slot_of(f.one("select revoke_client_secrets('c') ->> '$.client_secret.slot'")) == m.revoke(want));
    } else if (op == 4) {  // revoke slot 1, 2 or 3
      int s = 1 + pick(3);
      REQUIRE(slot_of(f.one("select revoke_client_secrets('c', json_object('slot', " + std::to_string(s) +
                            ")) ->> '$.client_secret.slot'")) == m.revoke(s));
    } else if (op == 5 && !history.empty()) {  // revoke by value
      std::string v = history[history.size() - 1 - static_cast<size_t>(pick(static_cast<int>(std::min<size_t>(history.size(), 4))))];
      int mask = 0;
      for (int s = 1; s <= 2; s++)
        if (m.slot[s] && m.slot[s]->secret == v) mask |= s;
      REQUIRE(slot_of(f.one("select revoke_client_secrets('c', json_object('secret', " + sql_text(v) +
                            ")) ->> '$.client_secret.slot'")) == m.revoke(mask));
    } else if (op == 6) {  // stored = false alone
      int mask = 0;
      for (int s = 1; s <= 2; s++)
        if (m.slot[s] && !m.slot[s]->stored) mask |= s;
      REQUIRE(slot_of(f.one("select revoke_client_secrets('c', json_object('stored', json('false'))) "
                            "->> '$.client_secret.slot'")) == m.revoke(mask));
    } else {  // time passes (or not: ties are broken by issue order)
      int d = pick(2);
      now += d;
      f.one("select ords_security_test_clock_advance(" + std::to_string(d) + ")");
    }
    // Every recent secret authenticates exactly when the model has it in a slot.
    size_t from = history.size() > 6 ? history.size() - 6 : 0;
    for (size_t i = from; i < history.size(); i++) {
      INFO("secret #" << i);
      CHECK(clients::authenticate(db, cid, history[i]).has_value() == m.live(history[i]));
    }
    // And the view agrees on which slots are live and which show a stored secret.
    CHECK((f.one("select client_secret_issued_on is not null from user_ords_clients where name = 'c'") == "1") ==
          m.slot[1].has_value());
    CHECK((f.one("select client_secret_2_issued_on is not null from user_ords_clients where name = 'c'") == "1") ==
          m.slot[2].has_value());
    CHECK((f.one("select client_secret is not null from user_ords_clients where name = 'c'") == "1") ==
          (m.slot[1] && m.slot[1]->stored));
  }
}

TEST_CASE("an unknown client does the work of a wrong secret (R-20)", "[secrets][timing]") {
  DbFixture f;
  store::Db db(f.db);
  auto work = [&](const std::string& cid, const std::string& secret) {
    crypto::HashCounts a = crypto::hash_counts();
    bool ok = clients::authenticate(db, cid, secret).has_value();
    crypto::HashCounts b = crypto::hash_counts();
    return std::make_tuple(ok, b.blake2b - a.blake2b, b.argon2id - a.argon2id);
  };
  // A database that was never written: no tables, still two digests.
  CHECK(work("gcw4QUOiITMyPIycaQdsZQ..", "x") == std::make_tuple(false, 2u, 0u));
  CHECK(f.one("select count(*) from sqlite_master where name like 'ords_sec%'") == "0");

  std::string cid = make_client(f);
  CHECK(work("no-such-client", "wrong") == std::make_tuple(false, 2u, 0u));
  CHECK(work(cid, "wrong") == std::make_tuple(false, 2u, 0u));  // no slot yet
  std::string s1 = f.one("select rotate_client_secret('c')");
  CHECK(work(cid, "wrong") == std::make_tuple(false, 2u, 0u));  // one slot
  std::string s2 = f.one("select rotate_client_secret('c')");
  CHECK(work(cid, "wrong") == std::make_tuple(false, 2u, 0u));  // two slots
  CHECK(work(cid, s1) == std::make_tuple(true, 2u, 0u));        // right, slot 1: both slots still checked
  CHECK(work(cid, s2) == std::make_tuple(true, 2u, 0u));
  CHECK(work("no-such-client", s1) == std::make_tuple(false, 2u, 0u));
  std::string big(crypto::kMaxSecretBytes + 1, 'x');
  CHECK(work(cid, big) == std::make_tuple(false, 2u, 0u));
  // A chosen secret costs one Argon2id: the trade-off docs/secrets.md describes.
  f.one("select register_client_secret('c', 'a chosen secret')");
  CHECK(work(cid, "wrong") == std::make_tuple(false, 1u, 1u));
  CHECK(work(cid, "a chosen secret") == std::make_tuple(true, 1u, 1u));
}

TEST_CASE("authenticate never throws for hostile input and compares bytes, not C strings", "[secrets]") {
  DbFixture f;
  store::Db db(f.db);
  std::string cid = make_client(f);
  std::string s = f.one("select rotate_client_secret('c')");
  for (const std::string& bad :
       {std::string(), std::string("\0", 1), s + std::string("\0", 1), s.substr(0, 23), std::string("\xff\xfe"),
        std::string(100000, 'a'), s + "\n", " " + s}) {
    CHECK_NOTHROW(clients::authenticate(db, cid, bad));
    CHECK_FALSE(clients::authenticate(db, cid, bad).has_value());
  }
  for (const std::string& bad_id : {std::string(), std::string("\0", 1), cid + std::string("\0", 1), std::string("' or 1=1 --")})
    CHECK_FALSE(clients::authenticate(db, bad_id, s).has_value());
  CHECK(clients::authenticate(db, cid, s).has_value());
}

TEST_CASE("ClientRecord, find_by_client_id, role_names and privilege_names", "[secrets][clients]") {
  DbFixture f;
  store::Db db(f.db);
  CHECK_FALSE(clients::find_by_client_id(db, "x").has_value());
  CHECK(clients::role_names(db, 1).empty());
  REQUIRE(f.one("select create_role('zeta')") == "NULL");
  REQUIRE(f.one("select create_role('alpha')") == "NULL");
  REQUIRE(f.one("select create_privilege('p.z')") == "NULL");
  REQUIRE(f.one("select create_privilege('p.a')") == "NULL");
  REQUIRE(f.one("select import_client('web', 'authorization_code', 'x@example.org', 'd', 'web-id', 'p.z,p.a', "
                "' https://a.example.org,*', 'https://a.example.org/cb', NULL, 600, NULL, 60) ->> '$.client_id'") == "web-id");
  REQUIRE(f.one("select grant_client_role('web', 'zeta')") == "NULL");
  REQUIRE(f.one("select grant_client_role('web', 'alpha')") == "NULL");
  auto r = clients::find_by_client_id(db, "web-id");
  REQUIRE(r.has_value());
  CHECK(r->name == "web");
  CHECK(r->client_id == "web-id");
  CHECK(r->grant_type == "authorization_code");
  CHECK(r->schema_id == 1);
  CHECK(r->redirect_uri == std::optional<std::string>("https://a.example.org/cb"));
  CHECK(r->origins_allowed == std::optional<std::string>(" https://a.example.org,*"));
  CHECK(r->token_duration == std::optional<int64_t>(600));
  CHECK_FALSE(r->refresh_duration.has_value());
  CHECK(r->code_duration == std::optional<int64_t>(60));
  CHECK(clients::role_names(db, r->id) == std::vector<std::string>{"alpha", "zeta"});
  CHECK(clients::privilege_names(db, r->id) == std::vector<std::string>{"p.a", "p.z"});
  // Any schema: client_id is unique in the database.
  REQUIRE(f.one("select enable_schema(1, 'HR', 'BASE_PATH', 'hr')") == "NULL");
  REQUIRE(f.one("select import_client(json_object('schema', 'HR', 'name', 'svc', 'grant_type', 'client_credentials', "
                "'support_email', 'x@example.org', 'client_id', 'hr-id')) ->> '$.name'") == "svc");
  auto h = clients::find_by_client_id(db, "hr-id");
  REQUIRE(h.has_value());
  CHECK(h->schema_id == 2);
  CHECK_FALSE(h->redirect_uri.has_value());
  CHECK_FALSE(h->origins_allowed.has_value());
  CHECK_FALSE(clients::find_by_client_id(db, "HR-ID").has_value());  // exact match only
  REQUIRE(f.one("select delete_client('web')") == "NULL");
  CHECK_FALSE(clients::find_by_client_id(db, "web-id").has_value());
  CHECK(clients::role_names(db, r->id).empty());
}

// Values in the place of a secret. (A value given as a client name or as a top-level parameter name
// is quoted as the name it was given as; see docs/secrets.md.)
TEST_CASE("no error message carries a secret or a hash (R-25)", "[secrets][errors]") {
  DbFixture f;
  make_client(f);
  REQUIRE(f.one("select register_client('spa', 'implicit', 'x@example.org', 'd', NULL, NULL, 'https://e.org/cb') is not null") == "1");
  std::string s = f.one("select rotate_client_secret('c')");
  std::string hash_hex = f.one("select lower(hex(hash)) from ords_sec_client_secret where slot = 1");
  std::string salt_hex = f.one("select lower(hex(salt)) from ords_sec_client_secret where slot = 1");
  REQUIRE(hash_hex.size() == 64);
  const std::vector<std::string> values = {s, hash_hex, "chosen-secret-value-42"};
  int errors = 0;
  for (const auto& v : values) {
    const std::string q = sql_text(v);
    const std::vector<std::string> calls = {
        "select register_client_secret('c', " + q + " || char(10))",
        "select register_client_secret('c', " + q + " || char(0))",
        "select register_client_secret('c', printf('%.1100c', 'x') || " + q + ")",
        "select register_client_secret('spa', " + q + ")",
        "select register_client_secret('c', json_object('secret', " + q + ", 'slot', 7))",
        "select register_client_secret('c', json_object('secret', " + q + ", 'issued_on', 1))",
        "select register_client_secret('c', json_object('secret', " + q + ", " + q + ", 1))",
        "select update_client_secret('c', " + q + " || char(7))",
        "select update_client_secret('spa', " + q + ")",
        "select revoke_client_secret('c', 'x' || " + q + ")",
        "select revoke_client_secrets('c', json_object('secret', " + q + ", 'slot', 5))",
        "select revoke_client_secrets('c', json_object(" + q + ", 1))",
        "select register_client(json_object('name', 'n', 'grant_type', 'client_credentials', 'support_email', 'x@e.org', "
        "'client_secret', json_object('secret', " + q + " || char(9))))",
        "select register_client(" + q + " || char(1), 'client_credentials', 'x@e.org')",
        "select rotate_client_secret('c', " + q + ")",
        "select grant_client_role(json_object('client_key', json_object('client_id', " + q + " || char(1)), 'role_name', 'r'))",
        "select import_client('n', 'client_credentials', 'x@e.org', NULL, " + q + " || ' ')",
    };
    for (const auto& call : calls) {
      std::string out = f.one(call);
      INFO(call);
      REQUIRE(out.compare(0, 7, "ERROR: ") == 0);
      errors++;
      CHECK(out.find(v) == std::string::npos);
      CHECK(out.find(s) == std::string::npos);
      CHECK(out.find(hash_hex) == std::string::npos);
      CHECK(out.find(salt_hex) == std::string::npos);
    }
  }
  CHECK(errors == 51);
  // Nothing those calls did changed the slots: s still authenticates, alone.
  store::Db db(f.db);
  CHECK(clients::authenticate(db, f.one("select client_id from user_ords_clients where name = 'c'"), s).has_value());
  CHECK(f.one("select count(*) from ords_sec_client_secret") == "1");
}

TEST_CASE("no generated secret in the database file or its WAL, in text or binary (R-19)", "[secrets][files]") {
  TempDbFile tmp;
  std::vector<std::string> secrets;
  {
    DbFixture f(tmp.path.c_str());
    REQUIRE(f.one("pragma journal_mode = wal") == "wal");
    REQUIRE(f.one("pragma wal_autocheckpoint = 0") == "0");
    make_client(f, "a");
    make_client(f, "b");
    for (int i = 0; i < 60; i++) {
      const char* name = i % 2 ? "'a'" : "'b'";
      std::string sql = i % 3 == 0 ? std::string("select rotate_client_secret(") + name + ", " + (i % 5 ? "FALSE" : "TRUE") + ")"
                                   : std::string("select register_client_secret(") + name + ") ->> '$.client_secret.secret'";
      secrets.push_back(f.one(sql));
      REQUIRE(crypto::is_ords_format(secrets.back()));
      if (i % 7 == 0) f.one(std::string("select revoke_client_secrets(") + name + ")");
    }
    std::string wal = read_file(tmp.path + "-wal");
    REQUIRE(wal.size() > 4096);
    std::string main_db = read_file(tmp.path);
    for (const auto& s : secrets) {
      unsigned char raw[16];
      size_t len = 0;
      REQUIRE(sodium_base642bin(raw, sizeof raw, s.data(), 22, nullptr, &len, nullptr,
                                sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0);
      std::string bin(reinterpret_cast<char*>(raw), len);
      CHECK(wal.find(s) == std::string::npos);
      CHECK(wal.find(bin) == std::string::npos);
      CHECK(main_db.find(s) == std::string::npos);
      CHECK(main_db.find(bin) == std::string::npos);
    }
    // The hashes are there (the scan reads what was written).
    std::string hash = f.one("select hex(hash) from ords_sec_client_secret limit 1");
    std::string hash_bin(hash.size() / 2, '\0');
    sodium_hex2bin(reinterpret_cast<unsigned char*>(&hash_bin[0]), hash_bin.size(), hash.data(), hash.size(), nullptr,
                   nullptr, nullptr);
    CHECK(wal.find(hash_bin) != std::string::npos);
    REQUIRE(f.exec("pragma wal_checkpoint(TRUNCATE)") == "");
    main_db = read_file(tmp.path);
    for (const auto& s : secrets) CHECK(main_db.find(s) == std::string::npos);
    CHECK(main_db.find(hash_bin) != std::string::npos);
  }
}
