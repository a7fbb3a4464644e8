DECLARE
  l_image BLOB := ...;
BEGIN
  NULL;
END;
/
