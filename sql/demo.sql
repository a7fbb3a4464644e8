-- demo.sql: the story of the ORDS tutorials (seeds 003 and 004), in the sqlite3 shell.
-- Run it with `make demo`, or by hand from the repository root:
--   sqlite3 demo.db
--   sqlite> .read sql/demo.sql
-- Secrets and tokens are captured in temp tables and never printed whole.
.load build/ords_security
.bail on
.headers on
.nullvalue NULL
.mode column
.print
.print '== 1. Protect /example/* with a privilege (ORDS.CREATE_ROLE, CREATE_PRIVILEGE, CREATE_PRIVILEGE_MAPPING)'
-- Procedures return NULL; coalesce(..., 'done') just makes that readable.
select coalesce(create_role('example_role'), 'done') as create_role;
select coalesce(create_privilege(
         json_object('name', 'example_priv', 'role_name', 'example_role',
                     'label', 'Example', 'description', 'Privilege for example REST service')), 'done') as create_privilege;
select coalesce(create_privilege_mapping('example_priv', '/example/*'), 'done') as create_privilege_mapping;
select name, pattern from user_ords_privilege_mappings;

.print
.print '== 2. Without a token, the service answers 401 (check_request plays the part of ORDS before serving)'
.mode line
select check_request('GET', '/ords/main/example/resource', NULL) ->> 'status' as status,
       check_request('GET', '/ords/main/example/resource', NULL) ->> 'reason' as reason;
.mode column
.print 'A path no privilege protects stays public:'
select check_request('GET', '/ords/main/open/resource', NULL) ->> 'status' as status;

.print
.print '== 3. Register a client (ORDS_SECURITY.REGISTER_CLIENT) and take its secret, shown this once'
create temp table app as
  select register_client(json_object(
           'name', 'Example Client', 'grant_type', 'client_credentials',
           'support_email', 'support@example.org', 'privilege_names', 'example_priv',
           'client_secret', json_object('slot', 1))) as creds;
select creds ->> '$.client_key.name' as client, creds ->> '$.client_key.client_id' as client_id,
       substr(creds ->> '$.client_secret.secret', 1, 4) || '...' as secret_first_4,
       creds ->> '$.client_secret.slot' as slot
from app;
.print 'The database keeps only a hash: user_ords_clients shows no secret.'
select name, grant_type, client_secret, client_secret_issued_on is not null as has_secret from user_ords_clients;

.print
.print '== 4. The client asks /oauth/token for a token (client_credentials grant)'
create temp table tok as
  select oauth_token('client_credentials', creds ->> '$.client_key.client_id', creds ->> '$.client_secret.secret') as r
  from app;
select r ->> 'token_type' as token_type, r ->> 'expires_in' as expires_in,
       length(r ->> 'access_token') as token_length from tok;

.print
.print '== 5. With the token but without the role: 403, and the reason says what would grant access'
.mode line
select check_request('GET', '/ords/main/example/resource', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status,
       check_request('GET', '/ords/main/example/resource', 'Bearer ' || (r ->> 'access_token')) ->> 'reason' as reason
from tok;
.mode column

.print
.print '== 6. Grant the role to the client (ORDS_SECURITY.GRANT_CLIENT_ROLE): 200'
select coalesce(grant_client_role('Example Client', 'example_role'), 'done') as grant_client_role;
.mode line
select check_request('GET', '/ords/main/example/resource', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status,
       check_request('GET', '/ords/main/example/resource', 'Bearer ' || (r ->> 'access_token')) ->> 'reason' as reason
from tok;
.mode column
.print 'Path tricks are made canonical first, so they cannot slip past the pattern:'
select p as path, check_request('GET', p, NULL) ->> 'status' as status_without_token
from (select '/ords/main/open/../example/resource' as p union all select '/ords/main//example/./resource'
      union all select '/ords/main/example;jsessionid=1/resource' union all select '/ords/main/example%2Fresource');

.print
.print '== 7. Rotate the secret (ROTATE_CLIENT_SECRET): both secrets work until the old one is revoked'
create temp table sec2 as select rotate_client_secret('Example Client') as s;
select (select oauth_token('client_credentials', creds ->> '$.client_key.client_id', creds ->> '$.client_secret.secret') from app)
         ->> 'token_type' as old_secret,
       (select oauth_token('client_credentials', (select creds ->> '$.client_key.client_id' from app), s) from sec2)
         ->> 'token_type' as new_secret
from sec2;
select revoke_client_secrets(json_object('name', 'Example Client', 'filter', json_object('slot', 1))) ->> '$.client_secret.slot'
  as revoked_slot;
select (select oauth_token('client_credentials', creds ->> '$.client_key.client_id', creds ->> '$.client_secret.secret') from app)
         ->> 'error' as old_secret_now;

.print
.print '== 8. Rotate again with p_revoke_sessions: every token of the client ends, the next request is 401'
select count(*) as live_sessions from user_ords_sessions;
create temp table sec3 as
  select rotate_client_secret(json_object('name', 'Example Client', 'revoke_sessions', json('true'))) ->> '$.client_secret.slot' as slot;
select count(*) as live_sessions from user_ords_sessions;
select check_request('GET', '/ords/main/example/resource', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status
from tok;
.print
.print 'Done. The database file holds the whole model; open it again and every check still holds.'
