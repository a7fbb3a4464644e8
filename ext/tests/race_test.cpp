// race_test.cpp: two processes racing on one authorization code, one refresh token, one client's
// secret, and what a decision inside an open read transaction sees (issue 4; SECURITY.md 3.4
// C-1, C-2, C-5). Tagged [race].
//
// Each test has a file database of its own in a temporary directory (WAL, synchronous=NORMAL) and
// two worker processes (race_helpers.hpp), each with its own connection (busy_timeout 5000). A
// round: the parent makes the contested thing (a code, a refresh token) on a connection of its
// own, closes it, and has both workers make the same call at the same instant (they meet at a
// process-shared barrier); then it checks what each worker got and what the database holds. The
// winner may be either worker: the assertions never depend on which.
//
// The oracle (SECURITY.md 3.3): triggers the test adds to the database log every session row
// inserted (race_issued) and every code or refresh token consumed (race_consumed), with its digest
// and the round it happened in, so "consumed at most once" and "one issuance batch per code" are
// checked on what really happened, even after the family was ended and its rows deleted (session
// ids are rowids and may be reused once a family is gone: the digest and the round are not).
//
// Set ORDS_RACE_STATS=1 to print rounds per second and the outcome counts to stderr.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <tuple>

#include "race_helpers.hpp"

using race::Conn;
using race::Job;
using race::Result;
using race::Wrap;

namespace {

const char* kRedirect = "https://app.example.org/cb";

const char* kRedeem =
    "select oauth_token(json_object('grant_type', 'authorization_code', 'code', ?1, 'redirect_uri', ?2, "
    "'client_id', ?3, 'client_secret', ?4))";
const char* kRefresh =
    "select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', ?1, 'client_id', ?2, "
    "'client_secret', ?3))";

bool stats_wanted() {
  const char* v = getenv("ORDS_RACE_STATS");
  return v && *v && *v != '0';
}

struct Clock {
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); }
};

struct Tally {
  int rounds = 0, one_winner = 0, two_winners = 0, no_winner = 0, busy = 0, busy_snapshot = 0, other_sql_error = 0;
  void count_error(const Result& r) {
    busy += r.busy();
    busy_snapshot += r.rc == SQLITE_BUSY_SNAPSHOT;
    other_sql_error += !r.ok() && !r.busy();
  }
  void count(int wins) {
    rounds++;
    (wins == 1 ? one_winner : wins == 2 ? two_winners : no_winner)++;
  }
  void print(const char* what, double seconds) const {
    if (!stats_wanted()) return;
    std::fprintf(stderr,
                 "[race] %s: %d rounds in %.2f s (%.0f rounds/s): one winner %d, two winners %d, none %d; "
                 "SQLITE_BUSY* errors %d (BUSY_SNAPSHOT %d), other SQL errors %d\n",
                 what, rounds, seconds, rounds / seconds, one_winner, two_winners, no_winner, busy, busy_snapshot,
                 other_sql_error);
  }
};

// The file database of the code and refresh races: privilege race_priv on /race/*, the
// authorization_code client RACE_AC, the oracle's log, and two workers.
struct RaceDb {
  race::TempDir dir;
  std::string path;
  std::string ac_id, ac_secret;
  std::unique_ptr<race::Workers> workers;

