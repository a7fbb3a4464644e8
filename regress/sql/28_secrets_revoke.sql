-- 28_secrets_revoke: revoke_client_secrets (ORDS_SECURITY examples 8-24, 8-31) with no filter, slot
-- 1, 2, 3, a secret value, stored = false alone and the fields together, returning slot 1, 2, 3 or
-- null; revoke_client_secret (8-32) by age and by value; and their errors. A revoked slot fails at
-- once; revoking both leaves the client unable to authenticate.
select ords_security_test_clock(1795000000);
create temp table c as select register_client('CLIENT_TEST', 'client_credentials', 'test@example.org') ->> '$.client_key.client_id' as cid;
create temp table s(k text primary key, v text);
create temp view live as select ifnull(group_concat(k, ','), '(none)') as authenticating
  from (select k from s, c where ords_security_test_client_auth(c.cid, s.v) = 1 order by k);
create temp view slots as select client_secret_issued_on as slot1, client_secret_2_issued_on as slot2
  from user_ords_clients where name = 'CLIENT_TEST';
-- Two fresh secrets: a (slot 1, older) and b (slot 2).
insert into s select 'a', rotate_client_secret('CLIENT_TEST', TRUE);
select ords_security_test_clock_advance(10);
insert into s select 'b', rotate_client_secret('CLIENT_TEST');
select * from live;

-- No filter: the oldest goes (slot 1); again: the other; again: nothing left, slot null.
select json_extract(revoke_client_secrets('CLIENT_TEST'), '$.client_secret') as revoked;
select * from live;
select * from slots;
select json_extract(revoke_client_secrets('CLIENT_TEST', NULL), '$.client_secret') as revoked;
select * from live;
select json_extract(revoke_client_secrets('CLIENT_TEST'), '$.client_secret') as revoked;
-- The result is credentials without any secret.
select revoke_client_secrets(json_object('name', 'CLIENT_TEST')) ->> '$.client_key.name' as name,
       json_type(revoke_client_secrets('CLIENT_TEST'), '$.client_secret.secret') as secret_member;

-- slot 2, then slot 1, then 3 (both).
delete from s;
insert into s select 'a', rotate_client_secret('CLIENT_TEST');
select ords_security_test_clock_advance(10);
insert into s select 'b', rotate_client_secret('CLIENT_TEST');
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('slot', 2)), '$.client_secret') as revoked;
select * from live;
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('slot', 2)), '$.client_secret') as already_empty;
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('slot', 1)), '$.client_secret') as revoked;
select * from live;
delete from s;
insert into s select 'a', rotate_client_secret('CLIENT_TEST');
insert into s select 'b', rotate_client_secret('CLIENT_TEST');
select * from live;
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('slot', 3)), '$.client_secret') as revoked;
select * from live;
select * from slots;

-- Example 8-24 / 8-31 (revoke by value):
--   l_client_cred.client_key.name := 'CLIENT_TEST';
--   l_client_cred.client_secret.secret := 'RaFhM690PA6cN1ffpkNx3Q..';
--   l_client_cred := ORDS_SECURITY.REVOKE_CLIENT_SECRETS(p_client_key => l_client_cred.client_key,
--                                                        p_filter => l_client_cred.client_secret);
--   sys.dbms_output.put_line('SLOT:' || l_client_cred.client_secret.slot);
delete from s;
insert into s select 'a', rotate_client_secret('CLIENT_TEST');
select ords_security_test_clock_advance(10);
select register_client_secret('CLIENT_TEST', 'RaFhM690PA6cN1ffpkNx3Q..') ->> '$.client_secret.slot' as registered_in;
insert into s values ('x', 'RaFhM690PA6cN1ffpkNx3Q..');
select * from live;
select 'SLOT:' || (revoke_client_secrets(json_object('p_client_key', json_object('name', 'CLIENT_TEST'),
    'p_filter', json_object('secret', 'RaFhM690PA6cN1ffpkNx3Q..'))) ->> '$.client_secret.slot') as dbms_output;
select * from live;
-- A value no slot holds revokes nothing (slot null); the same value in both slots revokes both.
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('secret', 'RaFhM690PA6cN1ffpkNx3Q..')), '$.client_secret') as revoked;
select register_client_secret('CLIENT_TEST', 'same value', TRUE) ->> '$.client_secret.slot' as first_in_slot;
select register_client_secret('CLIENT_TEST', 'same value') ->> '$.client_secret.slot' as second_in_slot;
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('secret', 'same value')), '$.client_secret') as revoked;
select * from slots;

