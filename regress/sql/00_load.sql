-- 00_load: the extension loads, reports its version, and a fresh database reads as empty.
select ords_security_version() glob '[0-9]*.[0-9]*.[0-9]*' as has_version;
select json_extract(ords_security_info(), '$.schema_version') as schema_version,
       json_extract(ords_security_info(), '$.build.testing') as testing;
select * from user_ords_schemas;
select count(*) from user_ords_roles;
select count(*) from sqlite_master where name like 'ords_sec%';
