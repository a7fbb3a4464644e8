-- 13_readonly: a read-only connection (.open --readonly) reads every view and setting, and every
-- call that would write is refused with a clear message, changing nothing.
.open 13_readonly.db
.load ./ords_security
select enable_schema(1, 'hr');
select create_role('r1');
select define_module('m1', '/m1/');
select define_template('m1', 'items/');
select define_privilege('p1', 'r1', '/a/*', 'm1', 'L', 'D', 'C');
select ords_security_config('security.oauth.codeLifetime', 120);
.open --readonly 13_readonly.db
.load ./ords_security
-- Every view reads.
select * from user_ords_schemas;
select * from user_ords_roles order by id;
select * from user_ords_privileges order by id;
select * from user_ords_privilege_roles order by privilege_id, role_id;
select * from user_ords_privilege_mappings order by privilege_id, pattern;
select * from user_ords_privilege_modules order by privilege_id, module_id;
select * from user_ords_modules order by id;
select * from user_ords_templates order by id;
-- Settings, version and info read; the current schema can change (it is the connection's own).
select ords_security_config('security.oauth.codeLifetime');
select ords_security_config(json_object('key', 'security.oauth.tokenLifetime'));
select ords_security_version() glob '*.*.*' as version;
select json_extract(ords_security_info(), '$.schema_version') > 0 as written;
select ords_set_schema('hr');
select * from user_ords_schemas;
select ords_set_schema('main');
-- Every writer is refused, with the same message.
select enable_schema(1, 'sales');
select create_role('r2');
select delete_role('r1');
select rename_role('r1', 'r9');
select create_privilege('p2');
select define_privilege('p1');
select delete_privilege('p1');
select rename_privilege('p1', 'p9');
select create_privilege_mapping('p1', '/b/*');
select delete_privilege_mapping('p1', '/a/*');
select define_module('m2', '/m2/');
select define_template('m1', 'more/');
select delete_module('m1');
select set_module_privilege('m1', NULL);
select ords_security_config('security.oauth.codeLifetime', 60);
select ords_security_config('security.oauth.codeLifetime', NULL);
select create_role(json_object('role_name', 'r2', 'schema', 'hr'));
-- Argument errors are still reported as such.
select create_role(NULL);
-- Nothing changed.
select * from user_ords_roles order by id;
select * from user_ords_privilege_mappings order by privilege_id, pattern;
select * from user_ords_modules order by id;
select ords_security_config('security.oauth.codeLifetime');
