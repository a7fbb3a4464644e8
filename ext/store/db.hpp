// db.hpp: the storage seam. The model talks to its tables only through Db and Stmt, never through
// a host API, so another host (a PostgreSQL extension over SPI) can reuse the model by providing
// its own db_*.cpp. This host's implementation is db_sqlite.cpp.
//
// Statements are prepared from string literals (SqlLiteral: it can be made only from a
// `const char[N]`, never from a std::string or a char pointer) and cached per connection, keyed by
// the literal's address, which lives as long as the program: prepare() the same literal again and
// you get the same compiled statement, reset. While a Stmt of a literal is alive, preparing that
// literal again gives a separate statement (finalized when its Stmt ends), so nested use is safe.
// SQL built at run time (rare: no model code needs it today) goes through prepare_built(), which
// never caches. Values are always bound, never spliced into SQL text. A Stmt resets itself and
// clears its bindings when it goes out of scope (O(1): it knows its cache entry), so no bound
// digest lingers in a cached statement.
//
// Transaction is the atomicity guard of every state-changing call. Outside any transaction it is
// BEGIN IMMEDIATE ... COMMIT: the call takes the write lock before it reads anything (waiting
// through the caller's busy handler), so a read-then-write inside it can never meet
// SQLITE_BUSY_SNAPSHOT, and two callers racing on one code or token are serialized. Inside the
// caller's own transaction it is a SAVEPOINT. Either is rolled back if the call throws before
// commit().
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../core/value.hpp"
#include "data_version_cache.hpp"

namespace ords::store {

class Db;

// SQL text with static storage: constructible only from a string literal (or another array of
// const char that lives as long as the program, such as a table of literals), so the statement
// cache can key on its address. A char pointer or a std::string does not convert; use
// Db::prepare_built for text made at run time. A default-constructed one is "no SQL" (false).
class SqlLiteral {
 public:
  constexpr SqlLiteral() = default;
  constexpr SqlLiteral(std::nullptr_t) {}  // NOLINT: "no SQL", as in a table's optional query
  template <size_t N>
  constexpr SqlLiteral(const char (&text)[N]) : p_(text) {}  // NOLINT: implicit by design
  template <size_t N>
  SqlLiteral(char (&)[N]) = delete;  // a writable buffer is not a literal
  constexpr const char* c_str() const { return p_; }
  constexpr explicit operator bool() const { return p_ != nullptr; }

 private:
  const char* p_ = nullptr;
};

class Stmt {
 public:
  Stmt(Stmt&& o) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  ~Stmt();
  struct Entry;  // a statement cache entry (db_sqlite.cpp)

  // Parameters are numbered from 1, as in SQL (?1, ?2 ...).
  Stmt& bind(int idx, int64_t v);
  Stmt& bind(int idx, int v) { return bind(idx, static_cast<int64_t>(v)); }
  Stmt& bind(int idx, std::string_view v);    // text (std::string, SecretText)
  Stmt& bind(int idx, const char* v);         // text, NULL when v is nullptr
  Stmt& bind_blob(int idx, const void* p, size_t n);
  // The same without a copy: the caller keeps the bytes unchanged until this Stmt ends.
  Stmt& bind_blob_in_place(int idx, const void* p, size_t n);
  Stmt& bind_null(int idx);
  Stmt& bind_value(int idx, const Value& v);  // Null, Int, Bool, Real, Text, Blob
  // NULL when v is empty, else its value (int64_t or text).
  template <class T>
  Stmt& bind_opt(int idx, const std::optional<T>& v) {
    return v ? bind(idx, *v) : bind_null(idx);
  }

  // Steps once: true when a row is ready, false when done. Throws StoreError on failure.
  bool step();
  // Steps to completion, for statements that return no rows.
  void run();
  // Steps to completion without throwing; true on success. For the undo of a Transaction, which
  // must work when nothing else can (its statements are prepared before the transaction starts).
  bool run_noexcept() noexcept;

  int columns() const;
  const char* column_name(int col) const;
  bool is_null(int col) const;
  int64_t int64(int col) const;
  std::string text(int col) const;
  // The column's text without a copy: valid until the next step(), reset or the Stmt's end
  // (ISSUE 14: the decision's hot path reads its few columns this way). Empty for NULL.
  std::string_view text_view(int col) const;
  Value value(int col) const;  // as stored: Null, Int, Real, Text or Blob
  std::optional<std::string> opt_text(int col) const;  // nullopt for NULL
  std::optional<int64_t> opt_int64(int col) const;     // nullopt for NULL

 private:
  friend class Db;
  Stmt(Db* db, void* handle, Entry* entry);
  Db* db_;
  void* h_;       // the host's statement handle
  Entry* entry_;  // the cache entry it came from; nullptr: owned, finalized on destruction
};

class Db {
 public:
  explicit Db(void* host_handle);
  ~Db();
  Db(const Db&) = delete;