  RaceDb() : path(dir.file("race.db")) {
    REQUIRE(!dir.path.empty());
    Conn c(path);
    REQUIRE(c.text("PRAGMA journal_mode=WAL") == "wal");
    REQUIRE(c.q("select create_privilege('race_priv', NULL, 'race', 'race resources')").ok());
    REQUIRE(c.q("select create_privilege_mapping('race_priv', '/race/*')").ok());
    Result reg = c.q(
        "select register_client('RACE_AC', 'authorization_code', 'race@example.org', 'race client', "
        "'race_priv', NULL, ?1)",
        {kRedirect});
    REQUIRE(reg.ok());
    ac_id = c.text("select json_extract(?1, '$.client_key.client_id')", {reg.text});
    ac_secret = c.text("select rotate_client_secret('RACE_AC')");  // register_client made none
    REQUIRE(ac_id.size() == 24);
    REQUIRE(ac_secret.size() == 24);
    REQUIRE(c.exec(R"sql(
      CREATE TABLE race_round(n INTEGER);
      CREATE TABLE race_job(rt TEXT);
      INSERT INTO race_round VALUES (-1);
      CREATE TABLE race_issued(round INTEGER, kind TEXT, digest BLOB);
      CREATE TABLE race_consumed(round INTEGER, kind TEXT, digest BLOB);
      CREATE TRIGGER race_issued_log AFTER INSERT ON ords_sec_session
      BEGIN INSERT INTO race_issued VALUES ((SELECT n FROM race_round), new.kind, new.digest); END;
      CREATE TRIGGER race_consumed_log AFTER UPDATE OF consumed_on ON ords_sec_session
        WHEN old.consumed_on IS NULL AND new.consumed_on IS NOT NULL
      BEGIN INSERT INTO race_consumed VALUES ((SELECT n FROM race_round), new.kind, new.digest); END;
    )sql") == "");
    REQUIRE(c.close() == SQLITE_OK);  // nothing of the parent's is open across the fork
    workers.reset(new race::Workers(path, 2));
    REQUIRE(workers->size() == 2);
  }

  // Starts round `round` of the oracle's log and makes a fresh code for RACE_AC; returns the code
  // and the id of its session row (the family id of what is made from it).
  std::pair<std::string, std::string> new_code(Conn& c, int round) {
    REQUIRE(c.q("update race_round set n = ?1", {std::to_string(round)}).ok());
    Result a = c.q(
        "select json_extract(oauth_authorize(json_object('response_type', 'code', 'client_id', ?1, "
        "'redirect_uri', ?2, 'scope', 'race_priv', 'state', 'st', 'user', 'alice')), '$.redirect_uri')",
        {ac_id, kRedirect});
    REQUIRE(a.ok());
    size_t at = a.text.find("code=");
    REQUIRE(at != std::string::npos);
    size_t end = a.text.find('&', at);
    std::string code = a.text.substr(at + 5, end == std::string::npos ? std::string::npos : end - at - 5);
    REQUIRE(code.size() == 43);
    return {code, c.text("select max(id) from ords_sec_session where kind = 'code'")};
  }

  // The status check_request gives a bearer token on the protected path.
  static std::string status(Conn& c, const std::string& access) {
    return c.text("select json_extract(check_request('GET', '/race/item/1', 'Bearer ' || ?1), '$.status')",
                  {access});
  }
  std::string active(Conn& c, const std::string& token) {
    return c.text(
        "select json_extract(oauth_introspect(json_object('token', ?1, 'client_id', ?2, 'client_secret', ?3)), "
        "'$.active')",
        {token, ac_id, ac_secret});
  }
};

// What one worker's oauth_token call got.
struct TokenOutcome {
  bool success = false;    // an access_token came back
  std::string error;       // the OAuth error code, if answered with one
  bool sql_error = false;  // the call raised
  bool busy = false;       // ... with SQLITE_BUSY (any extended code)
  std::string access, refresh;
  std::string said;        // for messages: never a token
};

TokenOutcome outcome(Conn& c, const Result& r) {
  TokenOutcome o;
  if (!r.ok()) {
    o.sql_error = true;
    o.busy = r.busy();
    o.said = "rc " + std::to_string(r.rc) + ": " + r.text;  // error messages hold no secret
    return o;
  }
  o.access = c.text("select json_extract(?1, '$.access_token')", {r.text});
  o.refresh = c.text("select json_extract(?1, '$.refresh_token')", {r.text});
  o.error = c.text("select coalesce(json_extract(?1, '$.error'), '')", {r.text});
  o.success = o.access.size() == 43;
  o.said = o.success ? "success" : "oauth error " + o.error;
  return o;
}

void check_invariants(Conn& c) {
  CHECK(c.text("PRAGMA integrity_check") == "ok");
  CHECK(c.text("select count(*) from pragma_foreign_key_check") == "0");
  // 3.3.2: at most one active refresh token per family.
  CHECK(c.text("select count(*) from (select family from ords_sec_session where kind = 'refresh' and "
               "consumed_on is null group by family having count(*) > 1)") == "0");
  // 3.3.3: each code or refresh token consumed at most once, and one issuance batch per grant:
  // in each round (one code), one access and one refresh token for the code and one more of each
  // per consumed refresh token.
  CHECK(c.text("select count(*) from (select digest from race_consumed group by digest having count(*) > 1)") ==
        "0");
  CHECK(c.text("select count(*) from (select round from race_issued group by round having "
               "sum(kind = 'code') <> 1 or sum(kind = 'refresh') <> sum(kind = 'access') or sum(kind = 'access') <> "
               "1 + (select count(*) from race_consumed r where r.round = race_issued.round and r.kind = 'refresh'))") ==
        "0");
}

}  // namespace

