// builtins.cpp: see builtins.hpp. The list is ORDS's documented one: the roles ORDS grants its
// own users and the privileges that protect ORDS's own services with them.
#include "builtins.hpp"

#include <string>

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "../store/schema.hpp"

namespace ords::builtins {

namespace {

const char* const kRoles[] = {"Listener Administrator", "OAuth2 Client Developer", "ORDS Administrator",
                              "ORDS Operator", "RESTful Services", "SODA Developer", "SQL Administrator",
                              "SQL Developer"};

struct BuiltinPrivilege {
  const char* name;
  const char* role;  // the role it requires
  const char* label;
  const char* description;
};
const BuiltinPrivilege kPrivileges[] = {
    {"oracle.dbtools.sqldev", "SQL Developer", "SQL Developer", "Database Actions and SQL Developer Web access"},
    {"oracle.dbtools.autorest.any.schema", "SQL Administrator", "AutoREST any schema",
     "Access to the AutoREST objects of any schema"},
    {"oracle.soda.privilege.developer", "SODA Developer", "SODA Developer", "Access to SODA for REST"},
    {"oracle.dbtools.ords.admin", "ORDS Administrator", "ORDS Administrator", "The ORDS administration services"},
    {"oracle.dbtools.rest.privilege.admin", "RESTful Services", "RESTful Services", "The REST development services"},
};

bool v6(store::Db& db) { return store::schema_version(db) >= 6; }

void mark(store::Db& db, const char* kind, int64_t id) {
  store::Stmt st = db.prepare("INSERT INTO ords_sec_ords_builtin(kind, id) VALUES (?1, ?2)");
  st.bind(1, kind).bind(2, id);
  st.run();
}

bool marked(store::Db& db, const char* kind, int64_t id) {
  store::Stmt st = db.prepare("SELECT 1 FROM ords_sec_ords_builtin WHERE kind = ?1 AND id = ?2");
  st.bind(1, kind).bind(2, id);
  return st.step();
}

}  // namespace

bool is_role(std::string_view name) {
  for (const char* r : kRoles)
    if (name == r) return true;
  return false;
}

bool is_privilege(std::string_view name) {
  for (const auto& p : kPrivileges)
    if (name == p.name) return true;
  return false;
}

std::optional<int64_t> make_role(store::Db& db, int64_t schema, std::string_view name) {
  if (!is_role(name) || !v6(db)) return std::nullopt;
  store::Stmt have = db.prepare("SELECT id FROM ords_sec_role WHERE schema_id = ?1 AND name = ?2");
  have.bind(1, schema).bind(2, name);
  if (have.step()) return have.int64(0);
  store::Stmt ins = db.prepare(
      "INSERT INTO ords_sec_role(schema_id, name, created_on, updated_on) VALUES (?1, ?2, 0, 0)");
  ins.bind(1, schema).bind(2, name);
  ins.run();
  int64_t id = db.last_insert_id();
  mark(db, "role", id);
  return id;
}

std::optional<int64_t> make_privilege(store::Db& db, int64_t schema, std::string_view name) {
  if (!is_privilege(name) || !v6(db)) return std::nullopt;
  for (const auto& p : kPrivileges) {
    if (name != p.name) continue;
    store::Stmt have = db.prepare("SELECT id FROM ords_sec_privilege WHERE schema_id = ?1 AND name = ?2");
    have.bind(1, schema).bind(2, name);
    if (have.step()) return have.int64(0);
    std::optional<int64_t> role = make_role(db, schema, p.role);
    store::Stmt ins = db.prepare(
        "INSERT INTO ords_sec_privilege(schema_id, name, label, description, comments, created_on, updated_on) "
        "VALUES (?1, ?2, ?3, ?4, 'built in', 0, 0)");
    ins.bind(1, schema).bind(2, name).bind(3, p.label).bind(4, p.description);
    ins.run();
    int64_t id = db.last_insert_id();
    mark(db, "privilege", id);
    if (role) {
      store::Stmt link = db.prepare("INSERT INTO ords_sec_privilege_role(privilege_id, role_id) VALUES (?1, ?2)");
      link.bind(1, id).bind(2, *role);
      link.run();
    }
    return id;
  }
  return std::nullopt;
}

void refuse_role(store::Db& db, int64_t id, std::string_view name, const char* param, const char* verb) {
  if (!v6(db)) return;
  if (marked(db, "role", id))
    throw Error(std::string(param) + ": role " + text::quote_input(name) + " is built into ORDS and cannot be " + verb,
                Code::Constraint);
}

void refuse_privilege(store::Db& db, int64_t id, std::string_view name, const char* param, const char* verb) {
  if (!v6(db)) return;
  if (marked(db, "privilege", id))
    throw Error(std::string(param) + ": privilege " + text::quote_input(name) + " is built into ORDS and cannot be " + verb,
                Code::Constraint);
}

}  // namespace ords::builtins
