-- 57_disabled_schema_and_templates: a disabled schema serves nothing, whether named by /ords/<alias>/ or current; an empty template is refused.
select create_role('r') is null as ok;
select create_privilege('p', 'r') is null as ok;
select create_privilege_mapping('p', '/x/*') is null as ok;
select enable_schema(1, 'hr') is null as enabled;
select check_request('GET', '/ords/hr/open', NULL) ->> 'status' as hr_enabled;
select enable_schema(0, 'hr') is null as disabled;
-- Under its alias and as the current schema alike: 404, nothing is served there.
select check_request('GET', '/ords/hr/open', NULL) ->> 'status' as by_alias;
select ords_set_schema('hr');
select check_request('GET', '/open', NULL) ->> 'status' as status, check_request('GET', '/open', NULL) ->> 'reason' as reason;
select check_request(json_object('method', 'GET', 'path', '/open', 'schema', 'HR')) ->> 'reason' as by_schema_key;
-- Enabled again: served again.
select enable_schema(1, 'hr') is null as enabled_again;
select check_request('GET', '/open', NULL) ->> 'status' as status;
select ords_set_schema('main');
select check_request('GET', '/x/1', NULL) ->> 'status' as main_protected;
-- A template must name a path below the module: "/" alone (made empty) is refused, as '' is.
select define_module('m', '/m/') is null as ok;
select define_template('m', '/');
select define_template('m', '');
select define_template('m', '/items/:id') is null as ok;
select uri_template from user_ords_templates order by id;
