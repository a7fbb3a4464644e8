// db.hpp: the storage seam. The model talks to its tables only through Db and Stmt, never through
// a host API, so another host (a PostgreSQL extension over SPI) can reuse the model by providing
// its own db_*.cpp. This host's implementation is db_sqlite.cpp.
//
// Statements are prepared from string literals and cached per connection, keyed by the literal's
// address: prepare() the same literal again and you get the same compiled statement, reset. Values
// are always bound, never spliced into SQL text. A Stmt resets itself and clears its bindings when
// it goes out of scope, so no bound digest lingers in a cached statement.
//
// Transaction is the atomicity guard of every state-changing call. Outside any transaction it is
// BEGIN IMMEDIATE ... COMMIT: the call takes the write lock before it reads anything (waiting
// through the caller's busy handler), so a read-then-write inside it can never meet
// SQLITE_BUSY_SNAPSHOT, and two callers racing on one code or token are serialized. Inside the
// caller's own transaction it is a SAVEPOINT. Either is rolled back if the call throws before
// commit().
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../core/value.hpp"

namespace ords::store {

class Db;

class Stmt {
 public:
  Stmt(Stmt&& o) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  ~Stmt();

  // Parameters are numbered from 1, as in SQL (?1, ?2 ...).
  Stmt& bind(int idx, int64_t v);
  Stmt& bind(int idx, int v) { return bind(idx, static_cast<int64_t>(v)); }
  Stmt& bind(int idx, const std::string& v);  // text
  Stmt& bind(int idx, const char* v);         // text, NULL when v is nullptr
  Stmt& bind_blob(int idx, const void* p, size_t n);
  Stmt& bind_null(int idx);
  Stmt& bind_value(int idx, const Value& v);  // Null, Int, Bool, Real, Text, Blob

  // Steps once: true when a row is ready, false when done. Throws StoreError on failure.
  bool step();
  // Steps to completion, for statements that return no rows.
  void run();

  int columns() const;
  const char* column_name(int col) const;
  bool is_null(int col) const;
  int64_t int64(int col) const;
  std::string text(int col) const;
  Value value(int col) const;  // as stored: Null, Int, Real, Text or Blob
  std::optional<std::string> opt_text(int col) const;  // nullopt for NULL
  std::optional<int64_t> opt_int64(int col) const;     // nullopt for NULL

 private:
  friend class Db;
  Stmt(Db* db, void* handle, bool owned);
  Db* db_;
  void* h_;      // the host's statement handle
  bool owned_;   // finalized on destruction (not from the cache)
};

class Db {
 public:
  explicit Db(void* host_handle);
  ~Db();
  Db(const Db&) = delete;

  Stmt prepare(const char* sql_literal);
  // Runs a script of statements without results (DDL, savepoints). Not for values.
  void exec(const char* sql);
  // Runs one cached transaction-control statement (BEGIN IMMEDIATE, COMMIT, RELEASE ...). Unlike
  // Stmt::run it is never counted by the test build's fail_after_writes hook.
  void control(const char* sql_literal);
  int64_t last_insert_id() const;
  int64_t changes() const;
  bool table_exists(const char* name);
  // A number that changes whenever the main database changes, by this connection or another
  // (as of the last read this connection made). Lets callers cache what they read from it.
  uint32_t data_version();
  // This connection has an open write transaction on `main`: what it reads may include its own
  // uncommitted changes, which data_version() does not count and a ROLLBACK takes back, so
  // nothing read now may be cached beyond the current call.
  bool in_write_transaction() const;
  // PRAGMA schema_version: the schema cookie, which changes with every CREATE/DROP/ALTER.
  int64_t schema_cookie();

  // What store/schema.cpp last learnt of the extension's tables: valid while both the schema
  // cookie and the data version are what they were (Transaction::commit carries it across this
  // connection's own commits, during which nobody else could write).
  int64_t known_cookie = -1;
  uint32_t known_dv = 0;
  bool known_has_meta = false;
  int known_version = 0;
  // True while a Transaction of ours is the connection's whole transaction (BEGIN IMMEDIATE):
  // nothing uncommitted but this call's own writes, so caches keyed on the data version hold.
  bool own_transaction = false;
  // Set once schema.cpp has checked the version inside the current own transaction: nobody else
  // can change the tables while it holds the write lock, so it need not look again.
  bool version_checked_in_tx = false;
  // Instance settings (model/settings.cpp), valid for data version settings_dv.
  bool settings_valid = false;
  uint32_t settings_dv = 0;
  std::vector<std::pair<std::string, int64_t>> settings;
  // The `main` database was opened read-only (sqlite3 -readonly, .open --readonly, a read-only file).
  bool read_only() const;

  // Statement cache control (the host turns caching on once it can guarantee finalization
  // before the connection closes, and clears it then).
  void enable_cache(bool on);
  void clear_cache();
  size_t cached_statements() const;
  std::string cached_sql(size_t i) const;

  void* host_handle() const { return h_; }

#ifdef ORDS_SECURITY_TESTING
  // Test hook: the n-th write statement from now fails after it has written (0: off).
  int64_t fail_after_writes = 0;
#endif

 private:
  friend class Stmt;
  [[noreturn]] void fail(const char* what) const;
  void release(void* stmt_handle);
  struct Cache;
  void* h_;
  std::unique_ptr<Cache> cache_;
};

class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  void commit();

 private:
  enum class Mode { None, Begin, Savepoint };
  Db& db_;
  Mode mode_ = Mode::None;
};

}  // namespace ords::store
