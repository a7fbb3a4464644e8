// soak_test.cpp: several processes mixing every kind of operation for a while (issue 13, soak).
// Tagged [soak].
//
// Four worker processes, forked when the parent has no connection open, each with ONE
// connection kept for the whole run (WAL, synchronous=NORMAL, busy_timeout 5000) on the
// scenario's file database (fault_helpers.hpp). Each registers clients of its own (so that its
// secrets stay its own) and then, until the time is up, picks at random: decide a request with
// its current token (must be 200) or a revoked one (must be 401), issue a client_credentials
// token, revoke one, rotate its client's secret (the new one must authenticate), authorize and
// redeem a code, refresh (the old refresh token must then be refused), create and delete a role
// and a privilege mapping, read the views, introspect. Every answer is checked in the worker.
// The only error allowed is SQLITE_BUSY / SQLITE_BUSY_SNAPSHOT, which the worker retries
// (docs/reliability.md: an application retries the whole call); none is expected, since every
// call runs in autocommit (race_test.cpp, "What callers must know").
// Worker 0 also measures its long-lived connection's memory: sqlite3_memory_used(), the heap in
// use (mallinfo2) and the RSS after a quarter of the run and at its end; SQLite's memory and the
// heap in use must grow less than 4 MiB (the caches are bounded), the RSS less than 32 MiB. Afterwards the parent checks the invariants.
// ORDS_SOAK_SECONDS sets the duration (default 60); ORDS_SOAK_STATS=1 prints the figures.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

#include "fault_helpers.hpp"

namespace {

int seconds_wanted() {
  const char* v = getenv("ORDS_SOAK_SECONDS");
  int n = v ? atoi(v) : 0;
  return n > 0 ? n : 60;
}

struct Report {
  long ops = 0, busy_retries = 0, failures = 0;
  long long mem_q = 0, mem_end = 0, heap_q = 0, heap_end = 0, rss_q = 0, rss_end = 0;
  char first_failure[240] = {0};
};

long long rss_bytes() {
  long pages = 0, rss = 0;
  FILE* f = fopen("/proc/self/statm", "r");
  if (!f) return 0;
  if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
  fclose(f);
  return static_cast<long long>(rss) * sysconf(_SC_PAGESIZE);
}

struct Worker {
  sqlite3* db;
  Report rep;
  std::mt19937 rng;
  faults::Values v;

