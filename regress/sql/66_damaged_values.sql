-- 66_damaged_values: values read back from the file that ords_security never writes (durations, settings, sequence numbers planted by SQL) are refused as damaged, never used: no overflow of now + duration, no negative or wrapped expires_in.
select ords_security_test_clock(1790000000);
select create_role('r') is null as ok;
select create_privilege('p', 'r') is null as ok;
select create_privilege_mapping('p', '/x/*') is null as ok;
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('svc', 'r');
create temp table tok(k text primary key, r text);
-- Sound: expires_in is the instance default.
insert into tok select 'ok', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select r ->> 'expires_in' as expires_in from tok where k = 'ok';
-- A client's token_duration planted at the largest integer: refused, no token issued.
update ords_sec_client set token_duration = 9223372036854775807 where name = 'svc';
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
update ords_sec_client set token_duration = -5 where name = 'svc';
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
update ords_sec_client set token_duration = 0 where name = 'svc';
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select count(*) as sessions from ords_sec_session;
-- Within range: used.
update ords_sec_client set token_duration = 60 where name = 'svc';
insert into tok select 'sixty', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select r ->> 'expires_in' as expires_in from tok where k = 'sixty';
update ords_sec_client set token_duration = NULL where name = 'svc';
-- A setting planted out of range or as text: refused by every reader of it.
insert into ords_sec_setting(key, value) values ('security.oauth.tokenLifetime', 9223372036854775807);
select ords_security_config('security.oauth.tokenLifetime');
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
update ords_sec_setting set value = -1 where key = 'security.oauth.tokenLifetime';
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
update ords_sec_setting set value = 'forever' where key = 'security.oauth.tokenLifetime';
select ords_security_config('security.oauth.codeLifetime');
-- Setting it back through ords_security_config repairs it (the damaged row is replaced).
select ords_security_config('security.oauth.tokenLifetime', NULL) as reset;
insert into tok select 'reset', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select r ->> 'expires_in' as expires_in from tok where k = 'reset';
-- A secret slot's sequence number planted at the largest integer: the next secret is refused, the slots stay.
update ords_sec_client_secret set seq = 9223372036854775807;
select register_client_secret('svc', 'svc-secret-second-0123456789-abcd');
select count(*) as slots, max(seq) = 9223372036854775807 as unchanged from ords_sec_client_secret;
update ords_sec_client_secret set seq = 1;
select register_client_secret('svc', 'svc-secret-second-0123456789-abcd') ->> '$.client_secret.slot' as slot;
-- The authorization endpoint reads a client's code_duration the same way.
select import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'p', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
update ords_sec_client set code_duration = 9223372036854775807 where name = 'app';
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice'));
update ords_sec_client set code_duration = 601 where name = 'app';
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice'));
update ords_sec_client set code_duration = 600 where name = 'app';
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'redirect_uri' like 'https://app.example.org/cb?code=%' as issued;
select count(*) as sessions_are_positive from ords_sec_session where expires_on > issued_on;
