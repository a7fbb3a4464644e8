// client_views.cpp: user_ords_clients, user_ords_client_roles and user_ords_client_privileges
// (API.md section 8), for the connection's current schema.
//
//   select name, client_id, client_secret from user_ords_clients where name = 'CLIENT_TEST';
//   select client_name, role_name from user_ords_client_roles order by 1, 2;
//
// user_ords_clients shows a slot's secret only when it is stored (legacy create_client,
// client_secret.stored = true); every other secret exists only as a hash and shows as NULL. No
// column ever holds a hash. All three views are registered SQLITE_VTAB_DIRECTONLY (direct_only):
// user_ords_clients can show stored secrets, and all of them show which roles and scopes each
// client holds; a view or trigger in an untrusted (ATTACHed) database file cannot copy them out. response_type is CODE for authorization_code clients and TOKEN for the others,
// as ORDS shows it; privilege_names and role_names are comma-separated, by name; durations are
// NULL where the instance default applies; times are ISO 8601 UTC (formatted in C++, not in the
// query: time_columns).
#include "clients.hpp"

namespace ords::clients {

namespace {
constexpr int kVersion = 2;  // the migration that made the client tables
constexpr bool kDirectOnly = true;  // ViewSpec::direct_only
// user_ords_clients' times, stored as epoch seconds and shown as ISO 8601 (views.hpp, view_cell):
// client_secret_issued_on, client_secret_2_issued_on, created_on, updated_on.
constexpr uint32_t kClientTimes = view_col(8) | view_col(9) | view_col(20) | view_col(21);
}

const std::vector<ViewSpec>& client_views() {
  static const std::vector<ViewSpec> v = {
      {"user_ords_clients",
       "id INTEGER, name TEXT, description TEXT, grant_type TEXT, response_type TEXT, client_id TEXT, "
       "client_secret TEXT, client_secret_2 TEXT, client_secret_issued_on TEXT, client_secret_2_issued_on TEXT, "
       "redirect_uri TEXT, support_email TEXT, support_uri TEXT, origins_allowed TEXT, privilege_names TEXT, "
       "role_names TEXT, token_duration INTEGER, refresh_duration INTEGER, code_duration INTEGER, "
       "logo_content_type TEXT, created_on TEXT, updated_on TEXT",
       "SELECT c.id, c.name, c.description, c.grant_type, "
       "CASE c.grant_type WHEN 'authorization_code' THEN 'CODE' ELSE 'TOKEN' END, c.client_id, "
       "s1.stored, s2.stored, s1.issued_on, s2.issued_on, "
       "c.redirect_uri, c.support_email, c.support_uri, c.origins_allowed, "
       "(SELECT group_concat(name, ',') FROM (SELECT p.name AS name FROM ords_sec_client_privilege cp "
       "  JOIN ords_sec_privilege p ON p.id = cp.privilege_id WHERE cp.client_id = c.id ORDER BY p.name) AS privs), "
       "(SELECT group_concat(name, ',') FROM (SELECT r.name AS name FROM ords_sec_client_role cr "
       "  JOIN ords_sec_role r ON r.id = cr.role_id WHERE cr.client_id = c.id ORDER BY r.name) AS roles), "
       "c.token_duration, c.refresh_duration, c.code_duration, l.content_type, "
       "c.created_on, c.updated_on "
       "FROM ords_sec_client c "
       "LEFT JOIN ords_sec_client_secret s1 ON s1.client_id = c.id AND s1.slot = 1 "
       "LEFT JOIN ords_sec_client_secret s2 ON s2.client_id = c.id AND s2.slot = 2 "
       "LEFT JOIN ords_sec_client_logo l ON l.client_id = c.id "
       "WHERE c.schema_id = ?1 ORDER BY c.id",
       kVersion, kDirectOnly, nullptr, false, kClientTimes},
      {"user_ords_client_roles", "client_id INTEGER, client_name TEXT, role_id INTEGER, role_name TEXT",
       "SELECT c.id, c.name, r.id, r.name FROM ords_sec_client c "
       "JOIN ords_sec_client_role cr ON cr.client_id = c.id "
       "JOIN ords_sec_role r ON r.id = cr.role_id WHERE c.schema_id = ?1 ORDER BY c.id, r.id",
       kVersion, kDirectOnly},  // DIRECTONLY: the roles each client holds
      {"user_ords_client_privileges", "client_id INTEGER, client_name TEXT, privilege_id INTEGER, name TEXT",
       "SELECT c.id, c.name, p.id, p.name FROM ords_sec_client c "
       "JOIN ords_sec_client_privilege cp ON cp.client_id = c.id "
       "JOIN ords_sec_privilege p ON p.id = cp.privilege_id WHERE c.schema_id = ?1 ORDER BY c.id, p.id",
       kVersion, kDirectOnly},  // DIRECTONLY: the scopes each client may ask for
  };
  return v;
}

}  // namespace ords::clients
