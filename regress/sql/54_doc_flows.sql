-- 54_doc_flows: the shell sessions of docs/flows.md, in order, on one database: each flow runs as documented.
-- Generated; after editing docs/flows.md, regenerate (keeping these five lines), run and accept:
--   { sed -n '1,5p' regress/sql/54_doc_flows.sql; awk '/^```sql$/{on=1; next} /^```$/{on=0} on' docs/flows.md; } > /tmp/54.sql && mv /tmp/54.sql regress/sql/54_doc_flows.sql
select ords_security_test_clock(1790000000);
select ords_security_test_seed(54);
select create_role('emp_role');
select define_privilege('emp_priv', 'emp_role', '/emp/*', NULL, 'Employees');
select check_request('GET', '/emp/7', NULL) ->> 'status';   -- 401: protected now
create temp table cred(name text primary key, client_id text, secret text);
create temp table tok(k text primary key, r text);
-- Register the client; client_secret {"stored": false} asks for a generated secret, kept only
-- as a hash and returned by this call only.
insert into cred select 'svc', r ->> '$.client_key.client_id', r ->> '$.client_secret.secret'
  from (select register_client(json_object('name', 'svc', 'grant_type', 'client_credentials',
          'support_email', 'ops@example.org', 'client_secret', json_object('stored', json('false')))) as r);
select length(client_id), length(secret) from cred where name = 'svc';     -- 24|24
select grant_client_role('svc', 'emp_role');

-- POST /oauth/token grant_type=client_credentials, with the client's credentials.
insert into tok select 'svc', oauth_token('client_credentials', client_id, secret) from cred where name = 'svc';
select json_remove(r, '$.access_token') from tok where k = 'svc';
-- {"token_type":"bearer","expires_in":3600}

-- GET /emp/7 with Authorization: Bearer <access_token>
select check_request('GET', '/emp/7', 'Bearer ' || (r ->> 'access_token')) ->> 'status' from tok where k = 'svc';  -- 200
select import_client('batch', 'client_credentials', 'ops@example.org', NULL, 'BatchClient000000000AA..');
select register_client_secret('batch', 'batch-secret-0123456789-abcdefg') ->> '$.client_secret.slot';   -- 1
-- printf '%s' 'BatchClient000000000AA..:batch-secret-0123456789-abcdefg' | base64
select json_remove(oauth_token(json_object('grant_type', 'client_credentials',
         'authorization', 'Basic QmF0Y2hDbGllbnQwMDAwMDAwMDBBQS4uOmJhdGNoLXNlY3JldC0wMTIzNDU2Nzg5LWFiY2RlZmc=')),
       '$.access_token');
-- {"token_type":"bearer","expires_in":3600}
insert into cred select 'svc_new', client_id, rotate_client_secret('svc') from cred where name = 'svc';
select c.name, oauth_token('client_credentials', c.client_id, c.secret) ->> 'token_type'
  from cred c where c.name in ('svc', 'svc_new') order by c.name;   -- svc|bearer, svc_new|bearer
select revoke_client_secret('svc', secret, TRUE) from cred where name = 'svc';
select oauth_token('client_credentials', client_id, secret) ->> 'error' from cred where name = 'svc';   -- invalid_client
select check_request('GET', '/emp/7', 'Bearer ' || (r ->> 'access_token')) ->> 'status' from tok where k = 'svc';  -- 401: sessions revoked
insert into cred select 'web', r ->> '$.client_key.client_id', r ->> '$.client_secret.secret'
  from (select register_client(json_object('name', 'web', 'grant_type', 'authorization_code',
          'support_email', 'ops@example.org', 'description', 'The staff portal',
          'redirect_uri', 'https://portal.example.org/callback', 'privilege_names', 'emp_priv',
          'client_secret', json_object('stored', json('false')))) as r);
-- GET /oauth/auth?response_type=code&client_id=...&state=...&code_challenge=...&code_challenge_method=S256
-- The application has signed the user in (alice) and she approved: the endpoint answers the redirect.
insert into tok select 'web_code', oauth_authorize(json_object('response_type', 'code', 'client_id', client_id,
    'redirect_uri', 'https://portal.example.org/callback', 'scope', 'emp_priv', 'state', 'xyz-123',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method', 'S256',
    'user', 'alice')) from cred where name = 'web';
select replace(r ->> 'redirect_uri', substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'code=') + 5, 43), '...')
  from tok where k = 'web_code';
-- https://portal.example.org/callback?code=...&state=xyz-123
-- POST /oauth/token grant_type=authorization_code&code=...&redirect_uri=...&code_verifier=...
insert into tok select 'web', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(t.r ->> 'redirect_uri', instr(t.r ->> 'redirect_uri', 'code=') + 5, 43),
    'redirect_uri', 'https://portal.example.org/callback',
    'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    'client_id', c.client_id, 'client_secret', c.secret))
  from tok t, cred c where t.k = 'web_code' and c.name = 'web';
select json_remove(r, '$.access_token', '$.refresh_token') from tok where k = 'web';
-- {"token_type":"bearer","expires_in":3600,"scope":"emp_priv"}
select check_request('GET', '/emp/7', 'Bearer ' || (r ->> 'access_token')) ->> 'user' from tok where k = 'web';  -- alice
select oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(t.r ->> 'redirect_uri', instr(t.r ->> 'redirect_uri', 'code=') + 5, 43),
    'redirect_uri', 'https://portal.example.org/callback',
    'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    'client_id', c.client_id, 'client_secret', c.secret)) ->> 'error'
  from tok t, cred c where t.k = 'web_code' and c.name = 'web';                                   -- invalid_grant
