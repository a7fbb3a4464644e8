-- 50_decision_readonly_persistence: a read-only connection decides and introspects but cannot issue or revoke; revocation, consumption and rotation state survive closing and reopening the database (R-13).
-- Tokens are kept in a separate scratch file k50.db (table k.tok) so they survive .open; never printed.
.open t50.db
.load ./ords_security
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
attach 'k50.db' as k;
create table k.tok(k text primary key, r text);
create table k.codes(k text primary key, code text);
insert into k.tok select 'live', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
insert into k.tok select 'revoked', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select oauth_revoke(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as revoked from k.tok where k = 'revoked';
-- A code exchanged once (c1), a code not yet exchanged (c2), and a grant refreshed once (g1 -> g2).
insert into k.codes select 'c' || n, substr(r, instr(r, 'code=') + 5, 43)
  from (select 1 as n, oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'redirect_uri' as r
        union all select 2, oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'bob')) ->> 'redirect_uri');
insert into k.tok select 'g1', oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from k.codes where k = 'c1';
insert into k.tok select 'g2', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from k.tok where k = 'g1';
select k, check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status from k.tok order by k;
detach k;

-- Read-only: the same decisions, introspection, and the views; no writes.
.open --readonly t50.db
.load ./ords_security
select ords_security_test_clock(1790000000);
attach 'k50.db' as k;
select k, check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status from k.tok order by k;
select check_request('GET', '/emp/1', NULL) as anonymous;
select k, oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) ->> 'active' as active from k.tok where k in ('live', 'revoked') order by k;
select client_name, user_name, kind from user_ords_sessions order by id;
-- Issuing, authorizing and revoking write: refused with a clear error on a read-only connection.
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'carol'));
select oauth_revoke(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) from k.tok where k = 'live';
-- Expiry needs no write: at expires_on the token is refused here too (it is purged later, by a writer).
select ords_security_test_clock(1790003600);
select k, check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status from k.tok order by k;
-- ... and user_ords_sessions no longer lists the expired ones (their rows wait for a writer's sweep).
select count(*) as listed from user_ords_sessions;
detach k;

-- Reopened read-write: everything decided before is still so (R-13).
.open t50.db
.load ./ords_security
select ords_security_test_clock(1790000100);
attach 'k50.db' as k;
select k, check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status from k.tok order by k;
-- The revoked token stays revoked; the consumed code stays consumed (and its replay still ends
-- the family); the unexchanged code still works once.
select oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as revoked_after_reopen from k.tok where k = 'revoked';
insert into k.tok select 'c2', oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from k.codes where k = 'c2';
select k, check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'user' as user from k.tok where k = 'c2';
-- The rotated refresh token (g1's) is still known as consumed: its reuse ends alice's family.
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as reuse_after_reopen from k.tok where k = 'g1';
select k, check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status from k.tok order by k;
-- The replayed code c1 after reopen: refused.
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as replay_after_reopen from k.codes where k = 'c1';
select client_name, user_name, kind from user_ords_sessions order by id;
detach k;
-- The database file is sound.
pragma integrity_check;
