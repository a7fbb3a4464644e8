// session.hpp: what one connection carries between calls: its storage, its clock and RNG seams,
// and its current REST-enabled schema (ords_set_schema). The host owns one per connection.
#pragma once
#include <memory>
#include <string>

#include "../store/db.hpp"
#include "clock.hpp"
#include "rng.hpp"

namespace ords {

struct Session {
  explicit Session(void* host_db) : db(host_db) {}
  store::Db db;
  Clock clock;
  Rng rng;
  std::string current_schema = "MAIN";
  // What the request decision caches between calls (policy/decision.cpp owns its type).
  std::shared_ptr<void> decision_cache;
  // Where the sweep of expired sessions goes on (model/sessions.cpp purge_expired).
  int64_t purge_cursor = 0;
  int64_t purge_batch = 16;
};

}  // namespace ords
