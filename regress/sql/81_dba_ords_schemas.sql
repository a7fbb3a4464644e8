-- 81_dba_ords_schemas: the view of every REST-enabled schema (API.md 8): user_ords_schemas' columns, one row per schema whatever the current one is; read-only.
-- A database never written: MAIN only, and nothing is created by reading.
select * from dba_ords_schemas;
select count(*) as ords_tables from sqlite_master where name like 'ords_sec%';
select enable_schema(1, 'hr') is null as ok;
select enable_schema(TRUE, 'sales', 'BASE_PATH', 'shop') is null as ok;
select enable_schema(0, 'sales') is null as ok;
select * from dba_ords_schemas order by id;
-- The same whatever the current schema; user_ords_schemas shows the current one only.
select ords_set_schema('hr');
select * from user_ords_schemas;
select * from dba_ords_schemas order by id;
select ords_set_schema('sales');
select parsing_schema, status from dba_ords_schemas order by id;
select ords_set_schema('main');
-- The columns are user_ords_schemas' columns, in order.
select group_concat(name, ',') as columns from (select name from pragma_table_info('dba_ords_schemas') order by cid);
select group_concat(name, ',') as columns from (select name from pragma_table_info('user_ords_schemas') order by cid);
-- Read-only.
insert into dba_ords_schemas values (9, 'X', 'x', 'ENABLED');
delete from dba_ords_schemas;
