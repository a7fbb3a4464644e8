-- 125_plsql_commit_rollback: COMMIT marks the point a later ROLLBACK returns to; SQL*Plus
-- commands (SET ignored, PROMPT printed, REM and comments skipped, EXEC); queries print their
-- rows SQLcl-style; ORDS's built-in roles and privileges exist in every schema and cannot be
-- deleted or renamed; the script's work is kept or undone with the caller's transaction.
select ords_security_test_clock(1795000000);
-- ROLLBACK after COMMIT: only what came after the COMMIT is undone.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''kept'');
  COMMIT;
  ORDS.CREATE_ROLE(''undone'');
  ROLLBACK;
  ORDS.CREATE_ROLE(''after'');
END;
/
SELECT name FROM user_ords_roles ORDER BY name;
') as output;
-- ROLLBACK with no COMMIT before it undoes the whole script so far; top-level COMMIT and ROLLBACK.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''gone1'');
END;
/
ROLLBACK;
BEGIN
  ORDS.CREATE_ROLE(''stays'');
END;
/
COMMIT;
BEGIN
  ORDS.CREATE_ROLE(''gone2'');
END;
/
ROLLBACK;
SELECT COUNT(*) AS roles FROM user_ords_roles;
') as output;
select name from user_ords_roles order by name;
-- Inside the caller's transaction, the script's work goes with it.
begin;
select ords_plsql('BEGIN ORDS.CREATE_ROLE(''in_tx''); END;');
rollback;
select count(*) as in_tx from user_ords_roles where name = 'in_tx';
-- SQL*Plus commands, comments, EXEC, PROMPT, and variables of every kind.
select ords_plsql('SET SERVEROUTPUT ON SIZE UNLIMITED
SET DEFINE OFF
REM Roles and privileges for the reports
PROMPT Creating the reports role
/* a block comment
   over two lines */
EXEC ORDS.CREATE_ROLE(p_role_name => ''reports'')
exec ords.create_privilege(''reports.priv'', ''reports'', ''Reports'', ''Reads reports'');
DECLARE
  l_n        NUMBER := 3;
  l_flag     BOOLEAN := TRUE;
  l_text     VARCHAR2(100 CHAR) := ''it''''s'';
  l_id       user_ords_roles.id%TYPE;
  l_copy     l_text%TYPE;
  l_patterns OWA.VC_ARR;
BEGIN
  l_patterns(1) := ''/reports/*'';
  l_patterns(2) := ''/summary/'' || l_n || ''/*'';
  ORDS.CREATE_PRIVILEGE_MAPPING(p_privilege_name => ''reports.priv'', p_patterns => l_patterns);
  SELECT id INTO l_id FROM user_ords_roles WHERE name = ''reports'';
  l_copy := l_text || '' role '' || l_id;
  DBMS_OUTPUT.PUT_LINE(l_copy);
  DBMS_OUTPUT.PUT_LINE(''null is empty: ['' || NULL || '']'');
  NULL;
END;
/
SELECT name, pattern FROM user_ords_privilege_mappings WHERE name = ''reports.priv'' ORDER BY pattern;
SELECT ''a'' || ''b'' AS ab, 42, -1 FROM dual;
SELECT name FROM user_ords_roles WHERE name = ''nothing'';
') as output;
-- A query binds a variable (and a record field) where SQL would see a column.
select ords_plsql('DECLARE
  l_name VARCHAR2(30) := ''reports'';
  l_key  ords_types.t_client_key;
  l_count NUMBER;
BEGIN
  l_key.name := ''reports.priv'';
  SELECT COUNT(*) INTO l_count FROM user_ords_privileges p WHERE p.name = l_key.name;
  DBMS_OUTPUT.PUT_LINE(''privileges: '' || l_count);
  SELECT COUNT(*) INTO l_count FROM user_ords_roles WHERE name = l_name;
  DBMS_OUTPUT.PUT_LINE(''roles: '' || l_count);
END;
/
') as output;

-- ORDS's built-in roles and privileges exist in every schema: a privilege can require one,
-- a client can hold one, in MAIN and in another schema.
select enable_schema(1, 'sales');
-- Built-ins, named as ORDS names them.
select ords_plsql('BEGIN
  ORDS.DEFINE_PRIVILEGE(p_privilege_name => ''dev.tools'', p_roles => ''SQL Developer,SODA Developer'', p_patterns => ''/dev/*'');
  ORDS_ADMIN.DEFINE_PRIVILEGE(p_schema => ''SALES'', p_privilege_name => ''sales.dev'', p_roles => ''SQL Developer'');
  OAUTH.CREATE_CLIENT(p_name => ''dev_client'', p_grant_type => ''client_credentials'', p_owner => ''me'',
                      p_description => NULL, p_support_email => ''dev@example.org'',
                      p_privilege_names => ''oracle.dbtools.sqldev,oracle.soda.privilege.developer'');
  OAUTH.GRANT_CLIENT_ROLE(''dev_client'', ''OAuth2 Client Developer'');
END;
/
SELECT name FROM user_ords_roles ORDER BY name;
SELECT name, label, comments FROM user_ords_privileges ORDER BY name;
SELECT privilege_name, role_name FROM user_ords_privilege_roles ORDER BY 1, 2;
SELECT client_name, role_name FROM user_ords_client_roles;
') as output;
select ords_set_schema('sales');
select name from user_ords_roles;
select ords_set_schema('main');
-- They are marked: built_in, a hidden column of user_ords_roles and user_ords_privileges.
select ords_plsql('BEGIN ORDS.CREATE_ROLE(p_role_name => ''mine_too''); END;');
select name, built_in from user_ords_roles where name in ('SQL Developer', 'mine_too') order by name;
select name, built_in from user_ords_privileges where built_in order by name;
select count(*) as star_columns from pragma_table_info('user_ords_roles');
-- They cannot be deleted or renamed, as SQL functions or from a script.
select delete_role('SQL Developer');
select rename_role('SODA Developer', 'mine');
select delete_privilege('oracle.dbtools.sqldev');
select rename_privilege('oracle.soda.privilege.developer', 'mine');
select delete_role('ORDS Administrator');
select ords_plsql('BEGIN ORDS.DELETE_PRIVILEGE(p_name => ''oracle.dbtools.sqldev''); END;');
-- A name that is not built in still does not exist.
select grant_client_role('dev_client', 'SQL Developers');
select count(*) as builtin_roles_in_main from user_ords_roles where name in ('SQL Developer', 'SODA Developer', 'OAuth2 Client Developer', 'SQL Administrator', 'ORDS Administrator');
-- A script kept in a file, as written (readfile gives a blob): its quotes need no doubling.
select writefile('125_secure.sql', 'BEGIN' || char(10) || '  ORDS.CREATE_ROLE(p_role_name => ' || char(39) || 'from_file' || char(39) || ');' || char(10) || 'END;' || char(10) || '/' || char(10)) > 0 as written;
select ords_plsql(readfile('125_secure.sql'));
select count(*) as from_file from user_ords_roles where name = 'from_file';
select ords_plsql(x'ff');
