-- 14_empty: a database ords_security never wrote to reads as empty: loading and reading create
-- nothing; every view is empty except MAIN; settings read their defaults; a read-only
-- connection to it works the same way.
.open 14_empty.db
create table app_data(x);
.load ./ords_security
select * from user_ords_schemas;
select count(*) as n from user_ords_roles;
select count(*) as n from user_ords_privileges;
select count(*) as n from user_ords_privilege_roles;
select count(*) as n from user_ords_privilege_mappings;
select count(*) as n from user_ords_privilege_modules;
select count(*) as n from user_ords_modules;
select count(*) as n from user_ords_templates;
select ords_security_config('security.oauth.tokenLifetime') as token_lifetime;
select json_extract(ords_security_info(), '$.schema_version') as schema_version;
select ords_set_schema('main');
-- Reading, failed writes and refused arguments create no table.
select ords_set_schema('hr');
select create_role(NULL);
select delete_role('nobody');
select rename_role('nobody', 'x');
select delete_privilege('nobody');
select delete_module('nobody');
select name from sqlite_master order by name;
-- Read-only: the same.
.open --readonly 14_empty.db
.load ./ords_security
select * from user_ords_schemas;
select count(*) as n from user_ords_roles;
select count(*) as n from user_ords_modules;
select ords_security_config('security.oauth.codeLifetime') as code_lifetime;
select json_extract(ords_security_info(), '$.schema_version') as schema_version;
select ords_set_schema('main');
select create_role('r1');
select enable_schema(1, 'hr');
select ords_security_config('security.oauth.codeLifetime', 60);
-- Written once (read-write), it has the tables.
.open 14_empty.db
.load ./ords_security
select create_role('r1');
select * from user_ords_roles;
select json_extract(ords_security_info(), '$.schema_version') > 0 as written;
