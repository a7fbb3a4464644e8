-- 11_directonly: state-changing functions are SQLITE_DIRECTONLY: a view or trigger in the
-- database file that calls one is refused when it is used ("unsafe use of f()"), whether the
-- extension was loaded when it was made or it was planted in the file beforehand. The views of
-- published URLs (user_ords_modules, _templates, _schemas) and ords_security_version/info are
-- INNOCUOUS and work from views and triggers; the views that show names, scopes, roles, mappings
-- or secrets are DIRECTONLY (refused there, as the writers are).
create table t(a);
create view v_role as select create_role('from_view') as x;
select * from v_role;
create trigger t_role after insert on t begin select create_role('from_trigger'); end;
insert into t values (1);
select count(*) as rows_in_t from t;
create view v_config as select ords_security_config('security.oauth.tokenLifetime', 1) as x;
select * from v_config;
create view v_schema as select ords_set_schema('main') as x;
select * from v_schema;
create view v_hook as select ords_security_test_fail_after_writes(1) as x;
select * from v_hook;
select count(*) as roles from user_ords_roles;
-- Every writer, each from a view of its own.
create view w01 as select enable_schema(1, 'hr') as x;
select * from w01;
create view w02 as select create_role('a') as x;
select * from w02;
create view w03 as select delete_role('a') as x;
select * from w03;
create view w04 as select rename_role('a', 'b') as x;
select * from w04;
create view w05 as select create_privilege('p') as x;
select * from w05;
create view w06 as select define_privilege('p') as x;
select * from w06;
create view w07 as select delete_privilege('p') as x;
select * from w07;
create view w08 as select rename_privilege('p', 'q') as x;
select * from w08;
create view w09 as select create_privilege_mapping('p', '/x') as x;
select * from w09;
create view w10 as select delete_privilege_mapping('p', '/x') as x;
select * from w10;
create view w11 as select define_module('m', '/m/') as x;
select * from w11;
create view w12 as select define_template('m', 't') as x;
select * from w12;
create view w13 as select delete_module('m') as x;
select * from w13;
create view w14 as select set_module_privilege('m', 'p') as x;
select * from w14;
-- Planted: a file database whose view and trigger were made by a connection without the extension.
.open 11_planted.db
create table t(a);
create view planted_view as select create_role('planted_view') as x;
create trigger planted_trigger after insert on t begin select create_privilege('planted_trigger'); end;
create view harmless as select ords_security_version() glob '*.*.*' as v,
                               json_type(ords_security_info()) as info,
                               (select count(*) from user_ords_modules) as modules;
create table log(n);
create trigger harmless_trigger after insert on log
  begin update log set n = (select count(*) from user_ords_modules) where rowid = new.rowid; end;
create view planted_roles as select count(*) as roles from user_ords_roles;
.load ./ords_security
select * from planted_view;
insert into t values ('x');
select count(*) as rows_in_t from t;
select * from harmless;
insert into log values (NULL);
select n from log;
select * from planted_roles;
select count(*) as ords_tables from sqlite_master where name like 'ords_sec%';
-- Called directly, at the top level, they work.
select create_role('top_level');
select define_module('top_module', '/top/');
select * from harmless;
select count(*) as roles from user_ords_roles;
