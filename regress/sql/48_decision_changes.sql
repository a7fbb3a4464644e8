-- 48_decision_changes: every change to what protects a path or what a token may do takes effect on the next decision (R-18): roles, mappings, privileges, modules, client privileges, deleted clients, disabled schemas; inside a transaction and after ROLLBACK; and changes made by another connection.
-- Tokens are captured in tok (k, t) and never printed. A file database, for the second connection.
.open t48.db
.load ./ords_security
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_role('other_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
select define_module('hr', '/hr/');
select create_privilege('hr_priv', 'emp_role');
select set_module_privilege('hr', 'hr_priv');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('svc', 'emp_role');
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv,hr_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;

create temp table tok(k text primary key, t text);
insert into tok select 'svc', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') ->> 'access_token';
insert into tok select 'alice', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43), 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'access_token'
  from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'redirect_uri' as r);
-- The decisions for /emp/1 and /hr/1: anonymous, with svc's token, with alice's token.
create temp view now as
  select p, check_request('GET', p, NULL) ->> 'status' as anonymous,
         (select check_request('GET', p, 'Bearer ' || t) ->> 'status' from tok where k = 'svc') as svc,
         (select check_request('GET', p, 'Bearer ' || t) ->> 'status' from tok where k = 'alice') as alice,
         check_request('GET', p, NULL) ->> 'privilege' as privilege
    from (select '/emp/1' as p union all select '/hr/1') order by p;
select * from now;

-- Revoking the role: svc is refused at once; granting it back restores access.
select revoke_client_role('svc', 'emp_role');
select * from now;
select grant_client_role('svc', 'emp_role');
select * from now;
-- The privilege's roles replaced (define_privilege): svc's role no longer counts.
select define_privilege('emp_priv', 'other_role', '/emp/*');
select * from now;
select define_privilege('emp_priv', 'emp_role', '/emp/*');
select * from now;
-- The mapping deleted: the path is public; created again: protected again.
select delete_privilege_mapping('emp_priv', '/emp/*');
select * from now;
select create_privilege_mapping('emp_priv', '/emp/*');
select * from now;
-- The module's privilege taken away, then given back.
select set_module_privilege('hr', NULL);
select * from now;
select set_module_privilege('hr', 'hr_priv');
select * from now;
-- The privilege taken out of the app's privilege list: alice's approved scope no longer counts.
select update_client_privileges('app', 'emp_priv');
select * from now;
select check_request('GET', '/hr/1', 'Bearer ' || t) ->> 'reason' as reason from tok where k = 'alice';
select update_client_privileges('app', 'emp_priv,hr_priv');
select * from now;
-- A privilege renamed: scopes hold privilege names, so a token approved for the old name no longer
-- satisfies it (a new authorization asks for the new name).
select rename_privilege('hr_priv', 'hr_priv_v2');
select * from now;
select rename_privilege('hr_priv_v2', 'hr_priv');
select * from now;
-- The privilege deleted: its paths are public.
select delete_privilege('hr_priv');
select * from now;
select create_privilege('hr_priv', 'emp_role');
select set_module_privilege('hr', 'hr_priv');
select update_client_privileges('app', 'emp_priv,hr_priv');
select * from now;

-- Inside a transaction the decision sees the transaction's own changes, and after ROLLBACK the
-- state before it: a path made public inside, then rolled back, is protected again.
begin;
select delete_privilege_mapping('emp_priv', '/emp/*');
select revoke_client_role('svc', 'emp_role');
select * from now;
rollback;
select * from now;
begin;
select * from now;
select create_privilege_mapping('emp_priv', '/x/*');
select check_request('GET', '/x/1', NULL) ->> 'status' as new_mapping_inside;
rollback;
select check_request('GET', '/x/1', NULL) ->> 'status' as after_rollback;
begin;
select create_privilege_mapping('emp_priv', '/x/*');
commit;
select check_request('GET', '/x/1', NULL) ->> 'status' as after_commit;

-- Changes made by another connection to the same file are seen on the next decision.
.connection 1
.open t48.db
.load ./ords_security
select revoke_client_role('svc', 'emp_role');
select delete_privilege_mapping('emp_priv', '/x/*');
.connection 0
select * from now;
select check_request('GET', '/x/1', NULL) ->> 'status' as deleted_by_other_connection;
.connection 1
select grant_client_role('svc', 'emp_role');
select delete_client('app');
.connection 0
select * from now;
.connection 1
select enable_schema(FALSE, 'MAIN');
.connection 0
select check_request('GET', '/ords/main/emp/1', NULL) as disabled_schema;
.connection 1
select enable_schema(TRUE, 'MAIN');
.connection 0
.connection close 1
select check_request('GET', '/ords/main/emp/1', NULL) ->> 'status' as enabled_again;

-- Deleting the client ends its tokens: svc's token is now unknown.
select delete_client('svc');
select * from now;
select check_request('GET', '/emp/1', 'Bearer ' || t) as deleted_client from tok where k = 'svc';
