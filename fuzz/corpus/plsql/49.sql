DECLARE
  l_id NUMBER;
BEGIN
  ORDS.CREATE_ROLE('r3');
  SELECT id INTO l_id FROM user_ords_clients WHERE name = 'nobody';
END;
/
