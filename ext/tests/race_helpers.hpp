// race_helpers.hpp: what the multi-process race tests (race_test.cpp) share.
//
//   TempDir  a fresh directory for one test's database file, removed with everything in it.
//   Conn     a connection to a file database with ords_security loaded (auto-extension, as in
//            db_fixture.hpp), busy_timeout 5000 and synchronous=NORMAL; q() runs one statement
//            with every value bound (tokens and secrets are never spliced into SQL) and returns
//            the first column of the first row, or the error with its extended result code.
//   Workers  n worker processes forked once per test. Each opens its OWN connection after the
//            fork (a connection must never cross a fork) and keeps it for the whole test. For
//            each round the parent sends every worker a Job (a statement and its values,
//            optionally wrapped in a transaction; the same for all, or one each); the workers meet at a process-shared barrier
//            right before the racing statement, so the calls start within microseconds of each
//            other, and send back their Results. Forking once instead of once per round keeps a
//            round at a few milliseconds (a fork of the test binary costs ~5 ms on a small VM),
//            and the workers' open connections keep the WAL and its index warm.
//
// Rules for callers: no connection of the parent may be open when Workers are forked (SQLite's
// unix VFS keeps per-process lock bookkeeping that a child would inherit; howtocorrupt.html 2.6),
// and the workers run plain C API code only: no Catch2 assertion in a child, which leaves with
// _exit().
#pragma once
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

extern "C" int sqlite3_ordssecurity_init(sqlite3* db, char** err, const sqlite3_api_routines* api);

namespace race {

// The outcome of one statement: rc 0 and the first column as text ("NULL" for NULL, "" for no
// row), or rc = the extended result code and text = the error message.
struct Result {
  int rc = 0;
  std::string text;
  bool ok() const { return rc == 0; }
  bool busy() const { return rc > 0 && (rc & 0xff) == SQLITE_BUSY; }
};

// Steps a prepared, bound statement to its end and finalizes it: the first column of the first
// row, or the error with its extended code (SQLITE_ERROR where SQLite gives none).
inline Result finish(sqlite3* db, sqlite3_stmt* st) {
  Result r;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    r.text = t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(st, 0)))
               : "NULL";
    while (rc == SQLITE_ROW) rc = sqlite3_step(st);
  }
  if (rc != SQLITE_DONE) {
    r.rc = sqlite3_extended_errcode(db);
    if (r.rc == 0) r.rc = rc;
    r.text = sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  return r;
}

inline Result query(sqlite3* db, const std::string& sql, const std::vector<std::string>& params = {}) {
  sqlite3_stmt* st = nullptr;
  Result r;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    r.rc = sqlite3_extended_errcode(db);
    r.text = sqlite3_errmsg(db);
    sqlite3_finalize(st);
    return r;
  }
  for (size_t i = 0; i < params.size(); i++)
    sqlite3_bind_text(st, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                      SQLITE_TRANSIENT);
  return finish(db, st);
}

// Runs a script without results; "" or "ERROR: <message>".
inline std::string exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  std::string out = rc == SQLITE_OK ? "" : std::string("ERROR: ") + (err ? err : sqlite3_errstr(rc));
  sqlite3_free(err);
  return out;
}

inline sqlite3* open_db(const std::string& path) {
  sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(sqlite3_ordssecurity_init));
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  sqlite3_busy_timeout(db, 5000);
  exec(db, "PRAGMA synchronous=NORMAL");
  return db;
}

struct Conn {
  sqlite3* db;
  explicit Conn(const std::string& path) : db(open_db(path)) {}
  ~Conn() { close(); }
  Conn(const Conn&) = delete;
  // SQLITE_OK when every statement was finalized and the file is really closed.
  int close() {
    int rc = db ? sqlite3_close(db) : SQLITE_OK;
    if (rc == SQLITE_OK) db = nullptr;
    return rc;
  }
  Result q(const std::string& sql, const std::vector<std::string>& params = {}) { return query(db, sql, params); }
  std::string text(const std::string& sql, const std::vector<std::string>& params = {}) {
    return q(sql, params).text;
  }
  std::string exec(const char* sql) { return race::exec(db, sql); }
};

