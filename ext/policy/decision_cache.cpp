// decision_cache.cpp: see decision_cache.hpp.
#include "decision_cache.hpp"

#include <memory>

#include "../store/schema.hpp"

namespace ords::policy {

namespace {
DecisionCache& cache_of(ConnState& s) {
  if (!s.decision_cache) s.decision_cache = std::make_shared<DecisionCache>();
  return *s.decision_cache;
}
}  // namespace

const DecisionCache& cached(ConnState& s) { return cache_of(s); }

DecisionCache& fresh(ConnState& s) {
  DecisionCache& dc = cache_of(s);
  uint32_t dv = s.db.data_version();
  bool writing = s.db.in_write_transaction();
  if (dc.valid && dc.dv == dv && !writing) return dc;
  dc = DecisionCache{};
  dc.version = store::schema_version(s.db);
  dc.dv = s.db.data_version();
  dc.valid = !writing;
  return dc;
}

std::optional<protection::SchemaRef> schema_by_alias(ConnState& s, DecisionCache& dc, const std::string& alias) {
  for (const auto& [a, v] : dc.aliases)
    if (a == alias) return v;
  auto found = protection::enabled_schema_by_alias(s.db, dc.version, alias);
  if (dc.aliases.size() < 64) dc.aliases.emplace_back(alias, found);
  return found;
}

std::optional<int64_t> schema_by_name(ConnState& s, DecisionCache& dc, const std::string& name) {
  for (const auto& [n, v] : dc.names)
    if (n == name) return v;
  auto id = protection::enabled_schema_by_name(s, dc.version, name);
  if (dc.names.size() < 64) dc.names.emplace_back(name, id);
  return id;
}

const SchemaProtection& protection_of(ConnState& s, DecisionCache& dc, int64_t schema_id) {
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

}  // namespace ords::policy
