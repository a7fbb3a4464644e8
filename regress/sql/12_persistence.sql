-- 12_persistence: state lives in the ords_sec_* tables of `main`: it is kept across connections
-- (reopen the file, load the extension again) and shared by connections to the same file;
-- per-connection state (the current schema, the test hooks) is not.
.open 12_persistence.db
.load ./ords_security
select enable_schema(1, 'hr', NULL, 'people');
select create_role('r1');
select define_module('m1', '/m1/', 10);
select define_template('m1', 'items/');
select define_privilege('p1', 'r1', '/a/*', 'm1', 'L', 'D', 'C');
select create_role(json_object('role_name', 'hr_role', 'schema', 'hr'));
select ords_security_config('security.oauth.tokenLifetime', 900);
select ords_set_schema('hr');
select count(*) > 0 as has_tables, count(*) = sum(name like 'ords_sec%') as all_ords_sec
  from sqlite_master where type = 'table';
select value = json_extract(ords_security_info(), '$.latest_schema_version') as schema_version_is_latest
  from ords_sec_meta where key = 'schema_version';
-- A new connection to the same file: without the extension the views do not exist ...
.open 12_persistence.db
select * from user_ords_roles;
-- ... loaded again, everything is there; the new connection starts in MAIN.
.load ./ords_security
select * from user_ords_schemas;
select * from user_ords_roles order by id;
select * from user_ords_privileges order by id;
select * from user_ords_privilege_roles order by privilege_id, role_id;
select * from user_ords_privilege_mappings order by privilege_id, pattern;
select * from user_ords_privilege_modules order by privilege_id, module_id;
select * from user_ords_modules order by id;
select * from user_ords_templates order by id;
select ords_security_config('security.oauth.tokenLifetime');
select ords_set_schema('hr');
select * from user_ords_roles order by id;
-- It goes on from there.
select create_role('hr_role2');
select ords_set_schema('main');
select delete_privilege('p1');
-- Loading the extension twice on one connection is harmless: the second load replaces the first
-- (and, like a new connection, starts in MAIN).
select ords_set_schema('hr');
.load ./ords_security
select * from user_ords_schemas;
select count(*) as roles from user_ords_roles;
select create_role('after_reload');
.open 12_persistence.db
.load ./ords_security
select name from user_ords_roles order by id;
select count(*) as privileges from user_ords_privileges;
select ords_set_schema('hr');
select name from user_ords_roles order by id;
-- The database holds nothing else: only ords_sec_* tables (and their indexes).
select count(*) as others from sqlite_master where type in ('table', 'view', 'trigger') and name not like 'ords_sec%';
select count(*) as others from sqlite_master where type = 'index' and tbl_name not like 'ords_sec%';
