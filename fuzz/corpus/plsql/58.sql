DECLARE
  l_key ords_types.t_client_key;
BEGIN
  l_key.secret := 'a';
END;
/
