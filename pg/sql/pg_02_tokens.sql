-- pg_02_tokens: a client, its token, the request decision, introspection and revocation. No
-- secret or token is printed: they are kept in temporary tables and only their properties shown.
SELECT ords_security_test_clock(1764633600);
SELECT create_role('api_role');
SELECT create_privilege('api_priv', 'api_role', 'API', 'Protects /api/*');
SELECT create_privilege_mapping('api_priv', '/api/*');
SELECT check_request('GET', '/ords/main/api/x', NULL)->>'status' AS status_without_token;
CREATE TEMP TABLE app AS
  SELECT register_client(json_build_object('name', 'App', 'grant_type', 'client_credentials',
           'support_email', 'a@example.com', 'privilege_names', 'api_priv',
           'client_secret', json_build_object('slot', 1))) AS creds;
SELECT creds->'client_key'->>'name' AS name, length(creds->'client_secret'->>'secret') > 20 AS has_secret FROM app;
CREATE TEMP TABLE tok AS
  SELECT oauth_token('client_credentials', creds->'client_key'->>'client_id', creds->'client_secret'->>'secret') AS r
    FROM app;
SELECT r->>'token_type' AS token_type, r->>'expires_in' AS expires_in, length(r->>'access_token') > 20 AS has_token FROM tok;
SELECT check_request('GET', '/ords/main/api/x', 'Bearer ' || (r->>'access_token'))->>'status' AS status FROM tok;
SELECT check_request('GET', '/ords/main/api/x', 'Bearer not-a-token')->>'status' AS status_bad_token;
SELECT name, grant_type FROM user_ords_clients;
SELECT count(*) AS live_sessions FROM user_ords_sessions;
-- A wrong secret is an OAuth error body, and it repeats neither the secret nor the client id.
SELECT r->>'error' AS error, position('wrong-secret' in r::text) = 0 AS no_echo
  FROM (SELECT oauth_token('client_credentials', creds->'client_key'->>'client_id', 'wrong-secret-0123456789') AS r FROM app) x;
-- Introspection, then revocation (RFC 7009): the token is no longer accepted.
SELECT oauth_introspect(json_build_object('token', r->>'access_token',
         'client_id', creds->'client_key'->>'client_id', 'client_secret', creds->'client_secret'->>'secret'))->>'active' AS active
  FROM tok, app;
SELECT oauth_revoke(json_build_object('token', r->>'access_token',
         'client_id', creds->'client_key'->>'client_id', 'client_secret', creds->'client_secret'->>'secret')) IS NOT NULL AS revoked
  FROM tok, app;
SELECT check_request('GET', '/ords/main/api/x', 'Bearer ' || (r->>'access_token'))->>'status' AS status_after_revoke FROM tok;
-- Expiry goes through the clock seam.
CREATE TEMP TABLE tok2 AS
  SELECT oauth_token('client_credentials', creds->'client_key'->>'client_id', creds->'client_secret'->>'secret') AS r
    FROM app;
SELECT ords_security_test_clock_advance(3601);
SELECT check_request('GET', '/ords/main/api/x', 'Bearer ' || (r->>'access_token'))->>'status' AS status_expired FROM tok2;
-- The lists a view aggregates (group_concat in the model's SQL, an ARRAY sublink here): in
-- order, comma-separated, NULL when empty.
SELECT length(register_client(json_build_object('name', 'App2', 'grant_type', 'client_credentials',
         'support_email', 'a@example.com', 'privilege_names', 'priv,api_priv'))::text) > 0 AS registered;
SELECT name, privilege_names, role_names IS NULL AS no_roles FROM user_ords_clients ORDER BY name;
-- The sweep off the request path: with security.oauth.sweepOnRequest 0 a token call leaves the
-- expired sessions, and ords_purge_expired_sessions deletes them, at most p_max_rows a call.
SELECT ords_security_config('security.oauth.sweepOnRequest', 0) AS sweep_on_request;
SELECT count(*) AS sessions_before FROM ords_security.ords_sec_session \gset
CREATE TEMP TABLE tok3 AS
  SELECT oauth_token('client_credentials', creds->'client_key'->>'client_id', creds->'client_secret'->>'secret') AS r
    FROM app;
SELECT count(*) = :sessions_before + 1 AS nothing_swept FROM ords_security.ords_sec_session;
SELECT ords_purge_expired_sessions(1) AS purged_one;
SELECT ords_purge_expired_sessions(1000000)::int >= 0 AS purged_rest;
SELECT ords_purge_expired_sessions() AS purged_none_left;
SELECT ords_purge_expired_sessions(0);
SELECT ords_security_config('security.oauth.sweepOnRequest', NULL) AS sweep_on_request;
