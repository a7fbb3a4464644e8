// export.hpp: export_oauth_client and export_schema (moving security definitions and clients
// between databases; docs/export.md), and the check an exported script's guard runs first.
//
//   select writefile('beers_client.sql', export_oauth_client('beers_client', TRUE, TRUE));
//   -- in the other database:   .read beers_client.sql
//   select export_schema();                 -- every role, privilege, module and client of it,
//                                           -- and its JWT profile with its keys
//
// A script is plain SQL made of calls of this API:
//   BEGIN IMMEDIATE;
//   SELECT ords_script_guard('<script name>', '<what it creates, as JSON>');
//   SELECT ords_set_schema('MAIN');  (enable_schema first when the schema may be missing)
//   create_role, define_module / define_template, create_privilege + define_privilege,
//   import_client with the same client_id and attributes, update_client_logo,
//   grant_client_role, update_client_privileges, import_client_secret_hash per slot
//   (export_schema) create_jwt_profile, set_jwt_profile_keys with the stored JWK Set
//   COMMIT;
//   SELECT ords_script_end('<script name>');
// so it applies whole or not at all (host/script_guard.hpp). Every value in it is written by the
// one quoting function of export_sql.hpp. With p_include_secrets the slots' hashes travel in the
// text form of secret_hash_text.hpp; no plaintext secret is ever written, stored ones included.
// Both exporters read secrets' hashes, so they are Direct (SQLITE_DIRECTONLY); they read one
// snapshot (a savepoint of their own, or the calling statement's).
#pragma once
#include <string>
#include <vector>

#include "../conn/call.hpp"

namespace ords::exporting {

// export_oauth_client, export_schema.
const std::vector<FnSpec>& export_functions();

// What the guard of a script checks before anything runs: `creates` is the JSON object the
// exporter wrote ({"schema": name, "roles": [...], "privileges": [...], "modules": [...],
// "clients": [{"name": ..., "client_id": ...}], "jwt_profile": bool}); throws an Error naming the
// first of them that already exists in this database (with jwt_profile true: a JWT profile in
// the schema). Keys it does not know are refused.
void check_script_creates(ConnState& s, const Value& creates);

}  // namespace ords::exporting
