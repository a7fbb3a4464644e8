-- 23_clients_legacy: the OAUTH package's create_client (a stored secret in slot 1, none for implicit
-- clients, readable in user_ords_clients as legacy scripts expect) and update_client_secret, and the
-- tutorial "move a client between environments with the same secret" (seed 000) across two files.
.open 23_dev.db
.load ./ords_security
select ords_security_test_clock(1795000000);
select create_role('license_role');
select create_privilege('license_priv', 'license_role');

-- Seed 001 (OAUTH.CREATE_CLIENT, then GRANT_CLIENT_ROLE):
--   oauth.create_client(p_name => 'license_backend_client', p_grant_type => 'client_credentials',
--     p_owner => 'My Company', p_description => 'Backend service for license validation',
--     p_support_email => 'support@mycompany.com', p_privilege_names => 'license_priv');
--   oauth.grant_client_role(p_client_name => 'license_backend_client', p_role_name => 'license_role');
select create_client(json_object('p_name', 'license_backend_client', 'p_grant_type', 'client_credentials',
    'p_owner', 'My Company', 'p_description', 'Backend service for license validation',
    'p_support_email', 'support@mycompany.com', 'p_privilege_names', 'license_priv'));
select grant_client_role(json_object('p_client_name', 'license_backend_client', 'p_role_name', 'license_role'));
--   select client_id, client_secret from user_ords_clients where name = 'license_backend_client';
select length(client_id) as id_length, length(client_secret) as secret_length,
       client_secret glob '[A-Za-z0-9_-]*..' as secret_format, client_secret <> client_id as differ,
       client_secret_2, client_secret_issued_on, client_secret_2_issued_on, role_names, privilege_names
  from user_ords_clients where name = 'license_backend_client';
-- The stored secret authenticates the client (a generated secret: kept as a BLAKE2b hash too).
select ords_security_test_client_auth(client_id, client_secret) as authenticates
  from user_ords_clients where name = 'license_backend_client';
-- Positional (OAUTH order: p_name, p_grant_type, p_owner, p_description, p_origins_allowed,
-- p_redirect_uri, p_support_email, ...). An implicit client gets no secret; an authorization_code one does.
select create_client('spa', 'implicit', 'Owner', 'A browser app', NULL, 'https://app.example.org/cb');
select create_client('web', 'authorization_code', 'Owner', 'A web app', 'https://app.example.org',
                     'https://app.example.org/cb', 'help@example.org', 'https://example.org/help', 'license_priv',
                     900, 3600, 120);
select name, grant_type, client_secret is not null as has_stored_secret, client_secret_issued_on, origins_allowed,
       support_email, token_duration, refresh_duration, code_duration
  from user_ords_clients order by id;
select create_client('bad', 'implicit', 'Owner', 'd', NULL, 'http://example.org/cb');
select create_client('bad', 'client_credentials', 'Owner', NULL, NULL, NULL, 'help@example.org', NULL, 'nope');
select create_client('bad', 'authorization_code');
select create_client('license_backend_client', 'client_credentials');

-- update_client_secret: the caller's value replaces the client's secret (every slot), stored if
-- the one it replaces was. The tutorial's "set it to the value it has" leaves it working.
--   OAUTH.UPDATE_CLIENT_SECRET(p_client_name => client, p_editing_user => 'BEERS', p_client_secret => secret);
create temp table old as select client_id, client_secret from user_ords_clients where name = 'license_backend_client';
select update_client_secret(json_object('p_client_name', 'license_backend_client', 'p_editing_user', 'BEERS',
                                        'p_client_secret', (select client_secret from old)));
select u.client_secret = old.client_secret as same_secret_shown, ords_security_test_client_auth(u.client_id, old.client_secret) as authenticates
  from user_ords_clients u, old where u.name = 'license_backend_client';
select update_client_secret('web', 'a chosen secret for the web app');
select ords_security_test_client_auth(client_id, 'a chosen secret for the web app') as new_works,
       client_secret as shown_because_it_replaced_a_stored_one, client_secret_2
  from user_ords_clients where name = 'web';
select update_client_secret('spa', 'x');
select update_client_secret('web', NULL);
select update_client_secret('web', '');
select update_client_secret('web', 'tab' || char(9));
select update_client_secret('web', printf('%.1025c', 's'));
select update_client_secret('nobody', 'x');
-- Carry the client's id and secret to the other environment (a file both can attach).
attach '23_carry.db' as carry;
create table carry.moved as select client_id, client_secret from user_ords_clients where name = 'license_backend_client';
detach carry;

-- Environment 2 (UAT): the exported script recreates role, privilege, client (same client_id) and
-- grant; the secret is set with update_client_secret (seed 000, step 4).
.open 23_uat.db
.load ./ords_security
select ords_security_test_clock(1795086400);
attach '23_carry.db' as carry;
select create_role('license_role');
select create_privilege('license_priv', 'license_role');
select import_client(json_object('p_name', 'license_backend_client', 'p_client_id', (select client_id from carry.moved),
    'p_grant_type', 'client_credentials', 'p_owner', 'My Company', 'p_support_email', 'support@mycompany.com',
    'p_privilege_names', 'license_priv')) ->> '$.name' as imported;
select grant_client_role('license_backend_client', 'license_role');
select ords_security_test_client_auth((select client_id from carry.moved), (select client_secret from carry.moved)) as before_update;
select update_client_secret('license_backend_client', (select client_secret from carry.moved));
select ords_security_test_client_auth((select client_id from carry.moved), (select client_secret from carry.moved)) as after_update;
-- Here the secret was never stored (import registers none), so the view does not show it.
select name, client_id = (select client_id from carry.moved) as same_client_id, client_secret, client_secret_issued_on,
       role_names, privilege_names
  from user_ords_clients;
detach carry;
