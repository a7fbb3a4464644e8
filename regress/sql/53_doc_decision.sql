-- 53_doc_decision: the examples of docs/decision.md "Statuses and tokens", in order: the documented calls give the documented answers.
-- Generated; after editing those examples, regenerate (keeping these four lines), run and accept:
--   { sed -n '1,4p' regress/sql/53_doc_decision.sql; sed -n '/^## Statuses and tokens/,$p' docs/decision.md | awk '/^```sql$/{on=1; next} /^```$/{on=0} on'; } > /tmp/53.sql && mv /tmp/53.sql regress/sql/53_doc_decision.sql
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_role('admin_role');
select define_privilege('emp_priv', 'emp_role', '/emp/*');
select define_privilege('admin_priv', 'admin_role', '/emp/admin/*');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..');
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot';  -- 1
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv,admin_priv', NULL, 'https://app.example.org/cb');
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot';  -- 1
-- The shell has no variables: keep tokens in a temp table, and never print them.
create temp table tok(k text primary key, t text);
insert into tok select 'svc', oauth_token('client_credentials', 'SvcClientId0000000000A..',
                                          'svc-secret-0123456789-abcdefghij') ->> 'access_token';
select check_request('GET', '/about', NULL);
-- {"status":200,"schema":"MAIN","privilege":null,"client_id":null,"user":null,"reason":"public: no privilege protects this path"}
select check_request('GET', '/emp/7', NULL) ->> 'status';                                        -- 401
select check_request('GET', '/emp/7', 'Bearer not-a-token') ->> 'reason';
-- protected by privilege "emp_priv"; the token is unknown, expired or revoked
select check_request('GET', '/emp/7', 'Bearer ' || t) ->> 'reason' from tok where k = 'svc';
-- protected by privilege "emp_priv", which needs role "emp_role"; client "svc" holds none: grant_client_role('svc', 'emp_role')
select grant_client_role('svc', 'emp_role');
select check_request('GET', '/emp/7', 'Bearer ' || t) from tok where k = 'svc';
-- {"status":200,"schema":"MAIN","privilege":"emp_priv","client_id":"SvcClientId0000000000A..","user":null,"reason":"client \"svc\" holds role \"emp_role\" of privilege \"emp_priv\""}
select check_request('GET', '/emp/admin/x', 'Bearer ' || t) ->> 'status' from tok where k = 'svc';  -- 403: the more specific privilege decides
select check_request('GET', '/ords/main/emp/../emp/7?x=1', 'bearer ' || t) ->> 'status' from tok where k = 'svc';  -- 200
select check_request('GET', '/emp%2F7', 'Bearer ' || t) ->> 'status' from tok where k = 'svc';     -- 400
select revoke_client_role('svc', 'emp_role');
select check_request('GET', '/emp/7', 'Bearer ' || t) ->> 'status' from tok where k = 'svc';      -- 403 at once
insert into tok select 'alice', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43),
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'access_token'
  from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
                                           'scope', 'emp_priv', 'user', 'alice')) ->> 'redirect_uri' as r);
select check_request('GET', '/emp/7', 'Bearer ' || t) ->> 'user' from tok where k = 'alice';          -- alice
select check_request('GET', '/emp/admin/x', 'Bearer ' || t) ->> 'reason' from tok where k = 'alice';
-- protected by privilege "admin_priv", which the token's approved scope does not name; ask for scope "admin_priv" when authorizing
select update_client_privileges('app', 'admin_priv');
select check_request('GET', '/emp/7', 'Bearer ' || t) ->> 'status' from tok where k = 'alice';        -- 403
