-- 77_secret_shaped_errors: no error message repeats a value shaped like a secret, a token or a client_id, on any message path (R-25): origins, names, keys, patterns, schemas, whole or cut short or with a suffix.
-- Real secrets and tokens are captured and used from temp tables, never printed (the seed makes
-- the run reproducible; the reviewed expected output holds none of them). Fixed shapes follow, so
-- the withheld messages can be read.
select ords_security_test_seed(77);
select create_role('r1') is null as ok;
select create_privilege('p1', 'r1') is null as ok;
select define_module('m1', '/m1/') is null as ok;
select register_client('svc', 'client_credentials', 'ops@example.org') is not null as registered;
select grant_client_role('svc', 'r1') is null as ok;
create temp table s as select rotate_client_secret('svc') as secret;
create temp table k as select oauth_token('client_credentials', (select client_id from user_ords_clients where name = 'svc'),
                                          (select secret from s)) ->> 'access_token' as token;
create temp table v(what text, val text);
insert into v select 'secret', secret from s;
insert into v select 'secret without ..', substr(secret, 1, 22) from s;
insert into v select 'secret cut to 16', substr(secret, 1, 16) from s;
insert into v select 'secret with a suffix', secret || 'x' from s;
insert into v select 'token', token from k;
insert into v select 'token cut to 30', substr(token, 1, 30) from k;
insert into v select 'token with a suffix', token || '.extra' from k;
insert into v select 'client_id', client_id from user_ords_clients where name = 'svc';
select what, length(val) as len from v order by rowid;

