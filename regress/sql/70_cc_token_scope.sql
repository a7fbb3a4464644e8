-- 70_cc_token_scope: a client_credentials token asked for with a scope satisfies only the privileges that scope names, and of those only the ones whose roles the client holds (RFC 6749 3.3); without a scope the client's roles alone decide, as before.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_role('dept_role');
select define_privilege('emp_priv', 'emp_role', '/emp/*');
select define_privilege('dept_priv', 'dept_role', '/dept/*');
select define_privilege('open_priv', NULL, '/open/*');
select define_privilege('listed_priv', 'dept_role', '/listed/*');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..', 'listed_priv') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('svc', 'emp_role');
select grant_client_role('svc', 'dept_role');

create temp table tok(k text primary key, r text);
create temp view decisions as
  select k, json_remove(r, '$.access_token') as body,
         check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as emp,
         check_request('GET', '/dept/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as dept,
         check_request('GET', '/open/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as open,
         check_request('GET', '/listed/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as listed
    from tok;
insert into tok select 'all', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
insert into tok select 'emp', oauth_token(json_object('grant_type', 'client_credentials', 'scope', 'emp_priv',
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij'));
insert into tok select 'emp_dept', oauth_token(json_object('grant_type', 'client_credentials', 'scope', 'dept_priv emp_priv',
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij'));
insert into tok select 'listed', oauth_token(json_object('grant_type', 'client_credentials', 'scope', 'listed_priv',
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij'));
-- Without a scope: every privilege whose role the client holds, and the privilege without roles.
-- With one: only what it names (the answer and introspection say which).
select * from decisions order by k;
select k, oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
         'client_secret', 'svc-secret-0123456789-abcdefghij')) ->> 'scope' as introspected from tok order by k;
-- The reason says what would grant access.
select check_request('GET', '/dept/1', 'Bearer ' || (r ->> 'access_token')) ->> 'reason' as reason from tok where k = 'emp';
-- The scope limits; it never adds: revoke the role and the token in scope loses the privilege.
select revoke_client_role('svc', 'dept_role');
select k, check_request('GET', '/dept/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as dept,
       check_request('GET', '/listed/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as listed
  from tok where k in ('emp_dept', 'listed') order by k;
select check_request('GET', '/dept/1', 'Bearer ' || (r ->> 'access_token')) ->> 'reason' as reason from tok where k = 'emp_dept';
-- A scope the client may not ask for: invalid_scope, no token.
select oauth_token(json_object('grant_type', 'client_credentials', 'scope', 'dept_priv',
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij')) as not_allowed;
