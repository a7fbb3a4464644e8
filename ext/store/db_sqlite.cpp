// db_sqlite.cpp: Db and Stmt over the SQLite extension API (the seam described in db.hpp).
//
// The cache: one sqlite3_stmt per SQL literal (keyed by the literal's address, which SqlLiteral
// guarantees is static), prepared with SQLITE_PREPARE_PERSISTENT. An entry in use (a Stmt alive
// over it) is not handed out twice; a nested prepare() of the same literal gets a private
// statement that is finalized when its Stmt ends. A Stmt points at its entry, so giving it back is
// O(1); clearing the cache while a Stmt is alive hands that entry over to the Stmt, which
// finalizes it. The host enables the cache only when it can finalize it before sqlite3_close()
// checks for unfinalized statements (see host/sqlite_conn.cpp for how).
#include "db.hpp"

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include <unordered_map>
#include <vector>

#include "../core/error.hpp"

namespace ords::store {

namespace {
inline sqlite3* H(void* h) { return static_cast<sqlite3*>(h); }
inline sqlite3_stmt* S(void* h) { return static_cast<sqlite3_stmt*>(h); }
}  // namespace

struct Stmt::Entry {
  sqlite3_stmt* stmt = nullptr;
  const char* sql = nullptr;
  bool in_use = false;
  bool orphaned = false;  // the cache was cleared while in use: the Stmt finalizes and frees it
#ifdef ORDS_SECURITY_TESTING
  std::string text;  // a copy of the literal, to check that the text at its address never changes
#endif
};

struct Db::Cache {
  std::unordered_map<const char*, Stmt::Entry*> by_sql;  // owns the entries not orphaned
  std::vector<const char*> order;                        // for listing
  bool enabled = false;
};

Db::Db(void* host_handle) : h_(host_handle), cache_(new Cache) {}

Db::~Db() { clear_cache(); }

void Db::fail(const char* what) const {
  int rc = sqlite3_extended_errcode(H(h_));
  std::string msg = sqlite3_errmsg(H(h_));
  (void)what;
  throw StoreError(msg, rc);
}

void Db::enable_cache(bool on) { cache_->enabled = on; }

void Db::clear_cache() {
  for (auto& [sql, e] : cache_->by_sql) {
    if (e->in_use) {
      e->orphaned = true;  // its Stmt finalizes it (see release())
    } else {
      sqlite3_finalize(e->stmt);
      delete e;
    }
  }
  cache_->by_sql.clear();
  cache_->order.clear();
}

size_t Db::cached_statements() const { return cache_->order.size(); }
std::string Db::cached_sql(size_t i) const {
  if (i >= cache_->order.size()) return {};
  return cache_->order[i];
}
size_t Db::cached_in_use() const {
  size_t n = 0;
  for (const auto& [sql, e] : cache_->by_sql) n += e->in_use ? 1 : 0;
  return n;
}

Stmt Db::prepare(SqlLiteral literal) {
  const char* sql = literal.c_str();
  if (!sql) throw Error("internal error: no SQL to prepare");
  if (cache_->enabled) {
    auto it = cache_->by_sql.find(sql);
    if (it != cache_->by_sql.end() && !it->second->in_use) {
      Stmt::Entry* e = it->second;
#ifdef ORDS_SECURITY_TESTING
      // The test build checks the promise SqlLiteral makes: the text at that address never changes.
      if (e->text != sql)
        throw Error("internal error: the SQL at a cached address changed (not a literal?)");
#endif
      e->in_use = true;
      return Stmt(this, e->stmt, e);
    }
    if (it == cache_->by_sql.end()) {
      std::unique_ptr<Stmt::Entry> e(new Stmt::Entry());
      e->sql = sql;
#ifdef ORDS_SECURITY_TESTING
      e->text = sql;
#endif
      cache_->order.reserve(cache_->order.size() + 1);  // so push_back below cannot throw
      auto slot = cache_->by_sql.emplace(sql, nullptr).first;
      if (sqlite3_prepare_v3(H(h_), sql, -1, SQLITE_PREPARE_PERSISTENT, &e->stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(e->stmt);
        cache_->by_sql.erase(slot);
        fail("prepare");
      }
      e->in_use = true;
      slot->second = e.release();
      cache_->order.push_back(sql);
      return Stmt(this, slot->second->stmt, slot->second);
    }
  }
  // Not cached (caching off, or this literal's statement is in use by a Stmt still alive).
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(H(h_), sql, -1, &st, nullptr) != SQLITE_OK) {
    sqlite3_finalize(st);
    fail("prepare");
  }
  return Stmt(this, st, nullptr);
}

Stmt Db::prepare_built(const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(H(h_), sql.c_str(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK) {
    sqlite3_finalize(st);
    fail("prepare");
  }
  if (!st) throw Error("internal error: no SQL to prepare");  // only whitespace or comments
  return Stmt(this, st, nullptr);
}

void Db::release(Stmt::Entry* e) {
  if (e->orphaned) {  // the cache was cleared while this statement was in use
    sqlite3_finalize(e->stmt);
    delete e;
    return;
  }
  e->in_use = false;
}

void Db::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(H(h_), sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw StoreError(msg, sqlite3_extended_errcode(H(h_)));
  }
}

int64_t Db::last_insert_id() const { return sqlite3_last_insert_rowid(H(h_)); }
int64_t Db::changes() const { return sqlite3_changes(H(h_)); }

bool Db::table_exists(const char* name) {
  Stmt st = prepare("SELECT 1 FROM main.sqlite_master WHERE type='table' AND name=?1");
  st.bind(1, name);
  return st.step();
}

bool Db::read_only() const { return sqlite3_db_readonly(H(h_), "main") == 1; }

bool Db::rewrite_table_definition(const char* table, std::string_view from, std::string_view to) {
  sqlite3* db = H(h_);
  int defensive = 0;
  if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive) != SQLITE_OK || defensive) return false;
  std::string sql;
  {
    Stmt st = prepare("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1");
    st.bind(1, table);
    if (!st.step() || st.is_null(0)) return false;
    sql = st.text(0);
  }
  size_t at = sql.find(from);
  if (at == std::string::npos || sql.find(from, at + 1) != std::string::npos) return false;
  sql.replace(at, from.size(), to);
  const int64_t cookie = schema_cookie();
  // The connection's own setting is put back however this ends.
  int was_writable = 0;
  sqlite3_db_config(db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, -1, &was_writable);
  struct Restore {
    sqlite3* db;
    int to;
    ~Restore() { sqlite3_db_config(db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, to, nullptr); }
  } restore{db, was_writable};
  if (sqlite3_db_config(db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, 1, nullptr) != SQLITE_OK) return false;
  {
    // Prepared while the schema is writable, and never cached (it is prepared nowhere else).
    Stmt up = prepare_built("UPDATE main.sqlite_master SET sql = ?1 WHERE type = 'table' AND name = ?2");
    up.bind(1, std::string_view(sql));
    up.bind(2, table);
    up.run();
  }
  // A PRAGMA takes no bound value: the number is the cookie read above, plus one.
  const std::string bump = "PRAGMA main.schema_version = " + std::to_string(cookie + 1);
  exec(bump.c_str());
  return true;
}