struct TempDir {
  std::string path;
  TempDir() {
    const char* base = getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/ords_race_XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data())) path = buf.data();
  }
  ~TempDir() {
    if (path.empty()) return;
    if (DIR* d = opendir(path.c_str())) {
      while (dirent* e = readdir(d)) {
        std::string n = e->d_name;
        if (n != "." && n != "..") unlink((path + "/" + n).c_str());
      }
      closedir(d);
    }
    rmdir(path.c_str());
  }
  std::string file(const char* name) const { return path + "/" + name; }
};

// How a worker runs the racing statement: alone (autocommit), in BEGIN IMMEDIATE ... COMMIT, or
// inside a deferred BEGIN that read before the start (the snapshot is taken before the race).
enum class Wrap { None = 0, Immediate = 1, DeferredReadFirst = 2 };

struct Job {
  Wrap wrap = Wrap::None;
  std::string sql;
  std::vector<std::string> params;
};

template <class Start>
Result run_job(sqlite3* db, const Job& job, Start start) {
  if (job.wrap == Wrap::DeferredReadFirst) {
    exec(db, "BEGIN");
    query(db, "select count(*) from sqlite_master");  // the read transaction starts here
  }
  start();
  if (job.wrap == Wrap::Immediate) {
    std::string e = exec(db, "BEGIN IMMEDIATE");
    if (!e.empty()) return Result{sqlite3_extended_errcode(db), e};
  }
  Result r = query(db, job.sql, job.params);
  if (job.wrap != Wrap::None) {
    std::string e = exec(db, r.ok() ? "COMMIT" : "ROLLBACK");
    if (!e.empty() && r.ok()) r = Result{sqlite3_extended_errcode(db), e};
  }
  return r;
}

