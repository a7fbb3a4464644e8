// decision_cache.hpp: what the request decision keeps per connection between calls, and the rules
// for trusting each part.
//
// - `data`: what the decision reads of the model (schemas by alias and name, what protects each
//   schema's paths, each schema's JWT profile row) is a store::DataVersionCache: valid for one
//   data version of the database (Db::data_version: any commit, by any connection, changes it),
//   never filled or trusted inside the connection's own write transaction (its uncommitted
//   changes do not move the data version, and a ROLLBACK takes them back); the rule is written
//   once in store/data_version_cache.hpp. It is carried to a new data version when the stamp (the
//   policy generation of store migration 5 and the schema cookie) is unchanged: a commit that
//   changed no policy (a token issued) costs the next decision one small statement, not a
//   rebuild (rule 5), and a policy change that protects nothing differently (a role or a client
//   created: store migration 8's protection generation unchanged) keeps each schema's guards and
//   their trie, the costly part with many privileges; a change to a few privileges' guards (a
//   pattern added) has only those privileges read again and patched in, as store migration 9's
//   change log names them. With it, the hot path of a decision (a
//   bearer token on a schema already seen) runs exactly one SQL statement: the token's session row alone
//   (sessions::find_access), its client from `clients`; with a JWT already verified, none but
//   the schema cookie.
// - `keys`: each schema's JWT keys, built from the JWK Set (the costly part: OpenSSL keys).
//   Kept across data versions and trusted while the profile row (read again per data version)
//   has the same generation: any create_jwt_profile or set_jwt_profile_keys gives a new one.
// - `verified`: the JWTs verified lately (jwt_memory.hpp), trusted on the same generation rule.
// Neither `keys` nor `verified` is filled inside the connection's own write transaction (a
// generation seen there may be rolled back and given again to other keys).
// ConnState holds the cache as shared_ptr<policy::DecisionCache>, an incomplete type there; only
// policy/ sees it.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../conn/conn_state.hpp"
#include "../core/fn.hpp"
#include "../jwt/claims.hpp"
#include "../jwt/jwk.hpp"
#include "../model/jwt_profiles.hpp"
#include "../model/principal.hpp"
#include "../model/protection.hpp"
#include "../model/sessions.hpp"
#include "../store/data_version_cache.hpp"
#include "jwt_memory.hpp"
#include "match.hpp"

