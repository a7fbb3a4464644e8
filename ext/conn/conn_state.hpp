// conn_state.hpp: what one connection carries between calls: its storage, its clock and RNG
// seams, its current REST-enabled schema (ords_set_schema) and the caches kept per connection.
// The host owns one per connection. (Token sessions, the rows of ords_sec_session, are
// model/sessions.hpp; this is the connection's state, not one of those.)
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../core/clock.hpp"
#include "../core/rng.hpp"
#include "../core/value.hpp"
#include "../store/data_version_cache.hpp"
#include "../store/db.hpp"

namespace ords {

namespace policy {
struct DecisionCache;  // policy/decision_cache.hpp
}
namespace clients {
struct AuthMemo;  // model/client_memo.cpp
}

struct ConnState {
  explicit ConnState(void* host_db) : db(host_db) {}
  store::Db db;
  Clock clock;
  Rng rng;
  std::string current_schema = "MAIN";
  // The stored instance settings, (key, value) as read from ords_sec_setting (model/settings.cpp
  // fills it, checks every value and forgets it when it sets one). Trusted inside our own
  // transactions and carried across their commits (store/data_version_cache.hpp, rule 2).
  using StoredSettings = std::vector<std::pair<std::string, int64_t>>;
  store::DataVersionCache<StoredSettings> settings{db, store::CacheWatch::Scope::OwnTransactions};
  // What the request decision caches between calls (policy/decision_cache.hpp; made and read
  // only there, so the type stays incomplete here and the layers below policy/ never see it).
  std::shared_ptr<policy::DecisionCache> decision_cache;
  // The token endpoint's memo of the clients it authenticated (model/client_memo.hpp; made and
  // read only there), and the count of writer calls on this connection (Call::begin_write), by
  // which the memo knows that another writer ran since it was last used.
  std::shared_ptr<clients::AuthMemo> client_memo;
  uint64_t writer_calls = 0;
  // Where the sweep of expired sessions goes on (model/sessions.cpp purge_expired).
  int64_t purge_cursor = 0;
  // The sweep's quiet mode: its last batch found nothing expired at purge_quiet_at (epoch
  // seconds); purge_skipped counts the calls since that did not sweep.
  bool purge_quiet = false;
  int64_t purge_quiet_at = 0;
  int purge_skipped = 0;
};

}  // namespace ords
