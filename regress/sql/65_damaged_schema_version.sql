-- 65_damaged_schema_version: when the ords_sec_* tables exist but the schema_version record of ords_sec_meta is missing, not a whole number or out of range (over 2^31, zero, negative), every reader (check_request, the views, ords_security_info, ords_security_config) and every writer refuses with "the ords_security tables are damaged"; nothing answers 200 or reads the database as empty. Damaged with plain SQL only.
select ords_security_test_clock(1790000000);
select create_role('r') is null as ok;
select create_privilege('p', 'r') is null as ok;
select create_privilege_mapping('p', '/x/*') is null as ok;
-- Sound tables: the path is protected (401 without a token), the public path is public.
select check_request('GET', '/x/1', NULL) ->> 'status' as protected, check_request('GET', '/open', NULL) ->> 'status' as public;
select json_extract(ords_security_info(), '$.schema_version') = json_extract(ords_security_info(), '$.latest_schema_version') as current;
create temp table saved as select value from ords_sec_meta where key = 'schema_version';
-- 1. The record is missing.
delete from ords_sec_meta where key = 'schema_version';
select check_request('GET', '/x/1', NULL);
select check_request('GET', '/open', NULL);
select count(*) from user_ords_roles;
select count(*) from user_ords_privilege_mappings;
select ords_security_info();
select ords_security_config('security.oauth.tokenLifetime');
select create_role('r2');
select delete_privilege('p');
select count(*) as roles_unchanged from ords_sec_role;
-- 2. Over 2^31: never wraps to 0 (no tables) or to a small version.
insert into ords_sec_meta(key, value) values ('schema_version', 4294967296);
select check_request('GET', '/x/1', NULL);
select count(*) from user_ords_roles;
select create_role('r2');
update ords_sec_meta set value = 4294967297 where key = 'schema_version';
select check_request('GET', '/open', NULL);
update ords_sec_meta set value = 2147483648 where key = 'schema_version';
select ords_security_info();
-- 3. Zero and negative.
update ords_sec_meta set value = 0 where key = 'schema_version';
select check_request('GET', '/x/1', NULL);
select count(*) from user_ords_roles;
update ords_sec_meta set value = -3 where key = 'schema_version';
select check_request('GET', '/x/1', NULL);
-- 4. Not a whole number: text, a real, a blob, NULL. (The column has NUMERIC affinity: '3' and 3.0
-- are stored as the integer 3, which is sound.)
update ords_sec_meta set value = '3' where key = 'schema_version';
select typeof(value) as stored, check_request('GET', '/x/1', NULL) ->> 'status' as status from ords_sec_meta where key = 'schema_version';
update ords_sec_meta set value = 'three' where key = 'schema_version';
select check_request('GET', '/x/1', NULL);
update ords_sec_meta set value = 3.5 where key = 'schema_version';
select count(*) from user_ords_privileges;
update ords_sec_meta set value = x'03' where key = 'schema_version';
select create_role('r2');
update ords_sec_meta set value = NULL where key = 'schema_version';
select oauth_token('client_credentials', 'x', 'y');
-- 5. ords_sec_meta itself dropped while the other tables stay.
update ords_sec_meta set value = (select value from saved) where key = 'schema_version';
select check_request('GET', '/x/1', NULL) ->> 'status' as repaired;
drop table ords_sec_meta;
select check_request('GET', '/x/1', NULL);
select count(*) from user_ords_roles;
select create_role('r2');
-- Inside a transaction of the caller's, the same.
begin;
select check_request('GET', '/x/1', NULL);
rollback;
-- Repaired: everything works again, nothing was changed meanwhile.
create table ords_sec_meta(key TEXT PRIMARY KEY, value ANY) WITHOUT ROWID;
insert into ords_sec_meta select 'schema_version', value from saved;
select check_request('GET', '/x/1', NULL) ->> 'status' as protected;
select group_concat(name) as roles from (select name from user_ords_roles order by name);
select create_role('r2') is null as ok;
