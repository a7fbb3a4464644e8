// clients.hpp: OAuth clients (API.md section 5): the SQL functions that register, import, update,
// rename and delete clients and grant them roles, the user_ords_client* views, and what the token
// endpoint needs to know about a client: find it by client_id, authenticate it by its secret, and
// list its roles and privileges.
//
// Where each client SQL function lives (the FnSpec lists register them):
//   register_client, import_client, create_client, update_client        clients.cpp
//   update_client_privileges, update_client_token_duration,
//   update_client_logo, rename_client, delete_client,
//   grant_client_role, revoke_client_role                                client_edits.cpp
//   register_client_secret, update_client_secret, rotate_client_secret,
//   revoke_client_secrets, revoke_client_secret                          secrets.cpp
//   user_ords_clients, user_ords_client_roles, user_ords_client_privileges  client_views.cpp
// What they share: client_rules.hpp (attribute rules), client_key.hpp (naming the client),
// client_writes.hpp (privilege list, updated_on), client_results.hpp (the JSON results); the
// lookups below are in client_lookup.cpp, authenticate in secret_slots.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../conn/call.hpp"
#include "../store/db.hpp"
#include "views.hpp"

namespace ords::clients {

struct ClientRecord {
  int64_t id; int64_t schema_id; std::string name, client_id, grant_type;
  std::optional<std::string> redirect_uri, origins_allowed;  // origins_allowed: the comma-separated text as given
  std::optional<int64_t> token_duration, refresh_duration, code_duration;  // NULL: instance default
  // Whether the client's schema is enabled, when the statement that read the record also read
  // that (secrets::read_client_slots, the token endpoint's); nullopt: not read, ask the schema.
  std::optional<bool> schema_enabled;
};

// The client with this client_id, in any schema; nothing on a database without clients.
std::optional<ClientRecord> find_by_client_id(store::Db& db, const std::string& client_id);  // any schema

// The columns a ClientRecord is read from, in order, each prefixed with `c` (a table alias such as
// "c." or ""), and the record read from columns 0..9 of a row that starts with them.
#define ORDS_CLIENT_RECORD_COLUMNS(c) \
  c "id, " c "schema_id, " c "name, " c "client_id, " c "grant_type, " c "redirect_uri, " c "origins_allowed, " \
  c "token_duration, " c "refresh_duration, " c "code_duration"
ClientRecord record_from(const store::Stmt& st);

// Constant-time check of a presented secret against both live slots; an unknown client_id runs a
// dummy verification and returns nullopt. Never throws for a wrong secret.
std::optional<ClientRecord> authenticate(store::Db& db, std::string_view client_id, std::string_view secret);

std::vector<std::string> role_names(store::Db& db, int64_t client_id);       // roles granted
std::vector<std::string> privilege_names(store::Db& db, int64_t client_id);  // p_privilege_names

// register_client, import_client, create_client, update_client, update_client_privileges,
// update_client_token_duration, update_client_logo, rename_client, delete_client,
// grant_client_role, revoke_client_role.
const std::vector<FnSpec>& client_functions();

// user_ords_clients, user_ords_client_roles, user_ords_client_privileges.
const std::vector<ViewSpec>& client_views();

}  // namespace ords::clients