  void fail(const std::string& what) {
    rep.failures++;
    if (!rep.first_failure[0]) snprintf(rep.first_failure, sizeof rep.first_failure, "%s", what.c_str());
  }
  // Runs a call, retrying SQLITE_BUSY; any other SQL error is a failure.
  race::Result call(const char* what, const std::string& sql) {
    for (int attempt = 0;; attempt++) {
      race::Result r = faults::run(db, sql, v);
      rep.ops++;
      if (r.busy() && attempt < 50) {
        rep.busy_retries++;
        continue;
      }
      if (!r.ok()) fail(std::string(what) + ": rc " + std::to_string(r.rc) + " " + r.text.substr(0, 150));
      return r;
    }
  }
  std::string status(const std::string& token) {
    v["t"] = token;
    return faults::field(db, call("check_request", "select check_request('GET', '/a/x', 'Bearer ' || :t)").text,
                         "$.status");
  }
  std::string token_of(const race::Result& r, const char* member) {
    return r.ok() ? faults::field(db, r.text, member) : "";
  }
};

[[noreturn]] void work(const std::string& path, int id, double seconds, const faults::Values& base, int fd) {
  alarm(static_cast<unsigned>(seconds) + 120);
  Worker w{race::open_db(path), {}, std::mt19937(1000u + static_cast<unsigned>(id)), base};
  std::string me = "W" + std::to_string(id);
  w.v["cc"] = me + "_CC";
  w.v["ac"] = me + "_AC";
  w.v["role"] = me + "_role";
  w.v["pat"] = "/" + me + "/*";
  w.v["cc_id"] = faults::field(
      w.db, w.call("register", "select register_client(:cc, 'client_credentials', 'w@example.org', 'w', 'p1')").text,
      "$.client_key.client_id");
  w.v["cc_secret"] = w.call("rotate", "select rotate_client_secret(:cc)").text;
  w.call("grant", "select grant_client_role(:cc, 'r1')");
  w.v["ac_id"] = faults::field(w.db,
                               w.call("register", "select register_client(:ac, 'authorization_code', 'w@example.org', "
                                                  "'w', 'p1', NULL, :redirect)")
                                   .text,
                               "$.client_key.client_id");
  w.v["ac_secret"] = w.call("rotate", "select rotate_client_secret(:ac)").text;
  std::string token, revoked, refresh;
  auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  bool sampled = false;
  while (elapsed() < seconds) {
    if (id == 0 && !sampled && elapsed() > seconds / 4) {
      sampled = true;
      w.rep.mem_q = sqlite3_memory_used();
      w.rep.heap_q = static_cast<long long>(mallinfo2().uordblks);
      w.rep.rss_q = rss_bytes();
    }
    int pick = static_cast<int>(w.rng() % 100);
    if (pick < 35) {  // readers deciding
      if (!token.empty() && w.status(token) != "200") w.fail("a live token was not 200");
      if (!revoked.empty() && w.status(revoked) != "401") w.fail("a revoked token was not 401");
    } else if (pick < 47) {
      std::string t = w.token_of(w.call("cc", "select oauth_token('client_credentials', :cc_id, :cc_secret)"),
                                 "$.access_token");
      if (t.size() != 43) w.fail("no client_credentials token");
      token = t;
    } else if (pick < 55) {
      if (token.empty()) continue;
      w.v["t"] = token;
      race::Result r = w.call("revoke", "select oauth_revoke(json_object('token', :t, 'client_id', :cc_id, "
                                        "'client_secret', :cc_secret))");
      if (r.text != "{}") w.fail("revoke did not answer {}");
      revoked = token;
      token.clear();
    } else if (pick < 62) {
      std::string s = w.call("rotate", "select rotate_client_secret(:cc)").text;
      w.v["s"] = s;
      if (faults::run(w.db, "select ords_security_test_client_auth(:cc_id, :s)", w.v).text != "1")
        w.fail("a new secret did not authenticate");
      w.v["cc_secret"] = s;
    } else if (pick < 74) {
      race::Result a = w.call("authorize", "select oauth_authorize(json_object('response_type', 'code', 'client_id', "
                                           ":ac_id, 'redirect_uri', :redirect, 'scope', 'p1', 'user', 'u'))");
      w.v["c"] = faults::code_of(w.db, a.text);
      std::string rt = w.token_of(w.call("redeem", "select oauth_token(json_object('grant_type', "
                                                   "'authorization_code', 'code', :c, 'redirect_uri', :redirect, "
                                                   "'client_id', :ac_id, 'client_secret', :ac_secret))"),
                                  "$.refresh_token");
      if (rt.size() != 43) w.fail("a code was not redeemed");
      refresh = rt;
    } else if (pick < 84) {
      if (refresh.empty()) continue;
      w.v["r"] = refresh;
      const char* sql =
          "select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', :r, 'client_id', :ac_id, "
          "'client_secret', :ac_secret))";
      std::string rt = w.token_of(w.call("refresh", sql), "$.refresh_token");
      if (rt.size() != 43) w.fail("a refresh failed");
      if (w.token_of(w.call("refresh again", sql), "$.error") != "invalid_grant") w.fail("a used refresh token worked");
      refresh.clear();  // the replay ended the family
    } else if (pick < 92) {
      w.call("create_role", "select create_role(:role)");
      w.call("mapping", "select create_privilege_mapping('p2', :pat)");
      w.call("delete mapping", "select delete_privilege_mapping('p2', :pat)");
      w.call("delete_role", "select delete_role(:role)");
    } else if (pick < 96) {
      w.call("views", "select count(*) from user_ords_sessions");
      w.call("views", "select count(*) from user_ords_clients");
    } else {
      if (token.empty()) continue;
      w.v["t"] = token;
      if (faults::field(w.db,
                        w.call("introspect", "select oauth_introspect(json_object('token', :t, 'client_id', :cc_id, "
                                             "'client_secret', :cc_secret))")
                            .text,
                        "$.active") != "1")
        w.fail("a live token introspected inactive");
    }
  }
  if (id == 0) {
    w.rep.mem_end = sqlite3_memory_used();
    w.rep.heap_end = static_cast<long long>(mallinfo2().uordblks);
    w.rep.rss_end = rss_bytes();
  }
  if (sqlite3_close(w.db) != SQLITE_OK) w.fail("close");
  (void)!write(fd, &w.rep, sizeof w.rep);
  _exit(0);
}

}  // namespace

