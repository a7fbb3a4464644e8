-- 20_clients_register: register_client (ORDS_SECURITY examples 8-2, 8-3, 8-4), positional and named:
-- the credentials it returns, the ORDS client_id format, p_client_secret, and every rule and error.
select ords_security_test_clock(1795000000);
select create_role('CLIENT_TEST_ROLE');
select create_privilege('oracle.dbtools.sqldev', 'CLIENT_TEST_ROLE');

-- Example 8-2:
--   l_client_cred := ORDS_SECURITY.REGISTER_CLIENT(
--       p_name => 'CLIENT_TEST', p_grant_type => 'authorization_code',
--       p_description => 'This is a test description.',
--       p_redirect_uri => 'https://example.org/my_redirect/', p_support_email => 'test@example.org',
--       p_support_uri => 'https://example.org/help/', p_privilege_names => 'oracle.dbtools.sqldev');
--   sys.dbms_output.put_line('CLIENT_ID:' || l_client_cred.client_key.client_id);
create temp table c82 as select register_client(json_object(
    'p_name', 'CLIENT_TEST', 'p_grant_type', 'authorization_code',
    'p_description', 'This is a test description.',
    'p_redirect_uri', 'https://example.org/my_redirect/', 'p_support_email', 'test@example.org',
    'p_support_uri', 'https://example.org/help/', 'p_privilege_names', 'oracle.dbtools.sqldev')) as r;
-- The client_id is 16 random bytes in base64url with '..' (24 characters); no secret by default.
select r ->> '$.client_key.id' as id, r ->> '$.client_key.name' as name,
       length(r ->> '$.client_key.client_id') as id_length,
       r ->> '$.client_key.client_id' glob '[A-Za-z0-9_-]*..' as ords_format,
       substr(r ->> '$.client_key.client_id', 23) as padding,
       json_extract(r, '$.client_secret') as client_secret
  from c82;
-- The ORDS 8-2 output line:
select 'CLIENT_ID:' || (r ->> '$.client_key.client_id') = 'CLIENT_ID:' || client_id as dbms_output_matches
  from c82, user_ords_clients where name = 'CLIENT_TEST';
select id, name, description, grant_type, response_type, client_secret, client_secret_2,
       client_secret_issued_on, redirect_uri, support_email, support_uri, origins_allowed,
       privilege_names, role_names, token_duration, refresh_duration, code_duration, created_on, updated_on
  from user_ords_clients order by id;
select client_name, name from user_ords_client_privileges order by 1, 2;
select delete_client('CLIENT_TEST');

-- Example 8-3 (with a client secret):
--   p_client_secret => ords_types.oauth_client_secret(p_secret=>'RaFhM690PA6cN1ffpkNx3Q..'), ...
--   sys.dbms_output.put_line('CLIENT_SECRET:' || l_client_cred.client_secret.secret);
create temp table c83 as select register_client(json_object(
    'p_name', 'CLIENT_TEST', 'p_grant_type', 'authorization_code',
    'p_description', 'This is a test description.',
    'p_client_secret', json_object('secret', 'RaFhM690PA6cN1ffpkNx3Q..'),
    'p_redirect_uri', 'https://example.org/my_redirect/', 'p_support_email', 'test@example.org',
    'p_support_uri', 'https://example.org/help/', 'p_privilege_names', 'oracle.dbtools.sqldev')) as r;
-- The secret given comes back once, in the call's credentials (this one is the example's own text).
select r ->> '$.client_secret.secret' as secret, r ->> '$.client_secret.slot' as slot,
       r ->> '$.client_secret.issued_on' as issued_on from c83;
-- It was not stored: the view shows when it was issued, never the secret.
select name, client_secret, client_secret_2, client_secret_issued_on from user_ords_clients order by id;
select ords_security_test_client_auth(r ->> '$.client_key.client_id', 'RaFhM690PA6cN1ffpkNx3Q..') as authenticates,
       ords_security_test_client_auth(r ->> '$.client_key.client_id', 'RaFhM690PA6cN1ffpkNx3Q.') as prefix_fails
  from c83;
select delete_client('CLIENT_TEST');

-- Example 8-4 (the procedure, then the client_id read from the view):
--   ORDS_SECURITY.REGISTER_CLIENT(p_name => 'CLIENT_TEST', ...);
--   SELECT client_id INTO l_client_id FROM user_ords_clients WHERE name = 'CLIENT_TEST';
select register_client('CLIENT_TEST', 'authorization_code', 'test@example.org', 'This is a test description.',
                       'oracle.dbtools.sqldev', NULL, 'https://example.org/my_redirect/',
                       'https://example.org/help/') is not null as registered;
select length(client_id) as client_id_length from user_ords_clients where name = 'CLIENT_TEST';

-- Positional with every argument; a client_credentials client needs no description or redirect URI.
create temp table cc as select register_client('svc', 'client_credentials', 'ops@example.org', NULL,
    'oracle.dbtools.sqldev', 'https://app.example.org, http://localhost:8080', NULL, NULL, 600, 7200, 60) as r;
select json_extract(r, '$.client_secret') as client_secret from cc;
select name, grant_type, response_type, description, redirect_uri, origins_allowed, privilege_names,
       token_duration, refresh_duration, code_duration
  from user_ords_clients where name = 'svc';
-- Named keys with or without p_, in any case; grant types in any case are stored in lower case.
select register_client(json_object('NAME', 'imp', 'P_GRANT_TYPE', 'IMPLICIT', 'support_email', 'x@example.org',
                                   'Description', 'An implicit app', 'redirect_uri', 'http://127.0.0.1:5000/cb'))
       ->> '$.client_key.name' as named;
