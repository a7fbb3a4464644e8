-- 103_secret_hash_import: import_client_secret_hash installs a secret's hash that travelled in an
-- exported script (ords-secret-hash:v1:<kind>:<cost>:<salt>:<hash>) into an empty slot, with its
-- issue time. It refuses a malformed hash (prefix, version, fields, kind, cost, base64url, lengths),
-- a slot outside 1..2 or one already holding a secret, an implicit client, a bad issue time; no
-- message repeats the hash. Each refusal changes nothing.
select ords_security_test_clock(1795000000);
select register_client('app', 'client_credentials', 'app@example.com') ->> '$.client_key.name';
select register_client(json_object('name', 'spa', 'grant_type', 'implicit', 'support_email', 'spa@example.com',
         'description', 'SPA', 'redirect_uri', 'https://spa.example.com/cb')) ->> '$.client_key.name';
create temp table h(name, v);
insert into h values
  ('salt', 'AAAAAAAAAAAAAAAAAAAAAA'),                            -- 16 zero bytes
  ('hash', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY'),       -- 32 bytes
  ('blake2b', 'ords-secret-hash:v1:blake2b:-:AAAAAAAAAAAAAAAAAAAAAA:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY'),
  ('argon2id', 'ords-secret-hash:v1:argon2id:ops=2,mem=67108864:AAAAAAAAAAAAAAAAAAAAAA:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY');

-- Good ones: slot 1 (BLAKE2b, issued at the given time), slot 2 (Argon2id with its cost, issued now).
select import_client_secret_hash('app', 1, (select v from h where name = 'blake2b'), '2026-01-02T03:04:05Z');
select import_client_secret_hash(json_object('client_key', json_object('name', 'app'), 'slot', 2,
         'hash', (select v from h where name = 'argon2id')));
select slot, kind, hex(salt), hex(hash) = hex('ABCDEFGHIJKLMNOPQRSTUVWXYZ123456') as hash_bytes, opslimit, memlimit,
       datetime(issued_on, 'unixepoch') as issued, stored from ords_sec_client_secret order by slot;
select client_secret_issued_on, client_secret_2_issued_on, client_secret, client_secret_2 from user_ords_clients where name = 'app';
-- The hash is what it is: presenting it (or anything else) as the secret does not authenticate.
select ords_security_test_client_auth((select client_id from user_ords_clients where name = 'app'), (select v from h where name = 'blake2b')) as hash_as_secret;

-- A slot that holds a secret is never replaced by an import.
select import_client_secret_hash('app', 1, (select v from h where name = 'blake2b'), '2026-01-02T03:04:05Z');
select revoke_client_secrets('app', json_object('slot', 3)) ->> '$.client_secret.slot' as revoked;

-- Malformed hashes: each refused, naming what is wrong, never showing the value.
select import_client_secret_hash('app', 1, 'x');
select import_client_secret_hash('app', 1, 'ords-secret-hash');
select import_client_secret_hash('app', 1, 'ords-secret-hash:v2:blake2b:-:AAAAAAAAAAAAAAAAAAAAAA:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY');
select import_client_secret_hash('app', 1, 'ORDS-SECRET-HASH:v1:blake2b:-:AAAAAAAAAAAAAAAAAAAAAA:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY');
select import_client_secret_hash('app', 1, 'ords-secret-hash:v1:blake2b:AAAAAAAAAAAAAAAAAAAAAA:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY');
select import_client_secret_hash('app', 1, (select v from h where name = 'blake2b') || ':');
select import_client_secret_hash('app', 1, 'ords-secret-hash:v1:sha256:-:AAAAAAAAAAAAAAAAAAAAAA:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY');
select import_client_secret_hash('app', 1, 'ords-secret-hash:v1:blake2b:ops=2,mem=67108864:AAAAAAAAAAAAAAAAAAAAAA:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY');
-- Argon2id costs: missing, zero, below the minimum, absurd (above SENSITIVE), not canonical.
select import_client_secret_hash('app', 1, replace((select v from h where name = 'argon2id'), 'ops=2,mem=67108864', '-'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'argon2id'), 'ops=2,', 'ops=0,'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'argon2id'), 'mem=67108864', 'mem=1024'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'argon2id'), 'ops=2,', 'ops=999999999999,'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'argon2id'), 'mem=67108864', 'mem=4398046511104000'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'argon2id'), 'ops=2,', 'ops=02,'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'argon2id'), 'ops=2,mem=67108864', 'mem=67108864,ops=2'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'argon2id'), 'ops=2,', 'ops=+2,'));
-- base64url: wrong characters, padding, wrong lengths, unused bits set (not canonical).
select import_client_secret_hash('app', 1, replace((select v from h where name = 'blake2b'), 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAA+/'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'blake2b'), 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA=='));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'blake2b'), 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAA'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'blake2b'), 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAB'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'blake2b'), 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NT'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'blake2b'), 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY1'));
select import_client_secret_hash('app', 1, replace((select v from h where name = 'blake2b'), ':-:', ':-:' || char(10)));
-- Slots, clients, issue times.
select import_client_secret_hash('app', 0, (select v from h where name = 'blake2b'));
select import_client_secret_hash('app', 3, (select v from h where name = 'blake2b'));
select import_client_secret_hash('app', NULL, (select v from h where name = 'blake2b'));
select import_client_secret_hash('app', 'one', (select v from h where name = 'blake2b'));
select import_client_secret_hash('app', 1, NULL);
select import_client_secret_hash('spa', 1, (select v from h where name = 'blake2b'));
select import_client_secret_hash('nobody', 1, (select v from h where name = 'blake2b'));
select import_client_secret_hash('app', 1, (select v from h where name = 'blake2b'), '2026-11-22 07:33:06');
select import_client_secret_hash('app', 1, (select v from h where name = 'blake2b'), '2026-02-29T00:00:00Z');
select import_client_secret_hash('app', 1, (select v from h where name = 'blake2b'), '2026-13-01T00:00:00Z');
select import_client_secret_hash('app', 1, (select v from h where name = 'blake2b'), '1969-12-31T23:59:59Z');
select import_client_secret_hash('app', 1, (select v from h where name = 'blake2b'), '2028-02-29T24:00:00Z');
select import_client_secret_hash('app', 1, (select v from h where name = 'blake2b'), '2028-02-29T23:59:59Z');
select datetime(issued_on, 'unixepoch') as leap_day from ords_sec_client_secret;
-- Nothing above was kept but the good ones.
select count(*) as slots from ords_sec_client_secret;
