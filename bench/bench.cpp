// bench.cpp: `make bench`, the performance figures of ords_security, each measured side by side
// with the bare SQLite operation it is built on, in one run, on one WAL database with
// synchronous=NORMAL and 100k live sessions (ISSUE 4; figures kept in docs/benchmarks.md).
//
//   check_request per decision   vs  a bare point lookup by a 32-byte key   (goal >= 0.5, floor 0.3)
//   autocommit oauth_token       vs  a bare autocommit INSERT of a session row (goal >= 0.8, floor 0.6)
//   tokens issued per second inside one transaction
//   refresh grants per second (autocommit)
//
// Benchmarks are not tests: this prints figures and never fails on them.
//   build/bench [--sessions N] [--seconds S] [--db PATH] [--help]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace {

struct Options {
  int sessions = 100000;
  double seconds = 1.0;
  std::string db = "build/bench.db";
  std::string ext = "build/ords_security";
  std::string op;      // --op check|token: run only that operation `iterations` times (for profilers)
  long iterations = 20000;
};

[[noreturn]] void die(sqlite3* db, const char* what) {
  std::fprintf(stderr, "bench: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
  std::exit(2);
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "bench: %s\n  in: %s\n", err ? err : "?", sql.c_str());
    std::exit(2);
  }
}

