// decision_cache.cpp: see decision_cache.hpp.
#include "decision_cache.hpp"

#include <memory>

#include "../store/schema.hpp"

namespace ords::policy {

DecisionCache& cache_of(ConnState& s) {
  if (!s.decision_cache) s.decision_cache = std::make_shared<DecisionCache>(s.db);
  return *s.decision_cache;
}

const DecisionData* cached(ConnState& s) { return cache_of(s).data.last(); }

DecisionData& fresh(ConnState& s) {
  auto& data = cache_of(s).data;
  if (DecisionData* d = data.get()) return *d;
  DecisionData d;
  d.version = store::schema_version(s.db);
  return data.fill(std::move(d));
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
  p.guards = protection::read_guards(s.db, dc.version, schema_id);
  for (const auto& g : p.guards)
    p.candidates.push_back(
        Candidate{g.module_base ? Candidate::Kind::ModuleBase : Candidate::Kind::Pattern, g.text, g.privilege_id});
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
