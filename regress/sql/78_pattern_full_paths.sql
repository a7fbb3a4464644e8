-- 78_pattern_full_paths: a pattern, base path or template written as a full /ords/<alias>/... path is refused with the relative form to write; ";" is refused in each (request paths lose their ";" parameters, so it could never match); a refusal changes nothing.
select create_role('r1') is null as ok;
select create_privilege('p1', 'r1') is null as ok;
select define_module('hr', '/hr/') is null as ok;

-- create_privilege_mapping: one pattern, a JSON array, the named form's p_patterns.
select create_privilege_mapping('p1', '/ords/main/example/*');
select create_privilege_mapping('p1', json_array('/a/*', '/ords/main/b/*'));
select create_privilege_mapping(json_object('privilege_name', 'p1', 'patterns', '/c/*, /ords/hr/d'));
select create_privilege_mapping('p1', 'ords/main/example/*');
select create_privilege_mapping('p1', '/ords/main/');
select create_privilege_mapping('p1', '/ords');
select create_privilege_mapping('p1', '/ords/*');
-- define_privilege's p_patterns.
select define_privilege('p2', 'r1', '/e/*,/ords/main/f/*');
select define_privilege(json_object('privilege_name', 'p2', 'patterns', json_array('/ords/main/g')));
-- define_module's base path (a missing "/" is added first, then the rule applies).
select define_module('sales', '/ords/main/sales/');
select define_module('sales', 'ords/main/sales');
select define_module('sales', '/ords/main/');
-- define_template: relative to the module's base path.
select define_template('hr', '/ords/main/hr/employees/:id');
select define_template('hr', 'ords/main/hr/');
select define_template('hr', '/ords/main/other/x');
select define_template('nope', '/ords/main/hr/x');
-- ";" anywhere.
select create_privilege_mapping('p1', '/a;b/*');
select create_privilege_mapping('p1', '/example/*;jsessionid=1');
select define_privilege('p2', 'r1', '/x;y');
select define_module('sales', '/sales;v=1/');
select define_template('hr', 'employees;x/:id');

-- Nothing of that was made.
select count(*) as mappings from user_ords_privilege_mappings;
select count(*) as privileges from user_ords_privileges;
select name, uri_prefix from user_ords_modules order by id;
select count(*) as templates from user_ords_templates;

-- Written as the messages say, they are accepted and protect the full path of the request.
select create_privilege_mapping('p1', '/example/*') is null as ok;
select define_module('sales', '/sales/') is null as ok;
select define_template('hr', 'employees/:id') is null as ok;
select check_request('GET', '/ords/main/example/1', NULL) ->> 'status' as status;
select pattern from user_ords_privilege_mappings order by 1;
-- A pattern that only starts with "ords" is not a full path.
select create_privilege_mapping('p1', '/ordsx/*') is null as ok;
select create_privilege_mapping('p1', '/ords*') is null as ok;
