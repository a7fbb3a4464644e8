// busy_test.cpp: writers and the write lock (issue 13, busy). Tagged [busy].
//
// Another connection holds the write lock (BEGIN IMMEDIATE) on the scenario's file database
// (fault_helpers.hpp), in WAL and rollback-journal modes. For a writer of each kind (a model
// writer, a secret rotation, the token endpoint, a revocation):
//   - with busy_timeout 300 ms and the lock never released, the call waits about that long, then
//     fails with SQLITE_BUSY (an SQL error naming the function) and changes nothing;
//   - with busy_timeout 0 it fails at once, the same way;
//   - with busy_timeout 5000 and the lock released after 200 ms (by another thread, its own
//     connection), the call waits and succeeds.
// docs/reliability.md says what an application does with SQLITE_BUSY: retry the whole call.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>
#include <unistd.h>

#include "fault_helpers.hpp"

namespace {

const char* kWriters[][2] = {
    {"create_role", "select create_role('busy_role')"},
    {"rotate_client_secret", "select rotate_client_secret('CC')"},
    {"oauth_token", "select oauth_token('client_credentials', :cc_id, :cc_secret)"},
    {"oauth_revoke",
     "select oauth_revoke(json_object('token', :cc_access, 'client_id', :cc_id, 'client_secret', :cc_secret))"},
};

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void busy_cases(const char* journal_mode) {
  race::TempDir dir;
  REQUIRE(!dir.path.empty());
  std::string path = dir.file("busy.db");
  faults::Values v;
  {
    sqlite3* db = race::open_db(path);
    REQUIRE(faults::run(db, std::string("PRAGMA journal_mode=") + journal_mode).ok());
    std::string error;
    v = faults::build_scenario(db, &error);
    REQUIRE(error == "");
    REQUIRE(sqlite3_close(db) == SQLITE_OK);
  }
  for (const auto& w : kWriters) {
    INFO(journal_mode << ": " << w[1]);
    sqlite3* a = race::open_db(path);
    sqlite3* holder = race::open_db(path);
    faults::pin(a, faults::kRunEpoch, 3);
    std::string before = faults::dump(a);
    REQUIRE(faults::run(holder, "BEGIN IMMEDIATE").ok());
    for (int timeout : {300, 0}) {
      INFO("busy_timeout " << timeout);
      sqlite3_busy_timeout(a, timeout);
      auto t0 = std::chrono::steady_clock::now();
      race::Result r = faults::run(a, w[1], v);
      double waited = ms_since(t0);
      INFO(r.text);
      CHECK(r.busy());
      CHECK(r.text.rfind(std::string(w[0]) + ": ", 0) == 0);
      if (timeout > 0) {
        CHECK(waited >= 250);
        CHECK(waited < 3000);
      } else {
        CHECK(waited < 250);
      }
      CHECK(sqlite3_get_autocommit(a) == 1);
    }
    REQUIRE(faults::run(holder, "ROLLBACK").ok());
    CHECK(faults::dump(a) == before);  // nothing changed
    // The lock is released after 200 ms: with busy_timeout 5000 the call waits and succeeds.
    REQUIRE(faults::run(holder, "BEGIN IMMEDIATE").ok());
    std::thread release([holder] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      faults::run(holder, "COMMIT");
    });
    sqlite3_busy_timeout(a, 5000);
    auto t0 = std::chrono::steady_clock::now();
    race::Result r = faults::run(a, w[1], v);
    double waited = ms_since(t0);
    release.join();
    INFO(r.text.substr(0, 120));
    CHECK(r.ok());
    CHECK(r.text.find("\"error\"") == std::string::npos);
    CHECK(waited >= 150);
    CHECK(faults::joined(faults::invariants(a)) == "");
    CHECK(sqlite3_close(holder) == SQLITE_OK);
    CHECK(sqlite3_close(a) == SQLITE_OK);
    // the next writer starts from this state: give back what the call used up
    if (std::string(w[0]) == "rotate_client_secret") v["cc_secret"] = r.text;
  }
}

}  // namespace

TEST_CASE("busy, rollback journal: writers wait busy_timeout, then fail with SQLITE_BUSY and change nothing",
          "[busy]") {
  busy_cases("delete");
}

TEST_CASE("busy, WAL: writers wait busy_timeout, then fail with SQLITE_BUSY and change nothing", "[busy]") {
  busy_cases("wal");
}
