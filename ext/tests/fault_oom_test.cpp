// fault_oom_test.cpp: every writer and every grant of the token endpoint when memory runs out
// (issue 13, OOM). Tagged [fault][oom].
//
// Two allocators fail on purpose:
//   - SQLite's: the test shuts SQLite down (no connection is open between test cases), installs
//     a wrapping allocator with sqlite3_config(SQLITE_CONFIG_MALLOC) that forwards to the default
//     one and fails the nth sqlite3_malloc/realloc from arm() on, initializes again, and restores
//     the default allocator the same way when it is done (sqlite3_config works only before
//     sqlite3_initialize, hence the shutdown);
//   - C++'s: the binary's global operator new (alloc_fault.hpp) fails the nth allocation.
// For each call of faults::writer_calls() and n = 1, 2, ... until a run where nothing failed: a
// fresh in-memory copy of the scenario (sqlite3_deserialize of a template), arm, one
// sqlite3_step, disarm. A run where an allocation failed must give a clear SQL error (naming the
// function; SQLITE_NOMEM or the extension's own message) or, where SQLite absorbed the failure, a
// success that did everything; nothing changed otherwise (dump before == after); the same call
// then succeeds; the invariants hold; and after the connection is closed sqlite3_memory_used()
// is back where it was before it was opened (no SQLite memory leaked; the sanitizer build's
// LeakSanitizer checks the C++ heap). No crash, of course.
// ORDS_FAULT_STATS=1 prints the figures.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <execinfo.h>

#include "alloc_fault.hpp"
#include "fault_helpers.hpp"

namespace {

// SQLite's allocator, wrapped.
sqlite3_mem_methods g_orig;
bool g_sq_armed = false, g_sq_fired = false;
long g_sq_left = 0, g_sq_total = 0;

bool sq_fail() {
  if (!g_sq_armed || g_sq_fired) return false;
  if (--g_sq_left > 0) return false;
  g_sq_fired = true;
  g_sq_total++;
  if (getenv("ORDS_OOM_TRACE")) {  // where the failed allocation was asked for (debugging)
    void* frames[32];
    backtrace_symbols_fd(frames, backtrace(frames, 32), 2);
  }
  return true;
}
void* w_malloc(int n) { return sq_fail() ? nullptr : g_orig.xMalloc(n); }
void w_free(void* p) { g_orig.xFree(p); }
void* w_realloc(void* p, int n) { return sq_fail() ? nullptr : g_orig.xRealloc(p, n); }
int w_size(void* p) { return g_orig.xSize(p); }
int w_roundup(int n) { return g_orig.xRoundup(n); }
int w_init(void* a) { return g_orig.xInit(a); }
void w_shutdown(void* a) { g_orig.xShutdown(a); }

struct WrappedSqliteMalloc {
  bool ok = false;
  WrappedSqliteMalloc() {
    if (sqlite3_shutdown() != SQLITE_OK) return;
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_orig);
    static sqlite3_mem_methods w;
    w = g_orig;
    w.xMalloc = w_malloc;
    w.xFree = w_free;
    w.xRealloc = w_realloc;
    w.xSize = w_size;
    w.xRoundup = w_roundup;
    w.xInit = w_init;
    w.xShutdown = w_shutdown;
    ok = sqlite3_config(SQLITE_CONFIG_MALLOC, &w) == SQLITE_OK && sqlite3_initialize() == SQLITE_OK;
  }
  ~WrappedSqliteMalloc() {
    g_sq_armed = false;
    if (sqlite3_shutdown() == SQLITE_OK) {
      sqlite3_config(SQLITE_CONFIG_MALLOC, &g_orig);
      sqlite3_initialize();
    }
  }
};

enum class Which { Sqlite, Cxx };

void arm(Which w, long n) {
  if (w == Which::Sqlite) {
    g_sq_left = n;
    g_sq_fired = false;
    g_sq_armed = true;
  } else {
    alloc_fault::arm(n, false);
  }
}
bool disarm(Which w) {
  if (w == Which::Sqlite) {
    g_sq_armed = false;
    return g_sq_fired;
  }
  return alloc_fault::disarm();
}

// Runs one call with the fault armed around sqlite3_step only (prepare, bind and reading the
// result happen unarmed: the test's own strings must not fail).
race::Result armed_step(sqlite3* db, const char* sql, const faults::Values& values, Which w, long n, bool* fired) {
  race::Result r;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    r.rc = sqlite3_extended_errcode(db);
    r.text = sqlite3_errmsg(db);
    *fired = false;
    return r;
  }
  for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
    auto it = values.find(sqlite3_bind_parameter_name(st, i) + 1);
    if (it != values.end())
      sqlite3_bind_text(st, i, it->second.data(), static_cast<int>(it->second.size()), SQLITE_TRANSIENT);
  }
  arm(w, n);
  int rc = sqlite3_step(st);
  *fired = disarm(w);
  if (rc == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    r.text = t ? reinterpret_cast<const char*>(t) : "NULL";
    rc = sqlite3_step(st);
  }
  if (rc != SQLITE_DONE) {
    r.rc = sqlite3_extended_errcode(db);
    if (!r.rc) r.rc = rc;
    r.text = sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  return r;
}

sqlite3* open_copy(const std::vector<unsigned char>& image) {
  sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(sqlite3_ordssecurity_init));
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  unsigned char* buf = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
  std::memcpy(buf, image.data(), image.size());
  sqlite3_deserialize(db, "main", buf, static_cast<sqlite3_int64>(image.size()),
                      static_cast<sqlite3_int64>(image.size()),
                      SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  return db;
}

bool stats_wanted() {
  const char* v = getenv("ORDS_FAULT_STATS");
  return v && *v && *v != '0';
}

