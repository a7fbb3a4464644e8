-- 22_clients_import: import_client (ORDS_SECURITY example 8-5): it keeps a given client_id, refuses
-- one already used anywhere in the database, generates one when none is given, registers no secret,
-- and returns the client key.
select ords_security_test_clock(1795000000);
select create_privilege('oracle.dbtools.sqldev');

-- Example 8-5:
--   ORDS_SECURITY.IMPORT_CLIENT(
--       p_name => 'CLIENT_TEST', p_client_id => 'awVMtPlqullIqPXhAwh4zA..',
--       p_grant_type => 'authorization_code', p_owner => 'RESTEASY',
--       p_description => 'This is a test description.', p_origins_allowed => NULL,
--       p_redirect_uri => 'https://example.org/my_redirect/', p_support_email => 'test@example.org',
--       p_support_uri => 'https://example.org/help/', p_privilege_names => 'oracle.dbtools.sqldev');
select import_client(json_object(
    'p_name', 'CLIENT_TEST', 'p_client_id', 'awVMtPlqullIqPXhAwh4zA..',
    'p_grant_type', 'authorization_code', 'p_owner', 'RESTEASY',
    'p_description', 'This is a test description.', 'p_origins_allowed', NULL,
    'p_redirect_uri', 'https://example.org/my_redirect/', 'p_support_email', 'test@example.org',
    'p_support_uri', 'https://example.org/help/', 'p_privilege_names', 'oracle.dbtools.sqldev')) as client_key;
select id, name, client_id, grant_type, client_secret, client_secret_issued_on, client_secret_2_issued_on,
       redirect_uri, support_email, support_uri, origins_allowed, privilege_names
  from user_ords_clients order by id;
-- No secret was registered: nothing authenticates it yet.
select ords_security_test_client_auth('awVMtPlqullIqPXhAwh4zA..', '') as empty_secret,
       ords_security_test_client_auth('awVMtPlqullIqPXhAwh4zA..', 'awVMtPlqullIqPXhAwh4zA..') as its_own_id;

-- Positional (the order of API.md section 5), with a client_id that is not in ORDS's own format.
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'legacy-client_01.x~y', NULL, NULL,
                     NULL, NULL, 600) as client_key;
-- Without p_client_id, a new one is generated in the ORDS format.
select length(import_client('gen', 'client_credentials', 'ops@example.org') ->> '$.client_id') as generated_length;
select name, client_id glob '[A-Za-z0-9_-]*..' as ords_format, token_duration from user_ords_clients order by id;

-- client_id is unique in the whole database: another schema cannot take it either.
select import_client('again', 'client_credentials', 'ops@example.org', NULL, 'awVMtPlqullIqPXhAwh4zA..');
select enable_schema(1, 'HR', 'BASE_PATH', 'hr');
select import_client(json_object('schema', 'HR', 'name', 'CLIENT_TEST', 'grant_type', 'client_credentials',
                                 'support_email', 'ops@example.org', 'client_id', 'awVMtPlqullIqPXhAwh4zA..'));
-- The same name in another schema is fine.
select import_client(json_object('schema', 'HR', 'name', 'CLIENT_TEST', 'grant_type', 'client_credentials',
                                 'support_email', 'ops@example.org', 'client_id', 'hr-client')) ->> '$.client_id' as hr_client;
-- Once deleted, its client_id can be imported again (moving a client between schemas).
select delete_client('svc');
select import_client('svc2', 'client_credentials', 'ops@example.org', NULL, 'legacy-client_01.x~y') ->> '$.name' as reimported;

-- Errors, each naming its parameter; none registers anything.
create temp table before as select count(*) as n from user_ords_clients;
select import_client('e', 'client_credentials', 'ops@example.org', NULL, '');
select import_client('e', 'client_credentials', 'ops@example.org', NULL, 'has space');
select import_client('e', 'client_credentials', 'ops@example.org', NULL, 'colon:inside');
select import_client('e', 'client_credentials', 'ops@example.org', NULL, 'slash/inside');
select import_client('e', 'client_credentials', 'ops@example.org', NULL, 'caf' || char(233));
select import_client('e', 'client_credentials', 'ops@example.org', NULL, printf('%.256c', 'a'));
select import_client('e', 'client_credentials', 'ops@example.org', NULL, 12345);
select import_client('e', 'client_credentials');
select import_client('e', 'implicit', 'ops@example.org', 'd', 'id-e');
select import_client('e', 'authorization_code', 'ops@example.org', NULL, 'id-e', NULL, NULL, 'https://example.org/cb');
select import_client('e', 'nope', 'ops@example.org');
select import_client('CLIENT_TEST', 'client_credentials', 'ops@example.org');
select import_client('e', 'client_credentials', 'ops@example.org', NULL, NULL, 'no.such.privilege');
select import_client(json_object('name', 'e', 'grant_type', 'client_credentials', 'support_email', 'ops@example.org',
                                 'client_secret', json_object('secret', 'x')));
select (select n from before) = count(*) as nothing_imported from user_ords_clients;
