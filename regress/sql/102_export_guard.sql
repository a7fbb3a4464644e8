-- 102_export_guard: an exported script applies whole or not at all. Run twice, or into a database
-- that already has some of its objects, it stops with an error naming the object and leaves the
-- database exactly as it was (every ords_sec_* table compared row by row); a call that fails in
-- the middle makes every later call of the script refuse, and turns its COMMIT into a rollback;
-- a guard with no transaction open (BEGIN IMMEDIATE failed: another connection was writing)
-- refuses everything until ords_script_end. ords_script_end reports the outcome.
.open 102_dev.db
.load ./ords_security
select ords_security_test_clock(1795000000);
select create_role('beers_client');
select define_module('beers', '/beers/');
select define_privilege('beers_priv', 'beers_client', '/beers/*', 'beers');
select register_client('beers_client', 'client_credentials', 'beers@example.com') ->> '$.client_key.name';
select grant_client_role('beers_client', 'beers_client');
select rotate_client_secret('beers_client') is not null as rotated;
select writefile('102_beers_client.sql', export_oauth_client('beers_client', TRUE, TRUE)) > 0 as written;

-- 1. Run once: applied. Run again: the guard names the first object that exists, every later call
-- refuses, COMMIT rolls back, and the database is as after the first run.
.open 102_uat.db
.load ./ords_security
.echo off
.read 102_beers_client.sql
.echo on
.headers off
.echo off
.once 102_snap.sql
select 'drop table if exists temp.snap_' || name || '; create temp table snap_' || name || ' as select * from main.' || name || ';'
  from sqlite_master where type = 'table' and name like 'ords_sec%' order by name;
.once 102_cmp.sql
select 'select ' || group_concat('(select count(*) from (select * from main.' || name || ' except select * from temp.snap_' || name ||
       ')) + (select count(*) from (select * from temp.snap_' || name || ' except select * from main.' || name || '))', ' + ') ||
       ' as differences;'
  from sqlite_master where type = 'table' and name like 'ords_sec%';
.read 102_snap.sql
.echo on
.headers on
.echo off
.read 102_beers_client.sql
.echo on
.read 102_cmp.sql
select count(*) as clients from user_ords_clients;

-- 2. Into a database that holds only the module (same name): the guard names it.
.open --new 102_module.db
.load ./ords_security
select define_module('beers', '/elsewhere/');
.headers off
.echo off
.read 102_snap.sql
.echo on
.headers on
.echo off
.read 102_beers_client.sql
.echo on
.read 102_cmp.sql
select name, uri_prefix from user_ords_modules;

-- 3. A conflict only a call can see (another privilege maps /beers/*): that call fails, the rest
-- refuse, nothing is kept; ords_script_end says why.
.open --new 102_pattern.db
.load ./ords_security
select define_privilege('other_priv', NULL, '/beers/*');
.headers off
.echo off
.read 102_snap.sql
.echo on
.headers on
.echo off
.read 102_beers_client.sql
.echo on
.read 102_cmp.sql
select count(*) as roles from user_ords_roles;

-- 4. Into a database never written: when the script fails, not even the tables remain.
.open --new 102_empty.db
.load ./ords_security
begin immediate;
select ords_script_guard('by hand', '{"schema":"MAIN","roles":["r1"]}');
select create_role('r1');
select create_role('r1');
select create_role('r2');
commit;
select ords_script_end('by hand');
select count(*) as ords_tables from sqlite_master where name like 'ords_sec%';

-- 5. ROLLBACK ends a guarded transaction too: nothing kept, later calls run normally.
begin immediate;
select ords_script_guard('rolled back');
select create_role('r1');
select script, state, first_error from ords_security_script_guard;
rollback;
select script, state from ords_security_script_guard;
select ords_script_end('rolled back');
select ords_script_end('rolled back');
select create_role('r3');
select name from user_ords_roles;

-- 6. BEGIN IMMEDIATE fails (another connection is writing; the shell has no busy timeout) and the
-- shell goes on: the guard finds no transaction, so every call of the script refuses (none can
-- commit alone) until ords_script_end, which clears it.
.open --new 102_busy.db
.load ./ords_security
select create_role('already_here');
.connection 1
.open 102_busy.db
.load ./ords_security
begin immediate;
select create_role('held_by_connection_1');
.connection 0
.echo off
.read 102_beers_client.sql
.echo on
select create_role('after_the_script');
.connection 1
rollback;
.connection 0
select create_role('after_the_script');
select name from user_ords_roles order by id;
.connection close 1

-- 7. The guard's own arguments, and where it may run.
-- A guard that fails before it arms leaves the script unguarded: everything refuses until
-- ords_script_end, as when no transaction is open.
select ords_script_guard();
select create_role('r5');
select ords_script_end('x', 'y');
select ords_script_end('x');
select create_role('r5');
-- A guard refused for its own p_script has no name: the refusal says which call ends it, and
-- any ords_script_end does, the script's own last line with the same bad name too.
select ords_script_guard('', '{}');
select create_role('r6');
select ords_script_end('');
select create_role('r6');
select ords_script_guard(42);
select ords_script_end(42);
select ords_script_guard(NULL);
select create_role('r7');
select ords_script_end('(no name)');
select create_role('r7');
-- A named script that did not start is ended by its own name, or by any other.
select ords_script_guard('named');
select ords_script_end('');
select create_role('r8');
select name from user_ords_roles where name in ('r5', 'r6', 'r7', 'r8') order by name;
begin;
select ords_script_guard('bad creates', '{"roles":"r1"}');
select create_role('r4');
rollback;
begin;
select ords_script_guard('bad creates', '{"tables":["x"]}');
rollback;
select ords_script_end('bad creates');
begin;
select ords_script_guard('nested');
select ords_script_guard('nested again');
select script from ords_security_script_guard;
select ords_script_end('nested');
commit;
select ords_script_end('nested');
select ords_script_end('never ran');
-- The table only takes INSERTs, and only from top-level SQL.
delete from ords_security_script_guard;
insert into ords_security_script_guard(script) values ('outside a transaction');
create view v as select * from ords_security_script_guard;
select * from v;
drop view v;
