// bench_token.cpp: the in-process side of make bench-http's token figure: oauth_token
// (client_credentials, the client's HTTP Basic value) called in autocommit on the database the
// gateway serves, by THREADS threads each with its own connection, for SECONDS seconds; prints
// calls per second and the p50/p99 latency (a call refused as busy is made again and counted
// once, with its whole wait). Not a test: it never fails on speed.
//   bench_token --ext build/ords_security --db FILE [--threads N] [--seconds S]
// The Basic value comes from the environment (ORDS_BENCH_BASIC), never from the command line.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  std::string ext, db;
  int threads = 2, seconds = 10;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help") {
      std::puts("usage: bench_token --ext PATH --db FILE [--threads N] [--seconds S]  (ORDS_BENCH_BASIC: the Basic value)");
      return 0;
    }
    if (i + 1 >= argc) { std::fprintf(stderr, "bench_token: %s needs a value\n", a.c_str()); return 2; }
    if (a == "--ext") ext = argv[++i];
    else if (a == "--db") db = argv[++i];
    else if (a == "--threads") threads = std::atoi(argv[++i]);
    else if (a == "--seconds") seconds = std::atoi(argv[++i]);
    else { std::fprintf(stderr, "bench_token: unknown option %s\n", a.c_str()); return 2; }
  }
  const char* basic = std::getenv("ORDS_BENCH_BASIC");
  if (ext.empty() || db.empty() || !basic || threads < 1 || seconds < 1) {
    std::fprintf(stderr, "bench_token: --ext, --db and ORDS_BENCH_BASIC are required\n");
    return 2;
  }
  std::atomic<bool> failed{false};
  std::vector<std::vector<double>> lat(static_cast<size_t>(threads));
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t) {
    ts.emplace_back([&, t] {
      sqlite3* h = nullptr;
      char* err = nullptr;
      if (sqlite3_open(db.c_str(), &h) != SQLITE_OK) { failed = true; return; }
      sqlite3_enable_load_extension(h, 1);
      if (sqlite3_load_extension(h, ext.c_str(), nullptr, &err) != SQLITE_OK) {
        std::fprintf(stderr, "bench_token: %s\n", err ? err : "cannot load the extension");
        failed = true;
        return;
      }
      sqlite3_busy_timeout(h, 5000);
      sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(h, "select oauth_token(json_object('grant_type', 'client_credentials', 'authorization', ?1))",
                         -1, &st, nullptr);
      sqlite3_bind_text(st, 1, basic, -1, SQLITE_STATIC);
      while (std::chrono::steady_clock::now() < until) {
        auto t0 = std::chrono::steady_clock::now();
        int rc = sqlite3_step(st);
        // A call that waited out the busy timeout behind the other threads is called again,
        // as the gateway does: the figure counts answered calls, with their whole wait.
        while ((rc == SQLITE_BUSY || (rc == SQLITE_ERROR && std::strstr(sqlite3_errmsg(h), "database is locked"))) &&
               std::chrono::steady_clock::now() < until + std::chrono::seconds(30)) {
          sqlite3_reset(st);
          rc = sqlite3_step(st);
        }
        const unsigned char* r = sqlite3_column_text(st, 0);
        bool ok = rc == SQLITE_ROW && r && std::strstr(reinterpret_cast<const char*>(r), "\"access_token\"");
        sqlite3_reset(st);
        if (!ok) {
          if (!failed.exchange(true))
            std::fprintf(stderr, "bench_token: rc %d: %s\n", rc, r ? "no access_token in the answer" : sqlite3_errmsg(h));
          break;
        }
        lat[static_cast<size_t>(t)].push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      }
      sqlite3_finalize(st);
      sqlite3_close(h);
    });
  }
  for (auto& th : ts) th.join();
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  if (failed || all.empty()) { std::fprintf(stderr, "bench_token: oauth_token did not answer a token\n"); return 1; }
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all[std::min(all.size() - 1, static_cast<size_t>(p * static_cast<double>(all.size())))]; };
  std::printf("inproc_rps=%.1f p50_ms=%.2f p99_ms=%.2f calls=%zu\n", static_cast<double>(all.size()) / seconds,
              pct(0.50), pct(0.99), all.size());
  return 0;
}