namespace detail {
inline bool write_all(int fd, const void* p, size_t n) {
  const char* c = static_cast<const char*>(p);
  while (n > 0) {
    ssize_t w = write(fd, c, n);
    if (w <= 0) return false;
    c += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}
inline bool read_all(int fd, void* p, size_t n) {
  char* c = static_cast<char*>(p);
  while (n > 0) {
    ssize_t r = read(fd, c, n);
    if (r <= 0) return false;
    c += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}
inline bool put_int(int fd, int64_t v) { return write_all(fd, &v, sizeof v); }
inline bool get_int(int fd, int64_t* v) { return read_all(fd, v, sizeof *v); }
inline bool put_str(int fd, const std::string& s) {
  return put_int(fd, static_cast<int64_t>(s.size())) && write_all(fd, s.data(), s.size());
}
inline bool get_str(int fd, std::string* s) {
  int64_t n = 0;
  if (!get_int(fd, &n) || n < 0 || n > (1 << 24)) return false;
  s->assign(static_cast<size_t>(n), '\0');
  return n == 0 || read_all(fd, &(*s)[0], static_cast<size_t>(n));
}
}  // namespace detail

class Workers {
 public:
  Workers(const std::string& path, int n) {
    void* mem = mmap(nullptr, sizeof(pthread_barrier_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) return;
    barrier_ = static_cast<pthread_barrier_t*>(mem);
    pthread_barrierattr_t attr;
    pthread_barrierattr_init(&attr);
    pthread_barrierattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_barrier_init(barrier_, &attr, static_cast<unsigned>(n));
    pthread_barrierattr_destroy(&attr);
    for (int i = 0; i < n; i++) {
      int cmd[2], res[2];
      if (pipe(cmd) != 0) break;
      if (pipe(res) != 0) {
        ::close(cmd[0]);
        ::close(cmd[1]);
        break;
      }
      pid_t pid = fork();
      if (pid < 0) {
        for (int fd : {cmd[0], cmd[1], res[0], res[1]}) ::close(fd);
        break;
      }
      if (pid == 0) {
        // Only this worker's own ends stay open (the parent's ends of earlier workers too would
        // keep their pipes from ever reaching end-of-file).
        for (size_t j = 0; j < cmd_w_.size(); j++) {
          ::close(cmd_w_[j]);
          ::close(res_r_[j]);
        }
        ::close(cmd[1]);
        ::close(res[0]);
        serve(path, cmd[0], res[1]);
      }
      ::close(cmd[0]);
      ::close(res[1]);
      pids_.push_back(pid);
      cmd_w_.push_back(cmd[1]);
      res_r_.push_back(res[0]);
    }
  }

  ~Workers() {
    for (int fd : cmd_w_) ::close(fd);  // end of commands: each worker closes its connection
    for (size_t i = 0; i < pids_.size(); i++) {
      int status = 0;
      waitpid(pids_[i], &status, 0);
      ::close(res_r_[i]);
    }
    if (barrier_) {
      pthread_barrier_destroy(barrier_);
      munmap(barrier_, sizeof(pthread_barrier_t));
    }
  }
  Workers(const Workers&) = delete;

  size_t size() const { return pids_.size(); }

  // Every worker runs `job` at once. A worker that died answers rc -1 with how it ended.
  std::vector<Result> round(const Job& job) { return round(std::vector<Job>(pids_.size(), job)); }

  // Worker i runs jobs[i]; all start at once.
  std::vector<Result> round(const std::vector<Job>& jobs) {
    for (size_t i = 0; i < cmd_w_.size() && i < jobs.size(); i++) {
      const Job& job = jobs[i];
      int fd = cmd_w_[i];
      detail::put_int(fd, static_cast<int64_t>(job.wrap));
      detail::put_str(fd, job.sql);
      detail::put_int(fd, static_cast<int64_t>(job.params.size()));
      for (const auto& p : job.params) detail::put_str(fd, p);
    }
    std::vector<Result> out(pids_.size());
    for (size_t i = 0; i < pids_.size(); i++) {
      int64_t rc = 0;
      if (detail::get_int(res_r_[i], &rc) && detail::get_str(res_r_[i], &out[i].text)) {
        out[i].rc = static_cast<int>(rc);
        continue;
      }
      int status = 0;
      waitpid(pids_[i], &status, 0);
      out[i].rc = -1;
      out[i].text = WIFSIGNALED(status) ? "worker killed by signal " + std::to_string(WTERMSIG(status))
                                        : "worker exited with status " + std::to_string(WEXITSTATUS(status));
    }
    return out;
  }

 private:
  [[noreturn]] void serve(const std::string& path, int cmd, int res) {
    signal(SIGPIPE, SIG_IGN);
    sqlite3* db = open_db(path);
    for (;;) {
      Job job;
      int64_t wrap = 0, n = 0;
      if (!detail::get_int(cmd, &wrap)) break;  // the parent is done
      if (!detail::get_str(cmd, &job.sql) || !detail::get_int(cmd, &n)) _exit(2);
      job.wrap = static_cast<Wrap>(wrap);
      for (int64_t k = 0; k < n; k++) {
        job.params.emplace_back();
        if (!detail::get_str(cmd, &job.params.back())) _exit(2);
      }
      alarm(30);  // a worker stuck at the barrier or in a call dies, and the parent sees it
      Result r = run_job(db, job, [this]() { pthread_barrier_wait(barrier_); });
      alarm(0);
      if (!detail::put_int(res, r.rc) || !detail::put_str(res, r.text)) _exit(2);
    }
    _exit(sqlite3_close(db) == SQLITE_OK ? 0 : 4);
  }

  pthread_barrier_t* barrier_ = nullptr;
  std::vector<pid_t> pids_;
  std::vector<int> cmd_w_, res_r_;
};

}  // namespace race