  // A cached statement for a literal (see the top of this file).
  Stmt prepare(SqlLiteral sql);
  // A statement for SQL text made at run time: never cached, finalized when the Stmt ends.
  // Values are still bound, never pasted into the text.
  Stmt prepare_built(const std::string& sql);
  // Runs a script of statements without results (DDL, savepoints). Not for values.
  void exec(const char* sql);
  // Runs one cached transaction-control statement (BEGIN IMMEDIATE, COMMIT, RELEASE ...). Unlike
  // Stmt::run it is never counted by the test build's fail_after_writes hook.
  void control(SqlLiteral sql);
  int64_t last_insert_id() const;
  int64_t changes() const;
  bool table_exists(const char* name);
  // Replaces the text `from` (found exactly once) by `to` in the stored definition of table
  // `table` of main, for a change that keeps every stored row valid and the file format as it
  // is (a constraint written another way); returns whether it did. Call it inside a write
  // transaction. SQLite: the procedure its documentation gives for removing a CHECK constraint
  // (the schema written with SQLITE_DBCONFIG_WRITABLE_SCHEMA on, then the schema cookie moved by
  // one so that every other connection reads the new definition); this connection keeps the
  // definition it compiled until it next reads the schema. Refused (false, nothing changed) in
  // defensive mode (SQLITE_DBCONFIG_DEFENSIVE) or when `from` is not there exactly once.
  // PostgreSQL: false, nothing done (no constraint there needs it).
  bool rewrite_table_definition(const char* table, std::string_view from, std::string_view to);
  // A number that changes whenever the main database changes, by this connection or another
  // (as of the last read this connection made). Lets callers cache what they read from it.
  uint32_t data_version();
  // This connection has an open write transaction on `main`: what it reads may include its own
  // uncommitted changes, which data_version() does not count and a ROLLBACK takes back, so
  // nothing read now may be cached beyond the current call.
  bool in_write_transaction() const;
  // True while a Transaction of ours is the connection's whole transaction (BEGIN IMMEDIATE of
  // ours): nothing is uncommitted but this call's own writes, and nobody else can write until it
  // ends. DataVersionCache (data_version_cache.hpp) relies on it.
  bool in_own_transaction() const { return own_transaction_; }
  // PRAGMA schema_version: the schema cookie, which changes with every CREATE/DROP/ALTER.
  int64_t schema_cookie();
  // What store/schema.cpp knows of the extension's tables (schema.cpp fills and reads it; it
  // lives here because it is the store's own, and every layer reaches the store through a Db).
  struct SchemaInfo {
    int64_t cookie = -1;      // the schema cookie it was read under
    bool has_meta = false;    // ords_sec_meta exists
    int version = 0;          // 0: no ords_sec_* tables at all
    std::string damage;       // non-empty: tables exist but the version record is unusable (why)
  };
  DataVersionCache<SchemaInfo>& schema_cache() { return schema_cache_; }
  // The `main` database was opened read-only (sqlite3 -readonly, .open --readonly, a read-only file).
  bool read_only() const;

  // Statement cache control (the host turns caching on once it can guarantee finalization
  // before the connection closes, and clears it then).
  void enable_cache(bool on);
  void clear_cache();
  size_t cached_statements() const;
  std::string cached_sql(size_t i) const;
  // A cached statement is handed out (a Stmt of it is alive), for tests.
  size_t cached_in_use() const;

  void* host_handle() const { return h_; }

#ifdef ORDS_SECURITY_TESTING
  // Test hook: the n-th write statement from now fails after it has written (0: off).
  int64_t fail_after_writes = 0;
#endif

 private:
  friend class Stmt;
  friend class Transaction;
  friend class CacheWatch;
  [[noreturn]] void fail(const char* what) const;
  // control() that returns the engine's result code instead of throwing (OK on success).
  int control_rc(SqlLiteral sql);
  void release(Stmt::Entry* entry);
  struct Cache;
  void* h_;
  std::unique_ptr<Cache> cache_;
  bool own_transaction_ = false;
  std::vector<CacheWatch*> watches_;  // every DataVersionCache over this Db (data_version_cache.hpp)
  DataVersionCache<SchemaInfo> schema_cache_{*this, CacheWatch::Scope::OwnTransactions};
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
  // ROLLBACK (or ROLLBACK TO + RELEASE of the savepoint), prepared BEFORE the transaction starts:
  // after an out-of-memory error inside a call SQLite refuses every new statement of the
  // connection until the caller's statement ends, and a ROLLBACK prepared only then would fail
  // and leave the call's transaction open (fault_oom_test.cpp, "[oom_sqlite]").
  std::optional<Stmt> undo_;
  std::optional<Stmt> undo_release_;
};

}  // namespace ords::store
