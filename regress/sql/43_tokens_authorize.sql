-- 43_tokens_authorize: oauth_authorize: response_type code and token (implicit), state echoed, redirect_uri exact match (R-08, loopback port rule), scope subset, PKCE parameters, user required, error answers with and without a redirect.
-- Codes and tokens are replaced by <code> / <token> before anything is printed.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
select create_privilege('dept_priv', 'emp_role');
select create_privilege_mapping('dept_priv', '/dept/*');
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv,dept_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select import_client('imp', 'implicit', 'ops@example.org', 'A browser app', 'ImpClientId0000000000A..',
                     'emp_priv', NULL, 'https://spa.example.org/cb?x=1') ->> 'client_id' as client_id;
select import_client('loop', 'authorization_code', 'ops@example.org', 'A native app', 'LoopClient0000000000AA..',
                     'emp_priv', NULL, 'http://127.0.0.1:5000/cb') ->> 'client_id' as client_id;
select import_client('loop6', 'authorization_code', 'ops@example.org', 'A native app (IPv6)', 'Loop6Client000000000AA..',
                     'emp_priv', NULL, 'http://[::1]:5000/cb') ->> 'client_id' as client_id;
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;

-- Answers are kept in a; shown masks the 43-character code or token in each redirect_uri.
create temp table a(k text primary key, r text);
create temp view shown as
  select k, replace(replace(r,
           coalesce(substr(r ->> 'redirect_uri', nullif(instr(r ->> 'redirect_uri', 'code='), 0) + 5, 43), '<none>'), '<code>'),
           coalesce(substr(r ->> 'redirect_uri', nullif(instr(r ->> 'redirect_uri', 'access_token='), 0) + 13, 43), '<none>'), '<token>') as answer
    from a;

-- response_type code: the registered URI with ?code=...&state=...; state is form-encoded.
insert into a select 'code', oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'state', 'a b&c=d/é', 'user', 'alice'));
select * from shown where k = 'code';
select length(substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'code=') + 5, 43)) as code_length,
       substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'code=') + 5, 43) not glob '*[^A-Za-z0-9_-]*' as base64url
  from a where k = 'code';
-- Positional form: response_type, client_id, redirect_uri, scope, state, code_challenge, code_challenge_method, user.
insert into a select 'positional', oauth_authorize('code', 'AppClientId0000000000A..', 'https://app.example.org/cb', 'emp_priv', 'st', NULL, NULL, 'bob');
select * from shown where k = 'positional';
-- No state given: none in the redirect.
insert into a select 'no_state', oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'carol'));
select * from shown where k = 'no_state';
-- A code is a session of kind code, for the signed-in user, with the approved scope: omitted
-- scope = every privilege of the client (p_privilege_names), in name order.
select user_name, kind, scope, issued_on, expires_on from user_ords_sessions order by id;

-- scope: a subset of the client's privilege names, space-separated; repeats count once; names are
-- case-sensitive; anything else is invalid_scope, answered through the redirect with the state.
insert into a select 'scope_one', oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'scope', '  emp_priv   emp_priv ', 'user', 'dave'));
insert into a select 'scope_two', oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'scope', 'emp_priv dept_priv', 'user', 'erin'));
select user_name, scope from user_ords_sessions where user_name in ('dave', 'erin') order by id;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'scope', 'emp_priv other_priv', 'state', 's1', 'user', 'alice')) as unknown_scope;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'scope', 'EMP_PRIV', 'state', 's1', 'user', 'alice')) ->> 'error' as scope_case;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'scope', 'emp_priv,dept_priv', 'state', 's1', 'user', 'alice')) ->> 'error' as comma_separated;
-- A privilege that exists but is not the client's is not grantable either.
select create_privilege('admin_priv', 'emp_role');
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'LoopClient0000000000AA..',
    'scope', 'admin_priv', 'user', 'alice')) ->> 'error' as not_the_clients;

-- redirect_uri: exact, case-sensitive string equality with the registered one. A mismatch is
-- answered without any redirect (never send the user to an unverified URI, RFC 6749 4.1.2.1).
insert into a select 'same_uri', oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'redirect_uri', 'https://app.example.org/cb', 'state', 's2', 'user', 'alice'));
select * from shown where k = 'same_uri';
create temp table uris(u text primary key);
insert into uris values ('https://app.example.org/cb/'), ('https://APP.example.org/cb'), ('https://app.example.org/CB'),
  ('https://app.example.org/c'), ('https://app.example.org/cb2'), ('https://app.example.org/cb?x=1'),
  ('https://app.example.org/cb#f'), ('http://app.example.org/cb'), ('https://app.example.org:443/cb'),
  ('https://app.example.org/./cb'), ('https://app.example.org/cb/../cb'), ('https://app.example.org/%63b'),
  ('https://app.example.org.evil.example/cb'), ('https://evil.example/https://app.example.org/cb'), (' https://app.example.org/cb'), ('');
select u, oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
       'redirect_uri', u, 'state', 's3', 'user', 'alice')) as answer from uris order by u;

-- Loopback (http://127.0.0.1 and http://[::1]): the port may differ (RFC 8252 7.3); the path,
-- query and host may not. The redirect goes to the URI given, and the code is bound to it.
-- (answers are materialized in lr first: a subquery column would call oauth_authorize once per use)
create temp table lr(u text primary key, r text);
create temp view lr_shown as
  select u, coalesce(replace(r ->> 'redirect_uri', substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'code=') + 5, 43), '<code>'),
                     r ->> 'error') as answer from lr;
