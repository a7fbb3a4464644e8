-- pg_04_schema_setting: the current schema is the session setting ords_security.schema;
-- ords_set_schema sets it, SET and RESET change it, views and functions follow it.
-- The setting exists once the library is loaded (the first call of a session, or
-- session_preload_libraries); a SET before that is kept and adopted.
SET ords_security.schema = 'main';
SELECT count(*) > 0 AS main_roles FROM user_ords_roles;
SHOW ords_security.schema;
SELECT enable_schema(json_build_object('schema', 'HR'));
SET ords_security.schema = 'HR';
SELECT * FROM user_ords_roles;
SELECT create_role('hr_role');
SELECT name FROM user_ords_roles;
RESET ords_security.schema;
SELECT count(*) > 0 AS main_roles FROM user_ords_roles;
SELECT ords_set_schema('hr');
SHOW ords_security.schema;
SELECT name FROM user_ords_roles;
SET ords_security.schema = 'NOPE';
SELECT create_role('x');
SELECT count(*) AS roles_of_nope FROM user_ords_roles;
-- SET LOCAL lasts for the transaction.
RESET ords_security.schema;
BEGIN;
SET LOCAL ords_security.schema = 'HR';
SELECT name FROM user_ords_roles;
COMMIT;
SHOW ords_security.schema;
