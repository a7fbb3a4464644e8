-- 40_tokens_client_credentials: oauth_token, grant client_credentials: form fields and HTTP Basic (RFC 6749 2.3.1), the success body, every OAuth error body and the malformed calls that raise.
-- Tokens are captured in the temp table tok and checked by property and by using them, never printed.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
-- Fixed client_ids (import_client) and chosen secrets, so that an HTTP Basic value can be written here.
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('svc', 'emp_role');
select import_client('app', 'authorization_code', 'ops@example.org', 'An app', 'AppClientId0000000000A..', 'emp_priv',
                     NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;

create temp table tok(k text primary key, r text);
-- What a captured answer holds (never the token itself) and what check_request says with it.
create temp view answers as
  select k, json_remove(r, '$.access_token') as body, length(r ->> 'access_token') as token_length,
         (r ->> 'access_token') not glob '*[^A-Za-z0-9_-]*' as base64url,
         check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as status
    from tok;

-- Positional shorthand oauth_token(grant_type, client_id, client_secret): the body ORDS returns.
insert into tok select 'positional', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij');
select * from answers where k = 'positional';
-- The keys, in order: no refresh_token for client_credentials, no scope when none was asked for.
select group_concat(key, ',') as keys from (select key from tok, json_each(tok.r) where k = 'positional' order by id);
-- Named form, form fields (keys in any case, with or without p_).
insert into tok select 'named', oauth_token(json_object('grant_type', 'client_credentials',
    'client_id', 'SvcClientId0000000000A..', 'P_CLIENT_SECRET', 'svc-secret-0123456789-abcdefghij'));
-- HTTP Basic: base64('SvcClientId0000000000A..:svc-secret-0123456789-abcdefghij'); scheme in any case.
insert into tok select 'basic', oauth_token(json_object('grant_type', 'client_credentials',
    'authorization', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq'));
insert into tok select 'basic_lower', oauth_token(json_object('grant_type', 'client_credentials',
    'authorization', 'basic   U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq  '));
-- Basic with the same client_id also as a form field is one method, not two.
insert into tok select 'basic_and_id', oauth_token(json_object('grant_type', 'client_credentials', 'client_id', 'SvcClientId0000000000A..',
    'authorization', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq'));
-- Form parameters the endpoint does not know are ignored (RFC 6749 3.2).
insert into tok select 'unknown_key', oauth_token(json_object('grant_type', 'client_credentials', 'audience', 'x',
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij'));
-- The credentials are form-encoded inside Basic: a second secret 'svc secret: two/2' is sent as
-- 'svc+secret%3A+two%2F2' (the first ':' separates, an encoded one belongs to the secret).
select register_client_secret('svc', 'svc secret: two/2') ->> '$.client_secret.slot' as slot;
insert into tok select 'basic_encoded', oauth_token(json_object('grant_type', 'client_credentials',
    'authorization', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2YytzZWNyZXQlM0ErdHdvJTJGMg=='));
insert into tok select 'form_second_secret', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc secret: two/2');
select * from answers order by k;
-- Every token is new; each is one live access session (user_ords_sessions never shows a token).
select count(distinct r ->> 'access_token') as distinct_tokens, count(*) as answers from tok;
select count(*) as sessions, min(kind) as kind, min(client_name) as client, min(issued_on) as issued_on,
       min(expires_on) as expires_on, count(scope) as with_scope, count(user_name) as with_user
  from user_ords_sessions;

-- Scope: a client_credentials client may ask for privileges its roles satisfy; it is echoed.
insert into tok select 'scoped', oauth_token(json_object('grant_type', 'client_credentials', 'scope', 'emp_priv',
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij'));
select * from answers where k = 'scoped';
select oauth_token(json_object('grant_type', 'client_credentials', 'scope', 'emp_priv other_priv',
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij')) as invalid_scope;

-- Client authentication failures: the same invalid_client body whether the client is unknown or
-- the secret wrong, missing or empty; nothing in it names the client or the secret.
create temp table bad(k text primary key, r text);
insert into bad select 'wrong_secret', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'wrong-secret');
insert into bad select 'unknown_client', oauth_token('client_credentials', 'NoSuchClient000000000A..', 'wrong-secret');
insert into bad select 'no_secret', oauth_token('client_credentials', 'SvcClientId0000000000A..');
insert into bad select 'empty_secret', oauth_token('client_credentials', 'SvcClientId0000000000A..', '');
insert into bad select 'nothing', oauth_token('client_credentials');
insert into bad select 'other_clients_secret', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'app-secret-0123456789-abcdefghij');
insert into bad select 'secret_prefix', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghi');
insert into bad select 'secret_longer', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghijk');
insert into bad select 'secret_case', oauth_token('client_credentials', 'SvcClientId0000000000A..', 'SVC-SECRET-0123456789-ABCDEFGHIJ');
insert into bad select 'client_id_case', oauth_token('client_credentials', 'svcclientid0000000000a..', 'svc-secret-0123456789-abcdefghij');
-- base64('SvcClientId0000000000A..:wrong-secret') and base64('NoSuchClient000000000A..:wrong-secret')
insert into bad select 'basic_wrong_secret', oauth_token(json_object('grant_type', 'client_credentials',
    'authorization', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOndyb25nLXNlY3JldA=='));
insert into bad select 'basic_unknown_client', oauth_token(json_object('grant_type', 'client_credentials',
    'authorization', 'Basic Tm9TdWNoQ2xpZW50MDAwMDAwMDAwQS4uOndyb25nLXNlY3JldA=='));
select k, r from bad order by k;
select count(distinct r) as distinct_bodies from bad;

-- invalid_request: two authentication methods at once, a Basic client_id that disagrees with the
-- form's, a malformed or non-Basic authorization value (base64 of text without ':').
select oauth_token(json_object('grant_type', 'client_credentials', 'client_secret', 'svc-secret-0123456789-abcdefghij',
    'authorization', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq')) as both_methods;
select oauth_token(json_object('grant_type', 'client_credentials', 'client_id', 'AppClientId0000000000A..',
    'authorization', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq')) as id_mismatch;
select oauth_token(json_object('grant_type', 'client_credentials', 'authorization', 'Basic !!!notbase64')) as bad_base64;
select oauth_token(json_object('grant_type', 'client_credentials', 'authorization', 'Basic ')) as empty_basic;
select oauth_token(json_object('grant_type', 'client_credentials',
    'authorization', 'Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uc3ZjLXNlY3JldC0wMTIzNDU2Nzg5LWFiY2RlZmdoaWo=')) as no_colon;
select oauth_token(json_object('grant_type', 'client_credentials', 'authorization', 'Bearer abc')) as other_scheme;

-- The grant type: only the client's own (unauthorized_client), no password grant or any other
-- (unsupported_grant_type, values are case-sensitive), and grant_type is required (invalid_request).
select oauth_token('client_credentials', 'AppClientId0000000000A..', 'app-secret-0123456789-abcdefghij') as code_client_cc;
select oauth_token('authorization_code', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as cc_client_code;
select oauth_token('refresh_token', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as cc_client_refresh;
select oauth_token('password', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as password;
select oauth_token(json_object('grant_type', 'password', 'username', 'scott', 'password', 'tiger',
    'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij')) as password_named;
select oauth_token('implicit', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as implicit;
select oauth_token('urn:ietf:params:oauth:grant-type:jwt-bearer', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as jwt_bearer;
select oauth_token('CLIENT_CREDENTIALS', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as upper_case;
select oauth_token('', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as empty_grant;
select oauth_token(NULL, 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') as null_grant;
select oauth_token(json_object('client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij')) as no_grant;
-- None of these failures issued anything.
select count(*) as sessions from user_ords_sessions;

-- Malformed calls raise (and change nothing): wrong types, too many arguments, bad JSON, a NUL.
select oauth_token(1, 2, 3);
select oauth_token('client_credentials', 'SvcClientId0000000000A..', x'00');
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789' || char(0) || '-abcdefghij');
select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij', 'extra');
select oauth_token('{"grant_type": "client_credentials",');
select oauth_token(json_object('grant_type', 5, 'client_id', 'SvcClientId0000000000A..'));
select oauth_token(json_object('grant_type', 'client_credentials', 'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij', 'p_client_secret', 'x'));
select oauth_token('{"grant_type":"client_credentials","client_id":"SvcClientId0000000000A..","client_secret":"svc-secret\u0000-0123456789-abcdefghij"}');
select oauth_token(json_object('grant_type', 'client_credentials', 'authorization', json_array(1)));
select count(*) as sessions from user_ords_sessions;
