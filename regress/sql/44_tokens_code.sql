-- 44_tokens_code: oauth_token grant authorization_code: the success body, single use (R-04), bound to its client without being burnt by another (R-06), expiry (R-05), redirect_uri binding (R-07), PKCE S256 (R-09), type confusion.
-- Codes and tokens are captured in temp tables and never printed.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select import_client('app2', 'authorization_code', 'ops@example.org', 'Another web app', 'App2Client0000000000AA..',
                     'emp_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app2', 'app2-secret-0123456789-abcdefghi') ->> '$.client_secret.slot' as slot;
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;

-- codes: each code taken from the authorization redirect; tok: token endpoint answers.
create temp table codes(k text primary key, code text);
create temp table tok(k text primary key, r text);
-- What a stored answer shows: the body without its tokens, and what each token does now.
create temp view answers as
  select k, json_remove(r, '$.access_token', '$.refresh_token') as body,
         length(r ->> 'access_token') as access_length, length(r ->> 'refresh_token') as refresh_length,
         (r ->> 'access_token') <> (r ->> 'refresh_token') as distinct_tokens,
         check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as access_status
    from tok;
-- (using it rotates the refresh token: only for tokens that should no longer work)
create temp view refresh_works as
  select k, oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
           'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as refresh_error
    from tok;

-- A code for alice, then its exchange (no redirect_uri was given, none is needed).
insert into codes select 'c1', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'alice', 'state', 's')) ->> 'redirect_uri' as r);
insert into tok select 'c1', oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from codes where k = 'c1';
-- The body: access_token, token_type, expires_in, refresh_token, and the approved scope.
select group_concat(key, ',') as keys from (select key from tok, json_each(tok.r) where k = 'c1' order by id);
select * from answers where k = 'c1';
select check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) as decision from tok where k = 'c1';
-- The code is consumed: the view lists alice's access and refresh tokens, not the code.
select user_name, kind, scope, issued_on, expires_on from user_ords_sessions order by id;

-- R-04: a second use of the code fails, and ends every token made from the first use.
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as second_use from codes where k = 'c1';
select * from answers where k = 'c1';
select * from refresh_works where k = 'c1';
select count(*) as sessions_left from user_ords_sessions;
-- A third use: still refused.
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as third_use from codes where k = 'c1';

-- R-06: a code presented by another client fails, and is not burnt: its own client redeems it after.
insert into codes select 'c2', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'bob')) ->> 'redirect_uri' as r);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'App2Client0000000000AA..', 'client_secret', 'app2-secret-0123456789-abcdefghi')) as by_other_client from codes where k = 'c2';
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij')) ->> 'error' as by_cc_client from codes where k = 'c2';
-- The wrong secret for the right client: invalid_client, the code untouched.
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'wrong')) ->> 'error' as wrong_secret from codes where k = 'c2';
insert into tok select 'c2', oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from codes where k = 'c2';
select * from answers where k = 'c2';
-- And HTTP Basic works for this grant too: base64('AppClientId0000000000A..:app-secret-0123456789-abcdefghij').
insert into codes select 'c2b', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'bob')) ->> 'redirect_uri' as r);
insert into tok select 'c2b', oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'authorization', 'Basic QXBwQ2xpZW50SWQwMDAwMDAwMDAwQS4uOmFwcC1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq')) from codes where k = 'c2b';
select * from answers where k = 'c2b';

-- R-05: a code lives security.oauth.codeLifetime seconds (300): redeemable at 299, not at 300.
select ords_security_config('security.oauth.codeLifetime') as code_lifetime;
insert into codes select 'c3', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'carol')) ->> 'redirect_uri' as r);
insert into codes select 'c4', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'carol')) ->> 'redirect_uri' as r);
select ords_security_test_clock(1790000299);
insert into tok select 'c3', oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from codes where k = 'c3';
select * from answers where k = 'c3';
select ords_security_test_clock(1790000300);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as expired_code from codes where k = 'c4';
-- The client's own code_duration wins (update_client_token_duration: token, refresh, code).
select update_client_token_duration('app', NULL, NULL, 60);
insert into codes select 'c5', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'carol')) ->> 'redirect_uri' as r);
select user_name, kind, issued_on, expires_on from user_ords_sessions where kind = 'code' order by id;
select ords_security_test_clock_advance(60);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as after_60s from codes where k = 'c5';
select update_client_token_duration('app', NULL, NULL, NULL);

