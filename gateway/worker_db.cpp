// worker_db.cpp: the SQL side of the gateway (worker_db.hpp). Statements are prepared once per
// connection (SQLITE_PREPARE_PERSISTENT) and reset after each use.
#include "worker_db.hpp"

#include <memory>
#include <mutex>
#include <thread>

namespace gw {

namespace {

// The named form of each OAuth function, built by SQLite from bound values: json_patch drops the
// members whose value is NULL (RFC 7396), so absent fields are absent, never null.
const char* fn_sql(WorkerDb::Fn fn) {
  switch (fn) {
    case WorkerDb::Fn::Token: return "select oauth_token(json_patch('{}', json_object(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)))";
    case WorkerDb::Fn::Revoke: return "select oauth_revoke(json_patch('{}', json_object(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)))";
    case WorkerDb::Fn::Introspect: return "select oauth_introspect(json_patch('{}', json_object(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)))";
    case WorkerDb::Fn::Authorize: return "select oauth_authorize(json_patch('{}', json_object(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)))";
  }
  return nullptr;
}
constexpr int fn_pairs = 10;

// The OAuth endpoints take SQLite's write lock (BEGIN IMMEDIATE), so SQLite runs them one at a
// time whatever we do. This process makes them all on one writer thread, which commits the calls
// that queued while it ran together (write_group.hpp), on one connection: SQLite drops a
// connection's whole page cache when it begins a transaction after another connection wrote, so
// calls spread over the workers' connections would read every page again. Other processes'
// writers are still waited for by the busy handler and step()'s retries.
// (Declared in this order so that the writer thread is stopped before its connection is closed.)
std::unique_ptr<WorkerDb> group_writer;  // made and used by the writer thread only
WriteGroup oauth_group;

struct Reset {
  sqlite3_stmt* st;
  ~Reset() { sqlite3_reset(st); sqlite3_clear_bindings(st); }
};

std::optional<std::string> text_col(sqlite3_stmt* st, int i) {
  if (sqlite3_column_type(st, i) == SQLITE_NULL) return std::nullopt;
  const unsigned char* t = sqlite3_column_text(st, i);
  return std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(st, i)));
}

void bind(sqlite3_stmt* st, int i, const Param& v) {
  if (v) sqlite3_bind_text(st, i, v->data(), static_cast<int>(v->size()), SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

sqlite3* open_with_extension(const std::string& path, const std::string& ext) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    throw DbError("cannot open database " + path + ": " + msg);
  }
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, nullptr);
  char* err = nullptr;
  if (sqlite3_load_extension(db, ext.c_str(), nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    sqlite3_close(db);
    throw DbError("cannot load the extension " + ext + ": " + msg);
  }
  // Only the C API loads extensions from here on; SQL's load_extension() stays off.
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  return db;
}

void exec(sqlite3* db, const char* sql, const std::string& path) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw DbError("database " + path + ": " + sql + ": " + msg);
  }
}

}  // namespace

std::string oauth_commit_summary() {
  auto [calls, groups] = oauth_group.calls_and_groups();
  return std::to_string(calls) + " OAuth calls in " + std::to_string(groups) + " groups";
}

void probe_database(const std::string& path, const std::string& ext) {
  sqlite3* db = open_with_extension(path, ext);
  try {
    sqlite3_busy_timeout(db, 5000);
    exec(db, "PRAGMA journal_mode=WAL", path);
    exec(db, "select ords_security_version()", path);
    // A database that is not SQLite fails here, not at the first request.
    exec(db, "select count(*) from sqlite_schema", path);
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
}

WorkerDb::WorkerDb(const std::string& path, const std::string& ext, int busy_timeout_ms)
    : busy_(busy_timeout_ms), path_(path), ext_(ext) {
  db_ = open_with_extension(path, ext);
  try {
    // The busy handler waits inside one attempt; step() retries attempts until the deadline.
    sqlite3_busy_timeout(db_, busy_timeout_ms < 1000 ? busy_timeout_ms : 1000);
    exec(db_, "PRAGMA journal_mode=WAL", path);
    exec(db_, "PRAGMA synchronous=NORMAL", path);
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

WorkerDb::~WorkerDb() {
  for (sqlite3_stmt* st : fn_st_) sqlite3_finalize(st);
  for (sqlite3_stmt* st : {error_st_, check_st_, alias_st_, set_schema_st_, client_st_, health_st_, version_st_,
                           begin_st_, commit_st_})
    sqlite3_finalize(st);
  sqlite3_close(db_);
}

sqlite3_stmt* WorkerDb::prepare(sqlite3_stmt*& slot, const char* sql) {
  if (!slot && sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &slot, nullptr) != SQLITE_OK)
    throw DbError(std::string("prepare: ") + sqlite3_errmsg(db_));
  return slot;
}

bool WorkerDb::step(sqlite3_stmt* st) {
  auto deadline = std::chrono::steady_clock::now() + busy_;
  for (int attempt = 0;; ++attempt) {
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
      sqlite3_reset(st);
      if (std::chrono::steady_clock::now() >= deadline) throw Busy("the database stayed locked by another writer");
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt < 10 ? 2 : 20));
      continue;
    }
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(st);
    // An extension call that met the lock reports it in its message (its code may be SQLITE_ERROR).
    if (msg.find("database is locked") != std::string::npos) {
      if (std::chrono::steady_clock::now() >= deadline) throw Busy("the database stayed locked by another writer");
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt < 10 ? 2 : 20));
      continue;
    }
    if (primary == SQLITE_ERROR || primary == SQLITE_CONSTRAINT || primary == SQLITE_TOOBIG ||
        primary == SQLITE_MISMATCH || primary == SQLITE_RANGE)
      throw CallError(msg);
    throw DbError(msg);
  }
}

