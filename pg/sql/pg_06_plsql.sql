-- pg_06_plsql: ords_plsql (API.md section 11) on PostgreSQL: an ORDS script runs as written, its
-- DBMS_OUTPUT lines and query results printed; queries of the views run inside the call (the
-- view functions enter the extension again, nested); COMMIT and ROLLBACK in the script are
-- internal subtransactions (db_pg.cpp's Transaction), so a ROLLBACK undoes only what came after
-- the last COMMIT; a failing statement leaves nothing of the script; inside the caller's
-- transaction the script's work goes with it.
SET search_path = public, ords_security;
-- The reference's example 8-2 (its client_id masked), with a query of the views.
SELECT replace(ords_plsql('DECLARE
  l_client_cred ords_types.t_client_credentials;
BEGIN
  l_client_cred := ORDS_SECURITY.REGISTER_CLIENT(
      p_name            => ''PLSQL_CLIENT'',
      p_grant_type      => ''authorization_code'',
      p_description     => ''This is a test description.'',
      p_redirect_uri    => ''https://example.org/my_redirect/'',
      p_support_email   => ''test@example.org'',
      p_support_uri     => ''https://example.org/help/'',
      p_privilege_names => ''oracle.dbtools.sqldev'');
  COMMIT;
  sys.dbms_output.put_line(''CLIENT_ID:'' || l_client_cred.client_key.client_id);
END;
/
SELECT name, grant_type, privilege_names FROM user_ords_clients WHERE name = ''PLSQL_CLIENT'';
'), (SELECT client_id FROM user_ords_clients WHERE name = 'PLSQL_CLIENT'), '<client_id>') AS output;
-- DBMS_OUTPUT, a role made and read back in the same script, SELECT INTO from a view.
SELECT ords_plsql('DECLARE
  l_name user_ords_roles.name%TYPE;
BEGIN
  ORDS.CREATE_ROLE(p_role_name => ''plsql_role'');
  SELECT name INTO l_name FROM user_ords_roles WHERE name = ''plsql_role'';
  DBMS_OUTPUT.PUT_LINE(''made and found: '' || l_name);
END;
/
SELECT name FROM user_ords_roles WHERE name LIKE ''plsql%'' ORDER BY name;
') AS output;
-- ROLLBACK after COMMIT: only what came after the COMMIT is undone.
SELECT ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''plsql_kept'');
  COMMIT;
  ORDS.CREATE_ROLE(''plsql_undone'');
  ROLLBACK;
  ORDS.CREATE_ROLE(''plsql_after'');
END;
/
SELECT name FROM user_ords_roles WHERE name LIKE ''plsql%'' ORDER BY name;
') AS output;
SELECT name FROM user_ords_roles WHERE name LIKE 'plsql%' ORDER BY name;
-- A failing statement: the error names the line and the call; nothing of the script remains.
SELECT ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''plsql_gone'');
  COMMIT;
  ORDS.CREATE_ROLE(''plsql_role'');
END;
/
');
SELECT count(*) AS gone FROM user_ords_roles WHERE name = 'plsql_gone';
-- What is outside the subset is refused before anything runs.
SELECT ords_plsql('BEGIN
  ORDS.CREATE_ROLE(''plsql_never'');
  EXECUTE IMMEDIATE ''drop table x'';
END;
/
');
SELECT count(*) AS never FROM user_ords_roles WHERE name = 'plsql_never';
-- Inside the caller's transaction, the script's work goes with it.
BEGIN;
SELECT ords_plsql('BEGIN ORDS.CREATE_ROLE(''plsql_in_tx''); COMMIT; END;');
ROLLBACK;
SELECT count(*) AS in_tx FROM user_ords_roles WHERE name = 'plsql_in_tx';
-- The caller's own savepoint around it works too, and the session goes on after a failure.
BEGIN;
SAVEPOINT s;
SELECT ords_plsql('BEGIN ORDS.CREATE_ROLE(''plsql_role''); END;');
ROLLBACK TO SAVEPOINT s;
SELECT ords_plsql('BEGIN ORDS.CREATE_ROLE(''plsql_sp''); END;');
COMMIT;
SELECT name FROM user_ords_roles WHERE name LIKE 'plsql%' ORDER BY name;
-- Handlers of an export script are recorded, never run.
SELECT ords_plsql('BEGIN
  ORDS.DEFINE_MODULE(p_module_name => ''plsql.mod'', p_base_path => ''/plsqlmod/'');
  ORDS.DEFINE_TEMPLATE(p_module_name => ''plsql.mod'', p_pattern => ''items/'', p_priority => 1);
  ORDS.DEFINE_HANDLER(p_module_name => ''plsql.mod'', p_pattern => ''items/'', p_method => ''GET'',
                      p_source_type => ''json/collection'', p_source => ''select 1 from dual'');
END;
/
');
-- Defined again with other values: replaced, not doubled (an upsert on PostgreSQL).
SELECT ords_plsql('BEGIN
  ORDS.DEFINE_TEMPLATE(p_module_name => ''plsql.mod'', p_pattern => ''items/'', p_priority => 2);
  ORDS.DEFINE_PARAMETER(p_module_name => ''plsql.mod'', p_pattern => ''items/'', p_method => ''GET'',
                        p_name => ''id'', p_bind_variable_name => ''id'', p_source_type => ''URI'');
  ORDS.DEFINE_PARAMETER(p_module_name => ''plsql.mod'', p_pattern => ''items/'', p_method => ''GET'',
                        p_name => ''id'', p_bind_variable_name => ''item_id'', p_source_type => ''URI'');
END;
/
');
SELECT module_name, uri_template, method, source_type FROM user_ords_handlers WHERE module_name = 'plsql.mod';
SELECT e.priority FROM ords_security.ords_sec_template_extra e
  JOIN ords_security.ords_sec_template t ON t.id = e.template_id WHERE t.pattern = 'items/';
SELECT p.name, p.bind_variable_name FROM ords_security.ords_sec_handler_parameter p
  JOIN ords_security.ords_sec_handler h ON h.id = p.handler_id
  JOIN ords_security.ords_sec_template t ON t.id = h.template_id WHERE t.pattern = 'items/';
