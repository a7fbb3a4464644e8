-- 74_disabled_schema_tokens: a disabled schema's clients get no tokens (client_credentials, oauth_authorize code and token, refresh) and their codes are not redeemed; enabled again, what was left unused works.
select ords_security_test_clock(1790000000);
select enable_schema(1, 'hr') is null as enabled;
select ords_set_schema('hr');
select create_role('r');
select define_privilege('p', 'r', '/p/*');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select import_client('app', 'authorization_code', 'ops@example.org', 'An app', 'AppClientId0000000000A..', 'p', NULL,
                     'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select import_client('spa', 'implicit', 'ops@example.org', 'A spa', 'SpaClientId0000000000A..', 'p', NULL,
                     'https://spa.example.org/') ->> 'client_id' as client_id;
select ords_set_schema('main');
create temp table tok(k text primary key, r text);
-- While enabled: a code and a grant made.
insert into tok select 'code', oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'alice')) ->> 'redirect_uri';
insert into tok select 'grant', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43), 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij'))
  from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'bob')) ->> 'redirect_uri' as r);
select length(r ->> 'refresh_token') as refresh_length from tok where k = 'grant';
select enable_schema(0, 'hr') is null as disabled;
select count(*) as sessions_before from ords_sec_session;
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as cc;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..', 'user', 'carol')) as code;
select oauth_authorize(json_object('response_type', 'token', 'client_id', 'SpaClientId0000000000A..', 'user', 'carol')) as implicit;
select oauth_token(json_object('grant_type', 'authorization_code', 'code', substr(r, instr(r, 'code=') + 5, 43),
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as redeem from tok where k = 'code';
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) as refresh from tok where k = 'grant';
-- Nothing was issued, consumed or ended.
select count(*) as sessions_after, count(consumed_on) as consumed from ords_sec_session;
-- Enabled again: the code and the refresh token left unused work.
select enable_schema(1, 'hr') is null as enabled_again;
select oauth_token(json_object('grant_type', 'authorization_code', 'code', substr(r, instr(r, 'code=') + 5, 43),
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'token_type' as redeem from tok where k = 'code';
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'token_type' as refresh from tok where k = 'grant';
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') ->> 'token_type' as cc;
