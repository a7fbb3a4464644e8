-- 000_move_client.sql: seed tutorial 000, moving the OAuth client beers_client from DEVELOPMENT
-- to UAT with the same client_id and the same secret, the ORDS way:
--   1. export the client (ORDS_EXPORT.EXPORT_OAUTH_CLIENT)
--   2. retrieve its current secret (and stow it for step 4)
--   3. re-create the client in UAT from the output of step 1
--   4. set the secret there to the value of step 2 (OAUTH.UPDATE_CLIENT_SECRET)
-- Two database files stand for the two environments; `.open --new` switches the shell from one to
-- the other (each connection loads the extension again). Run it from the repository root:
--   sqlite3 < sql/examples/000_move_client.sql
-- It writes 000_development.db, 000_uat.db and 000_beers_client.sql in the current folder.
-- The ORDS way needs the plaintext secret: it is written to the file 000_secret.txt between the
-- two environments, as an operator would paste it, and deleted at the end. It is never printed.
-- TODO(issue 10): export_oauth_client(p_client_name, TRUE, TRUE) will carry the secret's hash
-- instead, so that no secret leaves DEVELOPMENT at all; that way is added beside this one when it lands.
.bail on
.headers on
.nullvalue NULL
.mode list

.print '== DEVELOPMENT'
.open --new 000_development.db
.load build/ords_security
-- The REST privilege the client needs, protecting the beers service:
-- ORDS.CREATE_ROLE(p_role_name => 'beers_client');
-- ORDS.DEFINE_PRIVILEGE(p_privilege_name => 'beers_priv', p_roles => 'beers_client', p_patterns => '/beers/*');
select create_role('beers_client') as create_role;
select define_privilege('beers_priv', 'beers_client', '/beers/*') as define_privilege;
-- The client, made with the legacy OAUTH.CREATE_CLIENT, which keeps a stored secret that
-- user_ords_clients shows (the seed's "dumb little pl/sql script" reads it from there):
-- OAUTH.CREATE_CLIENT(p_name => 'beers_client', p_grant_type => 'client_credentials', p_owner => 'BEERS',
--                     p_description => 'Beers API client', p_support_email => 'beers@example.com',
--                     p_privilege_names => 'beers_priv');
-- OAUTH.GRANT_CLIENT_ROLE(p_client_name => 'beers_client', p_role_name => 'beers_client');
select create_client(json_object('p_name', 'beers_client', 'p_grant_type', 'client_credentials',
         'p_owner', 'BEERS', 'p_description', 'Beers API client', 'p_support_email', 'beers@example.com',
         'p_privilege_names', 'beers_priv')) as create_client;
select grant_client_role('beers_client', 'beers_client') as grant_client_role;
.print 'The client works in DEVELOPMENT:'
create temp table dev as select client_id, client_secret from user_ords_clients where name = 'beers_client';
select check_request('GET', '/beers/ipa',
         'Bearer ' || (oauth_token('client_credentials', client_id, client_secret) ->> 'access_token')) ->> 'status'
       as status
  from dev;

.print
.print '== Step 1: export the client (what ORDS_EXPORT.EXPORT_OAUTH_CLIENT writes; no secret in it)'
-- SELECT ORDS_EXPORT.EXPORT_OAUTH_CLIENT(p_client_name => 'beers_client',
--                                        p_include_security_definitions => null) FROM dual;
-- Its output: ORDS.CREATE_ROLE, OAUTH.IMPORT_CLIENT with the client_id, OAUTH.GRANT_CLIENT_ROLE.
-- Until export_oauth_client lands here (TODO above), the shell writes the same three calls from
-- the views into 000_beers_client.sql (quote() makes each value a safe SQL literal).
.headers off
.once 000_beers_client.sql
select '-- beers_client, exported from DEVELOPMENT (no secret in it)' || char(10) ||
       'select create_role(' || quote(r.role_name) || ') as create_role;' || char(10) ||
       'select import_client(json_object(''p_name'', ' || quote(c.name) ||
         ', ''p_client_id'', ' || quote(c.client_id) ||
         ', ''p_grant_type'', ' || quote(c.grant_type) ||
         ', ''p_description'', ' || quote(c.description) ||
         ', ''p_support_email'', ' || quote(c.support_email) || ')) ->> ''name'' as imported;' || char(10) ||
       'select grant_client_role(' || quote(c.name) || ', ' || quote(r.role_name) || ') as grant_client_role;'
  from user_ords_clients c join user_ords_client_roles r on r.client_name = c.name
 where c.name = 'beers_client';
.headers on
.print 'The script, with the client_id shown as <client_id>:'
select rtrim(replace(cast(readfile('000_beers_client.sql') as text), client_id, '<client_id>'), char(10)) as script
  from dev;

.print
.print '== Step 2: retrieve the current secret (stowed for step 4)'
-- DECLARE
--   CLIENT VARCHAR2(25) := 'beers_client';
--   SECRET VARCHAR2(100);
-- BEGIN
--   SELECT CLIENT_SECRET INTO SECRET FROM USER_ORDS_CLIENTS WHERE NAME = CLIENT;
--   DBMS_OUTPUT.PUT_LINE(client || ' secret is currently set to: "' || SECRET || '"');
-- END;
-- The shell writes it to a file instead of the screen (writefile returns the bytes written):
select writefile('000_secret.txt', client_secret) as bytes_written from dev;

.print
.print '== UAT'
.open --new 000_uat.db
.load build/ords_security
.print 'Step 3: re-create the client from the output of step 1'
.read 000_beers_client.sql
-- The REST privilege arrives with the modules' own export, as the seed assumes:
select define_privilege('beers_priv', 'beers_client', '/beers/*') as define_privilege;
select update_client_privileges('beers_client', 'beers_priv') as update_client_privileges;
select name, grant_type, role_names, privilege_names, client_secret_issued_on is not null as has_a_secret
  from user_ords_clients;

.print
.print 'Step 4: set the secret to the value of step 2'
-- OAUTH.UPDATE_CLIENT_SECRET(p_client_name => client, p_editing_user => 'BEERS', p_client_secret => secret);
select update_client_secret(json_object('p_client_name', 'beers_client', 'p_editing_user', 'BEERS',
         'p_client_secret', cast(readfile('000_secret.txt') as text))) as update_client_secret;
select name, client_secret is null as secret_not_shown, client_secret_issued_on is not null as has_a_secret
  from user_ords_clients;

.print
.print 'The same client_id and the same secret get a token in UAT, and the token opens /beers/ipa:'
select c.client_id = t.client_id as same_client_id_as_the_export
  from user_ords_clients c,
       (select substr(s, instr(s, '''p_client_id'', ''') + 16, 24) as client_id
          from (select cast(readfile('000_beers_client.sql') as text) as s)) t;
create temp table tok as
  select oauth_token('client_credentials', client_id, cast(readfile('000_secret.txt') as text)) as r
    from user_ords_clients where name = 'beers_client';
select r ->> 'token_type' as token_type, r ->> 'error' as error from tok;
select check_request('GET', '/beers/ipa', NULL) ->> 'status' as without_token,
       check_request('GET', '/beers/ipa', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as with_token
  from tok;
.print 'UAT keeps only a hash of the secret; the stowed copy is deleted now:'
.system rm -f 000_secret.txt
select readfile('000_secret.txt') is null as secret_file_gone;
.print
.print 'Done.'
