-- 33_docs_examples: the examples of docs/reference.md (OAuth clients section) and the worked
-- session of docs/secrets.md, exactly as written there (keep them in step), on fresh databases.
-- Random values (client_id, secrets) are the ones the docs show as ...: secrets only flow through
-- or are shown by property; the one client_id the session prints comes from a seeded RNG.
select ords_security_test_clock(1795338000);
-- docs/reference.md, OAuth clients, top to bottom.
select create_role('CLIENT_TEST_ROLE');
select create_privilege('oracle.dbtools.sqldev', 'CLIENT_TEST_ROLE');
select register_client('CLIENT_TEST', 'authorization_code', 'test@example.org', 'This is a test description.',
                       'oracle.dbtools.sqldev', NULL, 'https://example.org/my_redirect/',
                       'https://example.org/help/') ->> '$.client_key.name';
select register_client(json_object('name', 'svc', 'grant_type', 'client_credentials', 'support_email',
                                   'ops@example.org', 'client_secret', json_object('stored', json('false'))))
       ->> '$.client_secret.slot';                                      -- 1: a generated secret
select import_client('imported', 'client_credentials', 'ops@example.org', NULL, 'awVMtPlqullIqPXhAwh4zA..')
       ->> '$.client_id';
select import_client(json_object('p_name', 'imported2', 'p_grant_type', 'client_credentials', 'p_owner', 'RESTEASY',
                                 'p_support_email', 'ops@example.org')) ->> '$.name';
select create_client('legacy', 'client_credentials', 'My Company', 'Backend service', NULL, NULL,
                     'support@example.org', NULL, 'oracle.dbtools.sqldev');
select create_client(json_object('p_name', 'spa', 'p_grant_type', 'implicit', 'p_description', 'A browser app',
                                 'p_redirect_uri', 'https://app.example.org/cb'));
select name, length(client_secret) from user_ords_clients where name in ('legacy', 'spa') order by name;
select update_client('CLIENT_TEST', 'CLIENT_TEST_RENAMED', 'This is a test description.', '*',
                     'https://example.org/my_redirect/', 'test@example.org', 'https://example.org/help/');
select update_client(json_object('client_key', json_object('name', 'CLIENT_TEST_RENAMED'), 'new_name', 'CLIENT_TEST',
                                 'description', 'This is a test description.', 'privilege_names', 'oracle.dbtools.sqldev',
                                 'origins_allowed', '*', 'redirect_uri', 'https://example.org/my_redirect/',
                                 'support_email', 'test@example.org', 'support_uri', 'https://example.org/help/',
                                 'token_duration', 3600, 'refresh_duration', 86400, 'code_duration', 300))
       ->> '$.name';                                                    -- CLIENT_TEST: the key, renamed
select update_client_privileges('CLIENT_TEST', 'oracle.dbtools.sqldev');
select update_client_privileges(json_object('client_key', json_object('name', 'svc'), 'privilege_names', json_array()));
select update_client_token_duration('CLIENT_TEST', 3600, 86400, 300);
select update_client_token_duration(json_object('client_key', json_object('name', 'svc'), 'token_duration', 600));
select update_client_logo('CLIENT_TEST', 'image/png', x'89504e470d0a1a0a');
select update_client_logo(json_object('client_key', json_object('name', 'CLIENT_TEST'),
                                      'content_type', 'image/png', 'logo', 'iVBORw0KGgo='));