TEST_CASE("two processes redeeming one authorization code: exactly one wins, every round", "[race]") {
  RaceDb rdb;
  const int kRounds = 200;
  Tally t;
  Clock clock;
  for (int round = 0; round < kRounds; round++) {
    INFO("round " << round);
    std::string code, code_id;
    {
      Conn c(rdb.path);
      std::tie(code, code_id) = rdb.new_code(c, round);
    }
    std::vector<Result> got = rdb.workers->round(Job{Wrap::None, kRedeem, {code, kRedirect, rdb.ac_id, rdb.ac_secret}});
    REQUIRE(got.size() == 2);
    Conn c(rdb.path);
    int wins = 0;
    std::string winner_access;
    for (const Result& r : got) {
      TokenOutcome o = outcome(c, r);
      INFO(o.said);
      REQUIRE(r.rc != -1);          // the worker lived
      CHECK(!o.sql_error);          // busy_timeout covers the wait: no SQLITE_BUSY, no BUSY_SNAPSHOT
      t.count_error(r);
      if (o.success) {
        wins++;
        winner_access = o.access;
        CHECK(o.refresh.size() == 43);
      } else if (!o.sql_error) {
        CHECK(o.error == "invalid_grant");
      }
    }
    t.count(wins);
    REQUIRE(wins <= 1);
    CHECK(wins == 1);
    // The oracle: the code was consumed once and gave one batch (one access, one refresh).
    std::string r = std::to_string(round);
    CHECK(c.text("select group_concat(kind) from race_consumed where round = ?1", {r}) == "code");
    CHECK(c.text("select sum(kind = 'code') || '/' || sum(kind = 'access') || '/' || sum(kind = 'refresh') "
                 "from race_issued where round = ?1",
                 {r}) == "1/1/1");
    // The loser presented a code already used, which ends everything made from it (R-04): the
    // family is gone and the winner's token no longer opens the protected path.
    CHECK(c.text("select count(*) from ords_sec_session where id = ?1 or family = ?1", {code_id}) == "0");
    if (wins == 1) CHECK(RaceDb::status(c, winner_access) == "401");
  }
  Conn c(rdb.path);
  check_invariants(c);
  CHECK(c.text("select count(*) from race_consumed where kind = 'code'") == std::to_string(kRounds));
  t.print("code race", clock.seconds());
}