delete from uris;
insert into uris values ('http://127.0.0.1:5000/cb'), ('http://127.0.0.1:61234/cb'), ('http://127.0.0.1/cb'),
  ('http://127.0.0.1:61234/cb2'), ('http://127.0.0.1:61234/cb?x=1'), ('http://127.0.0.1:/cb'), ('http://127.0.0.1:x/cb'),
  ('http://127.0.0.1.evil.example:5000/cb'), ('http://localhost:5000/cb'), ('https://127.0.0.1:5000/cb'),
  ('http://127.0.0.2:5000/cb'), ('http://user@127.0.0.1:5000/cb');
delete from lr;
insert into lr select u, oauth_authorize(json_object('response_type', 'code', 'client_id', 'LoopClient0000000000AA..',
    'redirect_uri', u, 'user', 'alice')) from uris;
select * from lr_shown order by u;
delete from uris;
insert into uris values ('http://[::1]:5000/cb'), ('http://[::1]:7000/cb'), ('http://[::1]/cb'), ('http://[::1]:7000/other'),
  ('http://127.0.0.1:5000/cb'), ('http://[::2]:5000/cb');
delete from lr;
insert into lr select u, oauth_authorize(json_object('response_type', 'code', 'client_id', 'Loop6Client000000000AA..',
    'redirect_uri', u, 'user', 'alice')) from uris;
select * from lr_shown order by u;

-- The client: unknown, missing, or without a redirect URI (client_credentials): no redirect.
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'NoSuchClient000000000A..', 'state', 's4', 'user', 'alice')) as unknown_client;
select oauth_authorize(json_object('response_type', 'code', 'state', 's4', 'user', 'alice')) as no_client;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'SvcClientId0000000000A..', 'user', 'alice')) as cc_client;

-- response_type: code or token, and only the one the client's grant type allows.
select oauth_authorize(json_object('client_id', 'AppClientId0000000000A..', 'state', 's5', 'user', 'alice')) as no_response_type;
select oauth_authorize(json_object('response_type', 'id_token', 'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'error' as id_token;
select oauth_authorize(json_object('response_type', 'CODE', 'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'error' as upper_case;
select oauth_authorize(json_object('response_type', 'code token', 'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'error' as hybrid;
select oauth_authorize(json_object('response_type', 'token', 'client_id', 'AppClientId0000000000A..', 'state', 's6', 'user', 'alice')) as token_for_code_client;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'ImpClientId0000000000A..', 'state', 's7', 'user', 'alice')) as code_for_implicit_client;

-- PKCE at the authorization endpoint: S256 only (plain, a missing method or another case refused),
-- a 43-character base64url challenge, and none for implicit.
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method', 'plain')) ->> 'error_description' as plain;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')) ->> 'error_description' as no_method;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method', 's256')) ->> 'error_description' as lower_s256;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice',
    'code_challenge_method', 'S256')) ->> 'error_description' as method_only;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c', 'code_challenge_method', 'S256')) ->> 'error_description' as short_challenge;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM=', 'code_challenge_method', 'S256')) ->> 'error_description' as padded_challenge;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM', 'code_challenge_method', 'S256')) ->> 'error_description' as not_base64url;
select oauth_authorize(json_object('response_type', 'token', 'client_id', 'ImpClientId0000000000A..', 'user', 'alice',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method', 'S256')) ->> 'error_description' as pkce_implicit;
insert into a select 'pkce', oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method', 'S256', 'state', 'p'));
select * from shown where k = 'pkce';

-- response_type token (implicit): the access token in the fragment, exactly
-- #access_token=...&token_type=bearer&expires_in=...&state=... after the registered URI.
insert into a select 'implicit', oauth_authorize(json_object('response_type', 'token', 'client_id', 'ImpClientId0000000000A..',
    'state', 'xyz', 'user', 'alice'));
select * from shown where k = 'implicit';
select user_name, kind, scope, issued_on, expires_on from user_ords_sessions where client_name = 'imp' order by id;
-- The token works where its scope names the privilege, and nowhere else.
select check_request('GET', '/emp/1', 'Bearer ' || substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'access_token=') + 13, 43)) as emp,
       check_request('GET', '/dept/1', 'Bearer ' || substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'access_token=') + 13, 43)) ->> 'status' as dept
  from a where k = 'implicit';
-- An implicit client has no secret: it cannot use the token endpoint at all.
select oauth_token('client_credentials', 'ImpClientId0000000000A..', '') ->> 'error' as implicit_at_token_endpoint;

-- user is required and is a name (the application's signed-in user): a malformed call raises.
select count(*) as sessions_before from user_ords_sessions;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..'));
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', ''));
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'al' || char(10) || 'ice'));
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 5));
select oauth_authorize('code', 'AppClientId0000000000A..', NULL, NULL, NULL, NULL, NULL, 'alice', 'extra');
-- Unknown form parameters are ignored, as at the token endpoint.
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice',
    'nonce', 'n', 'prompt', 'login')) ->> 'redirect_uri' like 'https://app.example.org/cb?code=%' as ignored;
-- None of the refusals above issued anything (the one success did).
select count(*) as sessions_after from user_ords_sessions;
