SELECT register_client('x', 'client_credentials', 'a@example.org') FROM user_ords_roles;
