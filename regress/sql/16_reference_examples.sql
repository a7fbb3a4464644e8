-- 16_reference_examples: every example of docs/reference.md (the foundation part), in the order
-- the page gives them, on one fresh database: the documented calls run as documented.
-- Regenerate after editing those examples (docs/testing.md says how).
select ords_security_version();                           -- 0.1.0
select ords_security_version(json_object());              -- 0.1.0 (named form, no parameters)
select json_extract(ords_security_info(), '$.schema_version');  -- 0 until the first write
select json_type(ords_security_info(json_object()));            -- object
select ords_security_config('security.oauth.tokenLifetime');               -- 3600
select ords_security_config('security.oauth.tokenLifetime', 600);          -- 600
select ords_security_config(json_object('key', 'security.oauth.refreshTokenLifetime', 'value', 7200));  -- 7200
select ords_security_config('security.oauth.tokenLifetime', NULL);         -- 3600 again
select ords_security_config(json_object('key', 'security.oauth.refreshTokenLifetime', 'value', NULL));  -- 86400
select enable_schema(1, 'hr');                                   -- HR, alias hr
select enable_schema(TRUE, 'sales', 'BASE_PATH', 'shop', FALSE); -- SALES, alias shop
select enable_schema(json_object('schema', 'Ops', 'url_mapping_pattern', 'ops-v2', 'auto_rest_auth', json('true')));
select enable_schema(0, 'sales');                                -- disabled, alias still shop
select ords_set_schema('hr');                          -- HR
select ords_set_schema(json_object('schema', 'Main')); -- MAIN
select create_role(json_object('role_name', 'clerk', 'schema', 'hr'));
select delete_role(json_object('role_name', 'clerk', 'schema', 'hr'));
select create_role('reader');
select create_role(json_object('p_role_name', 'writer'));
select create_role('temp');
select delete_role('temp');
select delete_role(json_object('ROLE_NAME', 'writer'));
select rename_role('reader', 'viewer');
select rename_role(json_object('role_name', 'viewer', 'new_name', 'viewer'));
select create_privilege('p1', 'viewer', 'Privilege one', 'Protects the first things');
select create_privilege(json_object('name', 'p2', 'label', 'Two', 'description', 'Second'));
select create_role('r1');
select create_role('r2');
select define_module('m1', '/m1/');
select define_privilege('p3', 'r1,r2', '/a/*,/b/*', 'm1', 'Three', 'Third', 'first definition');
select define_privilege(json_object('privilege_name', 'p3', 'roles', json_array('viewer'),
                                    'patterns', json_array('/c/*'), 'label', 'Three again'));
select define_privilege('p3');   -- no roles, patterns, modules or label any more
select delete_privilege('p3');
select delete_privilege(json_object('p_name', 'p2'));
select rename_privilege('p1', 'p1_renamed');
select rename_privilege(json_object('name', 'p1_renamed', 'new_name', 'p1'));
select create_privilege_mapping('p1', '/example/*');
select create_privilege_mapping('p1', json_array('/a/*', '/b'));
select create_privilege_mapping(json_object('privilege_name', 'p1', 'patterns', json_array('/e/*', '/f/*')));
select create_privilege_mapping(json_object('p_privilege_name', 'p1', 'p_patterns', '/g/*, /h/*'));
select delete_privilege_mapping('p1', '/b');
select delete_privilege_mapping(json_object('privilege_name', 'p1', 'pattern', '/e/*'));
select define_module('hr', 'hr');                                  -- base path /hr/
select define_module('sales', '/sales', 10, 'not_published', 'Sales API');
select define_module(json_object('module_name', 'ops', 'base_path', '/ops/v1/', 'items_per_page', 0,
                                 'status', 'PUBLISHED', 'comments', 'Operations'));
select define_template('hr', 'employees/');
select define_template(json_object('module_name', 'hr', 'pattern', 'departments/'));
select define_module('old', '/old/');
select delete_module('old');
select delete_module(json_object('module_name', 'ops'));
select set_module_privilege('hr', 'p1');
select set_module_privilege(json_object('module_name', 'sales', 'privilege_name', 'p1'));
select set_module_privilege('sales', NULL);
select * from user_ords_roles order by id;
select parsing_schema, pattern, status from dba_ords_schemas order by id;
select privilege_name, role_name from user_ords_privilege_roles order by 1, 2;
select m.name as module, t.uri_template, pm.privilege_name
  from user_ords_modules m join user_ords_templates t on t.module_id = m.id
  left join user_ords_privilege_modules pm on pm.module_id = m.id
 order by m.id, t.id;