-- Each shape, one statement each (a statement stops at its first error), where ...
-- ... a role's name goes:
select delete_role(val) from v where what = 'secret';
select delete_role(val) from v where what = 'secret without ..';
select delete_role(val) from v where what = 'secret cut to 16';
select delete_role(val) from v where what = 'secret with a suffix';
select delete_role(val) from v where what = 'token';
select delete_role(val) from v where what = 'token cut to 30';
select delete_role(val) from v where what = 'token with a suffix';
select delete_role(val) from v where what = 'client_id';
-- ... a role to grant goes:
select grant_client_role('svc', val) from v where what = 'secret';
select grant_client_role('svc', val) from v where what = 'secret without ..';
select grant_client_role('svc', val) from v where what = 'secret cut to 16';
select grant_client_role('svc', val) from v where what = 'secret with a suffix';
select grant_client_role('svc', val) from v where what = 'token';
select grant_client_role('svc', val) from v where what = 'token cut to 30';
select grant_client_role('svc', val) from v where what = 'token with a suffix';
select grant_client_role('svc', val) from v where what = 'client_id';
-- ... a privilege's name goes:
select delete_privilege(val) from v where what = 'secret';
select delete_privilege(val) from v where what = 'secret without ..';
select delete_privilege(val) from v where what = 'secret cut to 16';
select delete_privilege(val) from v where what = 'secret with a suffix';
select delete_privilege(val) from v where what = 'token';
select delete_privilege(val) from v where what = 'token cut to 30';
select delete_privilege(val) from v where what = 'token with a suffix';
select delete_privilege(val) from v where what = 'client_id';
-- ... a client's name goes:
select rotate_client_secret(val) from v where what = 'secret';
select rotate_client_secret(val) from v where what = 'secret without ..';
select rotate_client_secret(val) from v where what = 'secret cut to 16';
select rotate_client_secret(val) from v where what = 'secret with a suffix';
select rotate_client_secret(val) from v where what = 'token';
select rotate_client_secret(val) from v where what = 'token cut to 30';
select rotate_client_secret(val) from v where what = 'token with a suffix';
select rotate_client_secret(val) from v where what = 'client_id';
-- ... an item of p_origins_allowed goes:
select register_client('svc', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://ok.example.org, ' || val) from v where what = 'secret';
select register_client('svc', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://ok.example.org, ' || val) from v where what = 'secret without ..';
select register_client('svc', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://ok.example.org, ' || val) from v where what = 'secret cut to 16';
select register_client('svc', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://ok.example.org, ' || val) from v where what = 'secret with a suffix';
select register_client('svc', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://ok.example.org, ' || val) from v where what = 'token';
select register_client('svc', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://ok.example.org, ' || val) from v where what = 'token cut to 30';
select register_client('svc', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://ok.example.org, ' || val) from v where what = 'token with a suffix';
select register_client('svc', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://ok.example.org, ' || val) from v where what = 'client_id';
-- ... a key of the named form goes:
select create_role(json_object(val, 1)) from v where what = 'secret';
select create_role(json_object(val, 1)) from v where what = 'secret without ..';
select create_role(json_object(val, 1)) from v where what = 'secret cut to 16';
select create_role(json_object(val, 1)) from v where what = 'secret with a suffix';
select create_role(json_object(val, 1)) from v where what = 'token';
select create_role(json_object(val, 1)) from v where what = 'token cut to 30';
select create_role(json_object(val, 1)) from v where what = 'token with a suffix';
select create_role(json_object(val, 1)) from v where what = 'client_id';
-- ... the schema key goes:
select create_role(json_object('role_name', 'x', 'schema', val)) from v where what = 'secret';
select create_role(json_object('role_name', 'x', 'schema', val)) from v where what = 'secret without ..';
select create_role(json_object('role_name', 'x', 'schema', val)) from v where what = 'secret cut to 16';
select create_role(json_object('role_name', 'x', 'schema', val)) from v where what = 'secret with a suffix';
select create_role(json_object('role_name', 'x', 'schema', val)) from v where what = 'token';
select create_role(json_object('role_name', 'x', 'schema', val)) from v where what = 'token cut to 30';
select create_role(json_object('role_name', 'x', 'schema', val)) from v where what = 'token with a suffix';
select create_role(json_object('role_name', 'x', 'schema', val)) from v where what = 'client_id';
-- ... a client_key's client_id goes:
select update_client_privileges(json_object('client_key', json_object('client_id', val), 'privilege_names', 'nope')) from v where what = 'secret';
select update_client_privileges(json_object('client_key', json_object('client_id', val), 'privilege_names', 'nope')) from v where what = 'secret without ..';
select update_client_privileges(json_object('client_key', json_object('client_id', val), 'privilege_names', 'nope')) from v where what = 'secret cut to 16';
select update_client_privileges(json_object('client_key', json_object('client_id', val), 'privilege_names', 'nope')) from v where what = 'secret with a suffix';
select update_client_privileges(json_object('client_key', json_object('client_id', val), 'privilege_names', 'nope')) from v where what = 'token';
select update_client_privileges(json_object('client_key', json_object('client_id', val), 'privilege_names', 'nope')) from v where what = 'token cut to 30';
select update_client_privileges(json_object('client_key', json_object('client_id', val), 'privilege_names', 'nope')) from v where what = 'token with a suffix';
select update_client_privileges(json_object('client_key', json_object('client_id', val), 'privilege_names', 'nope')) from v where what = 'client_id';
-- ... a filter's key goes:
select revoke_client_secrets('svc', json_object(val, 1)) from v where what = 'secret';
select revoke_client_secrets('svc', json_object(val, 1)) from v where what = 'secret without ..';
select revoke_client_secrets('svc', json_object(val, 1)) from v where what = 'secret cut to 16';
select revoke_client_secrets('svc', json_object(val, 1)) from v where what = 'secret with a suffix';
select revoke_client_secrets('svc', json_object(val, 1)) from v where what = 'token';
select revoke_client_secrets('svc', json_object(val, 1)) from v where what = 'token cut to 30';
select revoke_client_secrets('svc', json_object(val, 1)) from v where what = 'token with a suffix';
select revoke_client_secrets('svc', json_object(val, 1)) from v where what = 'client_id';
-- ... a full-path pattern goes:
select create_privilege_mapping('p1', '/ords/main/' || val) from v where what = 'secret';
select create_privilege_mapping('p1', '/ords/main/' || val) from v where what = 'secret without ..';
select create_privilege_mapping('p1', '/ords/main/' || val) from v where what = 'secret cut to 16';
select create_privilege_mapping('p1', '/ords/main/' || val) from v where what = 'secret with a suffix';
select create_privilege_mapping('p1', '/ords/main/' || val) from v where what = 'token';
select create_privilege_mapping('p1', '/ords/main/' || val) from v where what = 'token cut to 30';
select create_privilege_mapping('p1', '/ords/main/' || val) from v where what = 'token with a suffix';
select create_privilege_mapping('p1', '/ords/main/' || val) from v where what = 'client_id';
-- ... a pattern not mapped goes:
select delete_privilege_mapping('p1', '/' || val) from v where what = 'secret';
select delete_privilege_mapping('p1', '/' || val) from v where what = 'secret without ..';
select delete_privilege_mapping('p1', '/' || val) from v where what = 'secret cut to 16';
select delete_privilege_mapping('p1', '/' || val) from v where what = 'secret with a suffix';
select delete_privilege_mapping('p1', '/' || val) from v where what = 'token';
select delete_privilege_mapping('p1', '/' || val) from v where what = 'token cut to 30';
select delete_privilege_mapping('p1', '/' || val) from v where what = 'token with a suffix';
select delete_privilege_mapping('p1', '/' || val) from v where what = 'client_id';
-- ... a full-path template goes:
select define_template('m1', 'ords/main/m1/' || val) from v where what = 'secret';
select define_template('m1', 'ords/main/m1/' || val) from v where what = 'secret without ..';
select define_template('m1', 'ords/main/m1/' || val) from v where what = 'secret cut to 16';
select define_template('m1', 'ords/main/m1/' || val) from v where what = 'secret with a suffix';
select define_template('m1', 'ords/main/m1/' || val) from v where what = 'token';
select define_template('m1', 'ords/main/m1/' || val) from v where what = 'token cut to 30';
select define_template('m1', 'ords/main/m1/' || val) from v where what = 'token with a suffix';
select define_template('m1', 'ords/main/m1/' || val) from v where what = 'client_id';
-- ... an imported client_id goes that another client holds:
select import_client('again', 'client_credentials', 'ops@example.org', NULL, val) from v where what = 'client_id';

-- The same with fixed shapes, one by one.
-- A generated secret, and without its "..": where a name goes.
select delete_role('RaFhM690PA6cN1ffpkNx3Q..');
select delete_role('RaFhM690PA6cN1ffpkNx3Q');
select grant_client_role('svc', 'RaFhM690PA6cN1ffpkNx3Q');
-- Cut short, or with a suffix.
select delete_module('RaFhM690PA6cN1ff');
select delete_module('RaFhM690PA6cN1ffpkNx3Q..extra');
select set_module_privilege('m1', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123');
select rename_client('AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde.sfx', 'x');
-- Items of p_origins_allowed.
select register_client('o', 'client_credentials', 'ops@example.org', NULL, NULL, 'RaFhM690PA6cN1ffpkNx3Q..');
select register_client('o', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://a.example.org, svc-secret-0123456789-abcdefghij');
select register_client('o', 'client_credentials', 'ops@example.org', NULL, NULL, 'https://a.example.org,example.org');
-- Keys: an unknown parameter, a client_key member, a filter member, a client_secret member.
select create_role(json_object('RaFhM690PA6cN1ffpkNx3Q', 'x'));
select create_role(json_object('role_nmae', 'x'));
select delete_client(json_object('client_key', json_object('RaFhM690PA6cN1ffpkNx3Q', 1)));
select revoke_client_secrets('svc', json_object('RaFhM690PA6cN1ffpkNx3Q', 1));
select register_client(json_object('name', 'z', 'grant_type', 'client_credentials', 'support_email', 'a@example.org',
                                   'client_secret', json_object('RaFhM690PA6cN1ffpkNx3Q', 1)));
-- A client_key's name and client_id.
select delete_client(json_object('client_key', json_object('name', 'RaFhM690PA6cN1ffpkNx3Q')));
select delete_client(json_object('client_key', json_object('client_id', 'RaFhM690PA6cN1ffpkNx3Q..')));
select delete_client(json_object('client_key', json_object('client_id', 'not-a-client')));
-- Schemas: a name shaped like a secret (it is a valid identifier), as given and upper-cased.
select ords_set_schema('RaFhM690PA6cN1ffpkNx3Q');
select ords_set_schema('RAFHM690PA6CN1FFPKNX3Q');
select create_role(json_object('role_name', 'x', 'schema', 'RaFhM690PA6cN1ffpkNx3Q'));
-- An alias that another schema holds, and names that exist already.
select enable_schema(1, 'A1', 'BASE_PATH', 'RaFhM690PA6cN1ffpkNx3Q');
select enable_schema(1, 'A2', 'BASE_PATH', 'RaFhM690PA6cN1ffpkNx3Q');
select create_role('AbCdEfGhIjKlMnOpQrStUv');
select create_role('AbCdEfGhIjKlMnOpQrStUv');
select define_privilege('p2', 'AbCdEfGhIjKlMnOpQrStUv', '/AbCdEfGhIjKlMnOpQrStUv/*');
select delete_role('AbCdEfGhIjKlMnOpQrStUv');
select create_privilege_mapping('p1', '/AbCdEfGhIjKlMnOpQrStUv/*');
select define_module('AbCdEfGhIjKlMnOpQrStUv', '/AbCdEfGhIjKlMnOpQrStUv/');
select define_module('m3', '/AbCdEfGhIjKlMnOpQrStUv/');
-- Patterns: a full path holding a secret, and a pattern that is not mapped.
select create_privilege_mapping('p1', '/ords/main/RaFhM690PA6cN1ffpkNx3Q../*');
select delete_privilege_mapping('p1', '/RaFhM690PA6cN1ffpkNx3Q');
-- Ordinary values are still shown, so a typo is easy to see.
select delete_role('CLIENT_TEST_ROLE');
select delete_module('oracle.dbtools.sqldev');
select ords_set_schema('nowhere');
