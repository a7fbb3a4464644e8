-- 55_doc_reference_tokens: every example of the tokens part of docs/reference.md, in order, on one database: the documented calls give the documented answers.
-- Generated; after editing those examples, regenerate (keeping these four lines), run and accept:
--   { sed -n '1,4p' regress/sql/55_doc_reference_tokens.sql; sed -n '/<!-- tokens:begin -->/,/<!-- tokens:end -->/p' docs/reference.md | awk '/^```sql$/{on=1; next} /^```$/{on=0} on'; } > /tmp/55.sql && mv /tmp/55.sql regress/sql/55_doc_reference_tokens.sql
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select define_privilege('emp_priv', 'emp_role', '/emp/*');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id';
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot';   -- 1
select grant_client_role('svc', 'emp_role');
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv', NULL, 'https://app.example.org/cb') ->> 'client_id';
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot';   -- 1
select import_client('spa', 'implicit', 'ops@example.org', 'A browser app', 'SpaClientId0000000000A..',
                     'emp_priv', NULL, 'https://spa.example.org/') ->> 'client_id';
-- Answers holding tokens are kept here and never printed.
create temp table tok(k text primary key, r text);
insert into tok select 'cc', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select json_remove(r, '$.access_token') from tok where k = 'cc';      -- {"token_type":"bearer","expires_in":3600}
insert into tok select 'basic', oauth_token(json_object('grant_type', 'client_credentials', 'scope', 'emp_priv',
    'authorization', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq'));
select json_remove(r, '$.access_token') from tok where k = 'basic';   -- {"token_type":"bearer","expires_in":3600,"scope":"emp_priv"}
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'wrong');
-- {"error":"invalid_client","error_description":"client authentication failed"}
select oauth_token('password', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') ->> 'error';  -- unsupported_grant_type
insert into tok select 'code', oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'redirect_uri', 'https://app.example.org/cb', 'scope', 'emp_priv', 'state', 's1', 'user', 'alice',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method', 'S256'));
select replace(r ->> 'redirect_uri', substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'code=') + 5, 43), '...')
  from tok where k = 'code';                                  -- https://app.example.org/cb?code=...&state=s1
insert into tok select 'grant', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'code=') + 5, 43),
    'redirect_uri', 'https://app.example.org/cb', 'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'code';
select json_remove(r, '$.access_token', '$.refresh_token') from tok where k = 'grant';
-- {"token_type":"bearer","expires_in":3600,"scope":"emp_priv"}
insert into tok select 'refreshed', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'grant';
select (r ->> 'refresh_token') is not null from tok where k = 'refreshed';   -- 1
insert into tok select 'implicit', oauth_authorize('token', 'SpaClientId0000000000A..', NULL, NULL, 'st', NULL, NULL, 'bob');
select replace(r ->> 'redirect_uri', substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'access_token=') + 13, 43), '...')
  from tok where k = 'implicit';  -- https://spa.example.org/#access_token=...&token_type=bearer&expires_in=3600&state=st
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'redirect_uri', 'https://app.example.org/cb/', 'state', 's2', 'user', 'alice'));
-- {"error":"invalid_request","error_description":"redirect_uri does not match the registered one","state":"s2"}
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
    'scope', 'other_priv', 'state', 's3', 'user', 'alice')) ->> 'redirect_uri';
-- https://app.example.org/cb?error=invalid_scope&error_description=the%20requested%20scope%20is%20not%20allowed%20for%20this%20client&state=s3
select json_remove(oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')), '$.exp', '$.iat') from tok where k = 'refreshed';
-- {"active":true,"client_id":"AppClientId0000000000A..","username":"alice","scope":"emp_priv","token_type":"access_token"}
select oauth_introspect(r ->> 'access_token', NULL, 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij')
  from tok where k = 'refreshed';                                           -- {"active":false}: not svc's token
select oauth_revoke(json_object('token', r ->> 'refresh_token', 'token_type_hint', 'refresh_token',
       'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'refreshed';  -- {}
select check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' from tok where k = 'refreshed';   -- 401
select oauth_revoke(json_object('token', r ->> 'access_token', 'client_id', 'AppClientId0000000000A..',
       'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'cc';
-- {"error":"unauthorized_client","error_description":"the token was not issued to this client"}
select check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) from tok where k = 'cc';
-- {"status":200,"schema":"MAIN","privilege":"emp_priv","client_id":"SvcClientId0000000000A..","user":null,"reason":"client \"svc\" holds role \"emp_role\" of privilege \"emp_priv\""}
select check_request(json_object('method', 'GET', 'path', '/ords/main/emp/1', 'authorization', NULL)) ->> 'reason';
-- protected by privilege "emp_priv"; send Authorization: Bearer <access token>
select check_request('GET', '/emp/%2e%2e/public', NULL) ->> 'status';     -- 200: the canonical path is /public
select check_request('get', '/emp/1', NULL) ->> 'reason';
-- p_method must be GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS (upper case)
select client_name, user_name, kind, scope from user_ords_sessions order by id;
-- svc||access|
-- svc||access|emp_priv
-- spa|bob|access|emp_priv
