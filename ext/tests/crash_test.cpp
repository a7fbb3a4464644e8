// crash_test.cpp: a process killed with SIGKILL in the middle of its writes loses nothing it
// acknowledged and leaves nothing half-done (issue 13, crashes). Tagged [crash].
//
// Each round forks a child that opens its own connection (busy_timeout 5000,
// synchronous=NORMAL) and loops over: rotate the client_credentials client's secret, issue a
// client_credentials token, revoke the previous one, refresh its current refresh token, and
// authorize + redeem a new code (a new refresh chain). Before each call it writes "S <op>" to a
// pipe, and after each call that succeeded "A <op> <value>" (the value the parent needs to check
// it; the pipe is the only place tokens go, never the output). The parent kills it with SIGKILL
// after a random 5-80 ms (every connection at one pinned clock), reads every complete line, and on a fresh connection (which recovers
// the hot journal or the WAL) checks the invariants (faults::invariants) and every acknowledged
// operation: the last acknowledged secret authenticates; every acknowledged token that no
// acknowledged (or in-flight) revocation ended gets 200, every acknowledged revocation 401; the
// newest refresh token of every chain is active unless the op in flight was its rotation. The
// op in flight at the kill may have happened or not; the invariants say it never half did.
// Rollback-journal and WAL modes, ORDS_CRASH_ROUNDS rounds each (default 15);
// ORDS_CRASH_STATS=1 prints the figures.
#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <random>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "fault_helpers.hpp"

