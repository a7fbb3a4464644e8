-- 111_view_schema_prefix: what docs/reference.md says of the views' reach. A view named through another schema (uat.user_ords_roles after ATTACH) shows the connection's own rows: SQLite resolves an eponymous virtual table under any schema prefix to the one table and tells the extension nothing, so it cannot be refused (a difference from the contract, pinned here so that a change in SQLite shows). A DIRECTONLY view cannot be read from a view stored in a database file, main's or an attached one's; a TEMP view, the connection's own, reads it; an INNOCUOUS view works from a stored view.
select create_role('r_main');
select define_privilege('p_main', 'r_main', '/m/*');
attach '111_uat.db' as uat;
-- The prefix names uat, the rows are the connection's own (main's).
select name from uat.user_ords_roles order by id;
select name, pattern from uat.user_ords_privilege_mappings order by 1, 2;
select count(*) as uat_tables from uat.sqlite_master where name like 'ords_sec_%';
-- Views stored in a file cannot read the DIRECTONLY views, wherever the file is.
create view main.v_roles as select name from user_ords_roles;
select * from v_roles;
create view uat.v_maps as select pattern from user_ords_privilege_mappings;
select * from uat.v_maps;
-- A TEMP view can.
create temp view t_roles as select name from user_ords_roles;
select * from t_roles;
-- An INNOCUOUS view works from a stored view.
create view uat.v_schemas as select parsing_schema, pattern from dba_ords_schemas;
select * from uat.v_schemas;
