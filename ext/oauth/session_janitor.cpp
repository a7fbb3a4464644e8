// session_janitor.cpp: ords_purge_expired_sessions(p_max_rows), the sweep of expired sessions an
// application runs off the request path, as OAuth servers run a janitor job.
//
//   select ords_security_config('security.oauth.sweepOnRequest', 0);  -- the token calls stop sweeping
//   select ords_purge_expired_sessions(1000);                         -- from a background job: rows deleted
//
// By default every token call sweeps a few expired sessions itself (model/sessions.cpp
// purge_expired), so nobody has to schedule anything; after many sessions expire at once those
// calls each pay a little more until the backlog is gone. An application that wants no request
// to pay for it turns that sweep off and calls this function from its own thread or timer: each
// call deletes at most p_max_rows expired sessions (default 1,000), the oldest first, in one
// transaction of its own (or inside the caller's), and returns how many it deleted. Fewer than
// p_max_rows means none was left. It reads the table from its oldest session until it has found
// p_max_rows expired ones, so a small p_max_rows keeps each call's write lock short.
// Expired sessions are never valid whether or not they were swept (every check compares
// expires_on with the clock).
#include "session_janitor.hpp"

#include "../core/error.hpp"
#include "../model/sessions.hpp"

namespace ords::oauth {

namespace {

constexpr int64_t kDefaultRows = 1000;
constexpr int64_t kMaxRows = 1000000;

Value purge_expired_sessions(Call& c) {
  std::optional<int64_t> max_rows = c.args.opt_int("max_rows");
  if (max_rows && (*max_rows < 1 || *max_rows > kMaxRows))
    throw Error("p_max_rows must be between 1 and " + std::to_string(kMaxRows) + " (or NULL: " +
                std::to_string(kDefaultRows) + ")");
  c.begin_write();
  return Value::integer(sessions::purge_expired_oldest(c.db(), c.now(), max_rows ? *max_rows : kDefaultRows));
}

}  // namespace

const std::vector<FnSpec>& session_janitor_functions() {
  static const std::vector<FnSpec> fns = {
      fn("ords_purge_expired_sessions", purge_expired_sessions).writer().with_params({{"max_rows", ParamType::Int}}),
  };
  return fns;
}

}  // namespace ords::oauth