namespace {

int rounds_wanted() {
  const char* v = getenv("ORDS_CRASH_ROUNDS");
  int n = v ? atoi(v) : 0;
  return n > 0 ? n : 15;
}

bool stats_wanted() {
  const char* v = getenv("ORDS_CRASH_STATS");
  return v && *v && *v != '0';
}

// Every connection of the test runs at one pinned instant (the scenario's run time): rotations
// then order their slots by sequence ("the oldest slot" is the one rotated longest ago), and no
// token expires however many rounds run. (At real time, the scenario's slots, issued at its later
// pinned clock, would always look newer than any real-time rotation.)
void pin_clock(sqlite3* db) {
  faults::run(db, "select ords_security_test_clock(" + std::to_string(faults::kRunEpoch) + ")");
}

void say(int fd, const std::string& line) {
  std::string l = line + "\n";
  (void)!write(fd, l.data(), l.size());
}

// The child: never returns; loops until killed. Plain C API only (no Catch2 in a child).
[[noreturn]] void child(const std::string& path, faults::Values v, int fd) {
  alarm(20);
  sqlite3* db = race::open_db(path);
  pin_clock(db);
  std::string secret = v["cc_secret"], cc_prev, refresh = v["refresh"];
  for (long i = 0;; i++) {
    switch (i % 5) {
      case 0: {
        say(fd, "S rotate");
        race::Result r = faults::run(db, "select rotate_client_secret('CC')");
        if (r.ok()) {
          secret = r.text;
          say(fd, "A secret " + secret);
        }
        break;
      }
      case 1: {
        say(fd, "S cc");
        race::Result r = faults::run(db, "select oauth_token('client_credentials', :id, :s)",
                                     {{"id", v["cc_id"]}, {"s", secret}});
        std::string t = r.ok() ? faults::field(db, r.text, "$.access_token") : "";
        if (t.size() == 43) {
          if (!cc_prev.empty()) say(fd, "P " + cc_prev);  // the next revoke's target
          say(fd, "A cc " + t);
          cc_prev = t;
        }
        break;
      }
      case 2: {
        if (cc_prev.empty()) break;
        say(fd, "S revoke " + cc_prev);
        race::Result r = faults::run(db, "select oauth_revoke(json_object('token', :t, 'client_id', :id, "
                                         "'client_secret', :s))",
                                     {{"t", cc_prev}, {"id", v["cc_id"]}, {"s", secret}});
        if (r.ok() && r.text == "{}") say(fd, "A revoked " + cc_prev);
        cc_prev.clear();
        break;
      }
      case 3: {
        say(fd, "S refresh " + refresh);
        race::Result r = faults::run(db,
                                     "select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', "
                                     ":r, 'client_id', :id, 'client_secret', :s))",
                                     {{"r", refresh}, {"id", v["ac_id"]}, {"s", v["ac_secret"]}});
        std::string t = r.ok() ? faults::field(db, r.text, "$.refresh_token") : "";
        if (t.size() == 43) {
          say(fd, "A refresh " + refresh + " " + t);
          refresh = t;
        }
        break;
      }
      case 4: {
        say(fd, "S code");
        race::Result a = faults::run(db,
                                     "select oauth_authorize(json_object('response_type', 'code', 'client_id', :id, "
                                     "'redirect_uri', :u, 'scope', 'p1', 'user', 'dave'))",
                                     {{"id", v["ac_id"]}, {"u", v["redirect"]}});
        std::string code = a.ok() ? faults::code_of(db, a.text) : "";
        if (code.size() != 43) break;
        race::Result r = faults::run(db,
                                     "select oauth_token(json_object('grant_type', 'authorization_code', 'code', :c, "
                                     "'redirect_uri', :u, 'client_id', :id, 'client_secret', :s))",
                                     {{"c", code}, {"u", v["redirect"]}, {"id", v["ac_id"]}, {"s", v["ac_secret"]}});
        std::string t = r.ok() ? faults::field(db, r.text, "$.refresh_token") : "";
        if (t.size() == 43) {
          say(fd, "A chain " + t);
          refresh = t;
        }
        break;
      }
    }
  }
}

struct Figures {
  int rounds = 0;
  long acks = 0, in_flight = 0;
};

void crash_rounds(const char* journal_mode, Figures* fig) {
  race::TempDir dir;
  REQUIRE(!dir.path.empty());
  std::string path = dir.file("crash.db");
  faults::Values v;
  {
    sqlite3* db = race::open_db(path);
    REQUIRE(faults::run(db, std::string("PRAGMA journal_mode=") + journal_mode).ok());
    std::string error;
    v = faults::build_scenario(db, &error);
    REQUIRE(error == "");
    // The scenario's cc_secret is the OLDER of CC's two slots (a rotation in flight would rightly
    // replace it): start from the newest, one rotation made at the test's clock.
    pin_clock(db);
    v["cc_secret"] = faults::run(db, "select rotate_client_secret('CC')").text;
    REQUIRE(v["cc_secret"].size() == 24);
    REQUIRE(sqlite3_close(db) == SQLITE_OK);
  }
  unsigned seed = static_cast<unsigned>(getpid()) * 2654435761u;
  std::mt19937 rng(seed);
  std::string secret = v["cc_secret"];
  std::vector<std::string> chains{v["refresh"]};  // the newest refresh token of each chain
  std::map<std::string, bool> cc_live;            // acknowledged cc tokens: still expected live?
  for (int round = 0; round < rounds_wanted(); round++) {
    INFO(journal_mode << " round " << round << " (seed " << seed << ")");
    int p[2];
    REQUIRE(pipe(p) == 0);
    // The parent holds no connection across the fork.
    faults::Values cv = v;
    cv["cc_secret"] = secret;
    cv["refresh"] = chains.back();
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(p[0]);
      child(path, cv, p[1]);
    }
    close(p[1]);
    usleep(5000 + rng() % 75000);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status));
    std::string all;
    char buf[4096];
    ssize_t n;
    while ((n = read(p[0], buf, sizeof buf)) > 0) all.append(buf, static_cast<size_t>(n));
    close(p[0]);
    // Complete lines only: a line cut by the kill is dropped (its op is the one in flight).
    std::string in_flight, pending_revoke;
    std::istringstream lines(all.substr(0, all.rfind('\n') + 1));
    std::string line;
    while (std::getline(lines, line)) {
      std::istringstream w(line);
      std::string tag, op, a, b;
      w >> tag >> op >> a >> b;
      if (tag == "S") {
        in_flight = op == "revoke" ? "revoke " + a : op == "refresh" ? "refresh " + a : op;
        continue;
      }
      if (tag == "P") continue;
      fig->acks++;
      in_flight.clear();
      if (op == "secret") secret = a;
      if (op == "cc") cc_live[a] = true;
      if (op == "revoked") cc_live[a] = false;
      if (op == "chain") chains.push_back(a);
      if (op == "refresh")
        for (auto& c : chains)
          if (c == a) c = b;
    }
    if (!in_flight.empty()) fig->in_flight++;
    fig->rounds++;
    sqlite3* db = race::open_db(path);
    pin_clock(db);
    CHECK(faults::joined(faults::invariants(db)) == "");
    {
      INFO("in flight: " << in_flight << "; slots (slot issued_on seq): "
                         << faults::run(db, "select group_concat(slot || ' ' || issued_on || ' ' || seq, '; ') from "
                                            "ords_sec_client_secret s join ords_sec_client c on c.id = s.client_id "
                                            "where c.name = 'CC'")
                                .text
                         << "; lines " << std::count(all.begin(), all.end(), '\n'));
      CHECK(faults::run(db, "select ords_security_test_client_auth(:id, :s)", {{"id", v["cc_id"]}, {"s", secret}})
                .text == "1");
    }
    for (auto it = cc_live.begin(); it != cc_live.end();) {
      if (in_flight == "revoke " + it->first) {  // may or may not have happened: forget it
        it = cc_live.erase(it);
        continue;
      }
      std::string st = faults::run(db, "select json_extract(check_request('GET', '/a/x', 'Bearer ' || :t), '$.status')",
                                   {{"t", it->first}})
                           .text;
      CHECK(st == (it->second ? "200" : "401"));
      ++it;
    }
    for (auto it = chains.begin(); it != chains.end();) {
      if (in_flight == "refresh " + *it) {  // rotated or not: the chain's newest token is unknown
        it = chains.erase(it);
        continue;
      }
      std::string active = faults::run(db,
                                       "select json_extract(oauth_introspect(json_object('token', :t, 'client_id', :id, "
                                       "'client_secret', :s)), '$.active')",
                                       {{"t", *it}, {"id", v["ac_id"]}, {"s", v["ac_secret"]}})
                               .text;
      CHECK(active == "1");
      ++it;
    }
    // A rotation in flight may have replaced the older slot: one more unacknowledged rotation
    // next round would replace the last acknowledged secret too. Rotate here (acknowledged).
    if (in_flight == "rotate") {
      secret = faults::run(db, "select rotate_client_secret('CC')").text;
      REQUIRE(secret.size() == 24);
    }
    REQUIRE(sqlite3_close(db) == SQLITE_OK);
    // A chain whose head is unknown cannot be continued: start the next round from a new code.
    if (chains.empty()) {
      sqlite3* c = race::open_db(path);
      pin_clock(c);
      race::Result a = faults::run(c,
                                   "select oauth_authorize(json_object('response_type', 'code', 'client_id', :ac_id, "
                                   "'redirect_uri', :redirect, 'scope', 'p1', 'user', 'erin'))",
                                   v);
      std::string code = faults::code_of(c, a.text);
      race::Result r = faults::run(c,
                                   "select oauth_token(json_object('grant_type', 'authorization_code', 'code', :c, "
                                   "'redirect_uri', :u, 'client_id', :id, 'client_secret', :s))",
                                   {{"c", code}, {"u", v["redirect"]}, {"id", v["ac_id"]}, {"s", v["ac_secret"]}});
      chains.push_back(faults::field(c, r.text, "$.refresh_token"));
      REQUIRE(chains.back().size() == 43);
      REQUIRE(sqlite3_close(c) == SQLITE_OK);
    }
  }
}

}  // namespace

TEST_CASE("SIGKILL during writes, rollback journal: every acknowledged op is there, nothing half-done", "[crash]") {
  Figures f;
  crash_rounds("delete", &f);
  if (stats_wanted())
    std::fprintf(stderr, "[crash] delete: %d kills, %ld acknowledged ops checked, %ld ops in flight at the kill\n",
                 f.rounds, f.acks, f.in_flight);
}

TEST_CASE("SIGKILL during writes, WAL: every acknowledged op is there, nothing half-done", "[crash]") {
  Figures f;
  crash_rounds("wal", &f);
  if (stats_wanted())
    std::fprintf(stderr, "[crash] wal: %d kills, %ld acknowledged ops checked, %ld ops in flight at the kill\n",
                 f.rounds, f.acks, f.in_flight);
}