namespace {

// How the workers make the refresh call: in a statement of its own (autocommit), in BEGIN
// IMMEDIATE, inside a deferred BEGIN that read first, or in autocommit from a statement that
// reads the token from a table of the main database (so that statement holds a read snapshot
// before the call starts).
enum class Caller { Autocommit, Immediate, DeferredReadFirst, FromMainTable };

// `rounds` rounds of the refresh race.
Tally refresh_race(RaceDb& rdb, int rounds, Caller caller) {
  // The two callers that hold a snapshot before the call may be refused with SQLITE_BUSY*.
  bool snapshot_first = caller == Caller::DeferredReadFirst || caller == Caller::FromMainTable;
  Wrap wrap = caller == Caller::Immediate ? Wrap::Immediate
              : caller == Caller::DeferredReadFirst ? Wrap::DeferredReadFirst
                                                    : Wrap::None;
  Tally t;
  for (int round = 0; round < rounds; round++) {
    INFO("round " << round);
    std::string refresh0, access0, code_id;
    {
      Conn c(rdb.path);
      std::string code;
      std::tie(code, code_id) = rdb.new_code(c, round);
      Result first = c.q(kRedeem, {code, kRedirect, rdb.ac_id, rdb.ac_secret});
      REQUIRE(first.ok());
      access0 = c.text("select json_extract(?1, '$.access_token')", {first.text});
      refresh0 = c.text("select json_extract(?1, '$.refresh_token')", {first.text});
      REQUIRE(refresh0.size() == 43);
      if (round == 0) REQUIRE(RaceDb::status(c, access0) == "200");
      if (caller == Caller::FromMainTable) REQUIRE(c.exec("delete from race_job") == "");
      if (caller == Caller::FromMainTable) REQUIRE(c.q("insert into race_job values (?1)", {refresh0}).ok());
    }
    std::vector<Result> got = rdb.workers->round(
        caller == Caller::FromMainTable
            ? Job{wrap,
                  "select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', rt, "
                  "'client_id', ?1, 'client_secret', ?2)) from race_job",
                  {rdb.ac_id, rdb.ac_secret}}
            : Job{wrap, kRefresh, {refresh0, rdb.ac_id, rdb.ac_secret}});
    REQUIRE(got.size() == 2);
    Conn c(rdb.path);
    int wins = 0, busy = 0;
    TokenOutcome winner;
    for (const Result& r : got) {
      TokenOutcome o = outcome(c, r);
      INFO(o.said);
      REQUIRE(r.rc != -1);
      t.count_error(r);
      busy += o.busy;
      if (snapshot_first) {
        // The caller's own snapshot is stale once the other commits: the loser may be refused
        // with SQLITE_BUSY / SQLITE_BUSY_SNAPSHOT, a clean SQL error; never anything else.
        CHECK((!o.sql_error || o.busy));
      } else {
        CHECK(!o.sql_error);
      }
      if (o.success) {
        wins++;
        winner = o;
      } else if (!o.sql_error) {
        CHECK(o.error == "invalid_grant");
      }
    }
    t.count(wins);
    REQUIRE(wins <= 1);
    CHECK(wins == 1);
    std::string r = std::to_string(round);
    CHECK(c.text("select sum(kind = 'code') || '/' || sum(kind = 'refresh') from race_consumed where round = ?1",
                 {r}) == "1/1");
    CHECK(c.text("select sum(kind = 'code') || '/' || sum(kind = 'access') || '/' || sum(kind = 'refresh') "
                 "from race_issued where round = ?1",
                 {r}) == "1/2/2");
    if (wins == 1 && busy == 0) {
      // The loser presented a refresh token that had just been used: reuse ends the whole
      // family (R-11), so the winner's new tokens are dead too.
      CHECK(RaceDb::status(c, winner.access) == "401");
      CHECK(RaceDb::status(c, access0) == "401");
      CHECK(rdb.active(c, winner.refresh) == "0");
      CHECK(c.text("select count(*) from ords_sec_session where id = ?1 or family = ?1", {code_id}) == "0");
    } else if (wins == 1) {
      // The loser was refused before it touched anything: the rotation stands.
      CHECK(RaceDb::status(c, winner.access) == "200");
      CHECK(rdb.active(c, winner.refresh) == "1");
      CHECK(RaceDb::status(c, access0) == "200");  // the old access token lives until it expires
    }
  }
  return t;
}

}  // namespace

