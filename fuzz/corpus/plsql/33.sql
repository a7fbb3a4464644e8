BEGIN
ORDS.CREATE_ROLE(p_role_name => 'example_role');
END;
/
