-- 32_secrets_sessions: p_revoke_sessions ends every session of the client (access tokens here, made
-- with the token endpoint), on rotate_client_secret, register_client_secret, revoke_client_secrets
-- and revoke_client_secret; without it sessions stay; delete_client always ends them; other
-- clients' sessions are never touched.
select ords_security_test_clock(1795000000);
create temp table c as select register_client(json_object('name', 'svc', 'grant_type', 'client_credentials',
    'support_email', 'ops@example.org', 'client_secret', json_object('stored', json('false')))) as r;
create temp table o as select register_client(json_object('name', 'other', 'grant_type', 'client_credentials',
    'support_email', 'ops@example.org', 'client_secret', json_object('stored', json('false')))) as r;
-- s: the secrets of svc, newest last; a token is asked for with the newest.
create temp table s(v);
insert into s select r ->> '$.client_secret.secret' from c;
create temp view tok as select oauth_token('client_credentials', (select r ->> '$.client_key.client_id' from c),
    (select v from s order by rowid desc limit 1)) ->> '$.token_type' as t;
create temp view other_tok as select oauth_token('client_credentials', r ->> '$.client_key.client_id', r ->> '$.client_secret.secret') ->> '$.token_type' as t from o;
create temp view n as select client_name, count(*) as sessions from user_ords_sessions group by client_name order by client_name;
select * from tok;
select * from tok;
select * from other_tok;
select * from n;
-- Without p_revoke_sessions, a new secret leaves the sessions alone.
insert into s select rotate_client_secret('svc');
select * from n;
-- rotate_client_secret(p_revoke_sessions => TRUE)
insert into s select rotate_client_secret('svc', FALSE, TRUE);
select * from n;
-- register_client_secret(p_revoke_sessions => TRUE)
select * from tok;
select * from n;
insert into s select register_client_secret(json_object('name', 'svc', 'revoke_sessions', json('true'))) ->> '$.client_secret.secret';
select * from n;
-- revoke_client_secrets(p_revoke_sessions => TRUE), even when the filter revokes nothing
select * from tok;
select json_extract(revoke_client_secrets('svc', json_object('secret', 'no such value'), TRUE), '$.client_secret.slot') as revoked;
select * from n;
-- revoke_client_secret: FALSE keeps them, TRUE ends them
select * from tok;
select revoke_client_secret('svc', NULL, FALSE);
select * from n;
select revoke_client_secret(json_object('name', 'svc', 'revoke_sessions', json('true')));
select * from n;
-- With both slots revoked the token endpoint refuses the client.
select * from tok;
select oauth_token('client_credentials', (select r ->> '$.client_key.client_id' from c), v) ->> '$.error' as error
  from s order by rowid desc limit 1;
-- delete_client ends the sessions of the client it deletes, and only those.
insert into s select rotate_client_secret('svc');
select * from tok;
select * from other_tok;
select * from n;
select delete_client('other');
select * from n;
