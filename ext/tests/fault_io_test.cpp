// fault_io_test.cpp: every writer and every grant of the token endpoint under I/O faults (issue
// 13). Tagged [fault][io].
//
// For each call of faults::writer_calls() and each journal mode (rollback journal, WAL), a
// reference run on a copy of the scenario's template database records what the call writes
// (clock and random bytes pinned, so two runs write the same rows). Then the sweep: for n = 1,
// 2, ... a fresh copy of the template is opened through the fault VFS (fault_vfs.hpp), and the
// nth read/write/sync/truncate fails, until a run where no fault fired (the call needed fewer
// ops). Each run where the fault fired must end in one of two ways:
//   - the call failed with a clear error (an SQL error naming the function, the SQLite I/O or
//     full-disk message) and nothing changed: the dump of every ords_sec_* table equals the one
//     taken before; then, with the fault cleared, the same call on the same connection succeeds;
//   - or SQLite absorbed the fault (a failed op it can do without) and the call did everything
//     the reference run did: the dump equals the reference's.
// Either way the invariants hold (faults::invariants). Three kinds of fault: any op fails once
// with its SQLITE_IOERR_* (transient), any op fails from the nth on (a broken disk, sticky), and
// writes/truncates fail with SQLITE_FULL from the nth on (a full disk).
//
// ORDS_FAULT_STATS=1 prints the figures (runs, faults injected, absorbed) to stderr.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <unistd.h>

#include "fault_helpers.hpp"
#include "fault_vfs.hpp"

namespace {

struct Kind {
  const char* name;
  fault::Mode mode;
  bool sticky;
};

const Kind kKinds[] = {
    {"transient I/O error", fault::Mode::AnyIoErr, false},
    {"sticky I/O error", fault::Mode::AnyIoErr, true},
    {"full disk", fault::Mode::WriteFull, true},
};

sqlite3* open_at(const std::string& path, const char* vfs) {
  sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(sqlite3_ordssecurity_init));
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
  return db;
}

void remove_db(const std::string& path) {
  for (const char* s : {"", "-journal", "-wal", "-shm"}) unlink((path + s).c_str());
}

struct Stats {
  long runs = 0, failed_clean = 0, absorbed = 0;
  std::map<std::string, long> messages;  // what the failures said, without the function's name
};

bool stats_wanted() {
  const char* v = getenv("ORDS_FAULT_STATS");
  return v && *v && *v != '0';
}

void sweep(const char* journal_mode) {
  REQUIRE(fault::install());
  race::TempDir dir;
  REQUIRE(!dir.path.empty());
  std::string tmpl = dir.file("template.db"), work = dir.file("work.db");
  faults::Values values;
  {
    sqlite3* db = open_at(tmpl, nullptr);
    REQUIRE(faults::run(db, std::string("PRAGMA journal_mode=") + journal_mode).ok());
    std::string error;
    values = faults::build_scenario(db, &error);
    REQUIRE(error == "");
    REQUIRE(faults::invariants(db).empty());
    REQUIRE(sqlite3_close(db) == SQLITE_OK);  // WAL: checkpointed into the main file and removed
  }
  Stats stats;
  long faults_before = fault::state().faults;
  int seed = 7;
  for (const faults::Call& call : faults::writer_calls()) {
    INFO(journal_mode << ": " << call.sql);
    // The reference run: what the call writes when nothing fails.
    remove_db(work);
    REQUIRE(faults::copy_file(tmpl, work));
    std::string reference;
    {
      sqlite3* db = open_at(work, nullptr);
      faults::pin(db, faults::kRunEpoch, seed);
      race::Result r = faults::run(db, call.sql, values);
      INFO(r.text.substr(0, 200));
      REQUIRE(faults::succeeded(db, call, r));
      reference = faults::dump(db);
      REQUIRE(sqlite3_close(db) == SQLITE_OK);
    }
    for (const Kind& kind : kKinds) {
      INFO(kind.name);
      bool done = false;
      for (long n = 1; n <= 5000 && !done; n++) {
        INFO("fault at op " << n);
        remove_db(work);
        REQUIRE(faults::copy_file(tmpl, work));
        sqlite3* db = open_at(work, fault::kVfsName);
        REQUIRE(db);
        faults::pin(db, faults::kRunEpoch, seed);
        std::string before = faults::dump(db);
        fault::arm(n, kind.mode, kind.sticky);
        race::Result r = faults::run(db, call.sql, values);
        bool fired = fault::disarm();
        stats.runs++;
        if (!fired) {
          // The call needed fewer than n ops: the sweep is over, and this run is a clean success.
          CHECK(faults::succeeded(db, call, r));
          CHECK(faults::dump(db) == reference);
          done = true;
        } else if (faults::succeeded(db, call, r)) {
          stats.absorbed++;
          CHECK(faults::dump(db) == reference);  // applied whole
        } else {
          stats.failed_clean++;
          stats.messages[r.text.substr(r.text.find(": ") + 2) + " (" + std::to_string(r.rc) + ")"]++;
          INFO("rc " << r.rc << ": " << r.text.substr(0, 200));
          // A clear error: an SQL error (not an answer), naming the function and the I/O failure.
          CHECK(!r.ok());
          CHECK(r.text.rfind(std::string(call.name) + ": ", 0) == 0);
          int primary = r.rc & 0xff;
          CHECK((primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CORRUPT ||
                 primary == SQLITE_CANTOPEN || primary == SQLITE_NOMEM) == true);
          CHECK(primary != SQLITE_CORRUPT);
          CHECK(faults::dump(db) == before);  // nothing changed
          // The fault cleared: the same call on the same connection succeeds.
          race::Result again = faults::run(db, call.sql, values);
          INFO("retry: " << again.text.substr(0, 200));
          CHECK(faults::succeeded(db, call, again));
        }
        std::vector<std::string> bad = faults::invariants(db);
        CHECK(faults::joined(bad) == "");
        CHECK(sqlite3_close(db) == SQLITE_OK);
      }
      CHECK(done);
    }
  }
  if (stats_wanted())
    std::fprintf(stderr, "[fault][io] %s: %zu calls, %ld runs, %ld faults injected, %ld clean failures, %ld absorbed\n",
                 journal_mode, faults::writer_calls().size(), stats.runs, fault::state().faults - faults_before,
                 stats.failed_clean, stats.absorbed);
  if (stats_wanted())
    for (const auto& m : stats.messages) std::fprintf(stderr, "    %ld x %s\n", m.second, m.first.c_str());
}

}  // namespace

TEST_CASE("I/O faults, rollback journal: every writer fails cleanly, changes nothing, then succeeds", "[fault][io]") {
  sweep("delete");
}

TEST_CASE("I/O faults, WAL: every writer fails cleanly, changes nothing, then succeeds", "[fault][io]") {
  sweep("wal");
}