std::string WorkerDb::call(Fn fn, const std::vector<std::pair<const char*, Param>>& fields) {
  sqlite3_stmt* st = prepare(fn_st_[static_cast<int>(fn)], fn_sql(fn));
  Reset r{st};
  int i = 0;
  for (const auto& [name, value] : fields) {
    if (i >= fn_pairs) break;
    sqlite3_bind_text(st, 2 * i + 1, name, -1, SQLITE_STATIC);
    bind(st, 2 * i + 2, value);
    ++i;
  }
  // Unused pairs: a NULL key would be an error, so they repeat the first key with NULL (dropped).
  for (; i < fn_pairs; ++i) {
    sqlite3_bind_text(st, 2 * i + 1, "_", -1, SQLITE_STATIC);
    sqlite3_bind_null(st, 2 * i + 2);
  }
  if (!step(st)) throw DbError("the OAuth call returned no row");
  auto j = text_col(st, 0);
  if (!j) throw DbError("the OAuth call returned NULL");
  return std::move(*j);
}

bool WorkerDb::call_into(std::string& json, std::exception_ptr& error, const WriteGroup::Job& job) {
  try {
    json = call(static_cast<Fn>(job.fn), *job.fields);
    return true;
  } catch (...) {
    error = std::current_exception();
    return false;
  }
}

bool WorkerDb::commit_together(std::vector<WriteGroup::Job*>& group) {
  try {
    sqlite3_stmt* b = prepare(begin_st_, "BEGIN IMMEDIATE");
    Reset r{b};
    step(b);
  } catch (const Busy&) {  // another process held the lock past the deadline: each call alone would too
    for (WriteGroup::Job* j : group) j->error = std::current_exception();
    return true;
  } catch (...) {
    return false;
  }
  std::vector<std::string> answers(group.size());
  std::vector<std::exception_ptr> errors(group.size());
  for (size_t i = 0; i < group.size(); ++i) {
    // A call's own failure is undone by its savepoint and the others go on; an error that ended
    // the whole transaction (SQLITE_FULL, an I/O error) took the others' work with it.
    if (!call_into(answers[i], errors[i], *group[i]) && sqlite3_get_autocommit(db_)) return false;
  }
  try {
    sqlite3_stmt* c = prepare(commit_st_, "COMMIT");
    Reset r{c};
    step(c);
  } catch (...) {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return false;
  }
  for (size_t i = 0; i < group.size(); ++i) {
    group[i]->json = std::move(answers[i]);
    group[i]->error = errors[i];
  }
  return true;
}

void WorkerDb::run_group(std::vector<WriteGroup::Job*>& group) {
  own_calls_ += static_cast<uint32_t>(group.size());  // this connection commits them: state() moves
  if (group.size() > 1 && commit_together(group)) return;
  // One call, or a group whose transaction could not be made or kept (nothing of it was
  // committed, nobody was answered): each call alone, in autocommit, as the extension runs it.
  for (WriteGroup::Job* j : group) {
    j->error = nullptr;
    call_into(j->json, j->error, *j);
  }
}