TEST_CASE("two processes refreshing with one refresh token: exactly one wins, the reuse ends the family",
          "[race]") {
  RaceDb rdb;
  SECTION("each call a statement of its own (autocommit), 200 rounds") {
    Clock clock;
    Tally t = refresh_race(rdb, 200, Caller::Autocommit);
    CHECK(t.one_winner == 200);
    CHECK(t.busy == 0);
    t.print("refresh race, autocommit", clock.seconds());
  }
  SECTION("each call wrapped in BEGIN IMMEDIATE ... COMMIT, 50 rounds") {
    Clock clock;
    Tally t = refresh_race(rdb, 50, Caller::Immediate);
    CHECK(t.one_winner == 50);
    CHECK(t.busy == 0);
    t.print("refresh race, BEGIN IMMEDIATE", clock.seconds());
  }
  SECTION("each call inside a deferred BEGIN that read first (the caller's mistake), 50 rounds") {
    // SECURITY.md 3.2: the second writer's snapshot is older than the first one's commit, so
    // SQLite refuses it (SQLITE_BUSY_SNAPSHOT, or SQLITE_BUSY while the first still writes)
    // without calling the busy handler. Still never two winners, and the refused call changed
    // nothing.
    Clock clock;
    Tally t = refresh_race(rdb, 50, Caller::DeferredReadFirst);
    CHECK(t.one_winner == 50);
    CHECK(t.busy == 50);  // every loser is refused: its snapshot predates the winner's write
    t.print("refresh race, deferred BEGIN that read first", clock.seconds());
  }
  SECTION("each call made by a statement that reads the token from a main-database table, 100 rounds") {
    // The calling statement's read snapshot exists before the call, so the call cannot take the
    // write lock first: when the two overlap, the loser is refused with SQLITE_BUSY* (a clean
    // error, nothing changed), otherwise it sees the used token (invalid_grant). Never two
    // winners. Callers avoid this by binding values or reading them from a temp table.
    Clock clock;
    Tally t = refresh_race(rdb, 100, Caller::FromMainTable);
    CHECK(t.one_winner == 100);
    t.print("refresh race, token read by the calling statement from a main table", clock.seconds());
  }
  Conn c(rdb.path);
  check_invariants(c);
}

TEST_CASE("a refresh racing a revocation of the same refresh token: the family ends either way", "[race]") {
  // Worker 0 refreshes, worker 1 revokes (RFC 7009; revoking a refresh token ends its family,
  // R-15). Whichever goes first, no token of the family is alive afterwards: a refresh that won
  // made tokens the revocation then ended, and a refresh that lost found nothing to refresh.
  RaceDb rdb;
  const char* kRevoke =
      "select oauth_revoke(json_object('token', ?1, 'token_type_hint', 'refresh_token', 'client_id', ?2, "
      "'client_secret', ?3))";
  const int kRounds = 50;
  Tally t;
  int refresh_first = 0;
  Clock clock;
  for (int round = 0; round < kRounds; round++) {
    INFO("round " << round);
    std::string refresh0, access0, code_id;
    {
      Conn c(rdb.path);
      std::string code;
      std::tie(code, code_id) = rdb.new_code(c, round);
      Result first = c.q(kRedeem, {code, kRedirect, rdb.ac_id, rdb.ac_secret});
      REQUIRE(first.ok());
      access0 = c.text("select json_extract(?1, '$.access_token')", {first.text});
      refresh0 = c.text("select json_extract(?1, '$.refresh_token')", {first.text});
      REQUIRE(refresh0.size() == 43);
    }
    std::vector<Result> got = rdb.workers->round(std::vector<Job>{
        Job{Wrap::None, kRefresh, {refresh0, rdb.ac_id, rdb.ac_secret}},
        Job{Wrap::None, kRevoke, {refresh0, rdb.ac_id, rdb.ac_secret}}});
    REQUIRE(got.size() == 2);
    Conn c(rdb.path);
    for (const Result& r : got) {
      INFO("rc " << r.rc << (r.ok() ? "" : ": " + r.text));
      REQUIRE(r.rc != -1);
      CHECK(r.ok());
      t.count_error(r);
    }
    CHECK(got[1].text == "{}");  // the revocation is acknowledged
    TokenOutcome o = outcome(c, got[0]);
    INFO(o.said);
    if (o.success) {
      refresh_first++;
      CHECK(RaceDb::status(c, o.access) == "401");
      CHECK(rdb.active(c, o.refresh) == "0");
    } else {
      CHECK(o.error == "invalid_grant");
    }
    t.count(o.success ? 1 : 0);
    CHECK(RaceDb::status(c, access0) == "401");
    CHECK(c.text("select count(*) from ords_sec_session where id = ?1 or family = ?1", {code_id}) == "0");
  }
  Conn c(rdb.path);
  check_invariants(c);
  if (stats_wanted()) std::fprintf(stderr, "[race] refresh vs revoke: the refresh went first in %d of %d rounds\n",
                                   refresh_first, kRounds);
  t.print("refresh vs revoke race", clock.seconds());
}

