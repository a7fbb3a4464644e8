-- 10_atomicity: every call is atomic. The test hook ords_security_test_fail_after_writes(n) makes
-- the n-th write statement from now fail after it has written; for each writer the call fails
-- part-way, and a snapshot of every ords_sec_* table shows that nothing changed.
-- The very first write creates the tables: failing it leaves a database that was never written.
select ords_security_test_fail_after_writes(1);
select create_role('r1');
select count(*) as ords_tables from sqlite_master where name like 'ords_sec%';
select json_extract(ords_security_info(), '$.schema_version') as schema_version;
-- A state to work on.
select create_role('r1');
select create_role('r2');
select define_module('m1', '/m1/');
select define_template('m1', 't/');
select define_privilege('p1', 'r1,r2', '/a/*,/b/*', 'm1', 'L', 'D', 'C');
select ords_security_config('security.oauth.tokenLifetime', 60);
-- snapshot: every row of every table, in one line.
create temp view snapshot as select
  (select group_concat(x, ';') from (select id||','||name||','||alias||','||enabled||','||auto_rest_auth as x from ords_sec_schema order by id)) || ' | ' ||
  (select group_concat(x, ';') from (select id||','||schema_id||','||name as x from ords_sec_role order by id)) || ' | ' ||
  (select group_concat(x, ';') from (select id||','||name||','||ifnull(label,'-')||','||ifnull(description,'-')||','||ifnull(comments,'-') as x from ords_sec_privilege order by id)) || ' | ' ||
  ifnull((select group_concat(x, ';') from (select privilege_id||','||role_id as x from ords_sec_privilege_role order by 1)), '-') || ' | ' ||
  ifnull((select group_concat(x, ';') from (select privilege_id||','||pattern as x from ords_sec_privilege_pattern order by 1)), '-') || ' | ' ||
  ifnull((select group_concat(x, ';') from (select privilege_id||','||module_id as x from ords_sec_privilege_module order by 1)), '-') || ' | ' ||
  ifnull((select group_concat(x, ';') from (select id||','||name||','||base_path||','||items_per_page||','||status as x from ords_sec_module order by id)), '-') || ' | ' ||
  ifnull((select group_concat(x, ';') from (select id||','||module_id||','||pattern as x from ords_sec_template order by id)), '-') || ' | ' ||
  ifnull((select group_concat(x, ';') from (select key||'='||value as x from ords_sec_setting order by key)), '-')
  as s;
create temp table before(s);
select s from snapshot;
-- Each writer: take the snapshot, arm the hook, call (it fails), compare.
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select create_role('r3');
select s = (select s from before) as unchanged from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select rename_role('r2', 'r2b');
select s = (select s from before) as unchanged from snapshot;
select create_role('r9');
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select delete_role('r9');
select s = (select s from before) as unchanged from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select create_privilege('p2', 'r1', 'L2', 'D2');
select s = (select s from before) as unchanged from snapshot;
-- define_privilege over p1: fails after its three lists were emptied
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(4);
select define_privilege('p1', 'r2', '/c/*', NULL, 'new label');
select s = (select s from before) as unchanged from snapshot;
-- ... and after the new role went in
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(5);
select define_privilege('p1', 'r2', '/c/*', NULL, 'new label');
select s = (select s from before) as unchanged from snapshot;
-- delete_privilege: fails after its links went, before the privilege itself
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(3);
select delete_privilege('p1');
select s = (select s from before) as unchanged from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select rename_privilege('p1', 'p1b');
select s = (select s from before) as unchanged from snapshot;
-- create_privilege_mapping of two patterns: fails after the first
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(2);
select create_privilege_mapping('p1', json_array('/d/*', '/e/*'));
select s = (select s from before) as unchanged from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select delete_privilege_mapping('p1', '/a/*');
select s = (select s from before) as unchanged from snapshot;
-- define_module over m1: fails after the module row changed, before its templates went
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select define_module('m1', '/elsewhere/', 5);
select s = (select s from before) as unchanged from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select define_template('m1', 'u/');
select s = (select s from before) as unchanged from snapshot;
-- set_module_privilege: fails after the old link went, before the new one
select create_privilege('p2');
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select set_module_privilege('m1', 'p2');
select s = (select s from before) as unchanged from snapshot;
-- delete_module: fails after its templates went
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(2);
select delete_module('m1');
select s = (select s from before) as unchanged from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select enable_schema(1, 'hr');
select s = (select s from before) as unchanged from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select enable_schema(0, 'main');
select s = (select s from before) as unchanged from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select ords_security_config('security.oauth.tokenLifetime', 120);
select s = (select s from before) as unchanged from snapshot;
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(1);
select ords_security_config('security.oauth.tokenLifetime', NULL);
select s = (select s from before) as unchanged from snapshot;
-- The named form is just as atomic.
delete from before; insert into before select s from snapshot;
select ords_security_test_fail_after_writes(4);
select define_privilege(json_object('privilege_name', 'p1', 'roles', 'r1'));
select s = (select s from before) as unchanged from snapshot;
-- Inside the caller's transaction a failed call is undone alone; the caller decides the rest.
begin;
select create_role('in_tx');
select ords_security_test_fail_after_writes(1);
select create_role('fails_in_tx');
select name from user_ords_roles order by id;
commit;
select name from user_ords_roles order by id;
-- The hook is spent once it fired; 0 turns it off; it refuses a negative count.
select ords_security_test_fail_after_writes(5);
select ords_security_test_fail_after_writes(0);
select create_role('r3');
select ords_security_test_fail_after_writes(-1);
select ords_security_test_fail_after_writes(NULL);
select s from snapshot;
