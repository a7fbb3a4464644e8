// sqlite_fn.cpp: the one boundary between SQLite and the C++ model.
//
// Every SQL function of ords_security enters through dispatch() (check_request's plain positional
// call through its own entry first, sqlite_check.cpp, which hands anything else here): it converts the sqlite3_value
// arguments to Values, decides positional or named form, binds them (core/args), runs the handler
// (inside a transaction or savepoint for writers), makes the result ready (copied for SQLite and
// checked against SQLITE_LIMIT_LENGTH) before the writer commits, and hands it to SQLite.
// Everything it calls may throw; dispatch runs it through the host's one guard (boundary.hpp),
// so no exception crosses into C; errors read "<function>: <what was wrong>" with their code.
// JSON arguments are read by the one strict reader, core/json_reader.
//
// Flags (why each kind gets what it gets):
//   Pure   UTF8 | DETERMINISTIC | INNOCUOUS: output depends on the arguments and the build only.
//   Reader UTF8 | INNOCUOUS: reads security metadata that any view shows anyway; harmless in a
//          view or trigger of an untrusted database file.
//   Writer UTF8 | DIRECTONLY: changes security state or mints secrets. A view or trigger planted
//          in a database file must never be able to call it (register a client, grant a role).
//   Direct UTF8 | DIRECTONLY: verifies or exposes secrets and tokens, or changes the connection's
//          state; same threat as Writer.
// Nothing that reads the clock, the RNG or the database is DETERMINISTIC. Every function is also
// SQLITE_SUBTYPE: dispatch reads the JSON subtype of its arguments (named form, JSON parameters).
#include "sqlite_fn.hpp"

SQLITE_EXTENSION_INIT3

#include <sodium.h>

#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "../core/error.hpp"
#include "../conn/bind_call.hpp"
#include "../core/json_reader.hpp"
#include "boundary.hpp"
#include "script_guard.hpp"
#include "sqlite_check.hpp"

#ifndef SQLITE_RESULT_SUBTYPE
#define SQLITE_RESULT_SUBTYPE 0x001000000
#endif
#ifndef SQLITE_SUBTYPE
#define SQLITE_SUBTYPE 0x000100000
#endif

namespace ords::host {

namespace {

Value from_sqlite(sqlite3_value* v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: return Value::integer(sqlite3_value_int64(v));
    case SQLITE_FLOAT: return Value::real(sqlite3_value_double(v));
    case SQLITE_TEXT: {
      const unsigned char* p = sqlite3_value_text(v);
      int n = sqlite3_value_bytes(v);
      Value out = Value::text(SecretText(reinterpret_cast<const char*>(p), static_cast<size_t>(n)));
      out.json = sqlite3_value_subtype(v) == kJsonSubtype;
      return out;
    }
    case SQLITE_BLOB: {
      const void* p = sqlite3_value_blob(v);
      int n = sqlite3_value_bytes(v);
      return Value::blob(SecretText(static_cast<const char*>(p), static_cast<size_t>(n)));
    }
    default: return Value::null();
  }
}


// The SQL result of a call, made ready BEFORE a writer commits: its bytes are copied into memory
// SQLite will own (sqlite3_malloc64) and checked against the connection's SQLITE_LIMIT_LENGTH, so
// that a result SQLite could not take (too long, out of memory) fails the call while its
// transaction can still be rolled back. deliver() then hands the buffer over without copying and
// cannot fail. The buffer is zeroed when freed, by us or by SQLite (wipe_free), since results
// carry secrets and tokens.
void wipe_free(void* p) {
  if (!p) return;
  sodium_memzero(p, static_cast<size_t>(sqlite3_msize(p)));
  sqlite3_free(p);
}

class Outcome {
 public:
  Outcome(sqlite3* db, const Value& r) : kind_(r.kind), i_(r.i), r_(r.r), json_(r.json) {
    switch (r.kind) {
      case Value::Kind::Null:
      case Value::Kind::Int:
      case Value::Kind::Bool:
      case Value::Kind::Real: return;
      case Value::Kind::Text:
      case Value::Kind::Blob: break;
      default: throw Error("internal error: a result cannot be an object");
    }
    check_result_length(db, r.s.size());
    n_ = r.s.size();
    buf_ = static_cast<char*>(sqlite3_malloc64(n_ + 1));
    if (!buf_) throw std::bad_alloc();
    if (n_) memcpy(buf_, r.s.data(), n_);
    buf_[n_] = '\0';
  }
  ~Outcome() { wipe_free(buf_); }
  Outcome(const Outcome&) = delete;
  Outcome(Outcome&& o) noexcept : kind_(o.kind_), i_(o.i_), r_(o.r_), json_(o.json_), buf_(o.buf_), n_(o.n_) {
    o.buf_ = nullptr;
  }

