// client_memo_test.cpp: the token endpoint's memo of authenticated clients (model/client_memo):
// the next call refuses an old secret once it was rotated or revoked, or its client deleted, on
// another connection, on the same connection through the API, or by plain SQL; a wrong secret is
// refused from the memo too; and the memo really saves the statement (its read count).
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "../conn/conn_state.hpp"
#include "../model/client_memo.hpp"
#include "../store/db.hpp"
#include "db_fixture.hpp"

using namespace ords;

namespace {

struct TwoConnections {
  std::string path;
  DbFixture a, b;
  std::string id, secret;
  static const char* made(const std::string& p) {
    for (const char* s : {"", "-wal", "-shm"}) std::remove((p + s).c_str());
    return p.c_str();
  }
  explicit TwoConnections(const std::string& p) : path(p), a(made(p)), b(p.c_str()) {
    REQUIRE(a.exec("PRAGMA journal_mode=WAL") == "");
    REQUIRE(a.one("select register_client('memo_c', 'client_credentials', 'memo@example.org')").rfind("ERROR", 0) != 0);
    secret = a.one("select rotate_client_secret('memo_c')");
    id = a.one("select client_id from user_ords_clients where name = 'memo_c'");
    REQUIRE(secret.size() > 10);
  }
  ~TwoConnections() {
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());
  }
  // oauth_token on `f` with this id and secret: "ok", or the OAuth error code.
  static std::string token(DbFixture& f, const std::string& id, const std::string& secret) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(f.db,
                       "select coalesce(json_extract(t, '$.error'), 'ok') from "
                       "(select oauth_token('client_credentials', ?1, ?2) as t)",
                       -1, &st, nullptr);
    sqlite3_bind_text(st, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, secret.data(), static_cast<int>(secret.size()), SQLITE_TRANSIENT);
    std::string out = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0))
                                                     : std::string("ERROR: ") + sqlite3_errmsg(f.db);
    sqlite3_finalize(st);
    return out;
  }
  std::string token_a(const std::string& s) { return token(a, id, s); }
};

}  // namespace

TEST_CASE("client memo: a secret rotated on another connection is refused at the next call", "[oauth][memo]") {
  TwoConnections t("/tmp/ords_memo_test_1.db");
  for (int i = 0; i < 3; i++) REQUIRE(t.token_a(t.secret) == "ok");  // the memo is warm
  CHECK(t.token_a("not-the-secret") == "invalid_client");               // a wrong one, from the memo
  std::string fresh = t.b.one("select rotate_client_secret('memo_c', true)");
  REQUIRE(fresh.size() > 10);
  CHECK(t.token_a(t.secret) == "invalid_client");
  CHECK(t.token_a(fresh) == "ok");
  CHECK(t.token_a(t.secret) == "invalid_client");
  // Rotation that keeps the old slot: both work, as without a memo.
  std::string third = t.b.one("select rotate_client_secret('memo_c')");
  CHECK(t.token_a(fresh) == "ok");
  CHECK(t.token_a(third) == "ok");
}

TEST_CASE("client memo: a client deleted or changed on another connection", "[oauth][memo]") {
  TwoConnections t("/tmp/ords_memo_test_2.db");
  REQUIRE(t.token_a(t.secret) == "ok");
  REQUIRE(t.token_a(t.secret) == "ok");
  // Its grant type changed elsewhere: the next call sees the new record.
  REQUIRE(t.b.exec("update ords_sec_client set grant_type = 'authorization_code' where name = 'memo_c'") == "");
  CHECK(t.token_a(t.secret) == "unauthorized_client");
  REQUIRE(t.b.exec("update ords_sec_client set grant_type = 'client_credentials' where name = 'memo_c'") == "");
  CHECK(t.token_a(t.secret) == "ok");
  REQUIRE(t.b.one("select delete_client('memo_c')").rfind("ERROR", 0) != 0);
  CHECK(t.token_a(t.secret) == "invalid_client");
}

TEST_CASE("client memo: writers and plain SQL on the same connection", "[oauth][memo]") {
  TwoConnections t("/tmp/ords_memo_test_3.db");
  REQUIRE(t.token_a(t.secret) == "ok");
  REQUIRE(t.token_a(t.secret) == "ok");
  // The API on the same connection (its own commit would carry the memo).
  std::string fresh = t.a.one("select rotate_client_secret('memo_c', true)");
  CHECK(t.token_a(t.secret) == "invalid_client");
  REQUIRE(t.token_a(fresh) == "ok");
  REQUIRE(t.token_a(fresh) == "ok");
  REQUIRE(t.a.one("select revoke_client_secrets('memo_c', json_object('slot', 3))").rfind("ERROR", 0) != 0);
  CHECK(t.token_a(fresh) == "invalid_client");
  std::string again = t.a.one("select rotate_client_secret('memo_c')");
  REQUIRE(t.token_a(again) == "ok");
  REQUIRE(t.token_a(again) == "ok");
  // Plain SQL in autocommit on the same connection.
  REQUIRE(t.a.exec("delete from ords_sec_client_secret") == "");
  CHECK(t.token_a(again) == "invalid_client");
  std::string last = t.a.one("select rotate_client_secret('memo_c')");
  REQUIRE(t.token_a(last) == "ok");
  // Inside the caller's transaction: its own uncommitted delete is seen, and rolled back.
  REQUIRE(t.a.exec("begin; delete from ords_sec_client_secret;") == "");
  CHECK(t.token_a(last) == "invalid_client");
  REQUIRE(t.a.exec("rollback") == "");
  CHECK(t.token_a(last) == "ok");
  // The client deleted on the same connection.
  REQUIRE(t.a.one("select delete_client('memo_c')").rfind("ERROR", 0) != 0);
  CHECK(t.token_a(last) == "invalid_client");
}

