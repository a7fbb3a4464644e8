BEGIN
  ORDS.CREATE_ROLE(p_role_name => 'first');
  COMMIT;
  ORDS.CREATE_ROLE(p_role_name => 'second');
  ORDS_SECURITY.REGISTER_CLIENT(p_name => 'c1', p_grant_type => 'password', p_support_email => 'a@example.org');
  ORDS.CREATE_ROLE(p_role_name => 'never');
END;
/
