-- 05_privileges: create_privilege, define_privilege (create or replace: the lists are replaced),
-- delete_privilege (removes its roles, mappings and module links), rename_privilege: success,
-- the named form and each error.
select create_role('r1');
select create_role('r2');
select create_role('r3');
select define_module('m1', '/m1/');
select define_module('m2', '/m2/');
-- create_privilege: p_name, p_role_name, p_label, p_description; the role must exist.
select create_privilege('p1', 'r1', 'Privilege one', 'Protects the first things');
select create_privilege('p0');
select create_privilege(json_object('name', 'p2', 'role_name', 'r2', 'label', 'Two', 'description', 'Second'));
select create_privilege('p1');
select create_privilege('px', 'no_such_role');
select create_privilege('px', 'r1', 'L', 'D', 'extra');
select create_privilege(json_object('name', 'px', 'roles', 'r1'));
select create_privilege(json_object('name', 'px', 'comments', 'c'));
select * from user_ords_privileges order by id;
select * from user_ords_privilege_roles order by privilege_id, role_id;
-- define_privilege: p_privilege_name, p_roles, p_patterns, p_modules, p_label, p_description,
-- p_comments. A new name creates the privilege.
select define_privilege('p3', 'r1,r2', '/a/*,/b/*', 'm1', 'Three', 'Third', 'first definition');
select * from user_ords_privileges where name = 'p3';
select role_name from user_ords_privilege_roles where privilege_name = 'p3' order by 1;
select pattern from user_ords_privilege_mappings where name = 'p3' order by 1;
select module_name from user_ords_privilege_modules where privilege_name = 'p3' order by 1;
-- An existing name is replaced: same id, every list and attribute as now given (NULL: empty).
select define_privilege(json_object('privilege_name', 'p3', 'roles', json_array('r3'),
                                    'patterns', json_array('/c/*'), 'modules', 'm2',
                                    'label', 'Three again'));
select * from user_ords_privileges where name = 'p3';
select role_name from user_ords_privilege_roles where privilege_name = 'p3' order by 1;
select pattern from user_ords_privilege_mappings where name = 'p3' order by 1;
select module_name from user_ords_privilege_modules where privilege_name = 'p3' order by 1;
select define_privilege('p3');
select * from user_ords_privileges where name = 'p3';
select count(*) as links from user_ords_privilege_roles where privilege_name = 'p3';
select count(*) as links from user_ords_privilege_mappings where name = 'p3';
select count(*) as links from user_ords_privilege_modules where privilege_name = 'p3';
-- define_privilege over a privilege made by create_privilege replaces its role as well.
select define_privilege('p1', 'r2', NULL, NULL, 'Privilege one');
select * from user_ords_privilege_roles where privilege_name = 'p1';
-- Its roles and modules must exist; a refused definition changes nothing, not even an existing one.
select define_privilege('p3', 'r1', '/d/*', 'm1');
select define_privilege('p3', 'r1,no_such_role', '/e/*');
select define_privilege('p3', 'r2', '/e/*', 'no_such_module');
select define_privilege('p3', 'r2', 'no-slash');
select define_privilege('p3', 'r2', '/e/*', 'm1', printf('%.4001c', 'l'));
select define_privilege('p9', 'no_such_role');
select role_name from user_ords_privilege_roles where privilege_name = 'p3' order by 1;
select pattern from user_ords_privilege_mappings where name = 'p3' order by 1;
select module_name from user_ords_privilege_modules where privilege_name = 'p3' order by 1;
select count(*) as p9 from user_ords_privileges where name = 'p9';
-- A module is protected by one privilege: define_privilege refuses to take it from another
-- (set_module_privilege moves it, see 07_modules).
select define_privilege('p0', NULL, NULL, 'm1');
select * from user_ords_privilege_modules order by privilege_id;
-- rename_privilege: keeps the id and its links.
select rename_privilege('p3', 'p3_renamed');
select rename_privilege(json_object('name', 'p3_renamed', 'new_name', 'p3_renamed'));
select rename_privilege('p3_renamed', 'p1');
select rename_privilege('nothing', 'x');
select rename_privilege('p3_renamed', NULL);
select rename_privilege('p3_renamed', 'a' || char(10));
select * from user_ords_privileges order by id;
select * from user_ords_privilege_roles order by privilege_id, role_id;
select * from user_ords_privilege_mappings order by privilege_id, pattern;
select * from user_ords_privilege_modules order by privilege_id, module_id;
-- delete_privilege: the privilege and every link to it go; roles and modules stay.
select delete_privilege('p3_renamed');
select delete_privilege(json_object('p_name', 'p2'));
select delete_privilege('p3_renamed');
select delete_privilege(NULL);
select * from user_ords_privileges order by id;
select * from user_ords_privilege_roles order by privilege_id, role_id;
select * from user_ords_privilege_mappings order by privilege_id, pattern;
select * from user_ords_privilege_modules order by privilege_id, module_id;
select name from user_ords_roles order by id;
select name from user_ords_modules order by id;
select count(*) as orphans from ords_sec_privilege_role where privilege_id not in (select id from ords_sec_privilege);
select count(*) as orphans from ords_sec_privilege_pattern where privilege_id not in (select id from ords_sec_privilege);
select count(*) as orphans from ords_sec_privilege_module where privilege_id not in (select id from ords_sec_privilege);
-- The role only the deleted privilege used can now be deleted.
select delete_role('r1');
select name from user_ords_roles order by id;
