// decision_cache.hpp: what the request decision keeps per connection between calls, and the one
// rule for trusting it.
//
// Everything here is valid for one data version of the database (Db::data_version: any commit,
// by any connection, changes it) and is read again after any change; inside the connection's own
// write transaction nothing is kept (its uncommitted changes do not move the data version, and a
// ROLLBACK takes them back). With it, the hot path of a decision (a bearer token on a schema
// already seen) runs exactly one SQL statement: the token's session with its client
// (sessions::find). ConnState holds it as shared_ptr<policy::DecisionCache>; only policy/ sees
// the type. (When store:: offers a DataVersionCache<T>, `valid/dv` below become one of those.)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../conn/conn_state.hpp"
#include "../model/protection.hpp"
#include "match.hpp"

namespace ords::policy {

// What protects one schema's paths: guards[i] is the model's view of candidates[i].
struct SchemaProtection {
  std::vector<Candidate> candidates;
  std::vector<protection::Guard> guards;
};

struct DecisionCache {
  bool valid = false;
  uint32_t dv = 0;
  int version = 0;  // the model's schema version
  std::vector<std::pair<std::string, std::optional<protection::SchemaRef>>> aliases;  // alias -> schema
  std::vector<std::pair<std::string, std::optional<int64_t>>> names;                  // name -> id
  std::vector<std::pair<int64_t, SchemaProtection>> protection;                       // schema -> guards
};

// The connection's cache, as it is (possibly stale): to decide whether the token can be read first.
const DecisionCache& cached(ConnState& s);

// The cache, made current: call right after a read of this call (the data version is then
// current). Read again (and left invalid inside the connection's own write transaction) when the
// data version moved.
DecisionCache& fresh(ConnState& s);

// Cached readers (model/protection.hpp underneath).
std::optional<protection::SchemaRef> schema_by_alias(ConnState& s, DecisionCache& dc, const std::string& alias);
std::optional<int64_t> schema_by_name(ConnState& s, DecisionCache& dc, const std::string& name);
const SchemaProtection& protection_of(ConnState& s, DecisionCache& dc, int64_t schema_id);

}  // namespace ords::policy
