-- 08_views: the views of API.md section 8 that this part adds, as eponymous virtual tables of the
-- current schema: their columns, their rows, that they follow ords_set_schema, and that they are
-- read-only.
-- Columns, in order, as API.md lists them.
select v.name as view, group_concat(c.name, ', ') as columns
  from (select 'user_ords_roles' as name, 1 as n union all select 'user_ords_privileges', 2
        union all select 'user_ords_privilege_roles', 3 union all select 'user_ords_privilege_mappings', 4
        union all select 'user_ords_privilege_modules', 5 union all select 'user_ords_modules', 6
        union all select 'user_ords_templates', 7 union all select 'user_ords_schemas', 8) v,
       pragma_table_info(v.name) c
 group by v.n order by v.n;
-- A fresh database: every view is empty, except MAIN in user_ords_schemas.
select count(*) from user_ords_roles;
select count(*) from user_ords_privileges;
select count(*) from user_ords_privilege_roles;
select count(*) from user_ords_privilege_mappings;
select count(*) from user_ords_privilege_modules;
select count(*) from user_ords_modules;
select count(*) from user_ords_templates;
select * from user_ords_schemas;
-- Two schemas with objects of their own.
select enable_schema(1, 'hr', NULL, 'people');
select create_role('main_role');
select define_module('main_mod', '/main/');
select define_template('main_mod', 'things/');
select define_privilege('main_priv', 'main_role', '/main/*', 'main_mod', 'Main', 'Main privilege', 'c');
select ords_set_schema('hr');
select create_role('hr_role');
select create_role('hr_role2');
select define_module('hr_mod', '/emp/', 50, 'NOT_PUBLISHED', 'HR module');
select define_template('hr_mod', 'employees/:id');
select define_privilege('hr_priv', 'hr_role,hr_role2', '/emp/*,/dept/*', 'hr_mod', 'HR', 'HR privilege', 'hr');
-- From HR:
select * from user_ords_roles order by id;
select * from user_ords_privileges order by id;
select * from user_ords_privilege_roles order by privilege_id, role_id;
select * from user_ords_privilege_mappings order by privilege_id, pattern;
select * from user_ords_privilege_modules order by privilege_id, module_id;
select * from user_ords_modules order by id;
select * from user_ords_templates order by id;
select * from user_ords_schemas;
-- From MAIN:
select ords_set_schema('main');
select * from user_ords_roles order by id;
select * from user_ords_privileges order by id;
select * from user_ords_privilege_roles order by privilege_id, role_id;
select * from user_ords_privilege_mappings order by privilege_id, pattern;
select * from user_ords_privilege_modules order by privilege_id, module_id;
select * from user_ords_modules order by id;
select * from user_ords_templates order by id;
select * from user_ords_schemas;
-- Views join like tables.
select m.name as module, t.uri_template, pm.privilege_name
  from user_ords_modules m join user_ords_templates t on t.module_id = m.id
  left join user_ords_privilege_modules pm on pm.module_id = m.id
 order by m.id, t.id;
select r.name, (select count(*) from user_ords_privilege_roles pr where pr.role_id = r.id) as privileges
  from user_ords_roles r order by r.id;
-- Read-only: no INSERT, UPDATE or DELETE; not a module for CREATE VIRTUAL TABLE.
insert into user_ords_roles values (9, 'x');
update user_ords_privileges set label = 'x';
delete from user_ords_modules;
create virtual table my_roles using user_ords_roles;
select count(*) from user_ords_roles;
