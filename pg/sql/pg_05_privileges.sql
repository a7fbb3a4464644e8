-- pg_05_privileges: what the install script grants. An application role gets nothing but the
-- Pure and Reader functions until it is granted the writers, the secret-touching functions and
-- the views it needs; granted them (and the tables' privileges), it runs them, and moves the
-- data version (the generation trigger is SECURITY DEFINER) without any right on the counter.
CREATE ROLE ords_regress_app;
GRANT USAGE ON SCHEMA ords_security TO ords_regress_app;
SET ROLE ords_regress_app;
SELECT ords_security.ords_security_version() IS NOT NULL AS reader_allowed;
SELECT ords_security.create_role('app_role');
SELECT ords_security.check_request('GET', '/ords/main/api/x', NULL);
SELECT * FROM ords_security.user_ords_roles;
RESET ROLE;
GRANT EXECUTE ON FUNCTION ords_security.create_role("any") TO ords_regress_app;
GRANT EXECUTE ON FUNCTION ords_security.check_request("any", "any", "any") TO ords_regress_app;
GRANT SELECT ON ords_security.user_ords_roles TO ords_regress_app;
GRANT EXECUTE ON FUNCTION ords_security.user_ords_roles_rows() TO ords_regress_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ords_security TO ords_regress_app;
-- (the model's tables only: the counter stays read-only to it)
REVOKE INSERT, UPDATE, DELETE ON ords_security.ords_generation FROM ords_regress_app;
SET ROLE ords_regress_app;
SELECT ords_security.check_request('GET', '/ords/main/api/x', NULL)->>'status' AS status;
SELECT ords_security.create_role('app_role');
SELECT name FROM ords_security.user_ords_roles WHERE name = 'app_role';
UPDATE ords_security.ords_generation SET value = 0;
SELECT value > 1 AS moved FROM ords_security.ords_generation;
RESET ROLE;
SELECT ords_security.delete_role('app_role');
REVOKE ALL ON ALL TABLES IN SCHEMA ords_security FROM ords_regress_app;
REVOKE ALL ON SCHEMA ords_security FROM ords_regress_app;
REVOKE ALL ON FUNCTION ords_security.create_role("any"), ords_security.check_request("any", "any", "any"),
  ords_security.user_ords_roles_rows() FROM ords_regress_app;
REVOKE ALL ON ords_security.user_ords_roles FROM ords_regress_app;
DROP ROLE ords_regress_app;
