// views.cpp: user_ords_roles, user_ords_privileges, user_ords_privilege_roles,
// user_ords_privilege_mappings, user_ords_privilege_modules, user_ords_modules,
// user_ords_templates and user_ords_schemas (API.md section 8), for the current schema, and
// dba_ords_schemas, every REST-enabled schema; and view_cell, the per-column formatting every
// view's rows go through (views.hpp).
#include "views.hpp"

#include <cmath>
#include <cstdio>

namespace ords {

namespace {
// The view's flag (ViewSpec::direct_only): DIRECTONLY views cannot be read from a trigger or view
// of the database file, so an ATTACHed file's trigger cannot copy main's metadata out.
constexpr bool kDirectOnly = true;
constexpr bool kInnocuous = false;
}  // namespace
bool iso8601_utc(int64_t t, std::string& out) {
  constexpr int64_t kFirst = -62167219200;  // 0000-01-01T00:00:00Z
  constexpr int64_t kLast = 253402300799;   // 9999-12-31T23:59:59Z
  if (t < kFirst || t > kLast) return false;
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t secs = t - days * 86400;
  // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) y++;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(y), static_cast<int>(m),
                static_cast<int>(d), static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  out = buf;
  return true;
}

Value view_cell(const ViewSpec& view, int col, Value raw) {
  if (col < 0 || col >= 32 || !(view.time_columns & view_col(col))) return raw;
  int64_t t;
  if (raw.kind == Value::Kind::Int) t = raw.i;
  else if (raw.kind == Value::Kind::Real && std::isfinite(raw.r) && std::fabs(raw.r) < 1e15)
    t = static_cast<int64_t>(std::floor(raw.r));
  else return Value::null();
  std::string text;
  if (!iso8601_utc(t, text)) return Value::null();
  return Value::text(std::move(text));
}

store::SqlLiteral view_query(const ViewSpec& view, int version) {
  if (version >= view.min_version) return view.query;
  if (version == 0) return view.unwritten;
  if (view.older && version >= view.older_version) return view.older;
  return store::SqlLiteral();
}

const std::vector<ViewSpec>& security_views() {
  static const std::vector<ViewSpec> v = {
      // DIRECTONLY: role names: who may do what
      // built_in (HIDDEN: not in SELECT *, as the contract's columns are id, name) is 1 for
      // ORDS's own roles (builtins.hpp), which cannot be deleted or renamed.
      {"user_ords_roles", "id INTEGER, name TEXT, built_in INTEGER HIDDEN",
       "SELECT r.id, r.name, EXISTS (SELECT 1 FROM ords_sec_ords_builtin b "
       "WHERE b.kind = 'role' AND b.id = r.id) FROM ords_sec_role r WHERE r.schema_id = ?1 ORDER BY r.id",
       6, kDirectOnly, nullptr, false, 0,
       // before version 6 (no built-ins yet)
       "SELECT id, name, 0 FROM ords_sec_role WHERE schema_id = ?1 ORDER BY id"},
      // DIRECTONLY: privilege names are the OAuth scopes
      // (built_in HIDDEN, as in user_ords_roles.)
      {"user_ords_privileges",
       "id INTEGER, name TEXT, label TEXT, description TEXT, comments TEXT, built_in INTEGER HIDDEN",
       "SELECT p.id, p.name, p.label, p.description, p.comments, EXISTS (SELECT 1 FROM ords_sec_ords_builtin b "
       "WHERE b.kind = 'privilege' AND b.id = p.id) FROM ords_sec_privilege p WHERE p.schema_id = ?1 ORDER BY p.id",
       6, kDirectOnly, nullptr, false, 0,
       "SELECT id, name, label, description, comments, 0 FROM ords_sec_privilege WHERE schema_id = ?1 ORDER BY id"},
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
      // Every schema, whatever the current one is. ?1 (the current schema's id, bound to every
      // view's query) only has to be there.
      {"dba_ords_schemas", "id INTEGER, parsing_schema TEXT, pattern TEXT, status TEXT",
       "SELECT id, name, alias, CASE enabled WHEN 1 THEN 'ENABLED' ELSE 'DISABLED' END "
       "FROM ords_sec_schema WHERE ?1 IS NOT NULL ORDER BY id",
       1, kInnocuous, "SELECT 1, 'MAIN', 'main', 'ENABLED' WHERE ?1 IS NOT NULL"},
  };
  return v;
}

}  // namespace ords