select check_request('GET', '/emp/7', 'Bearer ' || (r ->> 'access_token')) ->> 'status' from tok where k = 'web';  -- 401
-- A new sign-in for bob (no PKCE this time), then two refreshes.
insert into tok select 'bob_code', oauth_authorize(json_object('response_type', 'code', 'client_id', client_id,
    'user', 'bob')) from cred where name = 'web';
insert into tok select 'bob1', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(t.r ->> 'redirect_uri', instr(t.r ->> 'redirect_uri', 'code=') + 5, 43),
    'client_id', c.client_id, 'client_secret', c.secret))
  from tok t, cred c where t.k = 'bob_code' and c.name = 'web';
-- POST /oauth/token grant_type=refresh_token&refresh_token=...
insert into tok select 'bob2', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', t.r ->> 'refresh_token',
    'client_id', c.client_id, 'client_secret', c.secret)) from tok t, cred c where t.k = 'bob1' and c.name = 'web';
insert into tok select 'bob3', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', t.r ->> 'refresh_token',
    'client_id', c.client_id, 'client_secret', c.secret)) from tok t, cred c where t.k = 'bob2' and c.name = 'web';
select k, json_remove(r, '$.access_token', '$.refresh_token') from tok where k in ('bob2', 'bob3') order by k;
-- bob2|{"token_type":"bearer","expires_in":3600,"scope":"emp_priv"}
-- bob3|{"token_type":"bearer","expires_in":3600,"scope":"emp_priv"}
select check_request('GET', '/emp/7', 'Bearer ' || (r ->> 'access_token')) ->> 'user' from tok where k = 'bob3';  -- bob
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', t.r ->> 'refresh_token',
    'client_id', c.client_id, 'client_secret', c.secret)) ->> 'error'
  from tok t, cred c where t.k = 'bob1' and c.name = 'web';                                        -- invalid_grant
select k, check_request('GET', '/emp/7', 'Bearer ' || (r ->> 'access_token')) ->> 'status'
  from tok where k in ('bob1', 'bob2', 'bob3') order by k;                                          -- 401 each
insert into cred select 'spa', r ->> 'client_id', NULL
  from (select import_client('spa', 'implicit', 'ops@example.org', 'A single-page app', 'SpaClientId0000000000A..',
          'emp_priv', NULL, 'https://spa.example.org/') as r);
-- GET /oauth/auth?response_type=token&client_id=...&state=...  (carol signed in and approved)
insert into tok select 'spa', oauth_authorize(json_object('response_type', 'token', 'client_id', client_id,
    'state', 'st-9', 'user', 'carol')) from cred where name = 'spa';
select replace(r ->> 'redirect_uri', substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'access_token=') + 13, 43), '...')
  from tok where k = 'spa';
-- https://spa.example.org/#access_token=...&token_type=bearer&expires_in=3600&state=st-9
select check_request('GET', '/emp/7', 'Bearer ' || substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'access_token=') + 13, 43)) ->> 'user'
  from tok where k = 'spa';                                                                         -- carol
-- An implicit client cannot ask for a code, nor an authorization_code client for a token.
select oauth_authorize(json_object('response_type', 'code', 'client_id', client_id, 'user', 'carol')) ->> 'error'
  from cred where name = 'spa';                                                                     -- unauthorized_client
-- A fresh sign-in for dave.
insert into tok select 'dave_code', oauth_authorize(json_object('response_type', 'code', 'client_id', client_id,
    'user', 'dave')) from cred where name = 'web';
insert into tok select 'dave', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(t.r ->> 'redirect_uri', instr(t.r ->> 'redirect_uri', 'code=') + 5, 43),
    'client_id', c.client_id, 'client_secret', c.secret))
  from tok t, cred c where t.k = 'dave_code' and c.name = 'web';
-- POST /oauth/introspect token=...
select json_remove(oauth_introspect(json_object('token', t.r ->> 'access_token', 'client_id', c.client_id,
       'client_secret', c.secret)), '$.client_id', '$.exp', '$.iat')
  from tok t, cred c where t.k = 'dave' and c.name = 'web';
-- {"active":true,"username":"dave","scope":"emp_priv","token_type":"access_token"}
-- Another client asking about it learns nothing.
select oauth_introspect(json_object('token', t.r ->> 'access_token', 'client_id', c.client_id, 'client_secret', c.secret))
  from tok t, cred c where t.k = 'dave' and c.name = 'svc_new';                                    -- {"active":false}
-- POST /oauth/revoke token=<refresh token>: ends the whole sign-in, access tokens included.
select oauth_revoke(json_object('token', t.r ->> 'refresh_token', 'token_type_hint', 'refresh_token',
       'client_id', c.client_id, 'client_secret', c.secret))
  from tok t, cred c where t.k = 'dave' and c.name = 'web';                                        -- {}
select check_request('GET', '/emp/7', 'Bearer ' || (r ->> 'access_token')) ->> 'status' from tok where k = 'dave';  -- 401
select oauth_introspect(json_object('token', t.r ->> 'access_token', 'client_id', c.client_id, 'client_secret', c.secret))
  from tok t, cred c where t.k = 'dave' and c.name = 'web';                                        -- {"active":false}
-- Revoking an unknown or already revoked token is a success too: the answer never tells whether it existed.
select oauth_revoke(json_object('token', t.r ->> 'refresh_token', 'client_id', c.client_id, 'client_secret', c.secret))
  from tok t, cred c where t.k = 'dave' and c.name = 'web';                                        -- {}
select client_name, user_name, kind, scope from user_ords_sessions order by id;
-- batch||access|              (svc's tokens ended with its revoked secret; the sign-ins of
-- spa|carol|access|emp_priv    alice, bob and dave were ended by replay, reuse and revocation)
