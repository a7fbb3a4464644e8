-- 27_secrets_slots: the two secret slots: rotate_client_secret (ORDS_SECURITY examples 8-22, 8-23)
-- three times and more, register_client_secret with a value (8-6, 8-7) or without, p_revoke_existing,
-- explicit slots, stored secrets, and their errors. Secrets are captured in a temp table and checked
-- by property and by authenticating with them (ords_security_test_client_auth), never printed.
select ords_security_test_clock(1795000000);
create temp table c as select register_client('CLIENT_TEST', 'client_credentials', 'test@example.org') ->> '$.client_key.client_id' as cid;
create temp table s(k text primary key, v text);
-- Which captured secrets authenticate the client now, and what the view says about the slots.
create temp view live as select group_concat(k, ',') as authenticating
  from (select k from s, c where ords_security_test_client_auth(c.cid, s.v) = 1 order by k);
create temp view slots as select client_secret_issued_on as slot1, client_secret_2_issued_on as slot2,
       client_secret as shown1, client_secret_2 as shown2 from user_ords_clients where name = 'CLIENT_TEST';

-- A new client has no secret: nothing authenticates it.
select * from slots;
-- Rotation 1 takes slot 1, rotation 2 the empty slot 2, rotation 3 overwrites the oldest (slot 1).
insert into s select 'a', rotate_client_secret('CLIENT_TEST');
select * from live;
select * from slots;
select ords_security_test_clock_advance(10);
insert into s select 'b', rotate_client_secret('CLIENT_TEST');
select * from live;
select * from slots;
select ords_security_test_clock_advance(10);
insert into s select 'c', rotate_client_secret('CLIENT_TEST');
select * from live;
select * from slots;
-- Each secret is a fresh 24-character ORDS-format value, different from the others and the client_id.
select count(distinct v) as distinct_secrets, min(length(v)) as min_length, max(length(v)) as max_length,
       sum(v glob '*..') as padded, sum(v = (select cid from c)) as equal_to_client_id from s;

-- Example 8-22 (t_client_key: the named form returns credentials):
--   l_client_cred.client_key.name := 'CLIENT_TEST';
--   l_client_cred := ORDS_SECURITY.ROTATE_CLIENT_SECRET(p_client_key => l_client_cred.client_key);
--   sys.dbms_output.put_line('SLOT:' || l_client_cred.client_secret.slot);  -- and SECRET, ISSUED ON
select ords_security_test_clock_advance(10);
create temp table r822 as select rotate_client_secret(json_object('p_client_key', json_object('name', 'CLIENT_TEST'))) as r;
insert into s select 'd', r ->> '$.client_secret.secret' from r822;
select 'SLOT:' || (r ->> '$.client_secret.slot') as slot_line, 'ISSUED ON:' || (r ->> '$.client_secret.issued_on') as issued_line,
       length(r ->> '$.client_secret.secret') as secret_length, r ->> '$.client_key.name' as name,
       r ->> '$.client_key.client_id' = (select cid from c) as same_client_id
  from r822;
select * from live;
select * from slots;

-- Example 8-23 (by name: the function returns the secret itself):
--   l_client_secret := ORDS_SECURITY.ROTATE_CLIENT_SECRET(p_name => 'CLIENT_TEST');
--   sys.dbms_output.put_line('SECRET:' || l_client_secret);
select ords_security_test_clock_advance(10);
insert into s select 'e', rotate_client_secret('CLIENT_TEST');
select length(v) as secret_length, json_valid(v) as is_json from s where k = 'e';
select * from live;
select * from slots;

-- p_revoke_existing: the new secret takes its slot and the other slot is cleared.
select ords_security_test_clock_advance(10);
insert into s select 'f', rotate_client_secret('CLIENT_TEST', TRUE);
select * from live;
select * from slots;
-- With one slot empty, the next rotation fills it; both work.
insert into s select 'g', rotate_client_secret(json_object('name', 'CLIENT_TEST', 'revoke_existing', json('false'))) ->> '$.client_secret.secret';
select * from live;
select * from slots;
-- Two rotations in the same second still overwrite the older one (issue order breaks the tie).
insert into s select 'h', rotate_client_secret('CLIENT_TEST');
insert into s select 'i', rotate_client_secret('CLIENT_TEST');
select * from live;

-- Example 8-6 (register a chosen secret by client_key; the existing secret keeps working):
--   l_client_cred.client_key.name := 'CLIENT_TEST';
--   l_client_cred.client_secret.secret := 'RaFhM690PA6cN1ffpkNx3Q..';
--   l_client_cred := ORDS_SECURITY.REGISTER_CLIENT_SECRET(p_client_key => l_client_cred.client_key,
--                                                          p_client_secret => l_client_cred.client_secret);
--   sys.dbms_output.put_line('SLOT:' || l_client_cred.client_secret.slot);
--   sys.dbms_output.put_line('ISSUED ON:' || l_client_cred.client_secret.issued_on);
select ords_security_test_clock_advance(10);
select rotate_client_secret('CLIENT_TEST', TRUE) is not null as only_one_left;
select json_extract(register_client_secret(json_object('p_client_key', json_object('name', 'CLIENT_TEST'),
    'p_client_secret', json_object('secret', 'RaFhM690PA6cN1ffpkNx3Q..'))), '$.client_secret') as client_secret;
