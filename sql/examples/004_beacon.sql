-- 004_beacon.sql: seed tutorial 004, "How to secure your ORDS service" (the Beacon module), in the
-- sqlite3 shell. First the whole module is protected by bc-priv (SQL Developer's "Protected
-- Modules"); then the URI-pattern alternative ("Protect Resources") protects only /beacon/admin.
-- The seed clicks through SQL Developer dialogs; each comment shows the PL/SQL those dialogs run.
-- Run it from the repository root on a new database file:
--   sqlite3 beacon.db < sql/examples/004_beacon.sql
-- The secret and the token are kept in temp tables and never printed.
.load build/ords_security
.bail on
.headers on
.nullvalue NULL
.mode list

.print '== The schema (alias beacon) and its Beacon module, public for now'
-- ORDS.ENABLE_SCHEMA(p_enabled => TRUE, p_schema => 'BEACON', p_url_mapping_pattern => 'beacon');
-- ORDS.DEFINE_MODULE(p_module_name => 'Beacon', p_base_path => '/beacon/');
-- ORDS.DEFINE_TEMPLATE(p_module_name => 'Beacon', p_pattern => 'status');
-- ORDS.DEFINE_TEMPLATE(p_module_name => 'Beacon', p_pattern => 'admin');
select enable_schema(json_object('enabled', json('true'), 'schema', 'BEACON', 'url_mapping_pattern', 'beacon'))
       as enable_schema;
select ords_set_schema('BEACON') as current_schema;
select define_module('Beacon', '/beacon/') as define_module;
select define_template('Beacon', 'status') as define_template;
select define_template('Beacon', 'admin') as define_template;
-- curl -i https://localhost:8080/ords/beacon/beacon/status   (HTTP/1.1 200 OK)
select p as path, check_request('GET', p, NULL) ->> 'status' as status
  from (select '/ords/beacon/beacon/status' as p union all select '/ords/beacon/beacon/admin');

.print
.print '== Create a role (New Role...: bc-role) and a privilege (New Privilege...: bc-priv, Beacon module)'
-- ORDS.CREATE_ROLE(p_role_name => 'bc-role');
-- ORDS.DEFINE_PRIVILEGE(p_privilege_name => 'bc-priv', p_roles => l_roles /* bc-role */,
--                       p_patterns => l_patterns /* none */, p_modules => l_modules /* Beacon */);
select create_role('bc-role') as create_role;
select define_privilege(json_object('privilege_name', 'bc-priv', 'roles', 'bc-role', 'modules', 'Beacon'))
       as define_privilege;
select privilege_name, module_name from user_ords_privilege_modules;
.print 'The whole module answers 401 now:'
select p as path, check_request('GET', p, NULL) ->> 'status' as status
  from (select '/ords/beacon/beacon/status' as p union all select '/ords/beacon/beacon/admin');

.print
.print '== Create an OAuth 2 client with the privilege, and grant it the role'
-- BEGIN
--   OAUTH.CREATE_CLIENT(p_name => 'bc-client', p_grant_type => 'client_credentials',
--                       p_owner => 'Beacon', p_description => 'A third-party application',
--                       p_support_email => 'support@example.com', p_privilege_names => 'bc-priv');
--   OAUTH.GRANT_CLIENT_ROLE(p_client_name => 'bc-client', p_role_name => 'bc-role');
--   COMMIT;
-- END;
select create_client('bc-client', 'client_credentials', 'Beacon', 'A third-party application', NULL, NULL,
                     'support@example.com', NULL, 'bc-priv') as create_client;
select grant_client_role('bc-client', 'bc-role') as grant_client_role;
-- SELECT client_id, client_secret FROM user_ords_clients WHERE name = 'bc-client';
create temp table cred as select client_id, client_secret from user_ords_clients where name = 'bc-client';
select length(client_id) as client_id_length, length(client_secret) as secret_length from cred;

.print
.print '== Generate a bearer token (/oauth/token), then call the service with it'
create temp table tok as select oauth_token('client_credentials', client_id, client_secret) as r from cred;
select r ->> 'token_type' as token_type, r ->> 'expires_in' as expires_in from tok;
select p as path, check_request('GET', p, 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status
  from tok, (select '/ords/beacon/beacon/status' as p union all select '/ords/beacon/beacon/admin');

.print
.print '== The alternative: protect only the admin template by a URI pattern (Protect Resources tab)'
-- Module protection replaced by the pattern /beacon/admin/* (relative to the schema alias; a
-- pattern ending in /* also matches /beacon/admin itself). The pattern /* would protect every
-- service of the schema.
-- ORDS.DEFINE_PRIVILEGE(p_privilege_name => 'bc-priv', p_roles => l_roles /* bc-role */,
--                       p_patterns => l_patterns /* /beacon/admin/* */, p_modules => l_modules /* none */);
select define_privilege('bc-priv', 'bc-role', '/beacon/admin/*', NULL) as define_privilege;
select name, pattern from user_ords_privilege_mappings;
select count(*) as protected_modules from user_ords_privilege_modules;
.print 'Without a token: status is public again, admin (and everything under it) is protected:'
select p as path, check_request('GET', p, NULL) ->> 'status' as status
  from (select '/ords/beacon/beacon/status' as p union all select '/ords/beacon/beacon/admin'
        union all select '/ords/beacon/beacon/admin/keys' union all select '/ords/beacon/beacon/administrator');
.print 'With the token of bc-client (it holds bc-role):'
select p as path, check_request('GET', p, 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status
  from tok, (select '/ords/beacon/beacon/status' as p union all select '/ords/beacon/beacon/admin');
.print 'Path tricks are made canonical before matching, so they reach the same answer:'
select p as path, check_request('GET', p, NULL) ->> 'status' as status
  from (select '/ords/beacon/beacon/status/../admin' as p union all select '/ords/beacon/beacon//admin'
        union all select '/ords/beacon/beacon/admin;jsessionid=1' union all select '/ords/beacon/beacon/%61dmin');
.print
.print 'Done.'
