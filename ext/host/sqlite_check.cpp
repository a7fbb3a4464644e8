// sqlite_check.cpp: check_request's own SQLite entry (ISSUE 9, ISSUE 14: the decision's cost
// outside SQLite and the crypto).
//
// The plain positional call, check_request(method, path, authorization [, origin]) with every
// argument TEXT (no JSON subtype, at most 1 MiB, as the Raw parameters allow) or NULL, is read
// straight from the sqlite3_values as views: no Values, Args or Call. The decision
// (policy::decide_request, host-independent) writes its answer into the connection's one reused
// buffer (Conn::answer), which SQLite copies (SQLITE_TRANSIENT) and which is wiped after the call.
// Anything else (the named JSON form, a wrong count, a number, a blob, a JSON-tagged argument,
// an oversized one) goes to the generic dispatch(), which answers or refuses it as for every
// function. The boundary is the same as dispatch's: everything runs inside guard(), a failure
// reads "check_request: ..." with its code and is noted for a guarded script, the result's
// length is checked against SQLITE_LIMIT_LENGTH, and the flags are flags_for's (one
// registration, sqlite_fn.cpp). ext/tests/check_fast_test.cpp checks that both entries answer
// byte for byte the same.
#include "sqlite_check.hpp"

SQLITE_EXTENSION_INIT3

#include <sodium.h>

#include <optional>
#include <string_view>

#include "../policy/decision.hpp"
#include "boundary.hpp"
#include "script_guard.hpp"
#include "sqlite_conn.hpp"
#include "sqlite_fn.hpp"

namespace ords::host {

#ifdef ORDS_SECURITY_TESTING
namespace testing {
bool generic_check_request = false;
}  // namespace testing
#endif

namespace {

constexpr int kMaxRawBytes = 1 << 20;  // a Raw parameter's limit (core/args.cpp)

// The request's parts as views into the sqlite3_values; false when the call is not the plain
// positional form (the generic path then answers).
bool read_plain(int argc, sqlite3_value** argv, policy::Request& r) {
  if (argc < 3 || argc > 4) return false;
  std::optional<std::string_view>* slots[4] = {&r.method, &r.path, &r.authorization, &r.origin};
  for (int i = 0; i < argc; i++) {
    sqlite3_value* v = argv[i];
    int type = sqlite3_value_type(v);
    if (type == SQLITE_NULL) continue;
    if (type != SQLITE_TEXT || sqlite3_value_subtype(v) == kJsonSubtype) return false;
    const unsigned char* p = sqlite3_value_text(v);
    if (!p) return false;  // out of memory: the generic path reports it
    int n = sqlite3_value_bytes(v);
    if (n > kMaxRawBytes) return false;
    *slots[i] = std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

bool is_check_request(const FnSpec& spec) {
  const auto& fns = policy::decision_functions();
  return !fns.empty() && &spec == &fns.front();
}

void check_request_entry(sqlite3_context* ctx, int argc, sqlite3_value** argv) noexcept {
  policy::Request r;
#ifdef ORDS_SECURITY_TESTING
  if (testing::generic_check_request) return dispatch(ctx, argc, argv);
#endif
  if (!read_plain(argc, argv, r)) return dispatch(ctx, argc, argv);
  auto* reg = static_cast<Registration*>(sqlite3_user_data(ctx));
  Conn& conn = *reg->conn;
  SecretText& out = conn.answer;
  Failure f = guard([&] {
    refuse_if_script_failed(conn);  // an earlier call of a guarded script failed (script_guard.hpp)
    conn.ensure_cache();
    policy::decide_request(conn.state, r, out);
    check_result_length(conn.db, out.size());
    sqlite3_result_text64(ctx, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    sqlite3_result_subtype(ctx, kJsonSubtype);
  });
  sodium_memzero(out.data(), out.size());
  out.clear();
  if (f.failed) {
    note_call_failure(conn, reg->fn->name, f);
    fail_function(ctx, reg->fn->name, f);
  }
}

}  // namespace ords::host
