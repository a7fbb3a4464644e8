-- 124_plsql_errors: scripts that fail. A failing call stops the script with nothing of it left
-- (COMMITted parts included), and the error names the line, the call and the reason; a script
-- outside the subset is refused, with its line, before anything runs.
select ords_security_test_clock(1795000000);
create temp view state as
  select (select count(*) from user_ords_roles) as roles, (select count(*) from user_ords_privileges) as privileges,
         (select count(*) from user_ords_clients) as clients;
select create_role('existing');
select * from state;
-- A failing call in the middle (line 5): the roles before it and the COMMIT are undone.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(p_role_name => ''first'');
  COMMIT;
  ORDS.CREATE_ROLE(p_role_name => ''second'');
  ORDS_SECURITY.REGISTER_CLIENT(p_name => ''c1'', p_grant_type => ''password'', p_support_email => ''a@example.org'');
  ORDS.CREATE_ROLE(p_role_name => ''never'');
END;
/
');
select * from state;
-- A later block fails: the earlier block is undone too.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''r1'');
END;
/
BEGIN
  ORDS.CREATE_ROLE(''existing'');
END;
/
');
select * from state;
-- Inside a nested block, with positional arguments.
select ords_plsql('DECLARE
  l_name VARCHAR2(30) := ''p1'';
BEGIN
  ORDS.CREATE_PRIVILEGE(l_name);
  BEGIN
    ORDS.CREATE_PRIVILEGE_MAPPING(l_name, ''/ords/main/x/*'');
  END;
END;
/
');
select * from state;
-- An unsupported construct (IF): refused at its line before anything runs.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''r2'');
  IF 1 = 1 THEN
    NULL;
  END IF;
END;
/
');
-- An exception handler is outside the subset.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''r2'');
EXCEPTION
  WHEN OTHERS THEN NULL;
END;
/
');
-- An unsupported top-level statement.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''r2'');
END;
/
INSERT INTO ords_sec_role VALUES (1);
');
select * from state;
-- SELECT INTO with no row (NO_DATA_FOUND).
select ords_plsql('DECLARE
  l_id NUMBER;
BEGIN
  ORDS.CREATE_ROLE(''r3'');
  SELECT id INTO l_id FROM user_ords_clients WHERE name = ''nobody'';
END;
/
');
-- SELECT INTO with two rows (TOO_MANY_ROWS).
select ords_plsql('DECLARE
  l_name VARCHAR2(255);
BEGIN
  ORDS.CREATE_ROLE(''r3'');
  SELECT name INTO l_name FROM user_ords_roles;
END;
/
');
select * from state;
-- An unknown package procedure, at its line.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''r4'');
  ORDS.DROP_EVERYTHING(p_really => TRUE);
END;
/
');
-- A procedure of another package.
select ords_plsql('BEGIN
  OAUTH.ROTATE_CLIENT_SECRET(p_name => ''x'');
END;
/
');
-- An unknown package.
select ords_plsql('BEGIN
  DBMS_SQL.EXECUTE(''x'');
END;
/
');
-- A syntax error at line 4 (a missing semicolon).
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''r5'');
  ORDS.CREATE_ROLE(''r6'')
  ORDS.CREATE_ROLE(''r7'');
END;
/
');
-- An unterminated string, at the line it starts.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''r5'');
  ORDS.CREATE_ROLE(''r6);
END;
/
');
-- A block without END.
select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''r5'');
/
');
-- An undeclared variable.
select ords_plsql('BEGIN
  l_x := ''a'';
END;
/
');
-- A record field that does not exist.
select ords_plsql('DECLARE
  l_key ords_types.t_client_key;
BEGIN
  l_key.secret := ''a'';
END;
/
');
-- An unsupported type.
select ords_plsql('DECLARE
  l_x XMLTYPE;
BEGIN
  NULL;
END;
/
');
-- A query of anything but the ORDS views and dual.
select ords_plsql('SELECT name FROM sqlite_master;
');
-- A subquery.
select ords_plsql('SELECT name FROM user_ords_roles WHERE id IN (SELECT rowid FROM ords_sec_client);
');
-- A function outside the allowed set.
select ords_plsql('SELECT register_client(''x'', ''client_credentials'', ''a@example.org'') FROM user_ords_roles;
');
-- A schema-qualified view.
select ords_plsql('SELECT name FROM temp.user_ords_roles;
');
-- The `...` of examples 8-14/8-15 left in.
select ords_plsql('DECLARE
  l_image BLOB := ...;
BEGIN
  NULL;
END;
/
');
-- A BOOLEAN cannot be printed.
select ords_plsql('BEGIN
  DBMS_OUTPUT.PUT_LINE(TRUE);
END;
/
');
-- HEXTORAW of something not hex.
select ords_plsql('DECLARE
  l_image BLOB := HEXTORAW(''zz'');
BEGIN
  NULL;
END;
/
');
-- A NUL is refused, as in every text parameter.
select ords_plsql('BEGIN NULL; END;');
select ords_plsql('BEGIN NULL; END;' || char(0));
select ords_plsql(NULL);
select ords_plsql(42);
-- An error never shows a secret-shaped value the script held.
-- secret-shaped name in an error
select ords_plsql('BEGIN
  ORDS.DELETE_ROLE(''RaFhM690PA6cN1ffpkNx3Q..'');
END;
/
');
select * from state;
-- DIRECTONLY: a view (or trigger) of the database file cannot run a script.
create view run_script as select ords_plsql('BEGIN ORDS.CREATE_ROLE(''from_view''); END;') as r;
select * from run_script;
select * from state;
