-- 001_license_backend.sql: seed tutorial 001, "Client Credentials in Oracle APEX", in the sqlite3 shell.
-- A license-validation endpoint GET /ords/page/customers/validation/{id} is public until a
-- privilege protects its module; then a backend client gets a token and is let in.
-- Each step shows the seed's PL/SQL (or what APEX does for it) as a comment, then its SQL twin.
-- Run it from the repository root on a new database file:
--   sqlite3 license.db < sql/examples/001_license_backend.sql
-- The secret and the token are kept in temp tables and never printed.
.load build/ords_security
.bail on
.headers on
.nullvalue NULL
.mode list

.print '== 1. REST-enable the schema with the URL alias "page" (/ords/page/...)'
-- BEGIN
--   ORDS.ENABLE_SCHEMA(p_enabled => TRUE, p_schema => 'LICENSING',
--                      p_url_mapping_type => 'BASE_PATH', p_url_mapping_pattern => 'page');
--   COMMIT;
-- END;
select enable_schema(json_object('enabled', json('true'), 'schema', 'LICENSING',
                                 'url_mapping_type', 'BASE_PATH', 'url_mapping_pattern', 'page')) as enable_schema;
-- In ORDS you run the rest connected as LICENSING; here the connection makes it current.
select ords_set_schema('LICENSING') as current_schema;
select parsing_schema, pattern, status from user_ords_schemas;

.print
.print '== 2. The module "customers" with its template validation/:id (made in APEX in the seed)'
-- ORDS.DEFINE_MODULE(p_module_name => 'customers', p_base_path => '/customers/');
-- ORDS.DEFINE_TEMPLATE(p_module_name => 'customers', p_pattern => 'validation/:id');
select define_module(json_object('module_name', 'customers', 'base_path', '/customers/')) as define_module;
select define_template(json_object('module_name', 'customers', 'pattern', 'validation/:id')) as define_template;
select m.name as module, m.uri_prefix, t.uri_template
  from user_ords_modules m join user_ords_templates t on t.module_id = m.id;
.print 'Nothing protects it yet, so anyone may call it:'
select check_request('GET', '/ords/page/customers/validation/1', NULL) ->> 'status' as status;

.print
.print '== 3. Role license_role, privilege license_priv protecting the module (APEX: Roles, Privileges)'
-- ORDS.CREATE_ROLE(p_role_name => 'license_role');
-- ORDS.DEFINE_PRIVILEGE(p_privilege_name => 'license_priv', p_roles => l_roles  /* 'license_role' */,
--                       p_patterns => l_patterns /* none */, p_modules => l_modules /* 'customers' */);
select create_role(json_object('role_name', 'license_role')) as create_role;
select define_privilege(json_object('privilege_name', 'license_priv', 'roles', json_array('license_role'),
                                    'modules', json_array('customers'))) as define_privilege;
select privilege_name, module_name from user_ords_privilege_modules;
select privilege_name, role_name from user_ords_privilege_roles;

.print
.print '== 4. Without authentication the endpoint now answers 401'
select check_request('GET', '/ords/page/customers/validation/1', NULL) ->> 'status' as status,
       check_request('GET', '/ords/page/customers/validation/1', NULL) ->> 'reason' as reason;

.print
.print '== 5. The OAuth client, the only SQL step of the seed'
-- begin
--   oauth.create_client(
--     p_name => 'license_backend_client',
--     p_grant_type => 'client_credentials',
--     p_owner => 'My Company',
--     p_description => 'Backend service for license validation',
--     p_support_email => 'support@mycompany.com',
--     p_privilege_names => 'license_priv'
--   );
--   oauth.grant_client_role(
--     p_client_name => 'license_backend_client',
--     p_role_name => 'license_role'
--   );
--   commit;
-- end;
select create_client(json_object(
         'p_name', 'license_backend_client',
         'p_grant_type', 'client_credentials',
         'p_owner', 'My Company',
         'p_description', 'Backend service for license validation',
         'p_support_email', 'support@mycompany.com',
         'p_privilege_names', 'license_priv')) as create_client;
select grant_client_role(json_object('p_client_name', 'license_backend_client', 'p_role_name', 'license_role')) as grant_client_role;
select name, grant_type, privilege_names, role_names from user_ords_clients;

.print
.print '== 6. Retrieving the client credentials'
-- select client_id, client_secret from user_ords_clients where name = 'license_backend_client';
-- The legacy create_client keeps a *stored* secret, so the view shows it, as ORDS does.
-- Keep the two values in a temp table instead of on the screen:
create temp table cred as
  select client_id, client_secret from user_ords_clients where name = 'license_backend_client';
select length(client_id) as client_id_length, client_id glob '*..' as client_id_ends_in_dots,
       length(client_secret) as secret_length from cred;

.print
.print '== 7. Request an access token (POST /ords/page/oauth/token, grant_type=client_credentials)'
create temp table tok as
  select oauth_token('client_credentials', client_id, client_secret) as r from cred;
select r ->> 'token_type' as token_type, r ->> 'expires_in' as expires_in,
       length(r ->> 'access_token') as token_length from tok;

.print
.print '== 8. Call the protected endpoint with Authorization: Bearer <access_token>: 200'
select check_request('GET', '/ords/page/customers/validation/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status,
       check_request('GET', '/ords/page/customers/validation/1', 'Bearer ' || (r ->> 'access_token')) ->> 'privilege' as privilege,
       check_request('GET', '/ords/page/customers/validation/1', 'Bearer ' || (r ->> 'access_token')) ->> 'reason' as reason
  from tok;
.print
.print 'Done.'
