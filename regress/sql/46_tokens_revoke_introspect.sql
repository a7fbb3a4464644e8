-- 46_tokens_revoke_introspect: oauth_revoke (RFC 7009) and oauth_introspect (RFC 7662): client authentication required, own tokens only (R-14, R-16), unknown tokens answered success, a refresh token's revocation ends its family (R-15), inactive tokens show nothing but {"active":false}.
-- Tokens are captured in tok (k, r) and never printed.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('svc', 'emp_role');

create temp table tok(k text primary key, r text);
-- Each captured token: what check_request says of its access token, and what its own client's
-- introspection says of the access and refresh tokens.
create temp view state as
  select k, check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status,
         oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', cid, 'client_secret', secret)) ->> 'active' as access_active,
         oauth_introspect(json_object('token', r ->> 'refresh_token', 'client_id', cid, 'client_secret', secret)) ->> 'active' as refresh_active
    from tok join (select 'a' as p, 'AppClientId0000000000A..' as cid, 'app-secret-0123456789-abcdefghij' as secret
                   union all select 's', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') on p = substr(k, 1, 1);
-- The app's grants (keys a*) and svc's tokens (keys s*).
create temp table codes(k text primary key, code text);
insert into codes select 'a1', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'redirect_uri' as r);
insert into codes select 'a2', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'bob')) ->> 'redirect_uri' as r);
insert into tok select k, oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from codes order by k;
insert into tok select 's1', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
insert into tok select 's2', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select * from state order by k;

-- Introspection of a live access token by its client (RFC 7662 2.2): active, client_id, username,
-- scope, token_type, exp, iat. The token itself is never in the answer.
select oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')) as introspection from tok where k = 'a1';
select oauth_introspect(json_object('token', r ->> 'refresh_token', 'token_type_hint', 'refresh_token',
       'authorization', 'Basic QXBwQ2xpZW50SWQwMDAwMDAwMDAwQS4uOmFwcC1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq')) as refresh_introspection from tok where k = 'a1';
select oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as client_credentials_token from tok where k = 's1';
-- R-16: another client's token, an unknown or malformed token, a code: {"active":false} and nothing else.
select oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as other_clients_token from tok where k = 'a1';
select oauth_introspect(json_object('token', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as unknown_token;
select oauth_introspect(json_object('token', 'not a token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as malformed_token;
select oauth_introspect(json_object('token', code, 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')) as consumed_code from codes where k = 'a1';
insert into codes select 'a3', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'carol')) ->> 'redirect_uri' as r);
select oauth_introspect(json_object('token', code, 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')) as live_code from codes where k = 'a3';
-- Introspection needs the caller's own credentials: none, a wrong secret, or two methods at once.
select oauth_introspect(json_object('token', r ->> 'access_token')) as no_client from tok where k = 's1';
select oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..')) as no_secret from tok where k = 's1';
select oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'wrong')) as wrong_secret from tok where k = 's1';
select oauth_introspect(json_object('token', r ->> 'access_token', 'client_secret', 'svc-secret-0123456789-abcdefghij',
       'authorization', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq')) ->> 'error' as two_methods from tok where k = 's1';
select oauth_introspect(json_object('client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij')) as no_token;
-- Positional: token, token_type_hint, client_id, client_secret, authorization.
select oauth_introspect(r ->> 'access_token', NULL, 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') ->> 'active' as positional
  from tok where k = 's1';

-- R-14: a client cannot revoke another client's token: refused, and the token stays valid.
select oauth_revoke(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as other_clients_access from tok where k = 'a1';
select oauth_revoke(json_object('token', r ->> 'refresh_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) ->> 'error' as other_clients_refresh from tok where k = 'a1';
select oauth_revoke(json_object('token', r ->> 'access_token', 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as app_revokes_svc from tok where k = 's1';
-- Revocation needs client authentication too, and a wrong secret changes nothing.
select oauth_revoke(json_object('token', r ->> 'access_token')) as no_client from tok where k = 's1';
select oauth_revoke(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'wrong')) as wrong_secret from tok where k = 's1';
select oauth_revoke(json_object('client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij')) as no_token;
-- An unknown token_type_hint is ignored (RFC 7009 2.1: a hint is only a hint): s1 is revoked.
select oauth_revoke(json_object('token', r ->> 'access_token', 'token_type_hint', 'id_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as unknown_hint from tok where k = 's1';
select * from state order by k;

-- Revoking an unknown, malformed or already revoked token answers success ({}), saying nothing
-- about whether it existed.
select oauth_revoke(json_object('token', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as unknown_token;
select oauth_revoke(json_object('token', 'x', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as malformed_token;

-- Own access token (client_credentials, already revoked above), by form fields, then again: {} both times.
select oauth_revoke(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as own_access from tok where k = 's1';
select oauth_revoke(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as again from tok where k = 's1';
-- Positional form with HTTP Basic (the hint is only a hint: a wrong one does not matter).
select oauth_revoke(r ->> 'access_token', 'refresh_token', NULL, NULL,
       'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq') as by_basic from tok where k = 's2';
select * from state order by k;
select oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as revoked from tok where k = 's1';

-- Revoking an access token of a grant ends that token only; the refresh token still works.
select oauth_revoke(json_object('token', r ->> 'access_token', 'token_type_hint', 'access_token', 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')) as grant_access from tok where k = 'a2';
select * from state where k = 'a2';
insert into tok select 'a2b', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'a2';
select * from state where k like 'a2%' order by k;
-- R-15: revoking a refresh token ends its whole family: the access tokens made with it or before it.
select oauth_revoke(json_object('token', r ->> 'refresh_token', 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')) as grant_refresh from tok where k = 'a1';
select * from state order by k;
select oauth_introspect(json_object('token', r ->> 'refresh_token', 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')) as revoked_refresh from tok where k = 'a1';
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as refresh_after_revoke from tok where k = 'a1';
-- Revoking a live code (by its client) ends it as well: it can no longer be exchanged.
select oauth_revoke(json_object('token', code, 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')) as code_revoked from codes where k = 'a3';
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as exchange_after_revoke from codes where k = 'a3';

-- Expired tokens: inactive at expires_on, whoever asks.
insert into tok select 's3', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select ords_security_test_clock(1790003599);
select * from state where k = 's3';
select ords_security_test_clock(1790003600);
select * from state where k = 's3';
select oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as expired from tok where k = 's3';
-- Revoking an expired token is a success too.
select oauth_revoke(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
       'client_secret', 'svc-secret-0123456789-abcdefghij')) as revoke_expired from tok where k = 's3';

-- Malformed calls raise: wrong types, too many arguments.
select oauth_revoke(1);
select oauth_introspect(json_object('token', json_array('x')));
select oauth_revoke('a', 'b', 'c', 'd', 'e', 'f');
select user_name, kind, scope from user_ords_sessions order by id;
