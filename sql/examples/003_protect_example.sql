-- 003_protect_example.sql: seed tutorial 003, "OAuth2 client credentials for ORDS", in the sqlite3 shell.
-- Protect /example/* with example_priv, register a client, take its id and secret, exchange them
-- for an access token, then call the service: 401 without the token, 200 with it.
-- Each step shows the seed's PL/SQL as a comment, then its SQL twin. Run it from the repository
-- root on a new database file:
--   sqlite3 example.db < sql/examples/003_protect_example.sql
-- The secret and the token are kept in temp tables and never printed.
.load build/ords_security
.bail on
.headers on
.nullvalue NULL
.mode list

.print '== Before: no privilege protects /example/*, so the service is public'
select check_request('GET', '/ords/main/example/resource', NULL) ->> 'status' as status;

.print
.print '== Step 1: create a privilege'
-- BEGIN
--   ORDS.CREATE_PRIVILEGE(
--     p_name => 'example_priv',
--     p_role_name => 'example_role',
--     p_description => 'Privilege for example REST service'
--   );
--   COMMIT;
-- END;
-- /
-- Here the role must exist before a privilege names it (ORDS.CREATE_ROLE):
select create_role(json_object('p_role_name', 'example_role')) as create_role;
select create_privilege(json_object(
         'p_name', 'example_priv',
         'p_role_name', 'example_role',
         'p_description', 'Privilege for example REST service')) as create_privilege;
select name, description from user_ords_privileges;

.print
.print '== Step 2: map the privilege to the services'
-- BEGIN
--   ORDS.CREATE_PRIVILEGE_MAPPING(
--     p_privilege_name => 'example_priv',
--     p_pattern => '/example/*'
--   );
--   COMMIT;
-- END;
-- /
select create_privilege_mapping(json_object('p_privilege_name', 'example_priv', 'p_pattern', '/example/*'))
       as create_privilege_mapping;
select name, pattern from user_ords_privilege_mappings;
select check_request('GET', '/ords/main/example/resource', NULL) ->> 'status' as status,
       check_request('GET', '/ords/main/example/resource', NULL) ->> 'reason' as reason;

.print
.print '== Step 3: register a client application'
-- BEGIN
--   OAUTH.CREATE_CLIENT(
--     p_name => 'Example Client',
--     p_grant_type => 'client_credentials',
--     p_owner => 'Example Corp',
--     p_description => 'Client for example integration',
--     p_support_email => 'support@example.com',
--     p_privilege_names => 'example_priv'
--   );
--   COMMIT;
-- END;
-- /
select create_client(json_object(
         'p_name', 'Example Client',
         'p_grant_type', 'client_credentials',
         'p_owner', 'Example Corp',
         'p_description', 'Client for example integration',
         'p_support_email', 'support@example.com',
         'p_privilege_names', 'example_priv')) as create_client;
-- SELECT id, name, client_id, client_secret FROM user_ords_clients WHERE name = 'Example Client';
-- The legacy create_client keeps a stored secret, which the view shows: keep it in a temp table.
create temp table cred as
  select id, name, client_id, client_secret from user_ords_clients where name = 'Example Client';
select id, name, length(client_id) as client_id_length, length(client_secret) as secret_length from cred;

.print
.print '== Step 4: obtain an access token'
-- curl -X POST https://your-server/ords/schema/oauth/token \
--   -H "Content-Type: application/x-www-form-urlencoded" \
--   -d "grant_type=client_credentials" -u "client_id:client_secret"
-- oauth_token plays /oauth/token; the form fields are its arguments (curl -u sends them as an
-- HTTP Basic header, which the named form takes as 'authorization', 'Basic <base64>').
create temp table tok as
  select oauth_token('client_credentials', client_id, client_secret) as r from cred;
select r ->> 'token_type' as token_type, r ->> 'expires_in' as expires_in,
       length(r ->> 'access_token') as token_length from tok;

.print
.print '== Step 5: call the secured service'
-- curl -X GET https://your-server/ords/schema/example/resource -H "Authorization: Bearer abc123xyz..."
select check_request('GET', '/ords/main/example/resource', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status,
       check_request('GET', '/ords/main/example/resource', 'Bearer ' || (r ->> 'access_token')) ->> 'reason' as reason
  from tok;
.print 'The seed stops at step 3, but example_priv names the role example_role, and a'
.print "client_credentials token passes only when its client holds one of the privilege's roles."
.print 'One more call, as seeds 001 and 004 make it (OAUTH.GRANT_CLIENT_ROLE):'
-- BEGIN OAUTH.GRANT_CLIENT_ROLE(p_client_name => 'Example Client', p_role_name => 'example_role'); COMMIT; END;
select grant_client_role(json_object('p_client_name', 'Example Client', 'p_role_name', 'example_role'))
       as grant_client_role;
select check_request('GET', '/ords/main/example/resource', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status,
       check_request('GET', '/ords/main/example/resource', 'Bearer ' || (r ->> 'access_token')) ->> 'reason' as reason
  from tok;
.print 'The same request without the token is still refused:'
select check_request('GET', '/ords/main/example/resource', NULL) ->> 'status' as status;

.print
.print '== Token management: a token that is not (or no longer) valid is 401; ask for a new one'
select check_request('GET', '/ords/main/example/resource', 'Bearer not-a-token') ->> 'status' as status,
       check_request('GET', '/ords/main/example/resource', 'Bearer not-a-token') ->> 'reason' as reason;
select ords_security_config('security.oauth.tokenLifetime') as default_token_lifetime_seconds;
.print
.print 'Done.'
