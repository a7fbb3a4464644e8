-- 47_decision_statuses: check_request answers: 200 public or satisfied, 401 (no, bad, other-scheme, expired, other-schema token), 403 with a reason naming the missing role and the client, roles and scopes, modules, the most specific pattern, origins_allowed, /ords/<alias>/ and whole URLs.
-- Tokens are captured in tok (k, t = the access token) and never printed.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_role('admin_role');
select create_role('audit_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
-- A more specific pattern under /emp/ with two roles; an exact pattern; a privilege without roles.
select define_privilege('admin_priv', 'admin_role,audit_role', '/emp/admin/*');
select define_privilege('report_priv', NULL, '/reports/*');
select create_privilege('exact_priv', 'admin_role');
select create_privilege_mapping('exact_priv', '/emp/admin/special');
-- A module protected by a privilege: its base path and everything under it.
select define_module('hr', '/hr/');
select define_template('hr', 'employees/:id');
select create_privilege('hr_priv', 'emp_role');
select set_module_privilege('hr', 'hr_priv');

select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select import_client('bare', 'client_credentials', 'ops@example.org', NULL, 'BareClient0000000000AA..') ->> 'client_id' as client_id;
select register_client_secret('bare', 'bare-secret-0123456789-abcdefgh') ->> '$.client_secret.slot' as slot;
-- A client limited to some origins (origins_allowed, 6th positional argument of import_client).
select import_client('web', 'client_credentials', 'ops@example.org', NULL, 'WebClient00000000000AA..', NULL,
                     'https://app.example.org, http://localhost:8080') ->> 'client_id' as client_id;
select register_client_secret('web', 'web-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('web', 'emp_role');
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv,admin_priv,report_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('app', 'admin_role');

create temp table tok(k text primary key, t text);
insert into tok select 'svc', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') ->> 'access_token';
insert into tok select 'bare', oauth_token('client_credentials', 'BareClient0000000000AA..', 'bare-secret-0123456789-abcdefgh') ->> 'access_token';
insert into tok select 'web', oauth_token('client_credentials', 'WebClient00000000000AA..', 'web-secret-0123456789-abcdefghij') ->> 'access_token';
-- alice approved emp_priv only; bob approved everything the app may ask for.
insert into tok select k, oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43), 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'access_token'
  from (select 'alice' as k, oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
                  'scope', 'emp_priv', 'user', 'alice')) ->> 'redirect_uri' as r
        union all
        select 'bob', oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'bob')) ->> 'redirect_uri');
select k, length(t) as token_length from tok order by k;

-- 200 public: no privilege protects the path, with or without a token.
select check_request('GET', '/public/x', NULL) as public;
select check_request('GET', '/public/x', 'Bearer ' || t) ->> 'status' as public_with_token from tok where k = 'svc';