TEST_CASE("two processes rotating one client's secret: two slots, the last rotation's secret works", "[race]") {
  race::TempDir dir;
  std::string path = dir.file("rotate.db");
  std::string client_id;
  std::vector<std::string> previous;
  {
    Conn c(path);
    REQUIRE(c.text("PRAGMA journal_mode=WAL") == "wal");
    Result reg = c.q("select register_client('RACE_CC', 'client_credentials', 'race@example.org')");
    REQUIRE(reg.ok());
    client_id = c.text("select json_extract(?1, '$.client_key.client_id')", {reg.text});
    previous.push_back(c.text("select rotate_client_secret('RACE_CC')"));  // slot 1, seq 1
    REQUIRE(previous.back().size() == 24);
  }
  race::Workers workers(path, 2);
  REQUIRE(workers.size() == 2);
  auto authenticates = [&](Conn& c, const std::string& secret) {
    return c.text("select json_type(oauth_token('client_credentials', ?1, ?2), '$.access_token')",
                  {client_id, secret}) == "text";
  };
  const int kRounds = 50;
  int acknowledged = 1;  // the first rotation, above
  Tally t;
  Clock clock;
  for (int round = 0; round < kRounds; round++) {
    INFO("round " << round);
    std::vector<Result> got = workers.round(Job{Wrap::None, "select rotate_client_secret(json_object('name', 'RACE_CC'))", {}});
    REQUIRE(got.size() == 2);
    Conn c(path);
    std::vector<std::string> secrets, slots;
    for (const Result& r : got) {
      INFO("rc " << r.rc << (r.ok() ? "" : ": " + r.text));
      REQUIRE(r.rc != -1);
      t.count_error(r);
      CHECK(r.ok());
      if (!r.ok()) continue;
      acknowledged++;
      secrets.push_back(c.text("select json_extract(?1, '$.client_secret.secret')", {r.text}));
      slots.push_back(c.text("select json_extract(?1, '$.client_secret.slot')", {r.text}));
    }
    t.count(static_cast<int>(secrets.size()) == 2 ? 1 : 0);  // here "one winner" = both acknowledged
    // 3.3.4: at most two slots, each a whole, well-formed record from one write.
    CHECK(c.text("select count(*) from ords_sec_client_secret") == "2");
    CHECK(c.text("select count(*) from ords_sec_client_secret where kind = 'blake2b' and length(salt) = 16 and "
                 "length(hash) = 32 and issued_on > 0 and stored is null") == "2");
    // 3.3.5: the counter (seq) moved by exactly the number of acknowledged rotations.
    CHECK(c.text("select max(seq) from ords_sec_client_secret") == std::to_string(acknowledged));
    REQUIRE(secrets.size() == 2);
    CHECK(slots[0] != slots[1]);  // the second rotation overwrote the oldest, not the first's slot
    // The last acknowledged rotation is the slot with the highest seq: its secret authenticates,
    // and so does the other one (it sits in the other slot); the previous round's do not.
    std::string last_slot = c.text("select slot from ords_sec_client_secret order by seq desc limit 1");
    int last = 0;
    for (size_t i = 0; i < 2; i++) {
      if (slots[i] != last_slot) continue;
      last++;
      CHECK(authenticates(c, secrets[i]));
    }
    CHECK(last == 1);
    CHECK(authenticates(c, secrets[0]));
    CHECK(authenticates(c, secrets[1]));
    for (const auto& old : previous) CHECK(!authenticates(c, old));
    previous = secrets;
  }
  Conn c(path);
  CHECK(c.text("PRAGMA integrity_check") == "ok");
  t.print("secret rotation race", clock.seconds());
}