insert into s values ('x', 'RaFhM690PA6cN1ffpkNx3Q..');
select * from slots;
-- Example 8-7 (by name, the secret as text):
--   ORDS_SECURITY.REGISTER_CLIENT_SECRET(p_name => 'CLIENT_TEST', p_client_secret => 'RaFhM690PA6cN1ffpkNx3Q..');
select ords_security_test_clock_advance(10);
select register_client_secret('CLIENT_TEST', 'RaFhM690PA6cN1ffpkNx3Q..') ->> '$.client_secret.slot' as slot;
select * from slots;
-- Chosen secrets are kept with Argon2id, generated ones with BLAKE2b; the cost is recorded with it.
select slot, kind, length(salt) as salt_bytes, length(hash) as hash_bytes, opslimit, memlimit, stored
  from ords_sec_client_secret order by slot;

-- register_client_secret without a value generates one (as rotate does), returned once.
insert into s select 'j', register_client_secret('CLIENT_TEST', NULL, TRUE) ->> '$.client_secret.secret';
select * from live;
select * from slots;
-- An explicit slot overwrites that slot, however new it is.
insert into s select 'k', register_client_secret(json_object('name', 'CLIENT_TEST', 'client_secret', json_object('slot', 2))) ->> '$.client_secret.secret';
insert into s select 'l', register_client_secret(json_object('name', 'CLIENT_TEST', 'client_secret', json_object('slot', 2))) ->> '$.client_secret.secret';
select * from live;
-- A positional t_client_secret object (json_object) works too; a stored secret shows in the view.
insert into s select 'm', register_client_secret('CLIENT_TEST', json_object('slot', 1, 'stored', json('true'))) ->> '$.client_secret.secret';
select * from live;
select shown1 = (select v from s where k = 'm') as view_shows_stored, shown2 from slots;
-- A rotation over a stored secret does not store the new one.
insert into s select 'n', rotate_client_secret('CLIENT_TEST');
select shown1 is null as slot1_not_shown, shown2 is null as slot2_not_shown from slots;
-- A chosen secret can be stored too (legacy scripts that read it back).
select register_client_secret(json_object('name', 'CLIENT_TEST', 'client_secret',
    json_object('secret', 'a chosen one', 'stored', 'TRUE'), 'revoke_existing', 1)) ->> '$.client_secret.slot' as slot;
select shown1, shown2 from slots;
-- p_revoke_sessions is accepted everywhere a secret changes (tokens of the client end; see the tokens tests).
select rotate_client_secret('CLIENT_TEST', FALSE, TRUE) is not null as rotated;
select register_client_secret(json_object('name', 'CLIENT_TEST', 'revoke_sessions', json('true'))) ->> '$.client_secret.slot' as slot;

-- Errors: each names its parameter; none changes a slot, and none shows a secret.
create temp table before as select * from ords_sec_client_secret;
select rotate_client_secret('nobody');
select rotate_client_secret(NULL);
select rotate_client_secret('CLIENT_TEST', 'maybe');
select rotate_client_secret('CLIENT_TEST', FALSE, 2);
select rotate_client_secret('CLIENT_TEST', FALSE, FALSE, 'extra');
select rotate_client_secret(json_object('client_key', json_object('name', 'CLIENT_TEST'), 'filter', json_object()));
select register_client_secret('CLIENT_TEST', '');
select register_client_secret('CLIENT_TEST', 'line' || char(10) || 'break');
select register_client_secret('CLIENT_TEST', printf('%.1025c', 'x'));
select register_client_secret('CLIENT_TEST', 'with' || char(0) || 'nul');
select register_client_secret('CLIENT_TEST', x'736563726574');
select register_client_secret('CLIENT_TEST', 42);
select register_client_secret('CLIENT_TEST', json_object('slot', 0));
select register_client_secret('CLIENT_TEST', json_object('slot', '1'));
select register_client_secret('CLIENT_TEST', json_object('secret', 42));
select register_client_secret('CLIENT_TEST', json_object('stored', 'perhaps'));
select register_client_secret('CLIENT_TEST', json_object('issued_on', '2026-01-01T00:00:00Z'));
select register_client_secret('CLIENT_TEST', json_object('secret', 'x', 'extra', 1));
select register_client_secret('CLIENT_TEST', json('[1,2]'));
select register_client_secret(json_object('name', 'CLIENT_TEST', 'client_secret', json_object('secret', json_object('a', 1))));
select register_client_secret('nobody', 'RaFhM690PA6cN1ffpkNx3Q..');
select register_client('spa', 'implicit', 'x@example.org', 'd', NULL, NULL, 'https://example.org/cb') is not null as spa;
select rotate_client_secret('spa');
select register_client_secret('spa', 'x');
select (select count(*) from (select * from before except select * from ords_sec_client_secret)) = 0
       and (select count(*) from before) = (select count(*) from ords_sec_client_secret) as unchanged;