OAuthAnswer WorkerDb::oauth(Fn fn, const std::vector<std::pair<const char*, Param>>& fields) {
  ++own_calls_;  // before and after: whatever the call wrote, state() has moved
  struct Count {
    uint32_t& n;
    ~Count() { ++n; }
  } count{own_calls_};
  WriteGroup::Job job;
  job.fn = static_cast<int>(fn);
  job.fields = &fields;
  static std::once_flag started;  // the writer's connection: this process's database and options
  std::call_once(started, [this] {
    oauth_group.start([path = path_, ext = ext_, busy = static_cast<int>(busy_.count())](
                          std::vector<WriteGroup::Job*>& group) {
      if (!group_writer) group_writer = std::make_unique<WorkerDb>(path, ext, busy);
      group_writer->run_group(group);
    });
  });
  if (!oauth_group.submit(job, std::chrono::steady_clock::now() + busy_))
    throw Busy("the other workers' OAuth calls took the whole busy deadline");
  if (job.error) std::rethrow_exception(job.error);
  OAuthAnswer a;
  a.json = std::move(job.json);
  sqlite3_stmt* e = prepare(error_st_, "select ?1 ->> '$.error', ?1 ->> '$.redirect_uri'");
  Reset r{e};
  sqlite3_bind_text(e, 1, a.json.data(), static_cast<int>(a.json.size()), SQLITE_STATIC);
  if (step(e)) {
    a.error = text_col(e, 0);
    a.redirect_uri = text_col(e, 1);
  }
  return a;
}

Decision WorkerDb::check(const std::string& method, const std::string& uri, const Param& authorization,
                         const Param& origin) {
  // MATERIALIZED: check_request runs once, whatever the planner does with the columns.
  sqlite3_stmt* st = prepare(check_st_,
                             "with d(j) as materialized (select check_request(?1, ?2, ?3, ?4)) "
                             "select j ->> 'status', j ->> 'schema', j ->> 'client_id', j ->> 'user', "
                             "j ->> 'privilege', j ->> 'reason' from d");
  Reset r{st};
  sqlite3_bind_text(st, 1, method.data(), static_cast<int>(method.size()), SQLITE_STATIC);
  sqlite3_bind_text(st, 2, uri.data(), static_cast<int>(uri.size()), SQLITE_STATIC);
  bind(st, 3, authorization);
  bind(st, 4, origin);
  Decision d;
  if (!step(st)) throw DbError("check_request returned no row");
  d.status = sqlite3_column_int(st, 0);
  d.schema = text_col(st, 1);
  d.client_id = text_col(st, 2);
  d.user = text_col(st, 3);
  d.privilege = text_col(st, 4);
  d.reason = text_col(st, 5);
  return d;
}

std::optional<std::string> WorkerDb::schema_of_alias(const std::string& alias) {
  sqlite3_stmt* st = prepare(alias_st_,
                             "select parsing_schema from dba_ords_schemas where pattern = ?1 and "
                             "upper(status) = 'ENABLED'");
  Reset r{st};
  sqlite3_bind_text(st, 1, alias.data(), static_cast<int>(alias.size()), SQLITE_STATIC);
  if (!step(st)) return std::nullopt;
  return text_col(st, 0);
}

void WorkerDb::use_schema(const std::string& schema) {
  if (schema == current_schema_) return;
  sqlite3_stmt* st = prepare(set_schema_st_, "select ords_set_schema(?1)");
  Reset r{st};
  sqlite3_bind_text(st, 1, schema.data(), static_cast<int>(schema.size()), SQLITE_STATIC);
  step(st);
  current_schema_ = schema;
}

bool WorkerDb::client_in_current_schema(const std::string& client_id) {
  sqlite3_stmt* st = prepare(client_st_, "select 1 from user_ords_clients where client_id = ?1");
  Reset r{st};
  sqlite3_bind_text(st, 1, client_id.data(), static_cast<int>(client_id.size()), SQLITE_STATIC);
  return step(st);
}

std::vector<Param> WorkerDb::rows(const char* sql, const std::vector<Param>& params) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK)
    throw DbError(std::string("prepare: ") + sqlite3_errmsg(db_));
  struct Finalize {
    sqlite3_stmt* st;
    ~Finalize() { sqlite3_finalize(st); }
  } f{st};
  for (size_t i = 0; i < params.size(); ++i) bind(st, static_cast<int>(i + 1), params[i]);
  std::vector<Param> out;
  while (step(st)) out.push_back(text_col(st, 0));
  return out;
}

uint64_t WorkerDb::state() {
  sqlite3_stmt* st = prepare(version_st_, "PRAGMA data_version");
  Reset r{st};
  uint64_t v = step(st) ? static_cast<uint64_t>(sqlite3_column_int64(st, 0)) : 0;
  return (v << 32) | own_calls_;
}

bool WorkerDb::healthy() {
  try {
    sqlite3_stmt* st = prepare(health_st_, "select ords_security_version()");
    Reset r{st};
    return step(st);
  } catch (...) {
    return false;
  }
}

}  // namespace gw
