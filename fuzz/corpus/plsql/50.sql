DECLARE
  l_name VARCHAR2(255);
BEGIN
  ORDS.CREATE_ROLE('r3');
  SELECT name INTO l_name FROM user_ords_roles;
END;
/
