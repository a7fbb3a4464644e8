BEGIN
  ORDS.CREATE_ROLE('kept');
  COMMIT;
  ORDS.CREATE_ROLE('undone');
  ROLLBACK;
  ORDS.CREATE_ROLE('after');
END;
/
SELECT name FROM user_ords_roles ORDER BY name;