// in_tx: each call runs inside the caller's own BEGIN IMMEDIATE (the writer's SAVEPOINT path);
// stride: only every stride-th call of writer_calls().
void sweep(Which which, bool in_tx = false, size_t stride = 1) {
  WrappedSqliteMalloc wrapped;
  REQUIRE(wrapped.ok);
  faults::Values values;
  std::vector<unsigned char> image;
  {
    sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(sqlite3_ordssecurity_init));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    std::string error;
    values = faults::build_scenario(db, &error);
    REQUIRE(error == "");
    sqlite3_int64 size = 0;
    unsigned char* p = sqlite3_serialize(db, "main", &size, 0);
    REQUIRE(p);
    image.assign(p, p + size);
    sqlite3_free(p);
    sqlite3_close(db);
  }
  long caller_rolled_back = 0;
  long runs = 0, clean = 0, absorbed = 0, faults_before = which == Which::Sqlite ? g_sq_total : alloc_fault::g_total.load();
  int seed = 7;
  for (size_t ci = 0; ci < faults::writer_calls().size(); ci += stride) {
    const faults::Call& call = faults::writer_calls()[ci];
    INFO((which == Which::Sqlite ? "sqlite3_malloc" : "operator new") << (in_tx ? " in BEGIN" : "") << ": "
                                                                        << call.sql);
    std::string reference;
    {
      sqlite3* db = open_copy(image);
      faults::pin(db, faults::kRunEpoch, seed);
      race::Result r = faults::run(db, call.sql, values);
      REQUIRE(faults::succeeded(db, call, r));
      reference = faults::dump(db);
      sqlite3_close(db);
    }
    bool done = false;
    for (long n = 1; n <= 20000 && !done; n++) {
      INFO("allocation " << n);
      sqlite3_int64 mem0 = sqlite3_memory_used();
      sqlite3* db = open_copy(image);
      faults::pin(db, faults::kRunEpoch, seed);
      if (in_tx) REQUIRE(faults::run(db, "BEGIN IMMEDIATE").ok());
      std::string before = faults::dump(db);
      bool fired = false;
      race::Result r = armed_step(db, call.sql, values, which, n, &fired);
      runs++;
      if (!fired) {
        CHECK(faults::succeeded(db, call, r));
        CHECK(faults::dump(db) == reference);
        done = true;
      } else if (faults::succeeded(db, call, r)) {
        absorbed++;
        CHECK(faults::dump(db) == reference);
      } else {
        clean++;
        INFO("rc " << r.rc << ": " << r.text.substr(0, 200));
        CHECK(!r.ok());
        // SQLite's own words for SQLITE_NOMEM ("out of memory": sqlite3_result_error_nomem takes
        // no message), or the extension's, naming the function.
        CHECK(((r.rc & 0xff) == SQLITE_NOMEM || r.text.rfind(std::string(call.name) + ": ", 0) == 0));
        // Never left inside a transaction of the call's. The caller's own either goes on or was
        // rolled back whole by SQLite (SQLITE_NOMEM, like IOERR, FULL and BUSY, may end the
        // transaction: lang_transaction.html, "Response To Errors Within A Transaction").
        if (!in_tx) CHECK(sqlite3_get_autocommit(db) == 1);
        if (in_tx && sqlite3_get_autocommit(db)) {
          caller_rolled_back++;
          REQUIRE(faults::run(db, "BEGIN IMMEDIATE").ok());
        }
        CHECK(faults::dump(db) == before);
        race::Result again = faults::run(db, call.sql, values);
        INFO("retry: " << again.text.substr(0, 200));
        CHECK(faults::succeeded(db, call, again));
      }
      if (in_tx) CHECK(faults::run(db, "COMMIT").ok());
      CHECK(faults::joined(faults::invariants(db)) == "");
      CHECK(sqlite3_close(db) == SQLITE_OK);
      CHECK(sqlite3_memory_used() == mem0);  // nothing of SQLite's memory kept
    }
    CHECK(done);
  }
  if (stats_wanted())
    std::fprintf(stderr, "[fault][oom] %s%s: %zu calls, %ld runs, %ld allocations failed, %ld clean failures (%ld of them ending "
                 "the caller's transaction), %ld absorbed\n",
                 which == Which::Sqlite ? "sqlite3_malloc" : "operator new", in_tx ? " in BEGIN" : "",
                 (faults::writer_calls().size() + stride - 1) / stride, runs,
                 (which == Which::Sqlite ? g_sq_total : alloc_fault::g_total.load()) - faults_before, clean,
                 caller_rolled_back, absorbed);
}

}  // namespace

// Found by this sweep, fixed: when sqlite3_malloc fails inside a writer after its BEGIN
// IMMEDIATE, SQLite keeps db->mallocFailed set while the caller's statement still runs
// (sqlite3OomClear waits for nVdbeExec == 0), so every new statement fails. A ROLLBACK prepared
// only then (sqlite3_exec) failed with SQLITE_NOMEM and the call returned "out of memory" with the
// connection left INSIDE the writer's transaction (13,085 of ~14,000 failing runs). The
// Transaction now prepares its undo before it begins (store/db_sqlite.cpp).
TEST_CASE("SQLite out of memory: every writer fails cleanly, changes nothing, leaks nothing, then succeeds",
          "[fault][oom_sqlite]") {
  sweep(Which::Sqlite);
}

TEST_CASE("SQLite out of memory inside the caller's transaction: the call is undone alone",
          "[fault][oom_sqlite]") {
  sweep(Which::Sqlite, true, 4);
}

TEST_CASE("C++ operator new failing: every writer fails cleanly, changes nothing, then succeeds", "[fault][oom]") {
  sweep(Which::Cxx);
}
