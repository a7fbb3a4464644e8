// decision_cache.cpp: see decision_cache.hpp.
#include "decision_cache.hpp"

#include <algorithm>
#include <memory>

#include "../conn/call.hpp"
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

// The change log's position (version 9 on), for a stamp whose guards are read whole now: in the
// same snapshot (`snapshot` is open). A carry keeps the position (no protection step, no row)
// and a patch moves it to the last row it read.
void read_log_position(store::Db& db, DecisionData::Stamp& st) {
  if (!st.known || !st.protection) return;
  try {
    store::Stmt p = db.prepare("SELECT coalesce(max(id), 0) FROM ords_sec_protection_log");
    if (p.step() && !p.is_null(0)) st.log = p.int64(0);
  } catch (const StoreError&) {
    // as read_stamp
  }
}

// What the change log says changed between two stamps: the privileges touched (sorted, each
// once) and, for each, its guards now (nullopt: it no longer exists, or protects nothing).
struct Patch {
  std::vector<int64_t> touched;
  std::vector<std::optional<protection::PrivilegeGuards>> now;
  int64_t log_end = 0;  // the log's position after it (its last row)
};

// Read in the current snapshot (`snapshot` is open). Nothing when the log cannot say: its rows
// after `from`'s position are not exactly one per protection step up to `to` (rows trimmed away,
// the generation or the log written by hand), a row of a kind this build does not know, or more
// privileges than DecisionCache::kMaxPatchedPrivileges. A module's or a role's row names the
// privileges that link it now: a privilege that linked it before and no longer does was
// unlinked by a write of its own, which the log names too.
std::optional<Patch> read_patch(store::Db& db, const DecisionData::Stamp& from, const DecisionData::Stamp& to) {
  int64_t steps = *to.protection - *from.protection;
  std::vector<protection::LogEntry> rows = protection::read_log(db, *from.log, steps + 1);
  if (static_cast<int64_t>(rows.size()) != steps) return std::nullopt;
  int64_t expect = *from.log;
  Patch p;
  for (const auto& row : rows) {
    if (row.id != ++expect) return std::nullopt;
    if (row.kind == protection::LogEntry::Kind::Unknown) return std::nullopt;  // ids or not: nothing to patch from
    for (const std::optional<int64_t>& id : {row.old_id, row.new_id}) {
      if (!id) continue;
      switch (row.kind) {
        case protection::LogEntry::Kind::Privilege:
          p.touched.push_back(*id);
          break;
        case protection::LogEntry::Kind::Module:
          for (int64_t pid : protection::privileges_of_module(db, *id)) p.touched.push_back(pid);
          break;
        case protection::LogEntry::Kind::Role:
          for (int64_t pid : protection::privileges_of_role(db, *id)) p.touched.push_back(pid);
          break;
        case protection::LogEntry::Kind::Unknown:
          return std::nullopt;
      }
      if (p.touched.size() > 4 * DecisionCache::kMaxPatchedPrivileges) return std::nullopt;
    }
  }
  p.log_end = expect;  // the last row: LIMIT steps + 1 found no row after it
  std::sort(p.touched.begin(), p.touched.end());
  p.touched.erase(std::unique(p.touched.begin(), p.touched.end()), p.touched.end());
  if (p.touched.size() > DecisionCache::kMaxPatchedPrivileges) return std::nullopt;
  for (int64_t pid : p.touched) p.now.push_back(protection::read_privilege_guards(db, pid));
  return p;
}

// Patches every cached schema's guards, candidates and trie: the touched privileges' guards out
// (wherever they were: a privilege may have moved to another schema), their guards now in (into
// their schema, when it is cached). Memory only: nothing here reads.
void apply_patch(DecisionData& d, const Patch& p) {
  if (p.touched.empty()) return;
  int64_t lo = p.touched.front(), hi = p.touched.back();
  auto touched = [&](int64_t id) {
    return id >= lo && id <= hi && std::binary_search(p.touched.begin(), p.touched.end(), id);
  };
  for (auto& [schema_id, prot] : d.protection) {
    for (size_t i = 0; i < prot.guards.size();) {
      if (!touched(prot.guards[i].privilege_id)) {
        i++;
        continue;
      }
      prot.index.remove(prot.candidates, i);
      if (i + 1 != prot.guards.size()) {
        prot.candidates[i] = std::move(prot.candidates.back());
        prot.guards[i] = std::move(prot.guards.back());
      }
      prot.candidates.pop_back();
      prot.guards.pop_back();
    }
  }
  for (const auto& now : p.now) {
    if (!now) continue;
    for (auto& [schema_id, prot] : d.protection) {
      if (schema_id != now->schema_id) continue;
      for (const auto& g : now->guards) {
        prot.guards.push_back(g);
        prot.candidates.push_back(
            Candidate{g.module_base ? Candidate::Kind::ModuleBase : Candidate::Kind::Pattern, g.text, g.privilege_id});
        prot.index.add(prot.candidates, prot.candidates.size() - 1);
      }
    }
  }
  // Nodes emptied by the patches stay in the trie: rebuilt once they could outnumber the live ones.
  for (auto& [schema_id, prot] : d.protection)
    if (prot.index.edits() > prot.candidates.size() + 64) prot.index.build(prot.candidates);
}

// The part of the data no stamp past the guards vouches for, dropped to be read again lazily.
void drop_all_but_guards(DecisionData& d) {
  d.clients.clear();
  d.aliases.clear();
  d.names.clear();
  d.profiles.clear();
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
        stamp.log = d->stamp.log;  // no protection step: the log's position holds
        d->stamp = stamp;
        drop_all_but_guards(*d);
        return *d;
      }
    // The guards changed: the change log (store migration 9) says which privileges, read in
    // this snapshot before anything is carried (a read that throws leaves the cache stale, so
    // never trusted). Then the guards are patched, and the rest dropped as above.
    if (stamp.patchable_from(last->stamp, DecisionCache::kMaxLogSteps) && store::schema_version(s.db) == last->version)
      if (std::optional<Patch> patch = read_patch(s.db, last->stamp, stamp))
        if (DecisionData* d = data.carry()) {
          try {
            apply_patch(*d, *patch);
          } catch (...) {
            data.forget();  // half patched: never to be trusted
            throw;
          }
#ifdef ORDS_SECURITY_TESTING
          cache_of(s).privilege_reads += static_cast<int64_t>(patch->touched.size());
#endif
          stamp.log = patch->log_end;
          d->stamp = stamp;
          drop_all_but_guards(*d);
          return *d;
        }
  }
  DecisionData d;
  d.version = store::schema_version(s.db);
  if (d.version >= 5 && !s.db.in_write_transaction()) {
    if (!stamp.known) {
      stamp = read_stamp(s.db, snapshot);
      read_protection(s.db, stamp);
    }
    if (d.version >= 9) read_log_position(s.db, stamp);
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

#ifdef ORDS_SECURITY_TESTING
namespace {
// ords_security_test_privilege_reads(): how many privileges this connection has re-read from the
// change log (their guards patched in, not the schema's all read), so tests can see what a
// protecting change re-reads.
Value test_privilege_reads(Call& c) { return Value::integer(cache_of(c.conn).privilege_reads); }
}  // namespace
#endif

const std::vector<FnSpec>& decision_cache_test_functions() {
  static const std::vector<FnSpec> fns = {
#ifdef ORDS_SECURITY_TESTING
      fn("ords_security_test_privilege_reads", test_privilege_reads).direct(),
#endif
  };
  return fns;
}

}  // namespace ords::policy
