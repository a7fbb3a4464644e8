SELECT name FROM user_ords_roles WHERE id IN (SELECT rowid FROM ords_sec_client);