void Db::control(SqlLiteral sql) {
  Stmt st = prepare(sql);
  int rc = sqlite3_step(S(st.h_));
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail("control");
}

int Db::control_rc(SqlLiteral sql) {
  Stmt st = prepare(sql);
  int rc = sqlite3_step(S(st.h_));
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(H(h_));
}

int64_t Db::schema_cookie() {
  Stmt st = prepare("PRAGMA main.schema_version");
  return st.step() ? st.int64(0) : 0;
}

bool Db::in_write_transaction() const { return sqlite3_txn_state(H(h_), "main") == SQLITE_TXN_WRITE; }

uint32_t Db::data_version() {
  unsigned int v = 0;
  if (sqlite3_file_control(H(h_), "main", SQLITE_FCNTL_DATA_VERSION, &v) != SQLITE_OK) return 0;
  return v;
}

// ---- Stmt ----

Stmt::Stmt(Db* db, void* handle, Entry* entry) : db_(db), h_(handle), entry_(entry) {}

Stmt::Stmt(Stmt&& o) noexcept : db_(o.db_), h_(o.h_), entry_(o.entry_) {
  o.h_ = nullptr;
  o.entry_ = nullptr;
}

bool Stmt::run_noexcept() noexcept {
  int rc;
  while ((rc = sqlite3_step(S(h_))) == SQLITE_ROW) {
  }
  sqlite3_reset(S(h_));
  return rc == SQLITE_DONE;
}

