-- 25_clients_roles: grant_client_role / revoke_client_role (ORDS_SECURITY examples 8-8, 8-9, 8-29,
-- 8-30), by name and by client_key; a role granted to a client cannot be deleted; deleting a
-- privilege takes it off the clients that listed it.
select register_client('CLIENT_TEST', 'client_credentials', 'test@example.org') is not null as registered;

-- Example 8-8:
--   ORDS.CREATE_ROLE(p_role_name => 'CLIENT_TEST_ROLE');
--   ORDS_SECURITY.GRANT_CLIENT_ROLE(p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
--       p_role_name => 'CLIENT_TEST_ROLE');
select create_role(json_object('p_role_name', 'CLIENT_TEST_ROLE'));
select grant_client_role(json_object('p_client_key', json_object('name', 'CLIENT_TEST'), 'p_role_name', 'CLIENT_TEST_ROLE'));
select * from user_ords_client_roles order by client_id, role_id;

-- Example 8-9:
--   ORDS.CREATE_ROLE(p_role_name => 'CLIENT_TEST_ROLE');
--   ORDS_SECURITY.GRANT_CLIENT_ROLE(p_client_name => 'CLIENT_TEST', p_role_name => 'CLIENT_TEST_ROLE');
-- (run after 8-8, its CREATE_ROLE fails as it would in ORDS; granting again changes nothing)
select create_role('CLIENT_TEST_ROLE');
select grant_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');
select * from user_ords_client_roles order by client_id, role_id;

-- By id and by client_id too; every key field given must name the same client.
select create_role('r2');
select create_role('r3');
select grant_client_role(json_object('client_key', json_object('id', (select id from user_ords_clients where name = 'CLIENT_TEST')),
                                     'role_name', 'r2'));
select grant_client_role(json_object('client_key', json_object('client_id', (select client_id from user_ords_clients where name = 'CLIENT_TEST'),
                                                               'name', 'CLIENT_TEST'), 'role_name', 'r3'));
select client_name, role_name from user_ords_client_roles order by role_id;
select name, role_names from user_ords_clients;

-- Errors.
select grant_client_role('CLIENT_TEST', 'no_such_role');
select grant_client_role('nobody', 'r2');
select grant_client_role('CLIENT_TEST', NULL);
select grant_client_role(NULL, 'r2');
select grant_client_role(json_object('client_key', json_object(), 'role_name', 'r2'));
select grant_client_role(json_object('client_key', json_object('id', 99), 'role_name', 'r2'));
select grant_client_role(json_object('client_key', json_object('id', 'one'), 'role_name', 'r2'));
select grant_client_role(json_object('client_key', json_object('client_id', 'nope..'), 'role_name', 'r2'));
select grant_client_role(json_object('client_key', json_object('name', 'CLIENT_TEST', 'id', 99), 'role_name', 'r2'));
select grant_client_role(json_object('client_key', json_object('nom', 'CLIENT_TEST'), 'role_name', 'r2'));
select grant_client_role(json_object('client_key', 'CLIENT_TEST', 'role_name', 'r2'));
select grant_client_role(json_object('client_key', json_object('name', 'CLIENT_TEST'), 'client_name', 'CLIENT_TEST', 'role_name', 'r2'));
select register_client('other', 'client_credentials', 'test@example.org') is not null as other;
select grant_client_role(json_object('client_key', json_object('name', 'CLIENT_TEST', 'client_id',
                                     (select client_id from user_ords_clients where name = 'other')), 'role_name', 'r2'));
-- A role of another schema is not this schema's role.
select enable_schema(1, 'HR', 'BASE_PATH', 'hr');
select create_role(json_object('schema', 'HR', 'role_name', 'hr_role'));
select grant_client_role('CLIENT_TEST', 'hr_role');
select grant_client_role(json_object('schema', 'HR', 'client_name', 'CLIENT_TEST', 'role_name', 'hr_role'));

-- A granted role cannot be deleted; the message says which clients hold it.
select grant_client_role('other', 'CLIENT_TEST_ROLE');
select delete_role('CLIENT_TEST_ROLE');
select delete_role('r2');
-- Renaming a role keeps its grants.
select rename_role('r3', 'r3_renamed');
select client_name, role_name from user_ords_client_roles order by role_id, client_id;

-- Example 8-29:
--   ORDS_SECURITY.REVOKE_CLIENT_ROLE(p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
--       p_role_name => 'CLIENT_TEST_ROLE');
select revoke_client_role(json_object('p_client_key', json_object('name', 'CLIENT_TEST'), 'p_role_name', 'CLIENT_TEST_ROLE'));
-- Example 8-30:
--   ORDS_SECURITY.REVOKE_CLIENT_ROLE(p_client_name => 'CLIENT_TEST', p_role_name => 'CLIENT_TEST_ROLE');
-- (after 8-29 it is no longer granted, which the message says)
select revoke_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');
select revoke_client_role('other', 'CLIENT_TEST_ROLE');
select revoke_client_role('CLIENT_TEST', 'no_such_role');
select revoke_client_role('nobody', 'r2');
select client_name, role_name from user_ords_client_roles order by role_id, client_id;
-- Revoked from every client, the role can go.
select delete_role('CLIENT_TEST_ROLE');

-- Deleting a privilege removes it from the clients' privilege lists (they asked for it by name).
select create_privilege('p1');
select create_privilege('p2');
select update_client_privileges('CLIENT_TEST', 'p1,p2');
select update_client_privileges('other', 'p1');
select delete_privilege('p1');
select client_name, name from user_ords_client_privileges order by client_id, privilege_id;
select name, privilege_names from user_ords_clients order by id;
-- define_privilege (create or replace) keeps the clients' links.
select define_privilege('p2', NULL, '/p2/*');
select client_name, name from user_ords_client_privileges order by client_id, privilege_id;
