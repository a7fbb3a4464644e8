// protection.cpp: see protection.hpp.
#include "protection.hpp"

#include <unordered_map>

#include "schemas.hpp"

namespace ords::protection {

namespace {
// A guard from a row of read_guards' and read_privilege_guards' statements: column 1 the
// privilege's name, 2 the pattern or the module's base path, 3 whether it is a module's.
Guard guard_of_row(const store::Stmt& st, int64_t privilege_id) {
  Guard g;
  g.privilege_id = privilege_id;
  g.privilege = st.text(1);
  g.text = st.text(2);
  g.module_base = st.int64(3) != 0;
  return g;
}
}  // namespace

std::optional<SchemaRef> enabled_schema_by_alias(store::Db& db, int version, const std::string& alias) {
  if (version == 0) {
    if (alias == "main") return SchemaRef{1, "MAIN"};
    return std::nullopt;
  }
  store::Stmt st = db.prepare("SELECT id, name FROM ords_sec_schema WHERE alias = ?1 AND enabled = 1");
  st.bind(1, alias);
  if (!st.step()) return std::nullopt;
  return SchemaRef{st.int64(0), st.text(1)};
}

std::optional<int64_t> enabled_schema_by_name(ConnState& s, int version, const std::string& name) {
  std::optional<int64_t> id = find_schema_id(s, name);
  if (id && version > 0 && !schema_enabled(s.db, *id)) id.reset();
  return id;
}

bool schema_enabled(store::Db& db, int64_t schema_id) {
  store::Stmt st = db.prepare("SELECT enabled FROM ords_sec_schema WHERE id = ?1");
  st.bind(1, schema_id);
  return st.step() && st.int64(0) == 1;
}

std::vector<Guard> read_guards(store::Db& db, int version, int64_t schema_id) {
  std::vector<Guard> out;
  if (version < 1) return out;
  {
    store::Stmt st = db.prepare(
        "SELECT p.id, p.name, m.pattern, 0 FROM ords_sec_privilege_pattern m "
        "JOIN ords_sec_privilege p ON p.id = m.privilege_id WHERE p.schema_id = ?1 "
        "UNION ALL "
        "SELECT p.id, p.name, mo.base_path, 1 FROM ords_sec_privilege_module pm "
        "JOIN ords_sec_privilege p ON p.id = pm.privilege_id "
        "JOIN ords_sec_module mo ON mo.id = pm.module_id WHERE p.schema_id = ?1");
    st.bind(1, schema_id);
    while (st.step()) out.push_back(guard_of_row(st, st.int64(0)));
  }
  if (out.empty()) return out;
  // The roles of every privilege of the schema, in one statement, in name order.
  std::unordered_map<int64_t, std::vector<RoleRef>> roles;
  store::Stmt r = db.prepare(
      "SELECT pr.privilege_id, r.id, r.name FROM ords_sec_privilege_role pr "
      "JOIN ords_sec_role r ON r.id = pr.role_id JOIN ords_sec_privilege p ON p.id = pr.privilege_id "
      "WHERE p.schema_id = ?1 ORDER BY r.name, r.id");
  r.bind(1, schema_id);
  while (r.step()) roles[r.int64(0)].push_back(RoleRef{r.int64(1), r.text(2)});
  for (auto& g : out) {
    auto it = roles.find(g.privilege_id);
    if (it != roles.end()) g.roles = it->second;
  }
  return out;
}

std::optional<PrivilegeGuards> read_privilege_guards(store::Db& db, int64_t privilege_id) {
  PrivilegeGuards out;
  {
    store::Stmt st = db.prepare(
        "SELECT p.schema_id, p.name, m.pattern, 0 FROM ords_sec_privilege_pattern m "
        "JOIN ords_sec_privilege p ON p.id = m.privilege_id WHERE p.id = ?1 "
        "UNION ALL "
        "SELECT p.schema_id, p.name, mo.base_path, 1 FROM ords_sec_privilege_module pm "
        "JOIN ords_sec_privilege p ON p.id = pm.privilege_id "
        "JOIN ords_sec_module mo ON mo.id = pm.module_id WHERE p.id = ?1");
    st.bind(1, privilege_id);
    while (st.step()) {
      out.schema_id = st.int64(0);
      out.guards.push_back(guard_of_row(st, privilege_id));
    }
  }
  if (out.guards.empty()) return std::nullopt;
  // In name order, as read_guards orders them.
  std::vector<RoleRef> roles;
  store::Stmt r = db.prepare(
      "SELECT r.id, r.name FROM ords_sec_privilege_role pr JOIN ords_sec_role r ON r.id = pr.role_id "
      "WHERE pr.privilege_id = ?1 ORDER BY r.name, r.id");
  r.bind(1, privilege_id);
  while (r.step()) roles.push_back(RoleRef{r.int64(0), r.text(1)});
  for (auto& g : out.guards) g.roles = roles;
  return out;
}

std::vector<LogEntry> read_log(store::Db& db, int64_t after, int64_t limit) {
  std::vector<LogEntry> out;
  store::Stmt st = db.prepare(
      "SELECT id, kind, old_id, new_id FROM ords_sec_protection_log WHERE id > ?1 ORDER BY id LIMIT ?2");
  st.bind(1, after);
  st.bind(2, limit);
  while (st.step()) {
    LogEntry e;
    e.id = st.int64(0);
    std::string_view kind = st.is_null(1) ? std::string_view() : st.text_view(1);
    e.kind = kind == "privilege" ? LogEntry::Kind::Privilege
             : kind == "module"  ? LogEntry::Kind::Module
             : kind == "role"    ? LogEntry::Kind::Role
                                 : LogEntry::Kind::Unknown;
    if (!st.is_null(2)) e.old_id = st.int64(2);
    if (!st.is_null(3)) e.new_id = st.int64(3);
    out.push_back(e);
  }
  return out;
}

namespace {
std::vector<int64_t> ids_of(store::Stmt& st, int64_t id) {
  std::vector<int64_t> out;
  st.bind(1, id);
  while (st.step()) out.push_back(st.int64(0));
  return out;
}
}  // namespace

std::vector<int64_t> privileges_of_module(store::Db& db, int64_t module_id) {
  store::Stmt st = db.prepare("SELECT privilege_id FROM ords_sec_privilege_module WHERE module_id = ?1");
  return ids_of(st, module_id);
}

std::vector<int64_t> privileges_of_role(store::Db& db, int64_t role_id) {
  store::Stmt st = db.prepare("SELECT privilege_id FROM ords_sec_privilege_role WHERE role_id = ?1");
  return ids_of(st, role_id);
}

}  // namespace ords::protection
