-- 03_schemas: REST-enabled schemas (API.md section 3): MAIN (alias main) always exists,
-- enable_schema, ords_set_schema, the named `schema` key, and objects of one schema invisible
-- from another.
select * from user_ords_schemas;
select ords_set_schema('main');
-- enable_schema: positional and named; the name is stored upper case, the alias defaults to it in
-- lower case.
select enable_schema(1, 'hr');
select enable_schema(TRUE, 'sales', 'BASE_PATH', 'shop', FALSE);
select enable_schema(json_object('schema', 'Ops', 'url_mapping_pattern', 'ops-v2', 'auto_rest_auth', json('true')));
select enable_schema(json_object('p_enabled', 'FALSE', 'p_schema', 'dormant'));
select id, name, alias, enabled, url_mapping_type, auto_rest_auth from ords_sec_schema order by id;
-- Called again, NULL keeps what the schema has; a value replaces it. Disabling keeps the alias.
select enable_schema(0, 'sales');
select enable_schema(1, 'sales');
select enable_schema(json_object('schema', 'ops', 'url_mapping_pattern', 'ops'));
select id, name, alias, enabled, auto_rest_auth from ords_sec_schema order by id;
-- enable_schema without p_schema acts on the current schema.
select ords_set_schema('dormant');
select enable_schema();
select * from user_ords_schemas;
select ords_set_schema('main');
-- MAIN keeps the alias main (it can be disabled and enabled again).
select enable_schema(1, 'main', NULL, 'other');
select enable_schema(1, 'MAIN', NULL, 'main');
select enable_schema(0, 'main');
select * from user_ords_schemas;
select enable_schema(1);
select * from user_ords_schemas;
-- Errors: schema identifiers, aliases (one URL segment, unique without regard to case), the
-- mapping type (only BASE_PATH), booleans.
select enable_schema(1, '1hr');
select enable_schema(1, 'h r');
select enable_schema(1, 'hr;drop');
select enable_schema(1, printf('%.129c', 'a'));
select enable_schema(1, printf('%.128c', 'a'), NULL, 'long');
select enable_schema(1, 'x', 'ROUTE');
select enable_schema(1, 'x', NULL, 'a/b');
select enable_schema(1, 'x', NULL, '..');
select enable_schema(1, 'x', NULL, 'a b');
select enable_schema(1, 'x', NULL, 'HR');
select enable_schema(1, 'x', NULL, 'main');
select enable_schema(1, 'x', NULL, NULL, 'maybe');
select enable_schema(json_object('schema', 'x', 'url_mapping', 'x'));
select count(*) as schemas from ords_sec_schema;
-- ords_set_schema: returns the schema it set (upper case); an unknown one is refused and the
-- current schema stays.
select ords_set_schema('hr');
select * from user_ords_schemas;
select ords_set_schema('nowhere');
select ords_set_schema(NULL);
select ords_set_schema('1x');
select * from user_ords_schemas;
select ords_set_schema(json_object('schema', 'Main'));
select ords_set_schema(json_object('p_schema', 'HR'));
select ords_set_schema('main');
-- Objects belong to one schema; the same name may exist in several.
select create_role('clerk');
select create_role(json_object('role_name', 'clerk', 'schema', 'hr'));
select create_role(json_object('role_name', 'manager', 'SCHEMA', 'hr'));
select create_role(json_object('role_name', 'x', 'schema', 'nowhere'));
select create_role(json_object('role_name', 'x', 'schema', 7));
select create_privilege(json_object('name', 'hr_priv', 'role_name', 'manager', 'schema', 'hr'));
select create_privilege(json_object('name', 'main_priv', 'role_name', 'manager'));
select define_module(json_object('module_name', 'people', 'base_path', '/people/', 'schema', 'hr'));
select define_module('people', '/people/');
select name from user_ords_roles order by name;
select name from user_ords_privileges order by name;
select name from user_ords_modules order by name;
select ords_set_schema('hr');
select name from user_ords_roles order by name;
select name from user_ords_privileges order by name;
select privilege_name, role_name from user_ords_privilege_roles order by 1, 2;
select name, uri_prefix from user_ords_modules order by name;
-- From HR, MAIN's objects do not exist: HR cannot use, find, rename or delete them.
select ords_set_schema('main');
select create_role('main_only_role');
select create_privilege('main_priv', 'clerk');
select ords_set_schema('hr');
select create_privilege('p', 'main_only_role');
select rename_role('main_only_role', 'x');
select delete_role('main_only_role');
select delete_privilege('main_priv');
select create_privilege_mapping('main_priv', '/x/*');
select set_module_privilege('people', 'main_priv');
select count(*) as privileges from user_ords_privileges where name <> 'hr_priv';
select ords_set_schema('main');
select delete_privilege('hr_priv');
select delete_role(json_object('role_name', 'manager', 'schema', 'hr'));
select delete_privilege(json_object('name', 'hr_priv', 'schema', 'hr'));
select delete_role(json_object('role_name', 'manager', 'schema', 'hr'));
select name from user_ords_roles order by name;
select ords_set_schema('hr');
select name from user_ords_roles order by name;