-- stored: false alone revokes the secrets that are not stored; true revokes the stored ones.
delete from s;
insert into s select 'a', register_client_secret('CLIENT_TEST', json_object('stored', json('true'))) ->> '$.client_secret.secret';
insert into s select 'b', rotate_client_secret('CLIENT_TEST');
select * from live;
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('stored', json('false'))), '$.client_secret.slot') as revoked;
select * from live;
insert into s select 'c', rotate_client_secret('CLIENT_TEST');
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('stored', 'TRUE')), '$.client_secret.slot') as revoked;
select * from live;
-- The fields work independently (the union of what each selects); stored = false counts only alone.
delete from s;
insert into s select 'a', register_client_secret('CLIENT_TEST', json_object('stored', 1, 'slot', 1), TRUE) ->> '$.client_secret.secret';
insert into s select 'b', rotate_client_secret('CLIENT_TEST');
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('slot', 1, 'stored', json('false'))), '$.client_secret.slot') as revoked;
select * from live;
insert into s select 'c', register_client_secret('CLIENT_TEST', json_object('stored', 1, 'slot', 1)) ->> '$.client_secret.secret';
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object('secret', (select v from s where k = 'b'), 'stored', json('true'))), '$.client_secret.slot') as revoked;
select * from live;
-- An empty filter is no filter: the oldest.
insert into s select 'd', rotate_client_secret('CLIENT_TEST');
select ords_security_test_clock_advance(10);
insert into s select 'e', rotate_client_secret('CLIENT_TEST');
select * from live;
select json_extract(revoke_client_secrets('CLIENT_TEST', json_object()), '$.client_secret.slot') as revoked;
select * from live;

-- Example 8-32 (revoke_client_secret: the oldest, leaving one in effect):
--   ORDS_SECURITY.REVOKE_CLIENT_SECRET(p_name => 'CLIENT_TEST');
delete from s;
insert into s select 'a', rotate_client_secret('CLIENT_TEST', TRUE);
select ords_security_test_clock_advance(10);
insert into s select 'b', rotate_client_secret('CLIENT_TEST');
select revoke_client_secret(json_object('p_name', 'CLIENT_TEST'));
select * from live;
-- By value; a value that matches no slot is an error (the secret meant is still valid).
select revoke_client_secret('CLIENT_TEST', 'not a secret of this client');
select revoke_client_secret('CLIENT_TEST', (select v from s where k = 'b'));
select * from live;
-- Revoking the oldest of none does nothing.
select revoke_client_secret('CLIENT_TEST');
select revoke_client_secret('CLIENT_TEST', NULL, TRUE);

-- Errors, each naming its parameter; none revokes anything.
insert into s select 'z', rotate_client_secret('CLIENT_TEST');
select revoke_client_secrets('CLIENT_TEST', json_object('slot', 4));
select revoke_client_secrets('CLIENT_TEST', json_object('slot', 0));
select revoke_client_secrets('CLIENT_TEST', json_object('slot', 'both'));
select revoke_client_secrets('CLIENT_TEST', json_object('stored', 'maybe'));
select revoke_client_secrets('CLIENT_TEST', json_object('secret', ''));
select revoke_client_secrets('CLIENT_TEST', json_object('secret', 7));
select revoke_client_secrets('CLIENT_TEST', json_object('issued_on', '2026-11-18T11:06:40Z'));
select revoke_client_secrets('CLIENT_TEST', json_object('oldest', 1));
select revoke_client_secrets('CLIENT_TEST', 'slot 3');
select revoke_client_secrets('CLIENT_TEST', NULL, 'yes');
select revoke_client_secrets('nobody');
select revoke_client_secrets(json_object('client_key', json_object('name', 'nobody'), 'filter', json_object('slot', 3)));
select revoke_client_secret('CLIENT_TEST', '');
select revoke_client_secret('CLIENT_TEST', json_object('slot', 1));
select revoke_client_secret('CLIENT_TEST', NULL, 'yes');
select revoke_client_secret('nobody');
select * from live;
