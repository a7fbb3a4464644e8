-- pg_07_reader_errors: functions that write nothing (check_request, the views) run without a
-- subtransaction of their own (host/pg/pg_entry.cpp). A PostgreSQL error inside one (here:
-- permission denied on the session table, for a role allowed the function but not the table)
-- comes out as the call's error with PostgreSQL's message and SQLSTATE; the session goes on, a
-- savepoint around the call works, and the next calls in the same backend decide as before.
SET search_path = public, ords_security;
SELECT create_role('rd_role');
SELECT create_privilege('rd_priv', 'rd_role');
SELECT create_privilege_mapping('rd_priv', '/rd/*');
SELECT import_client('rd_svc', 'client_credentials', 'ops@example.org', NULL, 'RdSvcClient000000000AA..') ->> 'name' AS client;
SELECT register_client_secret('rd_svc', 'rd-secret-0123456789-abcdefghijk') IS NOT NULL AS registered;
SELECT grant_client_role('rd_svc', 'rd_role');
SELECT oauth_token('client_credentials', 'RdSvcClient000000000AA..', 'rd-secret-0123456789-abcdefghijk') ->> 'access_token' AS tok \gset
SELECT check_request('GET', '/ords/main/rd/1', 'Bearer ' || :'tok') ->> 'status' AS as_owner;
CREATE ROLE ords_regress_rd;
GRANT USAGE ON SCHEMA ords_security TO ords_regress_rd;
GRANT EXECUTE ON FUNCTION ords_security.check_request("any", "any", "any") TO ords_regress_rd;
GRANT SELECT ON ALL TABLES IN SCHEMA ords_security TO ords_regress_rd;
REVOKE SELECT ON ords_security.ords_sec_session FROM ords_regress_rd;
SET ROLE ords_regress_rd;
\set VERBOSITY sqlstate
SELECT check_request('GET', '/ords/main/rd/1', 'Bearer ' || :'tok') ->> 'status' AS denied;
\set VERBOSITY default
SELECT check_request('GET', '/ords/main/rd/1', 'Bearer ' || :'tok') ->> 'status' AS denied;
-- The session goes on: a call that reads no session works.
SELECT check_request('GET', '/ords/main/open/x', NULL) ->> 'status' AS public_path;
SELECT check_request('GET', '/ords/main/rd/1', NULL) ->> 'status' AS no_token;
-- Inside a transaction, a savepoint around the failing call.
BEGIN;
SAVEPOINT s;
SELECT check_request('GET', '/ords/main/rd/1', 'Bearer ' || :'tok') ->> 'status' AS denied;
ROLLBACK TO SAVEPOINT s;
SELECT check_request('GET', '/ords/main/open/x', NULL) ->> 'status' AS after_savepoint;
COMMIT;
RESET ROLE;
SELECT check_request('GET', '/ords/main/rd/1', 'Bearer ' || :'tok') ->> 'status' AS as_owner_again;
REVOKE ALL ON ALL TABLES IN SCHEMA ords_security FROM ords_regress_rd;
REVOKE ALL ON FUNCTION ords_security.check_request("any", "any", "any") FROM ords_regress_rd;
REVOKE ALL ON SCHEMA ords_security FROM ords_regress_rd;
DROP ROLE ords_regress_rd;