  void deliver(sqlite3_context* ctx) noexcept {
    switch (kind_) {
      case Value::Kind::Int:
      case Value::Kind::Bool: sqlite3_result_int64(ctx, i_); break;
      case Value::Kind::Real: sqlite3_result_double(ctx, r_); break;
      case Value::Kind::Text:
        sqlite3_result_text64(ctx, buf_, n_, wipe_free, SQLITE_UTF8);
        buf_ = nullptr;  // SQLite's now
        if (json_) sqlite3_result_subtype(ctx, kJsonSubtype);
        break;
      case Value::Kind::Blob:
        sqlite3_result_blob64(ctx, buf_, n_, wipe_free);
        buf_ = nullptr;
        break;
      default: sqlite3_result_null(ctx);
    }
  }

 private:
  Value::Kind kind_;
  int64_t i_;
  double r_;
  bool json_;
  char* buf_ = nullptr;
  size_t n_ = 0;
};

Outcome run(Registration* reg, int argc, sqlite3_value** argv) {
  const FnSpec& spec = *reg->fn;
  Conn& conn = *reg->conn;
  refuse_if_script_failed(conn);  // an earlier call of a guarded script failed (script_guard.hpp)
  conn.ensure_cache();
  store::Db& db = conn.state.db;
  sqlite3* handle = conn.db;

  Call call{spec, conn.state, Args{}, false, argc};
  std::vector<Value> values;
  // The copies of its arguments (secrets, tokens) are Values, whose text is SecretText: zeroed
  // when freed, however the call ends.
  values.reserve(static_cast<size_t>(argc));
  for (int i = 0; i < argc; i++) values.push_back(from_sqlite(argv[i]));

  bind_call(call, values);

  // The result is made ready (copied, its length checked) before the writer's transaction
  // commits: a call whose answer cannot be delivered changes nothing. (The result's text is
  // SecretText: zeroed when freed.)
  if (spec.own_transaction()) {
    store::Transaction tx(db);
    Value result = spec.handler(call);
    Outcome out(handle, result);
    tx.commit();
    return out;
  }
  Value result = spec.handler(call);
  return Outcome(handle, result);
}

}  // namespace

void check_result_length(sqlite3* db, size_t n) {
  int limit = sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1);
  if (limit >= 0 && n > static_cast<size_t>(limit))
    throw Error("the result (" + std::to_string(n) + " bytes) is longer than this connection's SQLITE_LIMIT_LENGTH (" +
                    std::to_string(limit) + "); nothing was changed",
                Code::TooBig);
}

void dispatch(sqlite3_context* ctx, int argc, sqlite3_value** argv) noexcept {
  auto* reg = static_cast<Registration*>(sqlite3_user_data(ctx));
  Failure f = guard([&] { run(reg, argc, argv).deliver(ctx); });
  if (f.failed) {
    note_call_failure(*reg->conn, reg->fn->name, f);
    fail_function(ctx, reg->fn->name, f);
  }
}

int flags_for(const FnSpec& spec) {
  int f = SQLITE_UTF8;
  switch (spec.kind) {
    case FnKind::Pure: f |= SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS; break;
    case FnKind::Reader: f |= SQLITE_INNOCUOUS; break;
    case FnKind::Writer:
    case FnKind::Direct: f |= SQLITE_DIRECTONLY; break;
  }
  if (spec.json_result) f |= SQLITE_RESULT_SUBTYPE;
  // dispatch reads each argument's subtype (from_sqlite): SQLite must keep it for us.
  f |= SQLITE_SUBTYPE;
  return f;
}

int register_function(Conn* conn, const FnSpec& spec, char** err) {
  Registration* reg = conn->add(&spec, nullptr);
  // check_request has its own entry for its plain positional call (sqlite_check.hpp); same flags.
  auto entry = is_check_request(spec) ? check_request_entry : dispatch;
  int rc = sqlite3_create_function_v2(conn->db, spec.name, -1, flags_for(spec), reg, entry, nullptr,
                                      nullptr, release_registration);
  if (rc != SQLITE_OK && err && !*err)
    *err = sqlite3_mprintf("registering %s: %s", spec.name, sqlite3_errmsg(conn->db));
  return rc;
}

}  // namespace ords::host
