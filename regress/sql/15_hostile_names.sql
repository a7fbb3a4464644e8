-- 15_hostile_names: names that look like SQL, JSON, format strings, markup or paths are stored and
-- shown verbatim, and are found again by the same text; nothing they say is ever executed.
select create_role('x''); drop table ords_sec_role; --');
select create_role('Robert"); DROP TABLE ords_sec_privilege;--');
select create_role(''' OR ''1''=''1');
select create_role('%s%n%x%p');
select create_role('<script>alert(1)</script>');
select create_role('../../etc/passwd');
select create_role('[1,2,3]');
select create_role('null');
select create_role('NULL');
select create_role('*');
select create_role('?1');
select create_role('$schema');
select create_role('日本語のロール');
select create_role('ʀᴏʟᴇ 🔐');
select create_role(json_object('role_name', '{"role_name":"nested"}'));
select create_role(json_object('role_name', 'p_role_name'));
select id, name, length(name) as chars from user_ords_roles order by id;
select count(*) as tables from sqlite_master where type = 'table' and name in ('ords_sec_role', 'ords_sec_privilege');
-- They work everywhere a name goes: privileges, modules, renames, lookups, deletes.
select create_privilege('priv'';delete/**/from/**/ords_sec_role;--', 'x''); drop table ords_sec_role; --',
                        'label "quoted"', 'description with ''quotes''');
select define_privilege('priv2', json_array('%s%n%x%p', '[1,2,3]', 'null'), '/a''b/*', NULL, '<b>', NULL, '--');
select define_module('mod"; drop', '/it''s/');
select set_module_privilege('mod"; drop', 'priv2');
select define_template('mod"; drop', 'a''b/:id');
select * from user_ords_privileges order by id;
select * from user_ords_privilege_roles order by privilege_id, role_id;
select * from user_ords_privilege_mappings order by privilege_id, pattern;
select * from user_ords_modules order by id;
select * from user_ords_templates order by id;
select * from user_ords_privilege_modules order by privilege_id, module_id;
select delete_role('x''); drop table ords_sec_role; --');
select rename_role('Robert"); DROP TABLE ords_sec_privilege;--', 'Robert''); --');
select delete_role('Robert''); --');
select delete_privilege('priv'';delete/**/from/**/ords_sec_role;--');
select delete_role('x''); drop table ords_sec_role; --');
select count(*) as roles from user_ords_roles;
-- Exact text: a different case, extra space or lookalike is another name.
select delete_role('ROBERT"); DROP TABLE ORDS_SEC_PRIVILEGE;--');
select delete_role('%S%N%X%P');
-- Error messages quote the name as given and stay one line.
select create_role('%s%n%x%p');
select delete_role('no such role ''; drop table t; --');
