BEGIN
  l_x := 'a';
END;
/