-- R-07: a code asked for with a redirect_uri needs the identical redirect_uri at the token
-- endpoint; a missing or different one fails and does not burn the code.
select ords_security_test_clock(1790001000);
insert into codes select 'c6', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'redirect_uri', 'https://app.example.org/cb', 'user', 'dave')) ->> 'redirect_uri' as r);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as no_redirect_uri from codes where k = 'c6';
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'redirect_uri', 'https://app.example.org/cb/',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as other_redirect_uri from codes where k = 'c6';
insert into tok select 'c6', oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'redirect_uri', 'https://app.example.org/cb',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from codes where k = 'c6';
select * from answers where k = 'c6';
-- A code asked for without one may still be sent the registered URI, but no other.
insert into codes select 'c7', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'dave')) ->> 'redirect_uri' as r);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'redirect_uri', 'https://evil.example/cb',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as unregistered from codes where k = 'c7';
insert into tok select 'c7', oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'redirect_uri', 'https://app.example.org/cb',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from codes where k = 'c7';
select * from answers where k = 'c7';

-- R-09, PKCE S256 with the RFC 7636 appendix B pair: verifier dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk,
-- challenge E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM. Failed checks do not burn the code.
insert into codes select 'p1', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'erin', 'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    'code_challenge_method', 'S256')) ->> 'redirect_uri' as r);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as missing_verifier from codes where k = 'p1';
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as wrong_verifier from codes where k = 'p1';
-- The challenge itself sent as the verifier (what a plain-method client would do) is wrong too.
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'code_verifier', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as challenge_as_verifier from codes where k = 'p1';
-- A verifier outside RFC 7636 4.1 (42 characters; a character outside [A-Za-z0-9-._~]).
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as short_verifier from codes where k = 'p1';
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk+',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as bad_character from codes where k = 'p1';
insert into tok select 'p1', oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from codes where k = 'p1';
select * from answers where k = 'p1';
-- Downgrade: a verifier for a code that was asked for without a challenge is refused (and the code survives).
insert into codes select 'p2', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'erin')) ->> 'redirect_uri' as r);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', code, 'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as downgrade from codes where k = 'p2';
insert into tok select 'p2', oauth_token(json_object('grant_type', 'authorization_code', 'code', code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from codes where k = 'p2';
select * from answers where k = 'p2';

-- The code itself: missing, unknown, malformed, or a token of another kind (type confusion).
select oauth_token(json_object('grant_type', 'authorization_code',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as no_code;
select oauth_token(json_object('grant_type', 'authorization_code', 'code', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as unknown_code;
select oauth_token(json_object('grant_type', 'authorization_code', 'code', 'not a code',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as malformed_code;
select oauth_token(json_object('grant_type', 'authorization_code', 'code', r ->> 'access_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as access_token_as_code from tok where k = 'p2';
select oauth_token(json_object('grant_type', 'authorization_code', 'code', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as refresh_token_as_code from tok where k = 'p2';
-- A truncated or altered code is just unknown.
insert into codes select 'c8', substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'frank')) ->> 'redirect_uri' as r);
select oauth_token(json_object('grant_type', 'authorization_code', 'code', substr(code, 1, 42),
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as truncated,
       oauth_token(json_object('grant_type', 'authorization_code', 'code', substr(code, 1, 42) || case substr(code, 43) when 'A' then 'B' else 'A' end,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as altered,
       oauth_token(json_object('grant_type', 'authorization_code', 'code', ' ' || code,
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as with_space
  from codes where k = 'c8';
-- An authorization_code token is not a refresh token either, and the refresh token is not an access token.
select check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'refresh_token')) ->> 'status' as refresh_as_bearer from tok where k = 'p2';

-- Every token still alive, per user (c1's family was ended by the replay).
select * from answers order by k;
select user_name, kind, count(*) as sessions from user_ords_sessions group by user_name, kind order by user_name, kind;
