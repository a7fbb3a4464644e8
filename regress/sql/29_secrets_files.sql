-- 29_secrets_files: generated secrets never reach the database file or its WAL (only their salted
-- hashes do), a stored hash presented as the secret never authenticates (R-23), and no error
-- message carries a secret or a hash. A stored secret, by design, is in the file: the positive control.
.open 29_secrets.db
.load ./ords_security
pragma temp_store = memory;
pragma journal_mode = wal;
select ords_security_test_clock(1795000000);
create temp table s(k text primary key, v text);
select register_client('svc', 'client_credentials', 'ops@example.org') is not null as registered;
-- Ten generated secrets through every path that makes one.
insert into s select 'r1', rotate_client_secret('svc');
insert into s select 'r2', rotate_client_secret('svc');
insert into s select 'r3', rotate_client_secret('svc', TRUE);
insert into s select 'r4', rotate_client_secret(json_object('name', 'svc')) ->> '$.client_secret.secret';
insert into s select 'g1', register_client_secret('svc') ->> '$.client_secret.secret';
insert into s select 'g2', register_client_secret('svc', json_object('slot', 2)) ->> '$.client_secret.secret';
insert into s select 'g3', register_client(json_object('name', 'gen', 'grant_type', 'client_credentials',
    'support_email', 'ops@example.org', 'client_secret', json_object('stored', json('false')))) ->> '$.client_secret.secret';
insert into s select 'r5', rotate_client_secret('svc');
insert into s select 'r6', rotate_client_secret('gen');
select json_extract(revoke_client_secrets('svc', json_object('slot', 1)), '$.client_secret.slot') as revoked;
insert into s select 'r7', rotate_client_secret('svc');
-- A chosen secret is kept with Argon2id: not in the file either.
select register_client_secret('gen', 'my chosen secret 42') ->> '$.client_secret.slot' as chosen_slot;
insert into s values ('c1', 'my chosen secret 42');
-- The positive control: a stored secret (legacy create_client) is kept readable, so it is in the file.
select create_client('legacy', 'client_credentials', 'owner');
create temp table stored as select client_secret as v from user_ords_clients where name = 'legacy';
select count(*) as captured, count(distinct v) as distinct_values from s;
select length(readfile('29_secrets.db-wal')) > 0 as wal_has_frames;
select count(*) as generated_or_chosen_in_wal from s where instr(readfile('29_secrets.db-wal'), cast(v as blob)) > 0;
select count(*) as generated_or_chosen_in_db from s where instr(readfile('29_secrets.db'), cast(v as blob)) > 0;
select instr(readfile('29_secrets.db-wal'), cast(v as blob)) > 0 as stored_secret_in_wal from stored;
-- After a checkpoint the database file holds everything; still no generated or chosen secret.
pragma wal_checkpoint(TRUNCATE);
select count(*) as generated_or_chosen_in_db from s where instr(readfile('29_secrets.db'), cast(v as blob)) > 0;
select instr(readfile('29_secrets.db'), cast(v as blob)) > 0 as stored_secret_in_db from stored;
-- The client table rows themselves: every secret column is a hash of 32 bytes with a 16-byte salt.
select c.name, s.slot, s.kind, length(s.salt) as salt, length(s.hash) as hash, s.stored is not null as stored
  from ords_sec_client_secret s join ords_sec_client c on c.id = s.client_id order by c.id, s.slot;

-- R-23: the stored hash, raw or as hex, or salt and hash together, never authenticates.
create temp table h as select c.client_id as cid, s.salt, s.hash from ords_sec_client_secret s
  join ords_sec_client c on c.id = s.client_id where c.name = 'svc' and s.slot = 2;
select ords_security_test_client_auth(cid, hash) as raw_hash,
       ords_security_test_client_auth(cid, hex(hash)) as hex_hash,
       ords_security_test_client_auth(cid, lower(hex(hash))) as lower_hex_hash,
       ords_security_test_client_auth(cid, hex(salt) || hex(hash)) as salt_and_hash
  from h;
-- ... while the secret itself does, as text or as its bytes; with one byte more or less it does not,
-- a NUL included (hashes cover the byte length, R-22).
select ords_security_test_client_auth(cid, (select v from s where k = 'r7')) as the_secret,
       ords_security_test_client_auth(cid, cast((select v from s where k = 'r7') as blob)) as as_blob,
       ords_security_test_client_auth(cid, cast((select v from s where k = 'r7') as blob) || x'00') as nul_appended,
       ords_security_test_client_auth(cid, substr((select v from s where k = 'r7'), 1, 23)) as one_short
  from h;
-- Errors never carry the value given: a hash, a secret, a long or odd value.
select revoke_client_secret('svc', lower(hex((select hash from h))));
select json_extract(revoke_client_secrets('svc', json_object('secret', lower(hex((select hash from h))))), '$.client_secret') as revoked;
select register_client_secret('svc', (select v from s where k = 'r7') || char(10));
select register_client_secret('svc', printf('%.1025c', 'S'));
select update_client_secret('legacy', (select v from stored) || char(1));
select register_client_secret('svc', json_object('secret', (select v from s where k = 'r7'), 'slot', 9));