select name, grant_type, response_type from user_ords_clients order by id;
-- client_ids differ from client to client and are unique in the database.
select count(distinct client_id) = count(*) as distinct_ids from user_ords_clients;

-- p_client_secret (named form only): a generated secret, stored or not, in the slot asked for.
create temp table gen as select register_client(json_object('name', 'gen', 'grant_type', 'client_credentials',
    'support_email', 'x@example.org', 'client_secret', json_object('stored', json('false')))) as r;
select length(r ->> '$.client_secret.secret') as secret_length,
       r ->> '$.client_secret.secret' glob '[A-Za-z0-9_-]*..' as ords_format,
       r ->> '$.client_secret.slot' as slot, r ->> '$.client_secret.issued_on' as issued_on,
       r ->> '$.client_secret.secret' <> r ->> '$.client_key.client_id' as differs_from_id
  from gen;
select ords_security_test_client_auth(r ->> '$.client_key.client_id', r ->> '$.client_secret.secret') as authenticates
  from gen;
create temp table st as select register_client(json_object('name', 'stored', 'grant_type', 'client_credentials',
    'support_email', 'x@example.org', 'client_secret', json_object('stored', json('true'), 'slot', 2))) as r;
select r ->> '$.client_secret.slot' as slot, u.client_secret is null as slot1_empty,
       u.client_secret_2 = r ->> '$.client_secret.secret' as view_shows_stored_secret
  from st, user_ords_clients u where u.name = 'stored';
select name, client_secret is not null as shows_1, client_secret_2 is not null as shows_2
  from user_ords_clients where name in ('gen', 'stored') order by name;
-- An empty p_client_secret object asks for nothing: no secret.
select json_extract(register_client(json_object('name', 'none', 'grant_type', 'client_credentials',
    'support_email', 'x@example.org', 'client_secret', json_object())), '$.client_secret') as client_secret;

-- Errors: each names its parameter, and a failed call registers nothing.
create temp table before as select count(*) as n from user_ords_clients;
select register_client('e', 'password', 'x@example.org');
select register_client('e', NULL, 'x@example.org');
select register_client('e', 'client_credentials');
select register_client('e', 'client_credentials', NULL);
select register_client('e', 'client_credentials', '');
select register_client('e', 'authorization_code', 'x@example.org', NULL, NULL, NULL, 'https://example.org/cb');
select register_client('e', 'authorization_code', 'x@example.org', 'd');
select register_client('e', 'implicit', 'x@example.org', 'd');
select register_client(NULL, 'client_credentials', 'x@example.org');
select register_client('', 'client_credentials', 'x@example.org');
select register_client(' e', 'client_credentials', 'x@example.org');
select register_client('CLIENT_TEST', 'client_credentials', 'x@example.org');
select register_client('e', 'client_credentials', 'x@example.org', NULL, 'no.such.privilege');
select register_client('e', 'client_credentials', 'x@example.org', NULL, 'oracle.dbtools.sqldev,no.such.privilege');
select register_client('e', 'client_credentials', 'x@example.org', NULL, NULL, 'example.org');
select register_client('e', 'client_credentials', 'x@example.org', NULL, NULL, NULL, NULL, NULL, 0);
select register_client('e', 'client_credentials', 'x@example.org', NULL, NULL, NULL, NULL, NULL, -5);
select register_client('e', 'client_credentials', 'x@example.org', NULL, NULL, NULL, NULL, NULL, 1.5);
select register_client('e', 'client_credentials', 'x@example.org', NULL, NULL, NULL, NULL, NULL, '3600');
select register_client('e', 'client_credentials', 'x@example.org', NULL, NULL, NULL, NULL, NULL, NULL, 315360001);
select register_client('e', 'client_credentials', 'x@example.org', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 601);
select register_client('e', 'client_credentials', 'x@example.org', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 600, 1);
select register_client(json_object('name', 'e', 'grant_type', 'client_credentials', 'support_email', 'x@example.org',
                                   'client_secret', json_object('issued_on', '2026-01-01T00:00:00Z')));
select register_client(json_object('name', 'e', 'grant_type', 'client_credentials', 'support_email', 'x@example.org',
                                   'client_secret', json_object('slot', 3)));
select register_client(json_object('name', 'e', 'grant_type', 'client_credentials', 'support_email', 'x@example.org',
                                   'client_secret', json_object('secret', '')));
select register_client(json_object('name', 'e', 'grant_type', 'client_credentials', 'support_email', 'x@example.org',
                                   'client_secret', json_object('sekret', 'x')));
select register_client(json_object('name', 'e', 'grant_type', 'client_credentials', 'support_email', 'x@example.org',
                                   'client_secret', 'not an object'));
select register_client(json_object('name', 'e', 'grant_type', 'implicit', 'support_email', 'x@example.org',
                                   'description', 'd', 'redirect_uri', 'https://example.org/cb',
                                   'client_secret', json_object('stored', json('true'))));
select register_client(json_object('name', 'e', 'grant_type', 'client_credentials', 'support_email', 'x@example.org',
                                   'client_key', json_object('name', 'e')));
select register_client(json_object('name', 'e', 'grant_type', 'client_credentials', 'support_email', 'x@example.org',
                                   'schema', 'NOPE'));
select (select n from before) = count(*) as nothing_registered from user_ords_clients;
