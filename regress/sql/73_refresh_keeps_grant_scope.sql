-- 73_refresh_keeps_grant_scope: a refresh asking for a narrower scope narrows the new access token only; the new refresh token keeps the grant's scope (RFC 6749 6), so the next refresh may ask for all of it again, never for more.
select ords_security_test_clock(1790000000);
select create_role('r');
select define_privilege('a_priv', 'r', '/a/*');
select define_privilege('b_priv', 'r', '/b/*');
select import_client('app', 'authorization_code', 'ops@example.org', 'An app', 'AppClientId0000000000A..',
                     'a_priv,b_priv', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
create temp table tok(k text primary key, r text);
-- The scope of the family's live refresh token (the one the next refresh presents).
create temp view live_refresh as select scope as refresh_scope from user_ords_sessions where kind = 'refresh';
create temp view seen as
  select k, r ->> 'scope' as answered,
         oauth_introspect(json_object('token', r ->> 'access_token', 'client_id', 'AppClientId0000000000A..',
           'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'scope' as access_scope,
         check_request('GET', '/a/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as a,
         check_request('GET', '/b/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as b
    from tok;
insert into tok select 'g0', oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43), 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij'))
  from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
                                           'scope', 'a_priv b_priv', 'user', 'alice')) ->> 'redirect_uri' as r);
-- Narrow to a_priv: the access token has a_priv, the refresh token still a_priv b_priv.
insert into tok select 'g1', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'scope', 'a_priv', 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'g0';
select * from live_refresh;
-- Then b_priv alone, from the refresh token of g1: allowed (part of the grant).
insert into tok select 'g2', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'scope', 'b_priv', 'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'g1';
select * from live_refresh;
-- Without scope: the whole grant again.
insert into tok select 'g3', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) from tok where k = 'g2';
select * from live_refresh;
select * from seen where k <> 'g0' order by k;
-- Wider than the grant: invalid_scope, and the refresh token stays usable.
select define_privilege('c_priv', 'r', '/c/*');
select update_client_privileges('app', 'a_priv,b_priv,c_priv') is null as widened_client;
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token', 'scope', 'a_priv c_priv',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'error' as wider from tok where k = 'g3';
select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', r ->> 'refresh_token', 'scope', 'a_priv',
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'scope' as still_usable from tok where k = 'g3';