TEST_CASE("a decision inside an open read transaction sees the snapshot: a revocation shows after COMMIT",
          "[race]") {
  // Two connections of one process (a second process would see exactly the same): `reader`
  // decides, `admin` changes things.
  race::TempDir dir;
  std::string path = dir.file("snapshot.db");
  Conn admin(path);
  REQUIRE(admin.text("PRAGMA journal_mode=WAL") == "wal");
  REQUIRE(admin.q("select create_role('snap_role')").ok());
  REQUIRE(admin.q("select create_privilege('snap_priv', 'snap_role', 'snap', 'snapshot resources')").ok());
  REQUIRE(admin.q("select create_privilege_mapping('snap_priv', '/snap/*')").ok());
  auto client = [&](const char* name) {
    Result reg = admin.q("select register_client(?1, 'client_credentials', 'snap@example.org')", {name});
    REQUIRE(reg.ok());
    REQUIRE(admin.q("select grant_client_role(?1, 'snap_role')", {name}).ok());
    std::string id = admin.text("select json_extract(?1, '$.client_key.client_id')", {reg.text});
    std::string secret = admin.text("select rotate_client_secret(?1)", {name});
    std::string token =
        admin.text("select json_extract(oauth_token('client_credentials', ?1, ?2), '$.access_token')", {id, secret});
    REQUIRE(token.size() == 43);
    return std::make_tuple(id, secret, token);
  };
  auto status = [](Conn& c, const std::string& token) {
    return c.text("select json_extract(check_request('GET', '/snap/1', 'Bearer ' || ?1), '$.status')", {token});
  };
  Conn reader(path);

  SECTION("oauth_revoke") {
    auto [id, secret, token] = client("SNAP_A");
    REQUIRE(reader.exec("BEGIN") == "");
    CHECK(status(reader, token) == "200");  // the read transaction (the snapshot) starts here
    CHECK(admin.text("select oauth_revoke(json_object('token', ?1, 'client_id', ?2, 'client_secret', ?3))",
                     {token, id, secret}) == "{}");
    CHECK(status(admin, token) == "401");   // every other connection sees it at once
    CHECK(status(reader, token) == "200");  // the open transaction still sees its snapshot
    REQUIRE(reader.exec("COMMIT") == "");
    CHECK(status(reader, token) == "401");
  }
  SECTION("delete_client") {
    auto [id, secret, token] = client("SNAP_B");
    REQUIRE(reader.exec("BEGIN") == "");
    CHECK(status(reader, token) == "200");
    CHECK(admin.q("select delete_client('SNAP_B')").ok());
    CHECK(status(admin, token) == "401");
    CHECK(status(reader, token) == "200");
    REQUIRE(reader.exec("COMMIT") == "");
    CHECK(status(reader, token) == "401");
  }
  SECTION("revoke_client_role") {
    auto [id, secret, token] = client("SNAP_C");
    REQUIRE(reader.exec("BEGIN") == "");
    CHECK(status(reader, token) == "200");
    CHECK(admin.q("select revoke_client_role('SNAP_C', 'snap_role')").ok());
    CHECK(status(admin, token) == "403");
    CHECK(status(reader, token) == "200");
    REQUIRE(reader.exec("COMMIT") == "");
    CHECK(status(reader, token) == "403");
  }
}