Stmt::~Stmt() {
  if (!h_) return;
  sqlite3_reset(S(h_));
  sqlite3_clear_bindings(S(h_));
  if (entry_)
    db_->release(entry_);
  else
    sqlite3_finalize(S(h_));
}

#define ORDS_BIND_CHECK(expr) \
  do {                        \
    if ((expr) != SQLITE_OK) db_->fail("bind"); \
  } while (0)

Stmt& Stmt::bind(int idx, int64_t v) { ORDS_BIND_CHECK(sqlite3_bind_int64(S(h_), idx, v)); return *this; }
Stmt& Stmt::bind(int idx, std::string_view v) {
  ORDS_BIND_CHECK(sqlite3_bind_text64(S(h_), idx, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}
Stmt& Stmt::bind(int idx, const char* v) {
  if (!v) return bind_null(idx);
  ORDS_BIND_CHECK(sqlite3_bind_text(S(h_), idx, v, -1, SQLITE_TRANSIENT));
  return *this;
}
Stmt& Stmt::bind_blob(int idx, const void* p, size_t n) {
  ORDS_BIND_CHECK(sqlite3_bind_blob64(S(h_), idx, p, n, SQLITE_TRANSIENT));
  return *this;
}
Stmt& Stmt::bind_blob_in_place(int idx, const void* p, size_t n) {
  ORDS_BIND_CHECK(sqlite3_bind_blob64(S(h_), idx, p, n, SQLITE_STATIC));  // cleared by ~Stmt
  return *this;
}
Stmt& Stmt::bind_null(int idx) { ORDS_BIND_CHECK(sqlite3_bind_null(S(h_), idx)); return *this; }
Stmt& Stmt::bind_value(int idx, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null: return bind_null(idx);
    case Value::Kind::Int:
    case Value::Kind::Bool: return bind(idx, v.i);
    case Value::Kind::Real: ORDS_BIND_CHECK(sqlite3_bind_double(S(h_), idx, v.r)); return *this;
    case Value::Kind::Text: return bind(idx, v.s);
    case Value::Kind::Blob: return bind_blob(idx, v.s.data(), v.s.size());
    default: throw Error("internal error: cannot bind a JSON object or array");
  }
}

bool Stmt::step() {
  int rc = sqlite3_step(S(h_));
  if (rc == SQLITE_ROW) return true;
#ifdef ORDS_SECURITY_TESTING
  if (rc == SQLITE_DONE && db_->fail_after_writes > 0 && !sqlite3_stmt_readonly(S(h_)) &&
      --db_->fail_after_writes == 0)
    throw Error("test hook: forced failure after a write");
#endif
  if (rc == SQLITE_DONE) return false;
  db_->fail("step");
}

void Stmt::run() {
  while (step()) {
  }
}

int Stmt::columns() const { return sqlite3_column_count(S(h_)); }
const char* Stmt::column_name(int c) const { return sqlite3_column_name(S(h_), c); }
bool Stmt::is_null(int c) const { return sqlite3_column_type(S(h_), c) == SQLITE_NULL; }
int64_t Stmt::int64(int c) const { return sqlite3_column_int64(S(h_), c); }
std::string Stmt::text(int c) const {
  const unsigned char* p = sqlite3_column_text(S(h_), c);
  int n = sqlite3_column_bytes(S(h_), c);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}
std::string_view Stmt::text_view(int c) const {
  const unsigned char* p = sqlite3_column_text(S(h_), c);
  int n = sqlite3_column_bytes(S(h_), c);
  return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string_view();
}
std::optional<std::string> Stmt::opt_text(int c) const {
  if (is_null(c)) return std::nullopt;
  return text(c);
}
std::optional<int64_t> Stmt::opt_int64(int c) const {
  if (is_null(c)) return std::nullopt;
  return int64(c);
}

Value Stmt::value(int c) const {
  switch (sqlite3_column_type(S(h_), c)) {
    case SQLITE_INTEGER: return Value::integer(sqlite3_column_int64(S(h_), c));
    case SQLITE_FLOAT: return Value::real(sqlite3_column_double(S(h_), c));
    case SQLITE_TEXT: return Value::text(text(c));
    case SQLITE_BLOB: {
      const void* p = sqlite3_column_blob(S(h_), c);
      int n = sqlite3_column_bytes(S(h_), c);
      return Value::blob(std::string(static_cast<const char*>(p), static_cast<size_t>(n)));
    }
    default: return Value::null();
  }
}

// ---- Transaction ----

namespace {
// True when no explicit transaction is open and the only statement of the connection that is
// writing is the one whose function call we are in (INSERT ... SELECT f(), CREATE TABLE ... AS
// SELECT f()): that statement is then the whole transaction, and an error from the call fails it
// and SQLite rolls everything back with it.
bool caller_is_whole_transaction(sqlite3* h) {
  // In autocommit mode a write transaction exists only while a statement is writing.
  return sqlite3_get_autocommit(h) && sqlite3_txn_state(h, nullptr) == SQLITE_TXN_WRITE;
}
}  // namespace

Transaction::Transaction(Db& db) : db_(db) {
  sqlite3* h = static_cast<sqlite3*>(db_.host_handle());
  if (sqlite3_get_autocommit(h)) {
    // A call made from inside the one writing statement of an autocommit transaction
    // (INSERT ... SELECT f()) is atomic with that statement already, and SQLite would refuse to
    // commit a transaction of ours while that statement runs.
    if (caller_is_whole_transaction(h)) return;
    undo_.emplace(db_.prepare("ROLLBACK"));
    db_.control("BEGIN IMMEDIATE");
    mode_ = Mode::Begin;
    db_.own_transaction_ = true;
    for (CacheWatch* w : db_.watches_) w->own_begin();
    return;
  }
  // A cached statement, not sqlite3_exec's parse on every call (ISSUE 14: calls inside a
  // caller's transaction, such as tokens issued in bulk, each open one).
  undo_.emplace(db_.prepare("ROLLBACK TO ords_sec_call"));
  undo_release_.emplace(db_.prepare("RELEASE ords_sec_call"));
  int rc = db_.control_rc("SAVEPOINT ords_sec_call");
  if (rc == SQLITE_OK) {
    mode_ = Mode::Savepoint;
    return;
  }
  // SQLite opens no savepoint while a statement is writing.
  if (rc == SQLITE_BUSY)
    throw Error("cannot run inside a statement that writes while a transaction (BEGIN) is open; call it in a "
                "statement of its own");
  throw StoreError(sqlite3_errmsg(h), sqlite3_extended_errcode(h));
}

void Transaction::commit() {
  Mode m = mode_;
  if (m == Mode::Begin) {
    // Nobody else wrote while this transaction held the write lock: a cache its owner did not
    // forget during it is carried to the data version after the commit (data_version_cache.hpp).
    uint32_t before = db_.data_version();
    db_.own_transaction_ = false;
    db_.control("COMMIT");
    uint32_t after = db_.data_version();
    for (CacheWatch* w : db_.watches_) w->own_commit(before, after);
  }
  if (m == Mode::Savepoint) db_.control("RELEASE ords_sec_call");
  mode_ = Mode::None;
}

Transaction::~Transaction() {
  if (mode_ == Mode::None) return;
  db_.own_transaction_ = false;
  for (CacheWatch* w : db_.watches_) w->rolled_back();
  // Never throws: a failure to roll back leaves SQLite's own statement rollback as the last line.
  // The statements were prepared before the transaction began, so they run even after an
  // out-of-memory error.
  if (undo_) undo_->run_noexcept();
  if (mode_ == Mode::Savepoint && undo_release_) undo_release_->run_noexcept();
}

}  // namespace ords::store
