-- 60_host_boundary: what the SQLite boundary guarantees (issue 7): one strict JSON reader for every
-- JSON argument (a NUL nested in a client_secret object is refused, not cut short; the same text
-- means the same with or without SQLite's JSON subtype; duplicate members are refused), whole-number
-- REAL values where integers and booleans go, a call that cannot deliver its answer changes
-- nothing (SQLITE_LIMIT_LENGTH), a writer called for each row of a view ends, and the views that
-- show names, scopes, roles or mappings cannot be read from a trigger of an ATTACHed file.
-- Secrets and tokens are captured in temp tables and never printed.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
-- (a long scope name makes the token answer longer than the request that asks for it)
select create_privilege('employee_records_privilege_with_a_rather_long_scope_name_for_the_test', 'emp_role');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv,employee_records_privilege_with_a_rather_long_scope_name_for_the_test', NULL,
                     'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;

-- 1. A NUL escaped inside a nested secret is refused wherever the object comes from: tagged JSON,
--    plain text (as read from a table), or nested in the named form. Nothing was registered, and
--    the prefix before the NUL does not authenticate.
select register_client_secret('svc', json('{"secret":"svc-secret-0123456789\u0000-abcdefghij"}'));
select register_client_secret('svc', '{"secret":"svc-secret-0123456789\u0000-abcdefghij"}');
select register_client_secret(json_object('name', 'svc', 'client_secret', json('{"secret":"svc-secret-0123456789\u0000-abcdefghij"}')));
create temp table inputs(k text primary key, v text);
insert into inputs values ('nul_secret', '{"secret":"svc-secret-0123456789\u0000-abcdefghij"}');
select register_client_secret('svc', v) from inputs where k = 'nul_secret';
select ords_security_test_client_auth('SvcClientId0000000000A..', 'svc-secret-0123456789') as prefix_authenticates;
select count(client_secret_issued_on) as secrets_of_svc from user_ords_clients where name = 'svc';
-- The same object as plain text (from a table, no subtype) means what json() of it means.
insert into inputs values ('secret_obj', '{"secret":"svc-secret-0123456789-abcdefghij","slot":2}');
select register_client_secret('svc', v) ->> '$.client_secret.slot' as slot from inputs where k = 'secret_obj';
select ords_security_test_client_auth('SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as authenticates;
-- A named-argument object read from a table (no subtype) is the named form, as json_object() is.
insert into inputs values ('named', '{"role_name": "from_table"}');
select create_role(v) from inputs where k = 'named';
select name from user_ords_roles where name = 'from_table';
-- Duplicate members are refused at every depth; a nested object given as JSON text is parsed.
select create_role('{"role_name": "d1", "role_name": "d2"}');
select register_client_secret(json_object('name', 'svc', 'client_secret', '{"slot": 1, "slot": 2}'));
select revoke_client_secrets('svc', '{"slot": 1, "slot": 1}');
select create_privilege_mapping('emp_priv', '["/a/*", "/b/*\u0000"]');
select create_role('{"role_name": "x"} trailing');

-- 2. Whole-number REAL values (better-sqlite3 binds every JavaScript number as REAL).
select rotate_client_secret('svc', 0.0, 0.0) is not null as rotated;
select enable_schema(1.0, 'real_b');
select define_module('m_real', '/m_real/', 5.0);
select items_per_page from user_ords_modules where name = 'm_real';
select rotate_client_secret('svc', 1.5);
select define_module('m_real2', '/m_real2/', 1.5);

-- 3. A call whose answer cannot be delivered changes nothing. Under a 150-byte length limit the
--    rotation with revoke_existing (named: its answer is the client key and the secret, 173
--    bytes) fails, and both slots keep their secrets.
create temp table slots as select client_secret_issued_on as s1, client_secret_2_issued_on as s2
  from user_ords_clients where name = 'svc';
select ords_security_test_clock_advance(10);
.limits length 150
select rotate_client_secret(json_object('name', 'svc', 'revoke_existing', 1));
.limits length 1000000000
select (select client_secret_issued_on is s1 and client_secret_2_issued_on is s2 from user_ords_clients where name = 'svc') as slots_unchanged
  from slots;
select ords_security_test_client_auth('SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as still_authenticates;
--    A refresh under the limit fails and does not spend the refresh token: it still works after.
create temp table tok(k text primary key, r text);
insert into tok select 'g1', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43), 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij'))
  from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'redirect_uri' as r);
create temp table rt as select r ->> 'refresh_token' as t from tok where k = 'g1';
select count(*) as sessions_before from user_ords_sessions;
.limits length 200
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', t,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) is not null from rt;
.limits length 1000000000
select count(*) as sessions_after_failed_refresh from user_ords_sessions;
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'token_type' as refreshed
  from tok where k = 'g1';

-- 4. A writer called for each row of a view ends: the view's rows are taken when the scan starts,
--    so the sessions each call adds are not read by the same scan (LIMIT bounds it if not).
select count(*) as sessions_now from user_ords_sessions;
select count(*) as calls, sum(r ->> 'token_type' = 'bearer') as tokens
  from (select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as r
          from user_ords_sessions limit 50);
select count(*) as sessions_after from user_ords_sessions;

-- 5. A trigger in an ATTACHed file cannot copy main's metadata out through the views that show
--    user names, scopes, roles or mappings (DIRECTONLY); the innocuous ones still work there.
attach '60_uat.db' as uat;
create table uat.t(a);
create table uat.copy(x);
create trigger uat.t_roles after insert on t begin insert into copy select name from user_ords_roles; end;
insert into uat.t values (1);
drop trigger uat.t_roles;
create trigger uat.t_privs after insert on t begin insert into copy select name from user_ords_privileges; end;
insert into uat.t values (1);
drop trigger uat.t_privs;
create trigger uat.t_maps after insert on t begin insert into copy select pattern from user_ords_privilege_mappings; end;
insert into uat.t values (1);
drop trigger uat.t_maps;
create trigger uat.t_proles after insert on t begin insert into copy select role_name from user_ords_privilege_roles; end;
insert into uat.t values (1);
drop trigger uat.t_proles;
create trigger uat.t_croles after insert on t begin insert into copy select role_name from user_ords_client_roles; end;
insert into uat.t values (1);
drop trigger uat.t_croles;
create trigger uat.t_cprivs after insert on t begin insert into copy select name from user_ords_client_privileges; end;
insert into uat.t values (1);
drop trigger uat.t_cprivs;
create trigger uat.t_sessions after insert on t begin insert into copy select user_name from user_ords_sessions; end;
insert into uat.t values (1);
drop trigger uat.t_sessions;
create trigger uat.t_modules after insert on t begin insert into copy select name from user_ords_modules; end;
insert into uat.t values (1);
drop trigger uat.t_modules;
select count(*) as copied, group_concat(x) as what from uat.copy;
detach uat;