TEST_CASE("client memo: the statement is saved, and unknown ids are remembered too", "[oauth][memo]") {
  TwoConnections t("/tmp/ords_memo_test_4.db");
  ConnState s(t.a.db);  // a second state over connection a, driven by hand
  auto call = [&](const std::string& id, const std::string& secret) {
    s.writer_calls++;  // what Call::begin_write counts for a token call
    store::Transaction tx(s.db);
    auto r = clients::authenticate(s, id, secret);
    tx.commit();
    return r.has_value();
  };
  CHECK(call(t.id, t.secret));
  CHECK(clients::auth_reads(s) == 1);
  CHECK(call(t.id, t.secret));
  CHECK_FALSE(call(t.id, "wrong"));  // verified again, refused
  CHECK(clients::auth_reads(s) == 1);
  CHECK_FALSE(call("no-such-client..", t.secret));
  CHECK_FALSE(call("no-such-client..", t.secret));
  CHECK(clients::auth_reads(s) == 2);
  // Another writer on this connection in between: read again.
  s.writer_calls++;
  CHECK(call(t.id, t.secret));
  CHECK(clients::auth_reads(s) == 3);
  // Another connection's commit: read again, and the rotation is seen.
  std::string fresh = t.b.one("select rotate_client_secret('memo_c', true)");
  CHECK_FALSE(call(t.id, t.secret));
  CHECK(clients::auth_reads(s) == 4);
  CHECK(call(t.id, fresh));
  CHECK(clients::auth_reads(s) == 4);
  // More ids than the memo holds: the oldest goes, and is read again when presented.
  for (int i = 0; i < 8; i++) CHECK_FALSE(call("unknown-" + std::to_string(i), "x"));
  CHECK(clients::auth_reads(s) == 12);
  CHECK(call(t.id, fresh));
  CHECK(clients::auth_reads(s) == 13);
  // Outside a transaction of ours: no memo (the statement every time, not counted here).
  CHECK(clients::authenticate(s, t.id, fresh).has_value());
  CHECK_FALSE(clients::authenticate(s, t.id, t.secret).has_value());
  CHECK(clients::auth_reads(s) == 13);
}

TEST_CASE("client memo: the client's schema disabled, through the API, by plain SQL, elsewhere", "[oauth][memo]") {
  // The schema's enabled flag is read by the authentication statement with the client: the
  // memo must not keep serving a schema that was disabled after it was filled.
  TwoConnections t("/tmp/ords_memo_test_5.db");
  REQUIRE(t.token_a(t.secret) == "ok");
  REQUIRE(t.token_a(t.secret) == "ok");
  REQUIRE(t.a.one("select enable_schema(0, 'main') is null") == "1");  // the API, same connection
  CHECK(t.token_a(t.secret) == "unauthorized_client");
  REQUIRE(t.a.one("select enable_schema(1, 'main') is null") == "1");
  REQUIRE(t.token_a(t.secret) == "ok");
  REQUIRE(t.token_a(t.secret) == "ok");
  REQUIRE(t.a.exec("update ords_sec_schema set enabled = 0 where id = 1") == "");  // plain SQL
  CHECK(t.token_a(t.secret) == "unauthorized_client");
  REQUIRE(t.a.exec("update ords_sec_schema set enabled = 1 where id = 1") == "");
  REQUIRE(t.token_a(t.secret) == "ok");
  REQUIRE(t.token_a(t.secret) == "ok");
  REQUIRE(t.b.one("select enable_schema(0, 'main') is null") == "1");  // another connection
  CHECK(t.token_a(t.secret) == "unauthorized_client");
  // A hand-made flag other than 1 is read as protection::schema_enabled reads it: disabled.
  REQUIRE(t.b.exec("update ords_sec_schema set enabled = 2 where id = 1") == "");
  CHECK(t.token_a(t.secret) == "unauthorized_client");
  REQUIRE(t.b.exec("update ords_sec_schema set enabled = 'yes' where id = 1") == "");
  CHECK(t.token_a(t.secret) == "unauthorized_client");
  REQUIRE(t.b.exec("update ords_sec_schema set enabled = 1 where id = 1") == "");
  CHECK(t.token_a(t.secret) == "ok");
}
