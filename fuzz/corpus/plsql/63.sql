SELECT name FROM temp.user_ords_roles;
