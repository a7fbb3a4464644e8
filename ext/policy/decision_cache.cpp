// decision_cache.cpp: see decision_cache.hpp.
#include "decision_cache.hpp"

#include <memory>

#include "../core/error.hpp"
#include "../store/schema.hpp"
#include "authenticate.hpp"

namespace ords::policy {

DecisionCache& cache_of(ConnState& s) {
  if (!s.decision_cache) s.decision_cache = std::make_shared<DecisionCache>(s.db);
  return *s.decision_cache;
}

const DecisionData* cached(ConnState& s) { return cache_of(s).data.last(); }

namespace {
// The stamp, read by one statement left open in `snapshot`. Unknown (rebuild) when the tables
// predate version 5 or the record is missing or damaged: the schema version's own reader then
// says what is wrong, if anything.
DecisionData::Stamp read_stamp(store::Db& db, std::optional<store::Stmt>& snapshot) {
  DecisionData::Stamp st;
  try {
    // Always one row (NULL when the record is missing or not an integer). The cookie is read by
    // its own cached PRAGMA inside the same read transaction (pragma_schema_version would prepare
    // a statement on every call).
    snapshot.emplace(db.prepare(
        "SELECT (SELECT value FROM ords_sec_meta WHERE key = 'policy_generation' AND typeof(value) = 'integer')"));
    if (snapshot->step() && !snapshot->is_null(0)) {
      st.known = true;
      st.generation = snapshot->int64(0);
      st.cookie = db.schema_cookie();
    }
  } catch (const StoreError&) {
    snapshot.reset();  // ords_sec_meta gone: the tables are damaged, which schema_version says
  }
  return st;
}

// The stamp's protection generation (version 8 on; left nullopt when the record is missing or
// not an integer), read only when the policy generation moved (a token's commit needs no more
// than read_stamp). `snapshot` is still open, so this reads the same snapshot.
void read_protection(store::Db& db, DecisionData::Stamp& st) {
  if (!st.known) return;
  try {
    store::Stmt p = db.prepare(
        "SELECT value FROM ords_sec_meta WHERE key = 'protection_generation' AND typeof(value) = 'integer'");
    if (p.step()) st.protection = p.int64(0);
  } catch (const StoreError&) {
    // as read_stamp: the schema version's reader says what is wrong
  }
}
}  // namespace

DecisionData& fresh(ConnState& s, std::optional<store::Stmt>& snapshot) {
  auto& data = cache_of(s).data;
  if (DecisionData* d = data.get()) return *d;
  const DecisionData* last = data.last();
  DecisionData::Stamp stamp;
  if (last && last->version >= 5 && !s.db.in_write_transaction()) {
    stamp = read_stamp(s.db, snapshot);
    if (stamp == last->stamp)
      if (DecisionData* d = data.carry()) return *d;
    read_protection(s.db, stamp);
    // Only the policy generation moved (a role or a client created, a client's roles changed):
    // no write that can change a schema's guards was made (store migration 8's triggers), so
    // they and their tries are carried over, and everything else is dropped, to be read again
    // lazily in this snapshot. The schema version is read again as a rebuild would.
    if (stamp.same_protection(last->stamp) && store::schema_version(s.db) == last->version)
      if (DecisionData* d = data.carry()) {
        d->stamp = stamp;
        d->clients.clear();
        d->aliases.clear();
        d->names.clear();
        d->profiles.clear();
        return *d;
      }
  }
  DecisionData d;
  d.version = store::schema_version(s.db);
  if (d.version >= 5 && !stamp.known && !s.db.in_write_transaction()) {
    stamp = read_stamp(s.db, snapshot);
    read_protection(s.db, stamp);
  }
  d.stamp = stamp;
  return data.fill(std::move(d));
}

const Principal* client_of(ConnState& s, DecisionData& dc, int64_t client_id, int64_t schema_id) {
  for (const auto& [id, p] : dc.clients)
    if (id == client_id) return &p;
  auto v = sessions::read_client(s.db, client_id);
  if (!v) return nullptr;
  if (dc.clients.size() >= 256) dc.clients.clear();
  dc.clients.emplace_back(client_id, client_principal(std::move(*v), schema_id));
  return &dc.clients.back().second;
}

std::optional<protection::SchemaRef> schema_by_alias(ConnState& s, DecisionData& dc, const std::string& alias) {
  for (const auto& [a, v] : dc.aliases)
    if (a == alias) return v;
  auto found = protection::enabled_schema_by_alias(s.db, dc.version, alias);
  if (dc.aliases.size() < 64) dc.aliases.emplace_back(alias, found);
  return found;
}

std::optional<int64_t> schema_by_name(ConnState& s, DecisionData& dc, const std::string& name) {
  for (const auto& [n, v] : dc.names)
    if (n == name) return v;
  auto id = protection::enabled_schema_by_name(s, dc.version, name);
  if (dc.names.size() < 64) dc.names.emplace_back(name, id);
  return id;
}

const SchemaProtection& protection_of(ConnState& s, DecisionData& dc, int64_t schema_id) {
  for (const auto& [id, p] : dc.protection)
    if (id == schema_id) return p;
  SchemaProtection p;
#ifdef ORDS_SECURITY_TESTING
  cache_of(s).guard_reads++;
#endif
  p.guards = protection::read_guards(s.db, dc.version, schema_id);
  for (const auto& g : p.guards)
    p.candidates.push_back(
        Candidate{g.module_base ? Candidate::Kind::ModuleBase : Candidate::Kind::Pattern, g.text, g.privilege_id});
  p.index.build(p.candidates);
  if (dc.protection.size() >= 16) dc.protection.clear();
  dc.protection.emplace_back(schema_id, std::move(p));
  return dc.protection.back().second;
}

const JwtProfileEntry& jwt_profile_of(ConnState& s, DecisionData& dc, int64_t schema_id) {
  for (const auto& [id, p] : dc.profiles)
    if (id == schema_id) return p;
  JwtProfileEntry e;
  e.row = jwt_profiles::find(s.db, dc.version, schema_id);
  if (e.row) e.effective = jwt_profiles::effective(s, *e.row);
  if (dc.profiles.size() >= 16) dc.profiles.clear();
  dc.profiles.emplace_back(schema_id, std::move(e));
  return dc.profiles.back().second;
}

std::shared_ptr<const jwt::KeySet> jwt_keys_of(ConnState& s, int64_t schema_id, const jwt_profiles::Row& profile) {
  DecisionCache& dc = cache_of(s);
  for (const auto& k : dc.keys)
    if (k.schema_id == schema_id && k.generation == profile.generation) return k.keys;
  auto keys = std::make_shared<const jwt::KeySet>(jwt_profiles::read_keys(s.db, profile.id));
  // Not kept inside the connection's own write transaction: a generation read there may be
  // rolled back and later given to other keys.
  if (!s.db.in_write_transaction()) {
    for (auto it = dc.keys.begin(); it != dc.keys.end(); ++it)
      if (it->schema_id == schema_id) {
        dc.keys.erase(it);
        break;
      }
    if (dc.keys.size() >= DecisionCache::kMaxSchemaKeys) dc.keys.erase(dc.keys.begin());
    dc.keys.push_back(SchemaKeys{schema_id, profile.generation, keys});
  }
  return keys;
}

}  // namespace ords::policy