TEST_CASE("soak: four processes mixing every operation; only retried SQLITE_BUSY; memory flat; invariants", "[soak]") {
  race::TempDir dir;
  REQUIRE(!dir.path.empty());
  std::string path = dir.file("soak.db");
  faults::Values v;
  {
    sqlite3* db = race::open_db(path);
    REQUIRE(faults::run(db, "PRAGMA journal_mode=WAL").text == "wal");
    std::string error;
    v = faults::build_scenario(db, &error);
    REQUIRE(error == "");
    faults::run(db, "select ords_security_test_clock(NULL)");
    REQUIRE(sqlite3_close(db) == SQLITE_OK);
  }
  const int kWorkers = 4;
  double seconds = seconds_wanted();
  std::vector<pid_t> pids;
  std::vector<int> fds;
  for (int i = 0; i < kWorkers; i++) {
    int p[2];
    REQUIRE(pipe(p) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(p[0]);
      work(path, i, seconds, v, p[1]);
    }
    close(p[1]);
    pids.push_back(pid);
    fds.push_back(p[0]);
  }
  Report total;
  Report first;
  for (int i = 0; i < kWorkers; i++) {
    Report r;
    ssize_t n = read(fds[i], &r, sizeof r);
    close(fds[i]);
    int status = 0;
    waitpid(pids[i], &status, 0);
    INFO("worker " << i);
    CHECK(n == static_cast<ssize_t>(sizeof r));
    CHECK(WIFEXITED(status));
    INFO(r.first_failure);
    CHECK(r.failures == 0);
    total.ops += r.ops;
    total.busy_retries += r.busy_retries;
    if (i == 0) first = r;
  }
  // Memory of worker 0's long-lived connection: bounded growth from a quarter of the run on.
  INFO("sqlite3_memory_used " << first.mem_q << " -> " << first.mem_end << ", heap " << first.heap_q << " -> "
                              << first.heap_end << ", rss " << first.rss_q << " -> " << first.rss_end);
  CHECK(first.mem_q > 0);
  CHECK(first.mem_end - first.mem_q < 4 << 20);
#if defined(__SANITIZE_ADDRESS__)
  // Under ASan (make sanitize) the heap is ASan's (mallinfo2 says 0) and freed blocks sit in its
  // quarantine, so the RSS grows by design: only SQLite's own accounting is checked there.
  const bool heap_measured = false;
#else
  const bool heap_measured = true;
#endif
  if (heap_measured) CHECK(first.heap_end - first.heap_q < 4 << 20);
  // The RSS is a coarse guard only: it also counts the WAL index and file pages mapped, and freed
  // heap glibc keeps (60 s: +7 MB while the heap in use grew 6 KB and SQLite's memory 2 KB).
  if (heap_measured) CHECK(first.rss_end - first.rss_q < 32 << 20);
  sqlite3* db = race::open_db(path);
  CHECK(faults::joined(faults::invariants(db)) == "");
  CHECK(sqlite3_close(db) == SQLITE_OK);
  const char* s = getenv("ORDS_SOAK_STATS");
  if (s && *s && *s != '0')
    std::fprintf(stderr,
                 "[soak] %d workers, %.0f s: %ld calls (%.0f/s), %ld SQLITE_BUSY retried; worker 0 memory: "
                 "sqlite3_memory_used %lld -> %lld, heap in use %lld -> %lld, rss %lld -> %lld\n",
                 kWorkers, seconds, total.ops, total.ops / seconds, total.busy_retries, first.mem_q, first.mem_end,
                 first.heap_q, first.heap_end, first.rss_q, first.rss_end);
}
