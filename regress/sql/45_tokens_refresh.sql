-- 45_tokens_refresh: oauth_token grant refresh_token: rotation (a new refresh token each time, the old one refused), reuse of a consumed one ends the family (R-11), bound to the client (R-10), scope narrowing, expiry, type confusion.
-- Tokens are captured in tok (k, r) and never printed.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
select create_privilege('dept_priv', 'emp_role');
select create_privilege_mapping('dept_priv', '/dept/*');
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv,dept_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select import_client('app2', 'authorization_code', 'ops@example.org', 'Another web app', 'App2Client0000000000AA..',
                     'emp_priv,dept_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app2', 'app2-secret-0123456789-abcdefghi') ->> '$.client_secret.slot' as slot;
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;

create temp table tok(k text primary key, r text);
-- Each answer: its body without tokens, and what its access token gets at /emp and /dept now.
create temp view answers as
  select k, json_remove(r, '$.access_token', '$.refresh_token') as body,
         check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as emp,
         check_request('GET', '/dept/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as dept
    from tok;
-- Introspection of each refresh token by its client: is it live?
create temp view refresh_live as
  select k, oauth_introspect(json_object('token', r ->> 'refresh_token', 'client_id', 'AppClientId0000000000A..',
           'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'active' as refresh_active
    from tok;

-- A grant for alice (scope: every privilege of the client).
insert into tok select 'g1', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43), 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij'))
  from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'redirect_uri' as r);
select * from answers;

-- Rotation: each refresh returns a new access token and a new refresh token, same user and scope.
select ords_security_test_clock_advance(100);
insert into tok select 'g2', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'g1';
select group_concat(key, ',') as keys from (select key from tok, json_each(tok.r) where k = 'g2' order by id);
select * from answers order by k;
select count(distinct r ->> 'access_token') as distinct_access, count(distinct r ->> 'refresh_token') as distinct_refresh from tok;
select * from refresh_live order by k;
select user_name, kind, scope, issued_on, expires_on from user_ords_sessions order by id;
-- The old refresh token is refused (and that is a reuse: see below). Rotate twice more first.
select ords_security_test_clock_advance(100);
insert into tok select 'g3', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'g2';
insert into tok select 'g4', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'authorization', 'Basic QXBwQ2xpZW50SWQwMDAwMDAwMDAwQS4uOmFwcC1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq')) from tok where k = 'g3';
select * from answers order by k;
select * from refresh_live order by k;

-- R-10: the refresh token is bound to its client: app2 (right secret, wrong client) is refused,
-- a client_credentials client may not refresh at all, and the token survives both.
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'App2Client0000000000AA..', 'client_secret', 'app2-secret-0123456789-abcdefghi')) as other_client from tok where k = 'g4';
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij')) as cc_client from tok where k = 'g4';
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..')) ->> 'error' as no_secret from tok where k = 'g4';
select * from refresh_live where k = 'g4';

-- R-11: presenting a consumed refresh token (g1's) fails and ends the whole family: every access
-- and refresh token of alice's grant, the newest included.
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as reuse from tok where k = 'g1';
select * from answers order by k;
select * from refresh_live order by k;
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as newest_after_reuse from tok where k = 'g4';
select count(*) as sessions_left from user_ords_sessions;

-- Another family is not touched by that: bob's grant, refreshed with a narrower scope.
insert into tok select 'b1', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43), 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij'))
  from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'bob')) ->> 'redirect_uri' as r);
-- A scope wider than the grant's (extra_priv, now one of the client's privileges but not approved
-- for this grant): invalid_scope, and the refresh token is not consumed.
select create_privilege('extra_priv', 'emp_role');
select update_client_privileges('app', 'emp_priv,dept_priv,extra_priv');
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token', 'scope', 'emp_priv extra_priv',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as wider_scope from tok where k = 'b1';
select * from refresh_live where k = 'b1';
-- Narrowing: the new access token carries the smaller scope; the new refresh token keeps the
-- grant's scope (RFC 6749 6, issue 7), so a refresh without scope gets the whole grant again and a
-- refresh may ask for another part of it (widen_back: no error).
insert into tok select 'b2', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token', 'scope', 'emp_priv',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'b1';
insert into tok select 'b3', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'b2';
-- Still never wider than the grant.
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token', 'scope', 'emp_priv extra_priv',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as still_not_wider from tok where k = 'b3';
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token', 'scope', 'dept_priv',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as widen_back from tok where k = 'b3';
select * from answers where k like 'b%' order by k;
select user_name, kind, scope from user_ords_sessions order by id;

-- Refresh token lifetime: security.oauth.refreshTokenLifetime (86400), or the client's
-- refresh_duration; refreshable one second before expires_on, not at it. Each rotation starts a
-- new refresh lifetime (c2's refresh token expires 1000 s after the refresh that made it).
select ords_security_config('security.oauth.refreshTokenLifetime') as refresh_lifetime;
select update_client_token_duration('app', 600, 1000, NULL);
select ords_security_test_clock(1790100000);
insert into tok select 'c1', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43), 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij'))
  from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'carol')) ->> 'redirect_uri' as r);
select user_name, kind, issued_on, expires_on from user_ords_sessions where user_name = 'carol' order by id;
select ords_security_test_clock(1790100999);
insert into tok select 'c2', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'c1';
select * from answers where k = 'c2';
select user_name, kind, issued_on, expires_on from user_ords_sessions where user_name = 'carol' order by id;
select ords_security_test_clock(1790101998);
select * from refresh_live where k = 'c2';
select ords_security_test_clock(1790101999);
select * from refresh_live where k = 'c2';
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as expired_refresh from tok where k = 'c2';
select update_client_token_duration('app', NULL, NULL, NULL);

-- The refresh_token parameter: missing, unknown, malformed, or a token of another kind.
insert into tok select 'd1', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43), 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij'))
  from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'dave')) ->> 'redirect_uri' as r);
select oauth_token(json_object('grant_type', 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as no_refresh_token;
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as unknown;
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', '',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as empty;
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'access_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as access_as_refresh from tok where k = 'd1';
-- The access token presented as a refresh token neither works nor harms the grant.
select * from answers where k = 'd1';
select * from refresh_live where k = 'd1';
