DECLARE
  l_name VARCHAR2(30) := 'p1';
BEGIN
  ORDS.CREATE_PRIVILEGE(l_name);
  BEGIN
    ORDS.CREATE_PRIVILEGE_MAPPING(l_name, '/ords/main/x/*');
  END;
END;
/
