-- pg_03_atomicity: every call is atomic inside the caller's transaction (a subtransaction of
-- its own): a call that fails after it wrote leaves nothing; the caller's transaction follows
-- PostgreSQL's rules (aborted by the error unless a savepoint or an EXCEPTION block caught it).
SELECT create_role('keep');
SELECT ords_security_test_fail_after_writes(1);
SELECT create_privilege('half', 'keep');
SELECT count(*) AS half_privileges FROM user_ords_privileges WHERE name = 'half';
BEGIN;
SELECT create_role('in_tx');
SAVEPOINT s;
SELECT create_role('in_tx');
ROLLBACK TO s;
SELECT create_role('in_tx_2');
COMMIT;
SELECT name FROM user_ords_roles WHERE name LIKE 'in_tx%' ORDER BY 1;
BEGIN;
SELECT create_role('rolled_back');
ROLLBACK;
SELECT count(*) AS rolled_back FROM user_ords_roles WHERE name = 'rolled_back';
-- An EXCEPTION block sees the call's message and SQLSTATE, and the transaction goes on.
DO $$
BEGIN
  PERFORM create_role('keep');
EXCEPTION WHEN others THEN
  RAISE NOTICE 'caught: % (%)', SQLERRM, SQLSTATE;
END $$;
DO $$
BEGIN
  PERFORM create_role(NULL);
EXCEPTION WHEN invalid_parameter_value THEN
  RAISE NOTICE 'caught: % (%)', SQLERRM, SQLSTATE;
END $$;
-- Many calls in one statement, each its own subtransaction.
SELECT count(*) AS calls FROM (SELECT create_role('bulk_' || g) FROM generate_series(1, 50) g) x;
-- (each call of the 50 ran and committed its subtransaction)
SELECT 1 AS done;
SELECT count(*) AS bulk FROM user_ords_roles WHERE name LIKE 'bulk_%';