namespace ords::policy {

// What protects one schema's paths: guards[i] is the model's view of candidates[i].
struct SchemaProtection {
  std::vector<Candidate> candidates;
  std::vector<protection::Guard> guards;
  CandidateIndex index;  // the candidates' prefix trie (match.hpp)
};

// A schema's JWT profile as stored, and what its claims are checked against (a NULL skew or age
// taken from the instance settings, which are read for the same data version).
struct JwtProfileEntry {
  std::optional<jwt_profiles::Row> row;
  jwt::Profile effective;
};

// What is read of the model, for one data version.
struct DecisionData {
  int version = 0;  // the model's schema version
  // What it was read under (version 5 on): the policy generation and the schema cookie, read in
  // one statement, and the protection generation (version 8 on; nullopt before, or when its
  // record is missing or not an integer), read in the same snapshot when the policy generation
  // moved. With the same policy generation and cookie at a later data version, nothing the
  // decision caches has changed (only sessions did), and the whole of it is carried over
  // (DataVersionCache rule 5): the protection generation never moves without the policy
  // generation (every table its triggers watch has the policy generation's too). With only the
  // policy generation moved, what protects the paths (`protection`) is unchanged and carried
  // over alone; the rest is read again (`fresh`).
  // `log` is the change log's position (version 9 on: its last row's id, 0 when empty; nullopt
  // before, or unreadable), read in the same snapshot when the guards are read whole, kept by a
  // carry and moved by a patch: the guards held under a stamp reflect every log row up to it.
  struct Stamp {
    bool known = false;
    int64_t generation = 0, cookie = 0;
    std::optional<int64_t> protection;
    std::optional<int64_t> log;
    bool operator==(const Stamp& o) const { return known && o.known && generation == o.generation && cookie == o.cookie; }
    // The guards read under `o` hold under this stamp.
    bool same_protection(const Stamp& o) const {
      return known && o.known && cookie == o.cookie && protection && o.protection && *protection == *o.protection;
    }
    // The guards held under `o` may be patched to this stamp from the change log: the same
    // tables (cookie), the protection generation moved forward by at most `max_steps`, `o`'s
    // log position known. Whether the log accounts for every step is checked when it is read.
    bool patchable_from(const Stamp& o, int64_t max_steps) const {
      return known && o.known && cookie == o.cookie && protection && o.protection && *protection > *o.protection &&
             *protection - *o.protection <= max_steps && o.log;
    }
  } stamp;
  std::vector<std::pair<int64_t, Principal>> clients;  // client id -> its Principal, no user or scope (client_principal)
  std::vector<std::pair<std::string, std::optional<protection::SchemaRef>>> aliases;  // alias -> schema
  std::vector<std::pair<std::string, std::optional<int64_t>>> names;                  // name -> id
  std::vector<std::pair<int64_t, SchemaProtection>> protection;                       // schema -> guards (stamp.protection)
  std::vector<std::pair<int64_t, JwtProfileEntry>> profiles;                         // schema -> profile
};

// A schema's JWT keys as built for one generation of its profile.
struct SchemaKeys {
  int64_t schema_id = 0;
  int64_t generation = 0;
  std::shared_ptr<const jwt::KeySet> keys;
};

struct DecisionCache {
  explicit DecisionCache(store::Db& db) : data(db) {}
  store::DataVersionCache<DecisionData> data;
  std::vector<SchemaKeys> keys;  // at most kMaxSchemaKeys
  JwtMemory verified;
  static constexpr size_t kMaxSchemaKeys = 16;
  // The change log (store migration 9) is read only for at most this many protection steps,
  // and only this many privileges are re-read from it; beyond either, the guards are rebuilt.
  static constexpr int64_t kMaxLogSteps = 64;
  static constexpr size_t kMaxPatchedPrivileges = 64;
#ifdef ORDS_SECURITY_TESTING
  int64_t guard_reads = 0;      // schemas' guards read whole (not carried) on this connection: ords_security_test_guard_reads()
  int64_t privilege_reads = 0;  // privileges' guards re-read from the change log: ords_security_test_privilege_reads()
#endif
};

// The connection's cache (made on first use).
DecisionCache& cache_of(ConnState& s);

// What was last read while trusted, possibly stale: to decide whether the token can be read
// first. nullptr when nothing is.
const DecisionData* cached(ConnState& s);

// The data, made current: call right after a read of this call (the data version is then
// current). When the data version moved, one statement reads the stamp (the policy generation
// and the schema cookie): the same stamp carries everything over; else a second statement reads
// the protection generation, and the same protection generation and cookie (only the policy
// generation moved) carry the schemas' guards over and drop the rest (clients, aliases, names,
// JWT profiles: read again lazily); another stamp starts afresh. The first
// statement is left open in `snapshot` (stepped, not reset) for the rest of the call, so whatever
// the call reads next, a rebuild included, comes from that one snapshot. Inside the connection's
// own write transaction everything is read again on every call (DataVersionCache rule 2).
// Between those two, when the protection generation moved (version 9 on), the change log's rows
// since the cached position are read in the same snapshot: when they account for every step and
// name few privileges, only those privileges' guards are read again and patched into each cached
// schema's guards and trie, and the rest is dropped as above; anything else rebuilds.
DecisionData& fresh(ConnState& s, std::optional<store::Stmt>& snapshot);

// The session's client as the decision needs it: its Principal without a user or a scope
// (authenticate.hpp's client_principal), cached for the policy generation; nullptr when the
// client no longer exists.
const Principal* client_of(ConnState& s, DecisionData& dc, int64_t client_id, int64_t schema_id);

// Cached readers (model/protection.hpp, model/jwt_profiles.hpp underneath).
std::optional<protection::SchemaRef> schema_by_alias(ConnState& s, DecisionData& dc, const std::string& alias);
std::optional<int64_t> schema_by_name(ConnState& s, DecisionData& dc, const std::string& name);
const SchemaProtection& protection_of(ConnState& s, DecisionData& dc, int64_t schema_id);
const JwtProfileEntry& jwt_profile_of(ConnState& s, DecisionData& dc, int64_t schema_id);

// The keys of `profile` (schema `schema_id`): the ones built for its generation, else read and
// built now (and kept, unless inside the connection's own write transaction).
std::shared_ptr<const jwt::KeySet> jwt_keys_of(ConnState& s, int64_t schema_id, const jwt_profiles::Row& profile);

// Test-build-only SQL hooks of the cache (empty in the release build):
// ords_security_test_privilege_reads().
const std::vector<FnSpec>& decision_cache_test_functions();

}  // namespace ords::policy
