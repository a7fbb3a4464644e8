-- 106_doc_export: the worked session of docs/export.md, as written (tools/check-doc-tests.sh
-- checks that every statement of it is here, in order), with the test build's pinned clock.
.open 106_development.db
.load ./ords_security
select ords_security_test_clock(1795000000);
select create_role('beers_client');
select define_privilege('beers_priv', 'beers_client', '/beers/*');
select register_client('beers_client', 'client_credentials', 'beers@example.com') ->> '$.client_key.name';
select grant_client_role('beers_client', 'beers_client');
-- The application keeps its secret in its configuration (a file here); it does not move.
select writefile('beers_secret.txt', rotate_client_secret('beers_client'));
select writefile('beers_client.sql', export_oauth_client('beers_client', TRUE, TRUE)) > 0;
select instr(cast(readfile('beers_client.sql') as text), cast(readfile('beers_secret.txt') as text));
.open 106_uat.db
.load ./ords_security
.echo off
.headers off
.read beers_client.sql
.headers on
.echo on
select name, role_names, privilege_names, client_secret_issued_on is not null from user_ords_clients;
select oauth_token('client_credentials', client_id, cast(readfile('beers_secret.txt') as text)) ->> 'token_type' from user_ords_clients;
-- A second time: it stops at the first object that exists, and changes nothing.
.echo off
.read beers_client.sql
.echo on
select count(*) from user_ords_clients;