-- 401: protected and no valid credentials. The reason says what is wrong and what to send.
select check_request('GET', '/emp/1', NULL) as no_header;
select check_request('GET', '/emp/1', '') ->> 'reason' as empty_header;
select check_request('GET', '/emp/1', 'Bearer') ->> 'reason' as bearer_alone;
select check_request('GET', '/emp/1', 'Bearer ') ->> 'reason' as bearer_space;
select check_request('GET', '/emp/1', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq') as other_scheme;
select check_request('GET', '/emp/1', 'Token ' || t) ->> 'reason' as token_scheme from tok where k = 'svc';
select check_request('GET', '/emp/1', t) ->> 'reason' as no_scheme from tok where k = 'svc';
select check_request('GET', '/emp/1', 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA') as unknown_token;
select check_request('GET', '/emp/1', 'Bearer not-a-token') ->> 'reason' as malformed_token;
select check_request('GET', '/emp/1', 'Bearer ' || substr(t, 1, 42)) ->> 'status' as truncated,
       check_request('GET', '/emp/1', 'Bearer ' || t || 'A') ->> 'status' as extended,
       check_request('GET', '/emp/1', 'Bearer ' || upper(t)) ->> 'status' as upper_cased,
       check_request('GET', '/emp/1', 'Bearer ' || t || ' ' || t) ->> 'status' as two_tokens
  from tok where k = 'svc';
-- The scheme is case-insensitive and surrounding spaces do not matter.
select check_request('GET', '/emp/1', 'bearer ' || t) ->> 'status' as lower_scheme,
       check_request('GET', '/emp/1', 'BEARER ' || t) ->> 'status' as upper_scheme,
       check_request('GET', '/emp/1', '  Bearer   ' || t || '  ') ->> 'status' as spaces
  from tok where k = 'svc';

-- 403: a valid client_credentials token whose client holds none of the privilege's roles. The
-- reason names the role(s), the client, and the call that would grant access.
select check_request('GET', '/emp/1', 'Bearer ' || t) as svc_without_role from tok where k = 'svc';
select check_request('GET', '/emp/admin/x', 'Bearer ' || t) ->> 'reason' as two_roles from tok where k = 'svc';
select grant_client_role('svc', 'emp_role');
select check_request('GET', '/emp/1', 'Bearer ' || t) as after_grant from tok where k = 'svc';
-- Every method is decided the same way (HEAD follows GET).
select m, check_request(m, '/emp/1', 'Bearer ' || t) ->> 'status' as status, check_request(m, '/emp/1', NULL) ->> 'status' as anonymous
  from tok, (select 'GET' as m union all select 'HEAD' union all select 'POST' union all select 'PUT'
             union all select 'PATCH' union all select 'DELETE' union all select 'OPTIONS')
 where k = 'svc' order by m;

-- The most specific pattern decides: /emp/admin/* (admin_role or audit_role) beats /emp/*, and
-- the exact /emp/admin/special beats both.
select p, check_request('GET', p, 'Bearer ' || t) ->> 'privilege' as privilege, check_request('GET', p, 'Bearer ' || t) ->> 'status' as status
  from tok, (select '/emp' as p union all select '/emp/' union all select '/emp/admin' union all select '/emp/admin/'
             union all select '/emp/admin/x' union all select '/emp/admin/special' union all select '/emp/admin/special/'
             union all select '/emps/x' union all select '/emp-x' union all select '/EMP/x')
 where k = 'svc' order by p;

-- A privilege with no roles: any valid token of the schema satisfies it (not the absence of one).
select check_request('GET', '/reports/q1', NULL) ->> 'status' as anonymous,
       check_request('GET', '/reports/q1', 'Bearer ' || t) as any_token
  from tok where k = 'bare';

-- A module's privilege protects its base path and everything under it, not its neighbours.
select p, check_request('GET', p, NULL) ->> 'status' as anonymous, check_request('GET', p, 'Bearer ' || t) ->> 'status' as svc,
       check_request('GET', p, 'Bearer ' || t) ->> 'privilege' as privilege
  from tok, (select '/hr' as p union all select '/hr/' union all select '/hr/employees/7' union all select '/hrx')
 where k = 'svc' order by p;

-- authorization_code tokens: the approved scope decides; the client's roles do not count.
select check_request('GET', '/emp/1', 'Bearer ' || t) as alice_emp from tok where k = 'alice';
select check_request('GET', '/emp/admin/x', 'Bearer ' || t) as alice_admin from tok where k = 'alice';
select check_request('GET', '/emp/admin/x', 'Bearer ' || t) ->> 'status' as bob_admin,
       check_request('GET', '/reports/q1', 'Bearer ' || t) ->> 'status' as bob_reports,
       check_request('GET', '/hr/employees/7', 'Bearer ' || t) ->> 'reason' as bob_hr
  from tok where k = 'bob';

-- origins_allowed: with an Origin, the token's client must list it or a prefix of it that ends at a
-- boundary (":" or "/" follows), so https://app.example.org admits https://app.example.org:443 but
-- never https://app.example.org.evil.example (issue 7; 72_origins_boundary has more);
-- without an Origin, or for a client that lists none, the origin does not matter.
select o, check_request('GET', '/emp/1', 'Bearer ' || t, o) ->> 'status' as status
  from tok, (select NULL as o union all select 'https://app.example.org' union all select 'https://app.example.org:443'
             union all select 'http://localhost:8080' union all select 'https://evil.example' union all select 'http://app.example.org'
             union all select '' union all select 'null' union all select 'https://app.example.org.evil.example')
 where k = 'web' order by o;
select check_request('GET', '/emp/1', 'Bearer ' || t, 'https://evil.example') as wrong_origin from tok where k = 'web';
select check_request('GET', '/emp/1', 'Bearer ' || t, 'https://evil.example') ->> 'status' as no_origins_listed from tok where k = 'svc';
-- The origin is checked only once the token satisfies the privilege; public paths ignore it.
select check_request('GET', '/public/x', NULL, 'https://evil.example') ->> 'status' as public_any_origin;

-- /ords/<alias>/ and whole URLs name the schema; the rest is the path relative to the alias.
select p, check_request('GET', p, 'Bearer ' || t) ->> 'status' as status, check_request('GET', p, 'Bearer ' || t) ->> 'schema' as schema
  from tok, (select '/ords/main/emp/1' as p union all select '/ORDS/Main/emp/1' union all select 'https://host.example:8443/ords/main/emp/1?x=1#y'
             union all select 'http://host.example/ords/main/emp/admin/x' union all select '/ords/main' union all select '/ords/main/')
 where k = 'svc' order by p;
-- An alias no enabled schema has is 404: nothing is served there.
select check_request('GET', '/ords/nowhere/emp/1', NULL) as unknown_alias;

-- Another schema: its own privileges, clients and tokens. A token is valid only in its schema.
select enable_schema(TRUE, 'HR', 'BASE_PATH', 'hr');
select create_role(json_object('role_name', 'hr_role', 'schema', 'HR'));
select create_privilege(json_object('name', 'hr_emp_priv', 'role_name', 'hr_role', 'schema', 'HR'));
select create_privilege_mapping(json_object('privilege_name', 'hr_emp_priv', 'pattern', '/emp/*', 'schema', 'HR'));
select ords_set_schema('HR');
select import_client('hrsvc', 'client_credentials', 'ops@example.org', NULL, 'HrSvcClient000000000AA..') ->> 'client_id' as client_id;
select register_client_secret('hrsvc', 'hrsvc-secret-0123456789-abcdefg') ->> '$.client_secret.slot' as slot;
select grant_client_role('hrsvc', 'hr_role');
select ords_set_schema('MAIN');
insert into tok select 'hr', oauth_token('client_credentials', 'HrSvcClient000000000AA..', 'hrsvc-secret-0123456789-abcdefg') ->> 'access_token';
select check_request('GET', '/ords/hr/emp/1', 'Bearer ' || t) as hr_token_in_hr from tok where k = 'hr';
select check_request('GET', '/ords/main/emp/1', 'Bearer ' || t) as hr_token_in_main from tok where k = 'hr';
select check_request('GET', '/emp/1', 'Bearer ' || t) ->> 'status' as hr_token_current_main from tok where k = 'hr';
select check_request('GET', '/ords/hr/emp/1', 'Bearer ' || t) as main_token_in_hr from tok where k = 'svc';
-- The current schema decides relative paths.
select ords_set_schema('HR');
select check_request('GET', '/emp/1', 'Bearer ' || t) ->> 'status' as hr_token_current_hr from tok where k = 'hr';
select check_request('GET', '/emp/admin/x', NULL) ->> 'privilege' as hr_privilege_for_emp_admin;
select ords_set_schema('MAIN');

-- 401 for an expired token, at expires_on exactly (R-17).
select ords_security_test_clock(1790003599);
select check_request('GET', '/emp/1', 'Bearer ' || t) ->> 'status' as before_expiry from tok where k = 'svc';
select ords_security_test_clock(1790003600);
select check_request('GET', '/emp/1', 'Bearer ' || t) as at_expiry from tok where k = 'svc';

-- Malformed calls: missing arguments are 400 answers; wrong types raise.
select check_request(NULL, '/emp/1', NULL) as no_method;
select check_request('GET', NULL, NULL) as no_path;
select check_request('GET') as path_omitted;
select check_request('GET', '/emp/1', NULL, NULL, 'extra');
