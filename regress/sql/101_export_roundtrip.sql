-- 101_export_roundtrip: a client exported with its security definitions and secret hashes from
-- one database file and read into another (the shell's .read) comes back exactly: the same
-- client_id, every attribute (a description holding quotes, ;, --, a CR LF and non-ASCII), the
-- logo, durations, roles, privileges with their patterns and modules, templates; both secrets
-- (a generated one and a stored chosen one) get tokens there, and no secret is in the script.
.open 101_dev.db
.load ./ords_security
select ords_security_test_clock(1795000000);
select create_role('beers_client');
select define_module('beers', '/beers/', 10, 'NOT_PUBLISHED', 'It''s the beers module; -- not a comment');
select define_template('beers', ':id');
select define_privilege('beers_priv', 'beers_client', json_array('/beers/*', '/ales/*'), NULL, 'Beers', 'Reads beers', 'c');
select define_privilege('cellar_priv', 'beers_client', NULL, 'beers');
select register_client(json_object('name', 'beers_client', 'grant_type', 'client_credentials',
         'support_email', 'beers@example.com', 'support_uri', 'https://example.com/support',
         'description', 'Beers '' API; client' || char(13, 10) || 'line 2 -- ünïcödé ✓' || char(9) || 'end''',
         'origins_allowed', 'https://app.example.com', 'token_duration', 600)) ->> '$.client_key.name';
select grant_client_role('beers_client', 'beers_client');
select update_client_privileges('beers_client', 'beers_priv');
select update_client_logo('beers_client', 'image/png', X'89504E470D0A1A0A00FF');
attach '101_carry.db' as carry;
create table carry.secrets(v);
insert into carry.secrets select rotate_client_secret('beers_client');
insert into carry.secrets values ('chosen; it''s -- mine ✓');
select register_client_secret(json_object('name', 'beers_client', 'client_secret',
         json_object('secret', 'chosen; it''s -- mine ✓', 'stored', json('true')))) ->> '$.client_secret.slot' as slot;
-- What UAT must end with, as the views show it (ids and created/updated times aside).
create table carry.client as select name, description, grant_type, response_type, client_id, redirect_uri, support_email,
       support_uri, origins_allowed, privilege_names, role_names, token_duration, refresh_duration, code_duration,
       logo_content_type, client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;
create table carry.logo as select content_type, logo from ords_sec_client_logo;
create table carry.privs as select p.name, label, description, comments, (select group_concat(role_name) from user_ords_privilege_roles r where r.privilege_id = p.id) as roles,
       (select group_concat(pattern) from user_ords_privilege_mappings m where m.privilege_id = p.id) as patterns,
       (select group_concat(module_name) from user_ords_privilege_modules m where m.privilege_id = p.id) as modules
  from user_ords_privileges p;
create table carry.modules as select name, uri_prefix, items_per_page, status, comments,
       (select group_concat(uri_template) from user_ords_templates t where t.module_id = m.id) as templates from user_ords_modules m;
create table carry.slots as select slot, kind, salt, hash, opslimit, memlimit, issued_on from ords_sec_client_secret;
select writefile('101_beers_client.sql', export_oauth_client('beers_client', TRUE, TRUE)) > 0 as written;
-- No secret in the script, the stored one included.
select count(*) as secrets_in_script from carry.secrets where instr(cast(readfile('101_beers_client.sql') as text), v) > 0;
detach carry;

.open 101_uat.db
.load ./ords_security
select ords_security_test_clock(1795086400);
.echo off
.read 101_beers_client.sql
.echo on
attach '101_carry.db' as carry;
select count(*) as client_differences from (
  select name, description, grant_type, response_type, client_id, redirect_uri, support_email, support_uri, origins_allowed,
         privilege_names, role_names, token_duration, refresh_duration, code_duration, logo_content_type,
         client_secret_issued_on, client_secret_2_issued_on from user_ords_clients
  except select * from carry.client);
select description = (select description from carry.client) as description_exact,
       hex(description) = (select hex(description) from carry.client) as same_bytes
  from user_ords_clients;
select count(*) as logo_differences from (select content_type, logo from ords_sec_client_logo except select * from carry.logo);
select count(*) as privilege_differences from (
  select p.name, label, description, comments, (select group_concat(role_name) from user_ords_privilege_roles r where r.privilege_id = p.id),
         (select group_concat(pattern) from user_ords_privilege_mappings m where m.privilege_id = p.id),
         (select group_concat(module_name) from user_ords_privilege_modules m where m.privilege_id = p.id)
    from user_ords_privileges p except select * from carry.privs);
select count(*) as module_differences from (
  select name, uri_prefix, items_per_page, status, comments,
         (select group_concat(uri_template) from user_ords_templates t where t.module_id = m.id) from user_ords_modules m
  except select * from carry.modules);
select (select count(*) from user_ords_privileges) as privileges, (select count(*) from user_ords_modules) as modules;
-- The hashes arrived as they were, each with its slot, kind, cost and issue time; none is stored
-- readable here.
select count(*) as slot_differences from (select slot, kind, salt, hash, opslimit, memlimit, issued_on from ords_sec_client_secret
  except select * from carry.slots);
select count(*) as slots, count(stored) as stored from ords_sec_client_secret;
select client_secret, client_secret_2 from user_ords_clients;
-- Both secrets get a token in UAT, and the token opens what the privilege protects.
select v = (select v from carry.secrets limit 1) as generated,
       oauth_token('client_credentials', (select client_id from user_ords_clients), v) ->> 'token_type' as token_type
  from carry.secrets;
select check_request('GET', '/beers/ipa', 'Bearer ' ||
         (oauth_token('client_credentials', (select client_id from user_ords_clients), (select v from carry.secrets limit 1)) ->> 'access_token')) ->> 'status' as status;
select oauth_token('client_credentials', (select client_id from user_ords_clients), 'not the secret') ->> 'error' as wrong_secret;
-- The connection's schema is its own again, and the guard is idle.
select ords_set_schema('MAIN');
select count(*) as guard_rows from ords_security_script_guard;
detach carry;
