-- 79_sql_hints: the hints in error messages are SQL a user can paste into this shell (not PL/SQL's p_x => 'v'), and pasting them does what they say.
-- A schema that is not REST-enabled: the hint enables it.
select ords_set_schema('hr');
select enable_schema(json_object('p_schema','HR'));
select ords_set_schema('hr');
select ords_set_schema('main');
-- A role that does not exist, where one is needed: the hint creates it (quotes doubled in a name).
select create_privilege('p1', 'reader');
select create_role('reader');
select create_privilege('p1', 'reader');
select define_privilege('p2', 'it''s a role');
select create_role('it''s a role');
select define_privilege('p2', 'it''s a role');
-- In another schema, the hint names it.
select create_privilege(json_object('name', 'hp', 'role_name', 'clerk', 'schema', 'hr'));
select create_role(json_object('role_name','clerk','schema','HR'));
select create_privilege(json_object('name', 'hp', 'role_name', 'clerk', 'schema', 'hr'));
select ords_set_schema('hr');
select create_privilege('hp2', 'clerk2');
select create_role(json_object('role_name','clerk2','schema','HR'));
select create_privilege('hp2', 'clerk2');
select privilege_name, role_name from user_ords_privilege_roles order by 1, 2;
select ords_set_schema('main');
select register_client('svc', 'client_credentials', 'ops@example.org') is not null as registered;
select grant_client_role('svc', 'writer');
select create_role('writer');
select grant_client_role('svc', 'writer');
select privilege_name, role_name from user_ords_privilege_roles order by 1, 2;
select client_name, role_name from user_ords_client_roles order by 1, 2;
-- Removing something that is not there gets no hint to create it.
select delete_role('nobody');
select revoke_client_role('svc', 'nobody');
