-- 52_tokens_calls: the token functions as SQL functions: atomic when failing part-way (R-37), DIRECTONLY (R-35: refused from views and triggers in the database file), check_request's named form, user_ords_sessions per schema.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('svc', 'emp_role');
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;

create temp table codes(k text primary key, code text);
create temp table tok(k text primary key, r text);
-- Every session row, in one line (no digest): what a failed call must leave unchanged.
create temp view snapshot as
  select ifnull((select group_concat(x, ';') from (select id || ',' || kind || ',' || ifnull(family, '-') || ',' || ifnull(user_name, '-') || ',' ||
                 ifnull(consumed_on, '-') || ',' || expires_on as x from ords_sec_session order by id)), '-') as s;
create temp table before(s);

-- R-37: each writing endpoint, made to fail after its n-th write statement, changes nothing.
-- oauth_token (client_credentials): the insert of the access token (the sweep of expired
-- sessions writes only when one has expired).
insert into tok select 'cc', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
insert into codes select 'c1', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'redirect_uri' as r);
select s from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') is not null as issued;
select s = (select s from before) as unchanged from snapshot;
-- oauth_authorize: the insert of the code.
select ords_security_test_fail_after_writes(1);
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'bob')) is not null as authorized;
select s = (select s from before) as unchanged from snapshot;
-- The code exchange fails after consuming the code, after the access token, after the refresh
-- token: each time the code stays unconsumed and no token is left behind.
select ords_security_test_fail_after_writes(1);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) is not null as exchanged from codes where k = 'c1';
select s = (select s from before) as unchanged from snapshot;
select ords_security_test_fail_after_writes(2);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) is not null as exchanged from codes where k = 'c1';
select s = (select s from before) as unchanged from snapshot;
select ords_security_test_fail_after_writes(3);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) is not null as exchanged from codes where k = 'c1';
select s = (select s from before) as unchanged from snapshot;
select ords_security_test_fail_after_writes(0);
-- Afterwards the code still works, once.
insert into tok select 'g1', oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from codes where k = 'c1';
select json_remove(r, '$.access_token', '$.refresh_token') as exchanged_after from tok where k = 'g1';
-- The refresh rotation, the same way.
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) is not null as refreshed from tok where k = 'g1';
select s = (select s from before) as unchanged from snapshot;
select ords_security_test_fail_after_writes(3);
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) is not null as refreshed from tok where k = 'g1';
select s = (select s from before) as unchanged from snapshot;
-- Revocation: the delete.
select ords_security_test_fail_after_writes(1);
select oauth_revoke(json_object('token', r ->> 'refresh_token', 'client_id', 'AppClientId0000000000A..',
    'client_secret', 'app-secret-0123456789-abcdefghij')) as revoked from tok where k = 'g1';
select s = (select s from before) as unchanged from snapshot;
select ords_security_test_fail_after_writes(0);
insert into tok select 'g2', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'g1';
select k, check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status from tok order by k;
-- A replay whose ending of the family fails: the error is raised and the family is still alive.
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as replay from codes where k = 'c1';
select s = (select s from before) as unchanged from snapshot;
select ords_security_test_fail_after_writes(0);
-- Done for real: the replay is answered invalid_grant and the family ends (that write is kept).
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as replay from codes where k = 'c1';
select k, check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status from tok order by k;

-- check_request's named form: keys method, path, authorization, origin (with or without p_).
select check_request(json_object('method', 'GET', 'path', '/emp/1', 'authorization', 'Bearer ' || (r ->> 'access_token'))) ->> 'status' as named
  from tok where k = 'cc';
select check_request(json_object('P_METHOD', 'GET', 'p_path', '/emp/1', 'p_authorization', 'Bearer ' || (r ->> 'access_token'),
       'p_origin', 'https://app.example.org')) ->> 'status' as named_p from tok where k = 'cc';
select check_request(json_object('method', 'GET', 'path', '/emp/1')) ->> 'status' as named_anonymous;
select check_request(json_object('method', 'GET', 'path', '/emp/1', 'token', 'x'));
select check_request(json_object('method', 'GET', 'path', '/emp/1', 'schema', 'NOPE'));

-- R-35: the token functions and check_request are DIRECTONLY: a view or a trigger of the database
-- file that calls one fails when used; user_ords_sessions (no token in it) may be used there.
create view v_token as select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as r;
create view v_authorize as select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'eve')) as r;
create view v_revoke as select oauth_revoke(json_object('token', 'x', 'client_id', 'SvcClientId0000000000A..')) as r;
create view v_introspect as select oauth_introspect(json_object('token', 'x', 'client_id', 'SvcClientId0000000000A..')) as r;
create view v_decide as select check_request('GET', '/emp/1', NULL) as r;
create view v_sessions as select count(*) as n from user_ords_sessions;
select * from v_token;
select * from v_authorize;
select * from v_revoke;
select * from v_introspect;
select * from v_decide;
select n > 0 as sessions_view_in_a_view from v_sessions;
create table t(x);
create trigger t_token after insert on t begin select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij'); end;
insert into t values (1);
drop trigger t_token;
create trigger t_decide after insert on t begin select check_request('GET', '/emp/1', NULL); end;
insert into t values (2);
select count(*) as rows_in_t from t;
drop view v_token; drop view v_authorize; drop view v_revoke; drop view v_introspect; drop view v_decide; drop view v_sessions;
drop trigger t_decide; drop table t;

-- user_ords_sessions shows the current schema's sessions only, and never a token or digest.
select enable_schema(TRUE, 'HR', 'BASE_PATH', 'hr');
select ords_set_schema('HR');
select import_client('hrsvc', 'client_credentials', 'ops@example.org', NULL, 'HrSvcClient000000000AA..') ->> 'client_id' as client_id;
select register_client_secret('hrsvc', 'hrsvc-secret-0123456789-abcdefg') ->> '$.client_secret.slot' as slot;
select create_role(json_object('role_name', 'hr_role', 'schema', 'HR'));
select create_privilege(json_object('name', 'hr_emp_priv', 'role_name', 'hr_role', 'schema', 'HR'));
select create_privilege_mapping(json_object('privilege_name', 'hr_emp_priv', 'pattern', '/emp/*', 'schema', 'HR'));
select ords_set_schema('MAIN');
select oauth_token('client_credentials', 'HrSvcClient000000000AA..', 'hrsvc-secret-0123456789-abcdefg') ->> 'token_type' as hr_token;
-- check_request's `schema` key decides a relative path in that schema, as /ords/hr/ would.
select check_request(json_object('method', 'GET', 'path', '/emp/1', 'schema', 'hr')) as named_schema;
select check_request(json_object('method', 'GET', 'path', '/ords/main/emp/1', 'schema', 'hr')) ->> 'schema' as alias_wins;
select name from pragma_table_info('user_ords_sessions') order by cid;
select client_id, client_name, user_name, kind, scope, issued_on, expires_on from user_ords_sessions order by id;
select ords_set_schema('HR');
select client_id, client_name, user_name, kind, scope, issued_on, expires_on from user_ords_sessions order by id;
select ords_set_schema('MAIN');
select * from user_ords_sessions where id < 0;
insert into user_ords_sessions(id) values (1);
delete from user_ords_sessions;
