-- 04_roles: create_role, delete_role, rename_role (API.md section 4): success, the named form,
-- each error, and a role used by a privilege refused for deletion with a message saying which.
select create_role('reader');
select create_role(json_object('p_role_name', 'writer'));
select create_role('Reader');
select * from user_ords_roles order by id;
-- Names are unique within the schema, compared exactly (case matters, as in ORDS).
select create_role('reader');
select create_role(json_object('role_name', 'writer'));
-- rename_role: keeps the id and every link; to its own name it does nothing.
select create_privilege('priv', 'reader');
select rename_role('reader', 'viewer');
select rename_role(json_object('role_name', 'viewer', 'new_name', 'viewer'));
select rename_role('viewer', 'writer');
select rename_role('nobody', 'x');
select rename_role('viewer', '');
select rename_role('viewer', printf('%.256c', 'v'));
select rename_role('viewer');
select * from user_ords_roles order by id;
select privilege_name, role_id, role_name from user_ords_privilege_roles order by 1, 2;
-- delete_role: a role a privilege uses is refused, naming the privileges (three, then a count).
select create_privilege('p2', 'viewer');
select define_privilege('p3', 'viewer,writer');
select create_privilege('p4', 'viewer');
select create_privilege('p5', 'viewer');
select delete_role('viewer');
select delete_role('writer');
select delete_role(json_object('role_name', 'nobody'));
select delete_role(NULL);
select * from user_ords_roles order by id;
-- Once no privilege uses it, it goes.
select delete_privilege('priv');
select delete_privilege('p2');
select define_privilege('p3', 'writer');
select delete_privilege('p4');
select delete_privilege('p5');
select delete_role('viewer');
select delete_role(json_object('ROLE_NAME', 'Reader'));
select * from user_ords_roles order by id;
-- A deleted role's name can be used again. Ids are SQLite rowids (the highest id + 1), so the
-- id of the last row deleted can come back.
select create_role('viewer');
select * from user_ords_roles order by id;
