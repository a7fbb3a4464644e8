// error.hpp: the one error vocabulary of ords_security.
//
// Model code throws ords::Error (or a subclass) with a message that names the offending parameter
// and says what was wrong, without the function name: "p_role_name must not be NULL". The host
// boundary (host/sqlite_fn.cpp) prefixes the SQL function name and turns the error into
// sqlite3_result_error + sqlite3_result_error_code. No message may ever carry a secret, a token or
// a hash: build messages from names and identifiers only, and repeat a caller's value only
// through text::quote_input / show_input / sql_literal (core/text.hpp).
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include "text.hpp"

namespace ords {

// Result codes mirror SQLite's primary codes so the host can pass them through unchanged; the
// core does not include sqlite3.h, so the few it needs are repeated here.
enum class Code : int {
  Error = 1,       // SQLITE_ERROR: bad argument, rule violated, not found
  Busy = 5,        // SQLITE_BUSY: another connection holds the write lock
  ReadOnly = 8,    // SQLITE_READONLY
  Constraint = 19, // SQLITE_CONSTRAINT: duplicate name, object still in use
  TooBig = 18,     // SQLITE_TOOBIG
};

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, Code code = Code::Error)
      : std::runtime_error(message), code_(code) {}
  Code code() const noexcept { return code_; }
  std::string message() const { return what(); }
  int sqlite_code() const noexcept { return static_cast<int>(code_); }

 private:
  Code code_;
};

// A storage failure reported by the database engine (busy, read-only, I/O ...). Carries the
// engine's own result code, which may be an extended one.
class StoreError : public Error {
 public:
  StoreError(const std::string& message, int engine_code)
      : Error(message, Code::Error), engine_code_(engine_code) {}
  int engine_code() const noexcept { return engine_code_; }

 private:
  int engine_code_;
};

// Helpers that keep messages uniform across the model. The name is quoted by text::quote_input
// (withheld when it is shaped like a secret or token).
inline Error not_found(const std::string& what, std::string_view name) {
  return Error(what + " " + text::quote_input(name) + " does not exist");
}
inline Error already_exists(const std::string& what, std::string_view name) {
  return Error(what + " " + text::quote_input(name) + " already exists", Code::Constraint);
}

}  // namespace ords
