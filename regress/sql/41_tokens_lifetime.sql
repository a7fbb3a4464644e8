-- 41_tokens_lifetime: access token expiry at the boundary (R-17: expires_on - 1 valid, expires_on not), the client's own token_duration against the settings default, and the purge of expired sessions.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('svc', 'emp_role');
-- A second client with its own token_duration (p_token_duration, 11th positional argument of import_client).
select import_client('short', 'client_credentials', 'ops@example.org', NULL, 'ShortClient0000000000A..', NULL, NULL, NULL, NULL, 120) ->> 'client_id' as client_id;
select register_client_secret('short', 'short-secret-0123456789-abcdefgh') ->> '$.client_secret.slot' as slot;
select grant_client_role('short', 'emp_role');

create temp table tok(k text primary key, r text);
create temp view state as
  select k, r ->> 'expires_in' as expires_in,
         check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status,
         oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
                                      'client_secret', 'svc-secret-0123456789-abcdefghij')) ->> 'active' as active
    from tok;

-- The default lifetime is the setting security.oauth.tokenLifetime (3600 s).
select ords_security_config('security.oauth.tokenLifetime') as default_lifetime;
insert into tok select 'a', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select * from state;
select kind, issued_on, expires_on from user_ords_sessions order by id;
-- What introspection tells of it: exp and iat as epoch seconds.
select json_remove(oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
                   'client_secret', 'svc-secret-0123456789-abcdefghij')), '$.client_id') as introspection,
       oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'SvcClientId0000000000A..',
                   'client_secret', 'svc-secret-0123456789-abcdefghij')) ->> 'client_id' as client_id
  from tok where k = 'a';

-- One second before expires_on the token works; at expires_on and after it does not (exp <= now).
select ords_security_test_clock(1790003599);
select * from state;
select ords_security_test_clock(1790003600);
select * from state;
select check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) as at_expiry from tok where k = 'a';
select ords_security_test_clock(1790003601);
select * from state;
-- An expired session is no longer listed (the clock decides); its row is deleted by the sweep of
-- the next token endpoint call, so no one has to remember. After that, even a clock set back finds nothing.
select count(*) as listed_once_expired from user_ords_sessions;
insert into tok select 'b', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select count(*) as listed_after_purge, min(expires_on) as expires_on from user_ords_sessions;
select ords_security_test_clock(1790003599);
select * from state order by k;

-- The setting changes the lifetime of tokens issued from then on (not of those already issued).
select ords_security_test_clock(1790010000);
select ords_security_config('security.oauth.tokenLifetime', 600) as set_to;
insert into tok select 'c', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select k, r ->> 'expires_in' as expires_in from tok order by k;
select ords_security_test_clock(1790010599);
select * from state where k = 'c';
select ords_security_test_clock(1790010600);
select * from state where k = 'c';

-- A client's own token_duration wins over the setting, and its boundary holds the same way.
select ords_security_test_clock(1790020000);
insert into tok select 'd', oauth_token('client_credentials', 'ShortClient0000000000A..', 'short-secret-0123456789-abcdefgh');
select k, r ->> 'expires_in' as expires_in,
       check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status
  from tok where k = 'd';
select ords_security_test_clock(1790020119);
select check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status_at_119 from tok where k = 'd';
select ords_security_test_clock(1790020120);
select check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status_at_120 from tok where k = 'd';
-- update_client_token_duration(NULL) gives the client the setting again.
select update_client_token_duration('short', NULL);
insert into tok select 'e', oauth_token('client_credentials', 'ShortClient0000000000A..', 'short-secret-0123456789-abcdefgh');
select update_client_token_duration('short', 7200);
insert into tok select 'f', oauth_token('client_credentials', 'ShortClient0000000000A..', 'short-secret-0123456789-abcdefgh');
select k, r ->> 'expires_in' as expires_in from tok where k in ('e', 'f') order by k;
-- Resetting the setting brings back the built-in 3600.
select ords_security_config('security.oauth.tokenLifetime', NULL) as reset_to;
insert into tok select 'g', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select r ->> 'expires_in' as expires_in from tok where k = 'g';
