-- 100_export_client: export_oauth_client writes a plain SQL script of API calls: the guard, the
-- schema, the roles, modules and privileges the client needs (p_include_security_definitions,
-- default TRUE), import_client with the same client_id and every attribute, the logo, the grants,
-- the privilege list, and (p_include_secrets, default FALSE) each slot's hash with its issue time.
-- Values come out through one quoting function: quotes doubled, ; and -- kept inside literals, a
-- carriage return as char(13), non-ASCII as it is.
.open 100_export.db
.load ./ords_security
select ords_security_test_clock(1795000000);
select ords_security_test_seed(100);
select create_role('beers_client');
select create_role('beers_admin');
select create_role('unrelated_role');
select define_module('beers', '/beers/', 10, 'PUBLISHED', 'It''s the beers module; -- not a comment');
select define_template('beers', ':id');
select define_template('beers', 'styles/:style');
select define_privilege('beers_priv', 'beers_client', '/beers/*', NULL, 'Beers', 'Reads beers');
select define_privilege('beers_admin_priv', json_array('beers_admin', 'beers_client'), NULL, 'beers', NULL, NULL, 'admin');
select define_privilege('other_priv', 'unrelated_role', '/other/*');
select register_client(json_object('name', 'beers_client', 'grant_type', 'authorization_code',
         'support_email', 'beers@example.com', 'support_uri', 'https://example.com/support',
         'description', 'Beers '' API; client' || char(13, 10) || 'line 2 -- ünïcödé ✓',
         'redirect_uri', 'https://app.example.com/cb', 'origins_allowed', 'https://app.example.com, https://b.example.com',
         'token_duration', 600, 'refresh_duration', 7200, 'code_duration', 60)) ->> '$.client_key.name';
select grant_client_role('beers_client', 'beers_client');
select update_client_privileges('beers_client', 'other_priv');
select update_client_logo('beers_client', 'image/png', X'89504E470D0A1A0A00');

-- The whole script, with its security definitions (the default) and without secrets (the default).
select export_oauth_client('beers_client');
-- Without security definitions: the client, its logo, grants and privilege list only.
select export_oauth_client('beers_client', FALSE);
-- The named form, and the client_key form.
select export_oauth_client(json_object('client_name', 'beers_client', 'include_security_definitions', json('false'))) =
       export_oauth_client('beers_client', FALSE) as named_form_same;
select export_oauth_client(json_object('client_key', json_object('name', 'beers_client'), 'include_security_definitions', json('false'))) =
       export_oauth_client('beers_client', FALSE) as client_key_form_same;
-- Exporting changes nothing and reads only: the same script twice.
select export_oauth_client('beers_client') = export_oauth_client('beers_client') as stable;

-- With secrets: one import_client_secret_hash per live slot, with its issue time; the hash of a
-- generated secret (BLAKE2b) and of a chosen one (Argon2id with its recorded cost). The secrets
-- themselves are never in the script, stored ones included.
create temp table s(v);
insert into s select rotate_client_secret('beers_client');
select ords_security_test_clock_advance(60);
select register_client_secret(json_object('name', 'beers_client', 'client_secret', json_object('secret', 'a chosen secret; it''s mine', 'stored', json('true')))) ->> '$.client_secret.slot' as slot;
insert into s values ('a chosen secret; it''s mine');
create temp table x as select export_oauth_client('beers_client', TRUE, TRUE) as script;
select (length(script) - length(replace(script, 'SELECT import_client_secret_hash(', ''))) / length('SELECT import_client_secret_hash(') as hash_calls,
       instr(script, 'import_client_secret_hash(''beers_client'', 1, ''ords-secret-hash:v1:blake2b:-:') > 0 as slot1_blake2b,
       instr(script, 'import_client_secret_hash(''beers_client'', 2, ''ords-secret-hash:v1:argon2id:ops=1,mem=8192:') > 0 as slot2_argon2id,
       instr(script, '''2026-11-18T11:06:40Z'') AS import_client_secret_hash;') > 0 as slot1_issued,
       instr(script, '''2026-11-18T11:07:40Z'') AS import_client_secret_hash;') > 0 as slot2_issued,
       instr(script, 'It carries secret hashes (no secret)') > 0 as warns
  from x;
select count(*) as secrets_in_script from x, s where instr(x.script, s.v) > 0;
select count(*) as secrets_stored_here from ords_sec_client_secret where stored is not null;
-- An implicit client has no secret to carry; a client without a support email cannot be
-- imported (import_client requires one), so it is refused with what to do.
select register_client(json_object('name', 'spa', 'grant_type', 'implicit', 'support_email', 'spa@example.com',
         'description', 'SPA', 'redirect_uri', 'https://spa.example.com/cb')) ->> '$.client_key.name';
select instr(export_oauth_client('spa', FALSE, TRUE), 'import_client_secret_hash') as spa_hash_calls;
select create_client('legacy', 'client_credentials', 'Owner');
select export_oauth_client('legacy');

-- Errors: an unknown client, a missing name, a bad flag; each names the parameter.
select export_oauth_client('nobody');
select export_oauth_client(NULL);
select export_oauth_client('beers_client', 'maybe');
select export_oauth_client('beers_client', TRUE, TRUE, 1);

-- A NUL cannot be carried by a script: refused, naming what held it (never the value).
update ords_sec_privilege set label = 'a' || char(0) || 'b' where name = 'beers_priv';
select export_oauth_client('beers_client');
update ords_sec_privilege set label = 'Beers' where name = 'beers_priv';

-- On a database never written there is no client to export.
.open --new 100_empty.db
.load ./ords_security
select export_oauth_client('beers_client');
select count(*) as ords_tables from sqlite_master where name like 'ords_sec%';
