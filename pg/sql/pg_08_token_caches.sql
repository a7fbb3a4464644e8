-- pg_08_token_caches: what the token endpoint keeps between calls on PostgreSQL (the client's
-- authentication row and its schema's state in the store's result cache, the settings; the sweep
-- of expired sessions read by an index scan: ext/store/db_pg.cpp) is never used once another
-- session's commit has changed it, nor after this session's own change was rolled back. The
-- other session is a second psql (\!), whose commit is done before this one calls again. No
-- secret or token is printed; the client_id is kept in a psql variable.
SELECT ords_security_test_clock(1764633600);
CREATE TEMP TABLE c8 AS
  SELECT register_client(json_build_object('name', 'Cache8', 'grant_type', 'client_credentials',
           'support_email', 'c@example.com',
           'client_secret', json_build_object('slot', 1, 'secret', 'cache8-first-secret-0123456789'))) AS creds;
SELECT creds->'client_key'->>'client_id' AS cid FROM c8 \gset
SELECT oauth_token('client_credentials', :'cid', 'cache8-first-secret-0123456789')->>'token_type' AS first_call;
SELECT oauth_token('client_credentials', :'cid', 'cache8-first-secret-0123456789')->>'token_type' AS second_call;
-- Another session replaces the secret of slot 1: the old one fails at once, the new one works.
\! psql -X -q -At -d ords_regress -c "SELECT register_client_secret(json_build_object('name', 'Cache8', 'client_secret', json_build_object('slot', 1, 'secret', 'cache8-second-secret-0123456789')))->'client_secret'->>'slot' AS other_session_slot"
SELECT oauth_token('client_credentials', :'cid', 'cache8-first-secret-0123456789')->>'error' AS old_secret;
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'token_type' AS new_secret;
-- Another session changes the instance's token lifetime: the next token has the new one.
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'expires_in' AS expires_in;
\! psql -X -q -At -d ords_regress -c "SELECT ords_security_config('security.oauth.tokenLifetime', 1800) AS other_session_lifetime"
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'expires_in' AS expires_in;
\! psql -X -q -At -d ords_regress -c "SELECT ords_security_config('security.oauth.tokenLifetime', 3600) AS other_session_lifetime"
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'expires_in' AS expires_in;
-- Another session disables the schema, then enables it again.
\! psql -X -q -At -d ords_regress -c "SELECT count(*) AS other_session_disabled FROM (SELECT enable_schema(json_build_object('enabled', false, 'schema', 'MAIN'))) x"
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'error' AS schema_disabled;
\! psql -X -q -At -d ords_regress -c "SELECT count(*) AS other_session_enabled FROM (SELECT enable_schema(json_build_object('enabled', true, 'schema', 'MAIN'))) x"
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'token_type' AS schema_enabled;
-- This session's own change, inside its transaction: seen there, gone after the rollback.
BEGIN;
SELECT register_client_secret(json_build_object('name', 'Cache8', 'client_secret',
         json_build_object('slot', 1, 'secret', 'cache8-third-secret-0123456789')))->'client_secret'->>'slot' AS slot;
SELECT oauth_token('client_credentials', :'cid', 'cache8-third-secret-0123456789')->>'token_type' AS inside;
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'error' AS replaced_inside;
ROLLBACK;
SELECT oauth_token('client_credentials', :'cid', 'cache8-third-secret-0123456789')->>'error' AS rolled_back;
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'token_type' AS after_rollback;
-- A read-only transaction that has read the client before another session's commit: REPEATABLE
-- READ keeps its snapshot (the old secret still works there), READ COMMITTED sees the commit.
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) > 0 AS snapshot_taken FROM user_ords_clients;
\! psql -X -q -At -d ords_regress -c "SELECT register_client_secret(json_build_object('name', 'Cache8', 'client_secret', json_build_object('slot', 1, 'secret', 'cache8-fourth-secret-0123456789')))->'client_secret'->>'slot' AS other_session_slot"
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'token_type' AS old_secret_in_snapshot;
COMMIT;
SELECT oauth_token('client_credentials', :'cid', 'cache8-second-secret-0123456789')->>'error' AS old_secret_after;
SELECT oauth_token('client_credentials', :'cid', 'cache8-fourth-secret-0123456789')->>'token_type' AS fourth_secret;
-- The sweep: once every session has expired, token calls remove them a few rows at a time,
-- and only the expired ones.
SELECT ords_security_test_clock_advance(86400 * 400);
SELECT count(*) AS calls FROM (SELECT oauth_token('client_credentials', :'cid', 'cache8-fourth-secret-0123456789')
                                 FROM generate_series(1, 60)) x;
SELECT count(*) FILTER (WHERE expires_on <= 1764633600 + 86400 * 400) AS expired_left,
       count(*) FILTER (WHERE expires_on > 1764633600 + 86400 * 400) >= 1 AS live_kept
  FROM ords_security.ords_sec_session;
-- Another session deletes the client: it gets no token.
\! psql -X -q -At -d ords_regress -c "SELECT count(*) AS other_session_deleted FROM (SELECT delete_client('Cache8')) x"
SELECT oauth_token('client_credentials', :'cid', 'cache8-fourth-secret-0123456789')->>'error' AS deleted;
