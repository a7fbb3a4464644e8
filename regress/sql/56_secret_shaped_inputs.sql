-- 56_secret_shaped_inputs: a secret or token passed by mistake where a name goes is never echoed in an error (R-25).
select register_client('svc', 'client_credentials', 'ops@example.org') is not null as registered;
create temp table s as select rotate_client_secret('svc') as secret;
-- The real secret, where the client's name goes: refused, and the message withholds it (had it been
-- echoed, this expected output could not match: the secret is random).
select rotate_client_secret(secret) from s;
-- Shapes that are withheld: the ORDS format (22 base64url characters and ".."), a 43-character token.
select delete_role('AbCdEfGhIjKlMnOpQrStUv..');
select grant_client_role('svc', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde');
select delete_privilege('AbCdEfGhIjKlMnOpQrStUvWxYz0123456789');
-- Ordinary names are still quoted, so a typo is easy to see.
select delete_role('exmaple_role');
select grant_client_role('svc', 'example role');
