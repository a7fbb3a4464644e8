-- 105_export_schema: export_schema carries every role, module (with templates), privilege (with
-- roles, patterns, modules) and client (with logo, grants, privileges and, with p_include_secrets,
-- secret hashes) of one schema; NULL is the current schema. A schema other than MAIN is enabled
-- by the script where it is missing (with its alias) and left as it is where it exists; the
-- script works in it and the connection's current schema is its own again afterwards.
.open 105_dev.db
.load ./ords_security
select ords_security_test_clock(1795000000);
select ords_security_test_seed(105);
select enable_schema(1, 'HR', 'BASE_PATH', 'people', 0);
select ords_set_schema('HR');
select create_role('hr_reader');
select create_role('hr_admin');
select define_module('employees', '/employees/', 50, 'PUBLISHED', NULL);
select define_template('employees', ':id');
select define_privilege('hr_read', 'hr_reader', '/reports/*', 'employees', 'HR read', NULL, NULL);
select define_privilege('hr_write', 'hr_admin');
select register_client('hr_app', 'client_credentials', 'hr@example.com') ->> '$.client_key.name';
select grant_client_role('hr_app', 'hr_reader');
select register_client(json_object('name', 'hr_portal', 'grant_type', 'authorization_code', 'support_email', 'hr@example.com',
         'description', 'The portal', 'redirect_uri', 'https://hr.example.com/cb', 'privilege_names', 'hr_read,hr_write'))
       ->> '$.client_key.name';
attach '105_carry.db' as carry;
create table carry.secrets as select rotate_client_secret('hr_app') as v;
detach carry;
select ords_set_schema('MAIN');
select create_role('main_only');
-- The current schema by default; HR by name (positional or the schema key).
select export_schema();
select export_schema('hr');
select export_schema('HR') = export_schema(json_object('schema', 'HR')) as named_same;
select writefile('105_hr.sql', export_schema('HR', TRUE)) > 0 as written;
select export_schema('NOPE');
select export_schema('HR', 'x');

-- Into a database without HR: HR is enabled with its alias, everything arrives, the hashes work.
.open 105_uat.db
.load ./ords_security
select ords_security_test_clock(1795086400);
.headers off
.mode list
.echo off
.read 105_hr.sql
.echo on
.headers on
select ords_set_schema('MAIN') as current_schema_was_put_back;
select parsing_schema, pattern, status from dba_ords_schemas;
select ords_set_schema('HR');
select name from user_ords_roles order by id;
select name, uri_prefix, items_per_page from user_ords_modules;
select uri_template from user_ords_templates;
select privilege_name, role_name from user_ords_privilege_roles order by 1;
select name, pattern from user_ords_privilege_mappings;
select privilege_name, module_name from user_ords_privilege_modules;
select name, grant_type, role_names, privilege_names, client_secret_issued_on from user_ords_clients order by name;
attach '105_carry.db' as carry;
select check_request('GET', '/ords/people/employees/7', 'Bearer ' ||
         (oauth_token('client_credentials', (select client_id from user_ords_clients where name = 'hr_app'),
                      (select v from carry.secrets)) ->> 'access_token')) ->> 'status' as status;
detach carry;
-- The same script again: HR exists now, and its objects: refused, nothing changes.
select ords_set_schema('MAIN');
.echo off
.read 105_hr.sql
.echo on
select ords_set_schema('HR');
select count(*) as roles from user_ords_roles;

-- Into a database whose HR has another alias: the script keeps the target's schema as it is.
.open --new 105_other.db
.load ./ords_security
select enable_schema(1, 'HR', 'BASE_PATH', 'staff', 0);
.headers off
.echo off
.read 105_hr.sql
.echo on
.headers on
select parsing_schema, pattern from dba_ords_schemas;
select parsing_schema as current_schema from user_ords_schemas;
