// roles.cpp: create_role, delete_role, rename_role (package ORDS; API.md section 4).
//
// A role is a name within a schema. Privileges require roles; clients are granted roles. A role
// still used by a privilege or granted to a client cannot be deleted: the error says which, so
// the script can be fixed instead of silently changing who may call what.
#include "roles.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "../store/schema.hpp"
#include "builtins.hpp"
#include "lookup.hpp"
#include "schemas.hpp"

namespace ords {

namespace {

// What may hold on to a role. Each query takes ?1 = role id and returns the users' names.
struct RoleUse {
  const char* what;
  store::SqlLiteral query;
  int min_version;
};
const RoleUse kRoleUses[] = {
    {"privilege",
     "SELECT p.name FROM ords_sec_privilege_role pr JOIN ords_sec_privilege p ON p.id = pr.privilege_id "
     "WHERE pr.role_id = ?1 ORDER BY p.name",
     1},
    {"client",
     "SELECT c.name FROM ords_sec_client_role cr JOIN ords_sec_client c ON c.id = cr.client_id "
     "WHERE cr.role_id = ?1 ORDER BY c.name",
     2},
};

void refuse_if_used(store::Db& db, int64_t role_id, const std::string& role) {
  int version = store::schema_version(db);
  for (const auto& use : kRoleUses) {
    if (version < use.min_version) continue;
    store::Stmt st = db.prepare(use.query);
    st.bind(1, role_id);
    std::vector<std::string> names;
    while (st.step()) names.push_back(st.text(0));
    if (names.empty()) continue;
    std::string list;
    for (size_t i = 0; i < names.size() && i < 3; i++) list += (i ? ", " : "") + text::quote_input(names[i]);
    if (names.size() > 3) list += " and " + std::to_string(names.size() - 3) + " more";
    throw Error("p_role_name: role " + text::quote_input(role) + " is used by " + use.what + (names.size() > 1 ? "s " : " ") +
                    list + "; take it out of " + (names.size() > 1 ? "them" : "that " + std::string(use.what)) + " first",
                Code::Constraint);
  }
}

Value create_role(Call& c) {
  SecretText name = c.args.name("role_name");
  c.begin_write();
  int64_t schema = schema_of(c);
  if (lookup::role(c.db(), schema, name)) throw Error("p_role_name: " + already_exists("role", name).message(), Code::Constraint);
  store::Stmt st = c.db().prepare(
      "INSERT INTO ords_sec_role(schema_id, name, created_on, updated_on) VALUES (?1, ?2, ?3, ?3)");
  st.bind(1, schema).bind(2, name).bind(3, c.now());
  st.run();
  return Value::null();
}

Value delete_role(Call& c) {
  SecretText name = c.args.name("role_name");
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t id = lookup::require_role(c.db(), schema, name, "p_role_name", false);
  builtins::refuse_role(c.db(), id, name, "p_role_name", "deleted");
  refuse_if_used(c.db(), id, name);
  store::Stmt st = c.db().prepare("DELETE FROM ords_sec_role WHERE id = ?1");
  st.bind(1, id);
  st.run();
  return Value::null();
}

Value rename_role(Call& c) {
  SecretText name = c.args.name("role_name");
  SecretText new_name = c.args.name("new_name");
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t id = lookup::require_role(c.db(), schema, name, "p_role_name", false);
  builtins::refuse_role(c.db(), id, name, "p_role_name", "renamed");
  if (new_name == name) return Value::null();
  if (lookup::role(c.db(), schema, new_name))
    throw Error("p_new_name: " + already_exists("role", new_name).message(), Code::Constraint);
  store::Stmt st = c.db().prepare("UPDATE ords_sec_role SET name = ?2, updated_on = ?3 WHERE id = ?1");
  st.bind(1, id).bind(2, new_name).bind(3, c.now());
  st.run();
  return Value::null();
}

}  // namespace

const std::vector<FnSpec>& role_functions() {
  static const std::vector<FnSpec> fns = {
      fn("create_role", create_role)
          .writer()
          .with_params({{"role_name", ParamType::Name, true}}),
      fn("delete_role", delete_role)
          .writer()
          .with_params({{"role_name", ParamType::Name, true}}),
      fn("rename_role", rename_role)
          .writer()
          .with_params({{"role_name", ParamType::Name, true}, {"new_name", ParamType::Name, true}}),
  };
  return fns;
}

}  // namespace ords
