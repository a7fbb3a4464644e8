-- 26_clients_delete: delete_client (ORDS_SECURITY examples 8-27, 8-28) by client_key and by name:
-- the client, its secrets, role grants, privilege list and logo all go, its client_id stops
-- authenticating at once, and its name can be used again.
select ords_security_test_clock(1795000000);
select create_role('CLIENT_TEST_ROLE');
select create_privilege('oracle.dbtools.sqldev', 'CLIENT_TEST_ROLE');
create temp table c as select register_client(json_object('name', 'CLIENT_TEST', 'grant_type', 'client_credentials',
    'support_email', 'test@example.org', 'privilege_names', 'oracle.dbtools.sqldev',
    'client_secret', json_object('stored', json('false')))) as r;
select grant_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');
select update_client_logo('CLIENT_TEST', 'image/png', x'89504e47');
select register_client('KEEP', 'client_credentials', 'test@example.org') is not null as keep;
select grant_client_role('KEEP', 'CLIENT_TEST_ROLE');
select ords_security_test_client_auth(r ->> '$.client_key.client_id', r ->> '$.client_secret.secret') as authenticates from c;
create temp view counts as select
  (select count(*) from ords_sec_client) as clients, (select count(*) from ords_sec_client_secret) as secrets,
  (select count(*) from ords_sec_client_role) as grants, (select count(*) from ords_sec_client_privilege) as privileges,
  (select count(*) from ords_sec_client_logo) as logos;
select * from counts;

-- Example 8-27:
--   ORDS_SECURITY.DELETE_CLIENT(p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'));
select delete_client(json_object('p_client_key', json_object('name', 'CLIENT_TEST')));
select * from counts;
select name from user_ords_clients order by id;
select client_name, role_name from user_ords_client_roles order by 1;
select ords_security_test_client_auth(r ->> '$.client_key.client_id', r ->> '$.client_secret.secret') as authenticates from c;
-- The role and the privilege stay: they belong to the schema, not to the client.
select (select count(*) from user_ords_roles) as roles, (select count(*) from user_ords_privileges) as privileges;

-- Example 8-28 (deleting it again says it does not exist):
--   ORDS_SECURITY.DELETE_CLIENT(p_name => 'CLIENT_TEST');
select delete_client(json_object('p_name', 'CLIENT_TEST'));
select delete_client('CLIENT_TEST');
-- The name is free again; the new client has a new client_id.
select register_client('CLIENT_TEST', 'client_credentials', 'test@example.org') ->> '$.client_key.client_id'
       <> (select r ->> '$.client_key.client_id' from c) as new_client_id;
select delete_client(json_object('client_key', json_object('client_id', (select client_id from user_ords_clients where name = 'CLIENT_TEST'))));
select delete_client(json_object('client_key', json_object('id', (select id from user_ords_clients where name = 'KEEP'))));
select * from counts;
select delete_client(NULL);
select delete_client('');
select delete_client(json_object('client_key', json_object('name', 'nobody')));
