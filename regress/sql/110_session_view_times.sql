-- 110_session_view_times: user_ords_sessions' issued_on and expires_on (formatted in C++ by view_cell now, like user_ords_clients', not by strftime in the view's query) read exactly as strftime('%Y-%m-%dT%H:%M:%SZ', ..., 'unixepoch') of the stored epoch seconds, at any time, and are text.
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('svc', 'emp_role');
create temp table tok(k text primary key, r text);
-- Tokens issued in the last seconds of year 9999 (lifetime 1 s), at 2100, across a leap day and at
-- the epoch, latest first: a later call's sweep never finds an earlier token expired.
select update_client_token_duration('svc', 1, NULL, NULL);
select ords_security_test_clock(253402300798);
insert into tok select 'y9999', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select update_client_token_duration('svc', 3600, NULL, NULL);
select ords_security_test_clock(4102444799);
insert into tok select 'y2100', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select ords_security_test_clock(951782399);
insert into tok select 'leap', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select ords_security_test_clock(0);
insert into tok select 'epoch', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
-- At the epoch every one is live.
select kind, issued_on, expires_on from user_ords_sessions order by id;
-- The same text strftime gives for the stored values, and text as declared.
select count(*) as sessions,
       sum(v.issued_on = strftime('%Y-%m-%dT%H:%M:%SZ', s.issued_on, 'unixepoch')) as issued_same,
       sum(v.expires_on = strftime('%Y-%m-%dT%H:%M:%SZ', s.expires_on, 'unixepoch')) as expires_same,
       group_concat(distinct typeof(v.issued_on) || '/' || typeof(v.expires_on)) as types
  from user_ords_sessions v join ords_sec_session s on s.id = v.id;
