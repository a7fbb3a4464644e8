-- 000_move_client.sql: seed tutorial 000, moving the OAuth client beers_client from DEVELOPMENT
-- to UAT with the same client_id and the same secret.
--   The ords_security way: export_oauth_client(name, TRUE, TRUE) writes a script that carries the
--   secret's hash (never the secret); .read in UAT recreates the client, and the same secret gets
--   a token there.
--   The ORDS way, for comparison:
--     1. export the client (ORDS_EXPORT.EXPORT_OAUTH_CLIENT: no secret in it)
--     2. retrieve its current secret (and stow it for step 4)
--     3. re-create the client in UAT from the output of step 1
--     4. set the secret there to the value of step 2 (OAUTH.UPDATE_CLIENT_SECRET)
-- Database files stand for the environments; `.open --new` switches the shell to a new one (each
-- connection loads the extension again). Run it from the repository root:
--   sqlite3 < sql/examples/000_move_client.sql
-- It writes 000_development.db, 000_uat.db, 000_uat_ords_way.db, 000_beers_client.sql and
-- 000_beers_client_ords_way.sql in the current folder. The application that calls the API keeps
-- its secret in its own configuration: the file 000_app_secret.txt stands for it. The ORDS way also
-- needs the plaintext secret between the environments: 000_secret.txt, as an operator would paste
-- it. Both files are deleted at the end; no secret is ever printed.
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
.print 'The application keeps its secret in its own configuration (a file here; it does not move):'
select writefile('000_app_secret.txt', client_secret) as bytes_written from dev;

.print
.print '== The ords_security way: export the client with its secret hash'
select writefile('000_beers_client.sql', export_oauth_client('beers_client', TRUE, TRUE)) > 0 as written;
select instr(cast(readfile('000_beers_client.sql') as text), client_secret) = 0 as no_secret_in_script from dev;
.print 'The script, with the client_id shown as <client_id> and the hash as <salt>:<hash> at <issued_on>:'
.headers off
with recursive
  script(s) as (select replace(cast(readfile('000_beers_client.sql') as text), (select client_id from dev), '<client_id>')),
  lines(line, rest) as (
    select substr(s, 1, instr(s, char(10)) - 1), substr(s, instr(s, char(10)) + 1) from script
    union all
    select substr(rest, 1, instr(rest, char(10)) - 1), substr(rest, instr(rest, char(10)) + 1) from lines where rest <> '')
select case when instr(line, 'ords-secret-hash:v1:blake2b:-:') > 0
            then substr(line, 1, instr(line, 'ords-secret-hash:v1:blake2b:-:') + 29) || '<salt>:<hash>'', ''<issued_on>'') AS import_client_secret_hash;'
            else line end
  from lines;
.headers on

.print
.print '== UAT: .read the script'
.open --new 000_uat.db
.load build/ords_security
.read 000_beers_client.sql
select name, grant_type, role_names, privilege_names, client_secret is null as secret_not_shown,
       client_secret_issued_on is not null as has_a_secret
  from user_ords_clients;
.print "The same client_id as in DEVELOPMENT, and the application's secret gets a token in UAT:"
select c.client_id = t.client_id as same_client_id_as_the_export
  from user_ords_clients c,
       (select substr(s, instr(s, '''p_client_id'', ''') + 16, 24) as client_id
          from (select cast(readfile('000_beers_client.sql') as text) as s)) t;
create temp table tok as
  select oauth_token('client_credentials', client_id, cast(readfile('000_app_secret.txt') as text)) as r
    from user_ords_clients where name = 'beers_client';
select r ->> 'token_type' as token_type, r ->> 'error' as error from tok;
select check_request('GET', '/beers/ipa', NULL) ->> 'status' as without_token,
       check_request('GET', '/beers/ipa', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as with_token
  from tok;
.print 'Read twice, the script changes nothing: it stops at the first object that exists.'
-- The shell reports each refused statement; .bail stays off from here on (once a .read has
-- reported errors, the shell would stop at the next statement with .bail on).
.bail off
.headers off
.read 000_beers_client.sql
.headers on
select count(*) as clients, (select count(*) from user_ords_roles) as roles from user_ords_clients;

.print
.print '== The ORDS way, for comparison'
.open 000_development.db
.load build/ords_security
.print 'Step 1: export the client without secrets (what ORDS_EXPORT.EXPORT_OAUTH_CLIENT gives)'
-- SELECT ORDS_EXPORT.EXPORT_OAUTH_CLIENT(p_client_name => 'beers_client',
--                                        p_include_security_definitions => null) FROM dual;
select writefile('000_beers_client_ords_way.sql', export_oauth_client('beers_client', TRUE)) > 0 as written;
select instr(cast(readfile('000_beers_client_ords_way.sql') as text), 'import_client_secret_hash') = 0 as no_hash_in_it;
.print 'Step 2: retrieve the current secret (stowed for step 4)'
-- DECLARE
--   CLIENT VARCHAR2(25) := 'beers_client';
--   SECRET VARCHAR2(100);
-- BEGIN
--   SELECT CLIENT_SECRET INTO SECRET FROM USER_ORDS_CLIENTS WHERE NAME = CLIENT;
--   DBMS_OUTPUT.PUT_LINE(client || ' secret is currently set to: "' || SECRET || '"');
-- END;
-- The shell writes it to a file instead of the screen (writefile returns the bytes written):
select writefile('000_secret.txt', client_secret) as bytes_written from user_ords_clients where name = 'beers_client';

.open --new 000_uat_ords_way.db
.load build/ords_security
.print 'Step 3: re-create the client from the output of step 1'
.headers off
.read 000_beers_client_ords_way.sql
.headers on
select name, role_names, privilege_names, client_secret_issued_on is not null as has_a_secret from user_ords_clients;
.print 'Step 4: set the secret to the value of step 2'
-- OAUTH.UPDATE_CLIENT_SECRET(p_client_name => client, p_editing_user => 'BEERS', p_client_secret => secret);
select update_client_secret(json_object('p_client_name', 'beers_client', 'p_editing_user', 'BEERS',
         'p_client_secret', cast(readfile('000_secret.txt') as text))) as update_client_secret;
select name, client_secret is null as secret_not_shown, client_secret_issued_on is not null as has_a_secret
  from user_ords_clients;
select oauth_token('client_credentials', client_id, cast(readfile('000_app_secret.txt') as text)) ->> 'token_type' as token_type
  from user_ords_clients;
.print 'The ORDS way needed the plaintext secret outside DEVELOPMENT; the stowed copies are deleted now:'
.system rm -f 000_secret.txt 000_app_secret.txt
select readfile('000_secret.txt') is null and readfile('000_app_secret.txt') is null as secret_files_gone;
.print
.print 'Done.'
