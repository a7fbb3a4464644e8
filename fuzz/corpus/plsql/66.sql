DECLARE
  l_image BLOB := HEXTORAW('zz');
BEGIN
  NULL;
END;
/