select rename_client('CLIENT_TEST', 'CLIENT_TEST_RENAMED');
select rename_client(json_object('client_key', json_object('name', 'CLIENT_TEST_RENAMED'), 'new_name', 'CLIENT_TEST'));
select delete_client('imported2');
select delete_client(json_object('client_key', json_object('client_id', 'awVMtPlqullIqPXhAwh4zA..')));
select grant_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');
select grant_client_role(json_object('client_key', json_object('name', 'svc'), 'role_name', 'CLIENT_TEST_ROLE'));
select revoke_client_role(json_object('client_key', json_object('name', 'svc'), 'role_name', 'CLIENT_TEST_ROLE'));
select register_client_secret('CLIENT_TEST', 'RaFhM690PA6cN1ffpkNx3Q..') ->> '$.client_secret.slot';
select register_client_secret(json_object('client_key', json_object('name', 'CLIENT_TEST'),
       'client_secret', json_object('slot', 2, 'stored', json('false')), 'revoke_existing', json('false')))
       ->> '$.client_secret.slot';
select update_client_secret('legacy', 'the value from the other environment');
select update_client_secret(json_object('p_client_name', 'legacy', 'p_editing_user', 'BEERS',
                                        'p_client_secret', 'the value from the other environment'));
select length(rotate_client_secret('svc'));                                        -- 24
select rotate_client_secret(json_object('client_key', json_object('name', 'svc'), 'revoke_existing', json('true')))
       ->> '$.client_secret.slot';
select revoke_client_secrets('CLIENT_TEST', json_object('secret', 'RaFhM690PA6cN1ffpkNx3Q..')) ->> '$.client_secret.slot';
select revoke_client_secrets(json_object('client_key', json_object('name', 'svc'), 'filter', json_object('slot', 3),
                                         'revoke_sessions', json('true'))) ->> '$.client_secret.slot';
select revoke_client_secret('CLIENT_TEST');
select revoke_client_secret(json_object('name', 'legacy', 'client_secret', 'the value from the other environment'));
select name, grant_type, response_type, client_secret is not null as stored, role_names, privilege_names
  from user_ords_clients order by id;
select client_name, role_name from user_ords_client_roles order by 1, 2;
select client_name, name from user_ords_client_privileges order by 1, 2;
-- docs/secrets.md, the worked session (its own database file).
.open 33_app.db
.load ./ords_security
select ords_security_test_clock(1795338000);
-- Seeded, so the client_id the session prints is the same on every run (secrets stay unprinted).
select ords_security_test_seed(33);
select create_role('billing_role');
select create_privilege('billing_priv', 'billing_role');
select create_privilege_mapping('billing_priv', '/billing/*');
select register_client('billing', 'client_credentials', 'ops@example.org') ->> '$.client_key.client_id';
select grant_client_role('billing', 'billing_role');
create temp table my_secret as select rotate_client_secret('billing') as s;
select length(s), s glob '*..' from my_secret;      -- the secret is shown once: keep it
select client_secret, client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;
-- Rotate without downtime: a second secret in slot 2, both work until the first is revoked.
insert into my_secret select rotate_client_secret('billing');
select count(*) from user_ords_clients where client_secret_issued_on is not null and client_secret_2_issued_on is not null;
select revoke_client_secrets('billing') ->> '$.client_secret.slot';  -- the oldest: slot 1
-- Revoke by value, or both at once (slot 3), and end the client's sessions with it:
select revoke_client_secrets('billing', json_object('secret', (select s from my_secret order by rowid desc limit 1)), TRUE) ->> '$.client_secret.slot';
-- A secret you choose is kept with Argon2id; stored = true would keep it readable (don't).
select register_client_secret('billing', 'a secret we chose on purpose') ->> '$.client_secret.slot';
select kind, length(salt), length(hash), opslimit, memlimit, stored from ords_sec_client_secret;
select hex(readfile('33_app.db')) like '%' || hex('a secret we chose on purpose') || '%';
-- Legacy OAUTH.CREATE_CLIENT: a stored secret, readable in the view (and in the file).
select create_client('legacy', 'client_credentials', 'Owner');
select name, length(client_secret) from user_ords_clients where client_secret is not null;
select rotate_client_secret('legacy', TRUE) is not null;  -- replace it with a hashed-only one
select count(*) from user_ords_clients where client_secret is not null or client_secret_2 is not null;
