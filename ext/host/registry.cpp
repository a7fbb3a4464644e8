// registry.cpp: the one registration table. Each model file exports its list of functions (and
// views); this file names every list once. To add functions, add a list here; the flags come
// from each function's FnKind (host/sqlite_fn.cpp explains the mapping), and regress/sql/
// 01_surface.sql pins the resulting names and flags. (ords_script_guard and ords_script_end are
// registered by host/script_guard.cpp beside the table they arm.)
#include "registry.hpp"

#include "../model/clients.hpp"
#include "../model/export.hpp"
#include "../model/jwt_profiles.hpp"
#include "../model/modules.hpp"
#include "../model/privileges.hpp"
#include "../model/roles.hpp"
#include "../model/schemas.hpp"
#include "../model/secret_import.hpp"
#include "../model/secrets.hpp"
#include "../model/settings.hpp"
#include "../model/sessions.hpp"
#include "../model/test_hooks.hpp"
#include "../oauth/authorize_endpoint.hpp"
#include "../oauth/revoke_introspect.hpp"
#include "../oauth/session_janitor.hpp"
#include "../oauth/token_endpoint.hpp"
#include "../policy/decision.hpp"
#include "../policy/decision_cache.hpp"
// issue 11 (ords_plsql, ORDS export scripts): its own block
#include "../model/handlers.hpp"
#include "../plsql/plsql_fn.hpp"

namespace ords::host {

namespace {
using FnList = const std::vector<FnSpec>& (*)();
const FnList kFunctionLists[] = {
    settings_functions,   // ords_security_version, _info, _config
    schema_functions,     // enable_schema, ords_set_schema
    role_functions,       // create_role, delete_role, rename_role
    privilege_functions,  // create/define/delete/rename_privilege, privilege mappings
    module_functions,     // define_module, define_template, delete_module, set_module_privilege
    clients::client_functions,  // register/import/create/update/rename/delete_client, client roles
    secrets::secret_functions,  // register/update/rotate/revoke client secrets
    secrets::secret_import_functions,  // import_client_secret_hash (exported scripts)
    exporting::export_functions,       // export_oauth_client, export_schema
    jwt_profiles::jwt_profile_functions,  // create_jwt_profile, delete_jwt_profile, set_jwt_profile_keys
    oauth::token_functions,     // oauth_token
    oauth::authorize_functions,           // oauth_authorize
    oauth::revoke_introspect_functions,   // oauth_revoke, oauth_introspect
    oauth::session_janitor_functions,     // ords_purge_expired_sessions
    policy::decision_functions,           // check_request
    // issue 11: ORDS scripts
    handler_functions,           // define_handler, define_parameter, define_service, enable_object
    plsql::plsql_functions,      // ords_plsql
    test_hook_functions,  // test build only; empty in the release build
    policy::decision_cache_test_functions,  // test build only (the change log's re-reads); empty in the release build
};

using ViewList = const std::vector<ViewSpec>& (*)();
const ViewList kViewLists[] = {
    security_views,  // user_ords_roles ... user_ords_schemas
    clients::client_views,  // user_ords_clients, user_ords_client_roles, user_ords_client_privileges
    sessions::session_views,  // user_ords_sessions
    jwt_profiles::jwt_profile_views,  // user_ords_jwt_profile
    handler_views,  // issue 11: user_ords_handlers
};
}  // namespace

std::vector<const FnSpec*> all_functions() {
  std::vector<const FnSpec*> out;
  for (FnList list : kFunctionLists)
    for (const auto& f : list()) out.push_back(&f);
  return out;
}

std::vector<const ViewSpec*> all_views() {
  std::vector<const ViewSpec*> out;
  for (ViewList list : kViewLists)
    for (const auto& v : list()) out.push_back(&v);
  return out;
}

}  // namespace ords::host
