-- 42_tokens_secrets: the two secret slots at the token endpoint (R-21): either slot authenticates, a revoked slot fails at once, revoking both leaves the client unable to authenticate, p_revoke_sessions ends its tokens; deleting the client ends them too.
select ords_security_test_clock(1790000000);
select ords_security_test_seed(42);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
create temp table c as select register_client('svc', 'client_credentials', 'ops@example.org') ->> '$.client_key.client_id' as cid;
select grant_client_role('svc', 'emp_role');
-- Another client, whose tokens must never be touched by what happens to svc.
select import_client('other', 'client_credentials', 'ops@example.org', NULL, 'OtherClient0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('other', 'other-secret-0123456789-abcdefgh') ->> '$.client_secret.slot' as slot;
select grant_client_role('other', 'emp_role');

-- Secrets (s) and tokens (tok) are captured, never printed.
create temp table s(k text primary key, v text);
create temp table tok(k text primary key, r text);
-- Which captured tokens of svc are accepted by check_request now.
create temp view working as
  select group_concat(k, ',') as tokens from (select k from tok
   where check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' = 200 and k <> 'other' order by k);
create temp view token_of_other as
  select check_request('GET', '/emp/1', 'Bearer ' || (r ->> 'access_token')) ->> 'status' as other_status from tok where k = 'other';

insert into tok select 'other', oauth_token('client_credentials', 'OtherClient0000000000A..', 'other-secret-0123456789-abcdefgh');
-- A client with no secret cannot authenticate.
select oauth_token('client_credentials', cid, '') ->> 'error' as no_secret_yet from c;

-- Slot 1 (rotate), then slot 2 (rotate again): both authenticate.
insert into s select 'one', rotate_client_secret('svc');
select ords_security_test_clock_advance(10);
insert into s select 'two', rotate_client_secret('svc');
insert into tok select 'by_one', oauth_token('client_credentials', cid, v) from c, s where k = 'one';
insert into tok select 'by_two', oauth_token('client_credentials', cid, v) from c, s where k = 'two';
select k, json_remove(r, '$.access_token') as body from tok where k like 'by_%' order by k;
select * from working;
-- The same with HTTP Basic is in 40_tokens_client_credentials; here the view shows both slots in use.
select client_secret_issued_on, client_secret_2_issued_on, client_secret, client_secret_2 from user_ords_clients where name = 'svc';

-- Revoking slot 1 (by value): that secret fails at once, slot 2 still works, tokens stay.
select revoke_client_secret('svc', v) from s where k = 'one';
select oauth_token('client_credentials', cid, v) ->> 'error' as slot1_after_revoke from c, s where k = 'one';
select oauth_token('client_credentials', cid, v) ->> 'token_type' as slot2_after_revoke from c, s where k = 'two';
select * from working;

-- A new secret fills the empty slot; the old slot-1 secret stays refused.
select ords_security_test_clock_advance(10);
insert into s select 'three', rotate_client_secret('svc');
select k, oauth_token('client_credentials', cid, v) ->> 'error' as error from c, s order by k;

-- Rotation with p_revoke_existing: only the new secret works; tokens are not ended.
select ords_security_test_clock_advance(10);
insert into s select 'four', rotate_client_secret('svc', TRUE);
select k, oauth_token('client_credentials', cid, v) ->> 'error' as error from c, s order by k;
select * from working;

-- Rotation with p_revoke_sessions: every token of svc ends (R-21); other's token is untouched.
insert into tok select 'by_four', oauth_token('client_credentials', cid, v) from c, s where k = 'four';
select * from working;
select ords_security_test_clock_advance(10);
insert into s select 'five', rotate_client_secret('svc', FALSE, TRUE);
select * from working;
select * from token_of_other;
select client_name, count(*) as sessions from user_ords_sessions group by client_name order by client_name;
-- Both live secrets still authenticate after it.
select k, oauth_token('client_credentials', cid, v) ->> 'error' as error from c, s where k in ('four', 'five') order by k;

-- register_client_secret with p_revoke_sessions (named form) ends them too.
insert into tok select 'by_five', oauth_token('client_credentials', cid, v) from c, s where k = 'five';
select * from working;
select register_client_secret(json_object('name', 'svc', 'client_secret', 'svc-chosen-secret-0123456789-abc',
       'revoke_sessions', json('true'))) ->> '$.client_secret.slot' as slot;
insert into s values ('chosen', 'svc-chosen-secret-0123456789-abc');
select * from working;
select k, oauth_token('client_credentials', cid, v) ->> 'error' as error from c, s order by k;

-- revoke_client_secrets slot 3 (both): nothing authenticates svc any more; with
-- p_revoke_sessions its tokens end as well.
select revoke_client_secrets(json_object('name', 'svc', 'filter', json_object('slot', 3), 'revoke_sessions', json('true'))) ->> '$.client_secret.slot' as revoked_slot;
select k, oauth_token('client_credentials', cid, v) ->> 'error' as error from c, s order by k;
select * from working;
select * from token_of_other;

-- Deleting a client deletes its sessions: a new secret, a token, then delete_client.
insert into s select 'six', rotate_client_secret('svc');
insert into tok select 'by_six', oauth_token('client_credentials', cid, v) from c, s where k = 'six';
select * from working;
select delete_client('svc');
select * from working;
select oauth_token('client_credentials', cid, v) ->> 'error' as deleted_client from c, s where k = 'six';
select client_name, count(*) as sessions from user_ords_sessions group by client_name order by client_name;
select * from token_of_other;