struct Stmt {
  sqlite3_stmt* st = nullptr;
  sqlite3* db;
  Stmt(sqlite3* d, const std::string& sql) : db(d) {
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) die(db, sql.c_str());
  }
  ~Stmt() { sqlite3_finalize(st); }
  Stmt& text(int i, const std::string& s) {
    sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& blob(int i, const void* p, int n) {
    sqlite3_bind_blob(st, i, p, n, SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& integer(int i, sqlite3_int64 v) {
    sqlite3_bind_int64(st, i, v);
    return *this;
  }
  // Steps once and returns column 0 as text ("" if none); resets.
  std::string one() {
    int rc = sqlite3_step(st);
    std::string out;
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      if (t) out = reinterpret_cast<const char*>(t);
      rc = sqlite3_step(st);
    }
    if (rc != SQLITE_DONE) die(db, "step");
    sqlite3_reset(st);
    return out;
  }
};

std::string json_field(sqlite3* db, const std::string& json, const char* path) {
  Stmt st(db, "SELECT json_extract(?1, ?2)");
  st.text(1, json).text(2, path);
  return st.one();
}

// Runs fn repeatedly for about `seconds`, three times; returns the best operations per second.
double rate(double seconds, const std::function<void()>& fn) {
  double best = 0;
  for (int round = 0; round < 3; round++) {
    auto start = std::chrono::steady_clock::now();
    long n = 0;
    double elapsed = 0;
    do {
      for (int i = 0; i < 64; i++) fn();
      n += 64;
      elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < seconds / 3);
    best = std::max(best, n / elapsed);
  }
  return best;
}

void row(const char* what, double ours, double bare, double goal, double floor) {
  if (bare > 0) {
    double ratio = ours / bare;
    std::printf("%-44s %12.0f/s %12.0f/s %8.2f  goal %.1f, floor %.1f%s\n", what, ours, bare, ratio, goal, floor,
                ratio < floor ? "  BELOW FLOOR" : ratio < goal ? "  below goal" : "");
  } else {
    std::printf("%-44s %12.0f/s\n", what, ours);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::printf(
          "usage: bench [--sessions N] [--seconds S] [--db PATH] [--ext PATH] [--op check|token --iterations N]\n"
          "Prints ords_security's figures beside bare SQLite's on a WAL database (synchronous=NORMAL).\n");
      return 0;
    } else if (a == "--sessions" && i + 1 < argc) {
      o.sessions = std::atoi(argv[++i]);
    } else if (a == "--seconds" && i + 1 < argc) {
      o.seconds = std::atof(argv[++i]);
    } else if (a == "--db" && i + 1 < argc) {
      o.db = argv[++i];
    } else if (a == "--ext" && i + 1 < argc) {
      o.ext = argv[++i];
    } else if (a == "--op" && i + 1 < argc) {
      o.op = argv[++i];
    } else if (a == "--iterations" && i + 1 < argc) {
      o.iterations = std::atol(argv[++i]);
    } else {
      std::fprintf(stderr, "bench: unknown argument %s (try --help)\n", a.c_str());
      return 2;
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((o.db + suffix).c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(o.db.c_str(), &db) != SQLITE_OK) die(db, "open");
  sqlite3_enable_load_extension(db, 1);
  char* err = nullptr;
  if (sqlite3_load_extension(db, o.ext.c_str(), nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "bench: load %s: %s\n", o.ext.c_str(), err ? err : "?");
    return 2;
  }
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");

  // The security model of the seed tutorials: /example/* protected by example_priv.
  exec(db,
       "SELECT create_role('example_role');"
       "SELECT create_privilege('example_priv', 'example_role', 'Example', 'Protects /example/*');"
       "SELECT create_privilege_mapping('example_priv', '/example/*');"
       "SELECT register_client('bench_cc', 'client_credentials', 'bench@example.org');"
       "SELECT grant_client_role('bench_cc', 'example_role');");
  std::string cid, secret;
  {
    Stmt st(db, "SELECT rotate_client_secret('bench_cc')");
    secret = st.one();
    Stmt id(db, "SELECT client_id FROM user_ords_clients WHERE name = 'bench_cc'");
    cid = id.one();
  }
  Stmt token(db, "SELECT oauth_token('client_credentials', ?1, ?2)");
  token.text(1, cid).text(2, secret);

  // 100k live sessions, issued inside one transaction (and timed: tokens per second).
  std::vector<std::string> tokens;
  tokens.reserve(static_cast<size_t>(o.sessions));
  auto t0 = std::chrono::steady_clock::now();
  exec(db, "BEGIN");
  for (int i = 0; i < o.sessions; i++) tokens.push_back(json_field(db, token.one(), "$.access_token"));
  exec(db, "COMMIT");
  double in_tx = o.sessions / std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // The bare counterparts: a table of 32-byte keys as big as the session table.
  exec(db,
       "CREATE TABLE bare_session(id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, client_id INTEGER, "
       "kind TEXT, issued_on INTEGER, expires_on INTEGER);"
       "INSERT INTO bare_session(digest, client_id, kind, issued_on, expires_on) "
       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(o.sessions) +
           ") SELECT randomblob(32), 1, 'access', 0, 4000000000 FROM n;");
  std::vector<std::string> keys;
  {
    sqlite3_stmt* st;
    sqlite3_prepare_v2(db, "SELECT digest FROM bare_session ORDER BY random() LIMIT 1000", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
      keys.emplace_back(static_cast<const char*>(sqlite3_column_blob(st, 0)), sqlite3_column_bytes(st, 0));
    sqlite3_finalize(st);
  }

  if (!o.op.empty()) {  // a fixed amount of one operation, for callgrind or perf
    Stmt decide(db, "SELECT check_request('GET', '/example/resource', ?1)");
    std::string header = "Bearer " + tokens[0];
    for (long i = 0; i < o.iterations; i++) {
      if (o.op == "check") {
        decide.text(1, header);
        decide.one();
      } else {
        token.one();
      }
    }
    sqlite3_close(db);
    return 0;
  }

  std::printf("ords_security bench: %d live sessions, WAL, synchronous=NORMAL, SQLite %s\n\n", o.sessions,
              sqlite3_libversion());
  std::printf("%-44s %14s %14s %8s\n", "operation", "ords_security", "bare SQLite", "ratio");

  // check_request per decision vs a bare point lookup by a 32-byte key.
  {
    Stmt decide(db, "SELECT check_request('GET', '/example/resource', ?1)");
    Stmt lookup(db, "SELECT expires_on FROM bare_session WHERE digest = ?1");
    size_t i = 0, j = 0;
    std::string status = json_field(db, [&] {
      decide.text(1, "Bearer " + tokens[0]);
      return decide.one();
    }(), "$.status");
    if (status != "200") std::fprintf(stderr, "bench: check_request did not allow the request (status %s)\n", status.c_str());
    std::vector<std::string> headers;
    for (size_t k = 0; k < 1000 && k < tokens.size(); k++) headers.push_back("Bearer " + tokens[(k * 97) % tokens.size()]);
    double ours = rate(o.seconds, [&] {
      decide.text(1, headers[i++ % headers.size()]);
      decide.one();
    });
    double bare = rate(o.seconds, [&] {
      const std::string& k = keys[j++ % keys.size()];
      lookup.blob(1, k.data(), static_cast<int>(k.size()));
      lookup.one();
    });
    row("check_request (200, bearer token)", ours, bare, 0.5, 0.3);
  }

  // autocommit oauth_token vs a bare autocommit INSERT of a session row.
  {
    Stmt insert(db,
                "INSERT INTO bare_session(digest, client_id, kind, issued_on, expires_on) "
                "VALUES (randomblob(32), 1, 'access', 0, 4000000000)");
    double ours = rate(o.seconds, [&] { token.one(); });
    double bare = rate(o.seconds, [&] { insert.one(); });
    row("oauth_token client_credentials (autocommit)", ours, bare, 0.8, 0.6);
  }

  row("tokens issued inside one transaction", in_tx, 0, 0, 0);

  // refresh per second: an authorization_code client, one code, then a chain of refreshes.
  {
    exec(db,
         "SELECT register_client(json_object('name','bench_ac','grant_type','authorization_code',"
         "'support_email','bench@example.org','description','bench','redirect_uri','https://app.example.org/cb',"
         "'privilege_names','example_priv'))");
    Stmt rs(db, "SELECT rotate_client_secret('bench_ac')");
    std::string ac_secret = rs.one();
    Stmt ids(db, "SELECT client_id FROM user_ords_clients WHERE name = 'bench_ac'");
    std::string ac_id = ids.one();
    Stmt auth(db,
              "SELECT oauth_authorize(json_object('response_type','code','client_id',?1,'user','bench'))");
    auth.text(1, ac_id);
    std::string redirect = json_field(db, auth.one(), "$.redirect_uri");
    std::string code = redirect.substr(redirect.find("code=") + 5);
    code = code.substr(0, code.find('&'));
    Stmt first(db,
               "SELECT oauth_token(json_object('grant_type','authorization_code','code',?1,'client_id',?2,"
               "'client_secret',?3))");
    first.text(1, code).text(2, ac_id).text(3, ac_secret);
    std::string rt = json_field(db, first.one(), "$.refresh_token");
    Stmt refresh(db,
                 "SELECT oauth_token(json_object('grant_type','refresh_token','refresh_token',?1,'client_id',?2,"
                 "'client_secret',?3))");
    refresh.text(2, ac_id).text(3, ac_secret);
    double ours = rate(o.seconds, [&] {
      refresh.text(1, rt);
      rt = json_field(db, refresh.one(), "$.refresh_token");
    });
    row("refresh_token grants (autocommit)", ours, 0, 0, 0);
  }
  sqlite3_close(db);
  return 0;
}
