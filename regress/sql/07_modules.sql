-- 07_modules: define_module, define_template, delete_module, set_module_privilege (API.md
-- section 4): success, the named form, each error; a redefined module keeps its privilege.
-- define_module: p_module_name, p_base_path (stored as /path/), p_items_per_page (25),
-- p_status (PUBLISHED or NOT_PUBLISHED, any case), p_comments.
select define_module('hr', 'hr');
select define_module('sales', '/sales', 10, 'not_published', 'Sales API');
select define_module(json_object('module_name', 'ops', 'base_path', '/ops/v1/', 'items_per_page', 0,
                                 'status', 'PUBLISHED', 'comments', 'Operations'));
select * from user_ords_modules order by id;
-- Errors.
select define_module('x', NULL);
select define_module('x', '/');
select define_module('x', '');
select define_module('x', '/a*/');
select define_module('x', '/a//b/');
select define_module('x', '/a/../b/');
select define_module('x', '/a%20b/');
select define_module('x', '/a?b/');
select define_module('x', '/hr/');
select define_module('x', '/x/', -1);
select define_module('x', '/x/', 1.5);
select define_module('x', '/x/', NULL, 'DRAFT');
select define_module('x', '/x/', NULL, NULL, printf('%.4001c', 'c'));
select define_module(json_object('module_name', 'x', 'base_path', '/x/', 'uri_prefix', '/x/'));
select count(*) as modules from user_ords_modules;
-- define_template: p_module_name, p_pattern (a leading "/" is dropped); repeating one does nothing.
select define_template('hr', 'employees/');
select define_template('hr', '/employees/:id');
select define_template(json_object('module_name', 'hr', 'pattern', 'departments/'));
select define_template('hr', 'employees/');
select define_template('sales', 'orders/');
select define_template('nope', 'x/');
select define_template('hr', NULL);
select define_template('hr', 'a*');
select define_template('hr', 'a/../b');
select define_template('hr', 'a?x=1');
select * from user_ords_templates order by id;
-- set_module_privilege: the privilege that protects the module; another one replaces it; NULL
-- removes it.
select create_role('r');
select create_privilege('hr_priv', 'r');
select create_privilege('other_priv', 'r');
select set_module_privilege('hr', 'hr_priv');
select set_module_privilege(json_object('module_name', 'sales', 'privilege_name', 'hr_priv'));
select * from user_ords_privilege_modules order by privilege_id, module_id;
select set_module_privilege('sales', 'other_priv');
select * from user_ords_privilege_modules order by privilege_id, module_id;
select set_module_privilege('sales', NULL);
select set_module_privilege('sales');
select * from user_ords_privilege_modules order by privilege_id, module_id;
select set_module_privilege('nope', 'hr_priv');
select set_module_privilege('hr', 'nope');
select * from user_ords_privilege_modules order by privilege_id, module_id;
-- define_module again replaces the module's attributes and deletes its templates, and keeps its
-- id and its privilege: a protected module never becomes public by being redefined.
select define_module('hr', '/people/', 5, 'NOT_PUBLISHED');
select * from user_ords_modules where name = 'hr';
select * from user_ords_templates order by id;
select * from user_ords_privilege_modules order by privilege_id, module_id;
-- define_privilege's p_modules and set_module_privilege reach the same link.
select define_privilege('hr_priv', 'r', NULL, 'hr,ops');
select * from user_ords_privilege_modules order by privilege_id, module_id;
-- delete_module: the module, its templates and its privilege link; the privilege stays.
select delete_module('hr');
select delete_module(json_object('module_name', 'sales'));
select delete_module('hr');
select delete_module(NULL);
select * from user_ords_modules order by id;
select * from user_ords_templates order by id;
select * from user_ords_privilege_modules order by privilege_id, module_id;
select name from user_ords_privileges order by id;
-- Its base path is free again.
select define_module('hr2', '/people/');
select name, uri_prefix from user_ords_modules order by id;
