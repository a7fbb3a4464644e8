// worker_db.hpp: one worker's SQLite connection (WAL, the extension loaded) and the SQL calls the
// gateway makes on it: oauth_token / oauth_revoke / oauth_introspect / oauth_authorize with the
// form fields bound, check_request for /auth, the alias-to-schema lookup. Every value is bound;
// SQLITE_BUSY from a concurrent writer is retried until the busy deadline, then reported as
// Busy (the caller answers 503). Nothing here knows HTTP.
#pragma once
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "write_group.hpp"

namespace gw {

struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The write lock stayed taken past the busy deadline.
struct Busy : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The extension raised an SQL error (a malformed call): the message is the extension's own,
// which never holds a secret or a token (API.md section 2).
struct CallError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An answer of one of the four OAuth functions: its JSON text and its "error" member, if any.
struct OAuthAnswer {
  std::string json;
  std::optional<std::string> error;
  std::optional<std::string> redirect_uri;  // oauth_authorize only
};

struct Decision {
  int status = 500;
  std::optional<std::string> schema, client_id, user, privilege, reason;
};

// A bound value: NULL when absent.
using Param = std::optional<std::string>;

class WorkerDb {
 public:
  // Opens `path` (created if missing), sets WAL, loads the extension from `ext`. Throws DbError.
  WorkerDb(const std::string& path, const std::string& ext, int busy_timeout_ms);
  ~WorkerDb();
  WorkerDb(const WorkerDb&) = delete;
  WorkerDb& operator=(const WorkerDb&) = delete;

  enum class Fn { Token, Revoke, Introspect, Authorize };
  // Calls fn with a JSON object of the given (name, value) pairs; absent values are left out.
  // The call joins the process's group commit (write_group.hpp): it may run on another worker's
  // connection, and its answer comes once it is committed.
  OAuthAnswer oauth(Fn fn, const std::vector<std::pair<const char*, Param>>& fields);
  Decision check(const std::string& method, const std::string& uri, const Param& authorization,
                 const Param& origin);
  // The schema an enabled alias maps to; nullopt when no enabled schema has it.
  std::optional<std::string> schema_of_alias(const std::string& alias);
  // Makes `schema` the connection's current schema (ords_set_schema), if it is not already.
  void use_schema(const std::string& schema);
  // True when a client with that client_id belongs to the current schema.
  bool client_in_current_schema(const std::string& client_id);
  bool healthy();
  // The database's state as this connection last committed or saw it: PRAGMA data_version
  // (which moves on any other connection's commit) with this connection's own OAuth calls
  // counted in. Two equal values: nothing in the database changed in between.
  uint64_t state();
  // One-off statements (the JWKS refresher's): the first column of every row, values bound.
  std::vector<Param> rows(const char* sql, const std::vector<Param>& params);

 private:
  sqlite3_stmt* prepare(sqlite3_stmt*& slot, const char* sql);
  // Steps st to its first row (true) or to its end (false), retrying SQLITE_BUSY until the
  // deadline; throws Busy, CallError or DbError.
  bool step(sqlite3_stmt* st);
  // One OAuth call on this connection: its JSON answer. Throws Busy, CallError or DbError.
  std::string call(Fn fn, const std::vector<std::pair<const char*, Param>>& fields);
  // Runs job's call: its answer into json (true), or what it threw into error (false).
  bool call_into(std::string& json, std::exception_ptr& error, const WriteGroup::Job& job);
  // The writer's work (WriteGroup::Runner): the group's calls on this connection.
  void run_group(std::vector<WriteGroup::Job*>& group);
  // The group inside one BEGIN IMMEDIATE ... COMMIT; false, with nothing committed and no job
  // answered, when the transaction could not be begun, was ended by an error, or did not commit.
  bool commit_together(std::vector<WriteGroup::Job*>& group);

  sqlite3* db_ = nullptr;
  std::chrono::milliseconds busy_;
  std::string path_, ext_;  // for the group's writer connection (worker_db.cpp)
  std::string current_schema_ = "MAIN";
  sqlite3_stmt* fn_st_[4] = {nullptr, nullptr, nullptr, nullptr};
  sqlite3_stmt* error_st_ = nullptr;
  sqlite3_stmt* check_st_ = nullptr;
  sqlite3_stmt* alias_st_ = nullptr;
  sqlite3_stmt* set_schema_st_ = nullptr;
  sqlite3_stmt* client_st_ = nullptr;
  sqlite3_stmt* health_st_ = nullptr;
  sqlite3_stmt* version_st_ = nullptr;
  sqlite3_stmt* begin_st_ = nullptr;
  sqlite3_stmt* commit_st_ = nullptr;
  uint32_t own_calls_ = 0;
};

// "N OAuth calls in M groups": the writer's figures so far (write_group.hpp).
std::string oauth_commit_summary();

// Opens the database once at start-up to report a clear error (and exit 3) before listening.
void probe_database(const std::string& path, const std::string& ext);

}  // namespace gw
