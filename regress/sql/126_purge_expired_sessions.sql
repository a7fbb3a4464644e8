-- 126_purge_expired_sessions: the sweep off the request path. With security.oauth.sweepOnRequest at 0 the token calls leave expired sessions alone, and ords_purge_expired_sessions(p_max_rows) deletes them, the oldest first, at most p_max_rows a call; live sessions are never touched; bad p_max_rows changes nothing; a writer, refused from a view; the setting back at 1 sweeps on the token calls again.
select ords_security_test_clock(1790000000);
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select import_client('short', 'client_credentials', 'ops@example.org', NULL, 'ShortClient0000000000A..', NULL, NULL, NULL, NULL, 60) ->> 'client_id' as client_id;
select register_client_secret('short', 'short-secret-0123456789-abcdefgh') ->> '$.client_secret.slot' as slot;
create temp table tok(k integer primary key, r text);
create temp view live as
  select count(*) filter (where expires_on > 1790000000 + 120) as long_lived,
         count(*) filter (where expires_on <= 1790000000 + 120) as short_lived from ords_sec_session;
-- The default: the token calls sweep (1); nothing has expired yet.
select ords_security_config('security.oauth.sweepOnRequest') as sweep_on_request;
select ords_purge_expired_sessions() as purged_none;
-- Five short-lived tokens (60 s) and two long-lived ones (3600 s).
insert into tok(r) select oauth_token('client_credentials', 'ShortClient0000000000A..', 'short-secret-0123456789-abcdefgh') from generate_series(1, 5);
insert into tok(r) select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') from generate_series(1, 2);
select * from live;
-- The token calls stop sweeping; the short ones expire, and new token calls leave them.
select ords_security_config('security.oauth.sweepOnRequest', 0) as sweep_on_request;
select ords_security_test_clock(1790000000 + 61);
insert into tok(r) select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') from generate_series(1, 20);
select * from live;
-- Expired, swept or not, they are never valid.
select count(*) as expired_inactive from tok where k <= 5 and oauth_introspect(json_object('token', r ->> 'access_token',
    'client_id', 'ShortClient0000000000A..', 'client_secret', 'short-secret-0123456789-abcdefgh')) ->> 'active' = 0;
-- Bad p_max_rows: a clear error, nothing deleted.
select ords_purge_expired_sessions(0);
select ords_purge_expired_sessions(1000001);
select ords_purge_expired_sessions('many');
select ords_purge_expired_sessions(json_object('max_rows', 2.5));
select * from live;
-- At most p_max_rows a call, the oldest first; fewer than p_max_rows: none left.
select ords_purge_expired_sessions(2) as purged;
select group_concat(id) as left_expired from (select id from ords_sec_session where expires_on <= 1790000000 + 61 order by id);
select ords_purge_expired_sessions(json_object('max_rows', 2)) as purged;
select ords_purge_expired_sessions() as purged;
select ords_purge_expired_sessions() as purged;
select * from live;
-- A writer (DIRECTONLY): refused from a view in the database file.
create view purge_view as select ords_purge_expired_sessions() as n;
select * from purge_view;
drop view purge_view;
-- Inside the caller's transaction: undone with it.
select ords_security_test_clock(1790000000 + 3601);
begin;
select ords_purge_expired_sessions() as purged_in_tx;
rollback;
select * from live;
-- The setting back at 1: the token calls sweep again (a few rows a call, the oldest first).
select ords_security_config('security.oauth.sweepOnRequest', 1) as sweep_on_request;
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') ->> 'token_type' as issued;
select count(*) < 22 as some_swept, count(*) filter (where expires_on > 1790000000 + 3601) as live_now from ords_sec_session;
