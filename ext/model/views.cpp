// views.cpp: user_ords_roles, user_ords_privileges, user_ords_privilege_roles,
// user_ords_privilege_mappings, user_ords_privilege_modules, user_ords_modules,
// user_ords_templates and user_ords_schemas (API.md section 8), for the current schema.
#include "views.hpp"

namespace ords {

namespace {
// The view's flag (ViewSpec::direct_only): DIRECTONLY views cannot be read from a trigger or view
// of the database file, so an ATTACHed file's trigger cannot copy main's metadata out.
constexpr bool kDirectOnly = true;
constexpr bool kInnocuous = false;
}  // namespace

const std::vector<ViewSpec>& security_views() {
  static const std::vector<ViewSpec> v = {
      // DIRECTONLY: role names: who may do what
      {"user_ords_roles", "id INTEGER, name TEXT",
       "SELECT id, name FROM ords_sec_role WHERE schema_id = ?1 ORDER BY id", 1, kDirectOnly},
      // DIRECTONLY: privilege names are the OAuth scopes
      {"user_ords_privileges", "id INTEGER, name TEXT, label TEXT, description TEXT, comments TEXT",
       "SELECT id, name, label, description, comments FROM ords_sec_privilege WHERE schema_id = ?1 ORDER BY id",
       1, kDirectOnly},
      // DIRECTONLY: which roles a scope needs
      {"user_ords_privilege_roles", "privilege_id INTEGER, privilege_name TEXT, role_id INTEGER, role_name TEXT",
       "SELECT p.id, p.name, r.id, r.name FROM ords_sec_privilege p "
       "JOIN ords_sec_privilege_role pr ON pr.privilege_id = p.id "
       "JOIN ords_sec_role r ON r.id = pr.role_id WHERE p.schema_id = ?1 ORDER BY p.id, r.id",
       1, kDirectOnly},
      // DIRECTONLY: the mappings: which paths each scope protects (and so which are public)
      {"user_ords_privilege_mappings", "privilege_id INTEGER, name TEXT, pattern TEXT",
       "SELECT p.id, p.name, m.pattern FROM ords_sec_privilege p "
       "JOIN ords_sec_privilege_pattern m ON m.privilege_id = p.id WHERE p.schema_id = ?1 "
       "ORDER BY p.id, m.pattern",
       1, kDirectOnly},
      // DIRECTONLY: mappings of scopes to modules
      {"user_ords_privilege_modules", "privilege_id INTEGER, privilege_name TEXT, module_id INTEGER, module_name TEXT",
       "SELECT p.id, p.name, m.id, m.name FROM ords_sec_privilege p "
       "JOIN ords_sec_privilege_module pm ON pm.privilege_id = p.id "
       "JOIN ords_sec_module m ON m.id = pm.module_id WHERE p.schema_id = ?1 ORDER BY p.id, m.id",
       1, kDirectOnly},
      // INNOCUOUS: module names and base paths: the published URL space, no scope or role
      {"user_ords_modules", "id INTEGER, name TEXT, uri_prefix TEXT, items_per_page INTEGER, status TEXT, comments TEXT",
       "SELECT id, name, base_path, items_per_page, status, comments FROM ords_sec_module "
       "WHERE schema_id = ?1 ORDER BY id",
       1, kInnocuous},
      // INNOCUOUS: URL templates of the modules: published URLs, no scope or role
      {"user_ords_templates", "id INTEGER, module_id INTEGER, uri_template TEXT",
       "SELECT t.id, t.module_id, t.pattern FROM ords_sec_template t "
       "JOIN ords_sec_module m ON m.id = t.module_id WHERE m.schema_id = ?1 ORDER BY t.id",
       1, kInnocuous},
      // INNOCUOUS: the current schema's name, alias (its public URL prefix) and status
      {"user_ords_schemas", "id INTEGER, parsing_schema TEXT, pattern TEXT, status TEXT",
       "SELECT id, name, alias, CASE enabled WHEN 1 THEN 'ENABLED' ELSE 'DISABLED' END "
       "FROM ords_sec_schema WHERE id = ?1",
       1, kInnocuous, "SELECT 1, 'MAIN', 'main', 'ENABLED' WHERE ?1 = 1"},
  };
  return v;
}

}  // namespace ords
