DECLARE
  l_name VARCHAR2(30) := 'reports';
  l_key  ords_types.t_client_key;
  l_count NUMBER;
BEGIN
  l_key.name := 'reports.priv';
  SELECT COUNT(*) INTO l_count FROM user_ords_privileges p WHERE p.name = l_key.name;
  DBMS_OUTPUT.PUT_LINE('privileges: ' || l_count);
  SELECT COUNT(*) INTO l_count FROM user_ords_roles WHERE name = l_name;
  DBMS_OUTPUT.PUT_LINE('roles: ' || l_count);
END;
/
