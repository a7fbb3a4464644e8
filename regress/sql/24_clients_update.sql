-- 24_clients_update: update_client (7 and 11 arguments; ORDS_SECURITY examples 8-10 to 8-13),
-- update_client_logo (8-14, 8-15), update_client_privileges (8-16, 8-17),
-- update_client_token_duration (8-18, 8-19), rename_client (8-20, 8-21): what each changes, what it
-- keeps, and every error.
select ords_security_test_clock(1795000000);
select create_privilege('oracle.dbtools.sqldev');
select create_privilege('other.priv');
select register_client('CLIENT_TEST', 'authorization_code', 'old@example.org', 'Old description.', 'other.priv',
                       'https://old.example.org', 'https://old.example.org/cb', 'https://old.example.org/help',
                       100, 200, 30) is not null as registered;
create temp view c as select id, name, description, origins_allowed, redirect_uri, support_email, support_uri,
       privilege_names, token_duration, refresh_duration, code_duration, logo_content_type, created_on, updated_on
  from user_ords_clients;
select * from c;
select ords_security_test_clock_advance(60);

-- Example 8-10 (t_client_key, 7 fields: privileges and durations stay as they are):
--   l_client_key := ORDS_SECURITY.UPDATE_CLIENT(
--       p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'), p_new_name => 'CLIENT_TEST_RENAMED',
--       p_description => 'This is a test description.', p_origins_allowed => '*',
--       p_redirect_uri => 'https://example.org/my_redirect/', p_support_email => 'test@example.org',
--       p_support_uri => 'https://example.org/help/');
--   sys.dbms_output.put_line('ID:' || l_client_key.id);
select json_remove(update_client(json_object('p_client_key', json_object('name', 'CLIENT_TEST'), 'p_new_name', 'CLIENT_TEST_RENAMED',
    'p_description', 'This is a test description.', 'p_origins_allowed', '*',
    'p_redirect_uri', 'https://example.org/my_redirect/', 'p_support_email', 'test@example.org',
    'p_support_uri', 'https://example.org/help/')), '$.client_id') as l_client_key;
select 'ID:' || id as dbms_output from c where name = 'CLIENT_TEST_RENAMED';
select * from c;

-- Example 8-11 (the procedure, positional, 7 arguments):
--   ORDS_SECURITY.UPDATE_CLIENT(p_name => 'CLIENT_TEST', p_new_name => 'CLIENT_TEST_RENAMED', ...);
select rename_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST');
select update_client('CLIENT_TEST', 'CLIENT_TEST_RENAMED', 'This is a test description.', '*',
                     'https://example.org/my_redirect/', 'test@example.org', 'https://example.org/help/');
select * from c;
select rename_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST');

-- Example 8-12 (t_client_key, 11 fields, no new name: privileges and durations replaced too):
--   ORDS_SECURITY.UPDATE_CLIENT(p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
--       p_description => 'This is a test description.', p_privilege_names => 'oracle.dbtools.sqldev',
--       p_origins_allowed => '*', p_redirect_uri => 'https://example.org/my_redirect/',
--       p_support_email => 'test@example.org', p_support_uri => 'https://example.org/help/',
--       p_token_duration => 3600, p_refresh_duration => 86400, p_code_duration => 300);
select 'ID:' || (update_client(json_object('p_client_key', json_object('name', 'CLIENT_TEST'),
    'p_description', 'This is a test description.', 'p_privilege_names', 'oracle.dbtools.sqldev',
    'p_origins_allowed', '*', 'p_redirect_uri', 'https://example.org/my_redirect/',
    'p_support_email', 'test@example.org', 'p_support_uri', 'https://example.org/help/',
    'p_token_duration', 3600, 'p_refresh_duration', 86400, 'p_code_duration', 300)) ->> '$.id') as dbms_output;
select * from c;

-- Example 8-13 (the procedure, 11 arguments; NULL privileges and durations mean none / the default):
select update_client('CLIENT_TEST', NULL, 'This is a test description.', NULL, '*',
                     'https://example.org/my_redirect/', 'test@example.org', 'https://example.org/help/', NULL, NULL, NULL);
select * from c;
select update_client('CLIENT_TEST', NULL, 'This is a test description.', 'oracle.dbtools.sqldev,other.priv', '*',
                     'https://example.org/my_redirect/', 'test@example.org', 'https://example.org/help/', 3600, 86400, 300);
select name, privilege_names, token_duration from c;
-- As if registered anew: an attribute left NULL in the 7-argument form is cleared.
select update_client('CLIENT_TEST', NULL, 'This is a test description.', NULL, 'https://example.org/my_redirect/',
                     'test@example.org', NULL);
select name, origins_allowed, support_uri, privilege_names, token_duration from c;

-- update_client errors: the rules of register_client, with the client's grant type.
select update_client('CLIENT_TEST', NULL, NULL, NULL, 'https://example.org/cb', 'test@example.org', NULL);
select update_client('CLIENT_TEST', NULL, 'd', NULL, NULL, 'test@example.org', NULL);
select update_client('CLIENT_TEST', NULL, 'd', NULL, 'https://example.org/cb', NULL, NULL);
select update_client('CLIENT_TEST', NULL, 'd', NULL, 'http://example.org/cb', 'test@example.org', NULL);
select update_client('CLIENT_TEST', NULL, 'd', 'nope', 'https://example.org/cb', 'test@example.org', NULL);
select update_client('CLIENT_TEST', NULL, 'd', 'no.such', '*', 'https://example.org/cb', 'test@example.org', NULL, NULL, NULL, NULL);
select update_client('CLIENT_TEST', NULL, 'd', NULL, '*', 'https://example.org/cb', 'test@example.org', NULL, 0, NULL, NULL);
select update_client('CLIENT_TEST', NULL, 'd', NULL, '*', 'https://example.org/cb', 'test@example.org', NULL, NULL, NULL, 601);
select update_client('CLIENT_TEST', 'd', 'https://example.org/cb');
select update_client('CLIENT_TEST', NULL, 'd', NULL, '*', 'https://example.org/cb', 'test@example.org', NULL, NULL);
select update_client('nobody', NULL, 'd', NULL, 'https://example.org/cb', 'test@example.org', NULL);
select update_client(NULL, NULL, 'd', NULL, 'https://example.org/cb', 'test@example.org', NULL);
select register_client('svc', 'client_credentials', 'ops@example.org') is not null as svc;
select update_client('CLIENT_TEST', 'svc', 'd', NULL, 'https://example.org/cb', 'test@example.org', NULL);
select update_client(json_object('client_key', json_object('name', 'svc'), 'name', 'svc', 'support_email', 'x@example.org'));
select update_client(json_object('grant_type', 'implicit', 'name', 'svc', 'support_email', 'x@example.org'));
select * from c where name = 'CLIENT_TEST';
-- A client_credentials client may clear its description and redirect URI.
select update_client(json_object('name', 'svc', 'support_email', 'ops2@example.org', 'token_duration', 60));
select name, description, redirect_uri, support_email, token_duration from c where name = 'svc';

-- Example 8-14 / 8-15 (update_client_logo, by key and by name):
--   ORDS_SECURITY.UPDATE_CLIENT_LOGO(p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
--       p_content_type => 'image/png', p_logo => l_image);
select update_client_logo(json_object('p_client_key', json_object('name', 'CLIENT_TEST'),
                                      'p_content_type', 'image/png', 'p_logo', 'iVBORw0KGgo='));
-- JSON holds no blob: the named form takes the logo as base64 text.
select name, logo_content_type from c order by id;
select hex(logo) as logo, content_type from ords_sec_client_logo;
select update_client_logo('CLIENT_TEST', 'image/svg+xml', cast('<svg/>' as blob));
select name, logo_content_type from c order by id;
select hex(logo) as logo, content_type from ords_sec_client_logo;
select update_client_logo('CLIENT_TEST', 'image/png', 'not a blob');
select update_client_logo(json_object('name', 'CLIENT_TEST', 'content_type', 'image/png', 'logo', 'not base64!'));
select update_client_logo(json_object('name', 'CLIENT_TEST', 'content_type', 'image/png', 'logo', 42));
select update_client_logo(json_object('name', 'CLIENT_TEST', 'content_type', 'image/png', 'logo', ''));
select update_client_logo('CLIENT_TEST', 'image/png', NULL);
select update_client_logo('CLIENT_TEST', 'image/png', x'');
select update_client_logo('CLIENT_TEST', NULL, x'00');
select update_client_logo('CLIENT_TEST', 'png', x'00');
select update_client_logo('CLIENT_TEST', 'image/png; x=1', x'00');
select update_client_logo('CLIENT_TEST', 'image/png', zeroblob(1048577));
select update_client_logo('nobody', 'image/png', x'00');

-- Example 8-16 / 8-17 (update_client_privileges):
--   ORDS_SECURITY.UPDATE_CLIENT_PRIVILEGES(p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
--       p_privilege_names => 'oracle.dbtools.sqldev');
--   ORDS_SECURITY.UPDATE_CLIENT_PRIVILEGES(p_name => 'CLIENT_TEST', p_privilege_names => 'oracle.dbtools.sqldev');
select update_client_privileges(json_object('p_client_key', json_object('name', 'CLIENT_TEST'),
                                            'p_privilege_names', 'oracle.dbtools.sqldev'));
select client_name, name from user_ords_client_privileges order by 1, 2;
select update_client_privileges('CLIENT_TEST', json_array('other.priv', 'oracle.dbtools.sqldev', 'other.priv'));
select client_name, name from user_ords_client_privileges order by 1, 2;
select update_client_privileges('CLIENT_TEST', 'other.priv, no.such');
select client_name, name from user_ords_client_privileges order by 1, 2;
select update_client_privileges('CLIENT_TEST', NULL);
select count(*) as privileges_left from user_ords_client_privileges;
select update_client_privileges('CLIENT_TEST', 'oracle.dbtools.sqldev');
select update_client_privileges('nobody', 'oracle.dbtools.sqldev');

-- Example 8-18 / 8-19 (update_client_token_duration; NULL puts the instance default back):
--   ORDS_SECURITY.UPDATE_CLIENT_TOKEN_DURATION(p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
--       p_token_duration => 3600, p_refresh_duration => 86400, p_code_duration => 300);
select update_client_token_duration(json_object('p_client_key', json_object('name', 'CLIENT_TEST'),
    'p_token_duration', 3600, 'p_refresh_duration', 86400, 'p_code_duration', 300));
select name, token_duration, refresh_duration, code_duration from c where name = 'CLIENT_TEST';
select update_client_token_duration('CLIENT_TEST', 60, NULL, NULL);
select name, token_duration, refresh_duration, code_duration from c where name = 'CLIENT_TEST';
select update_client_token_duration('CLIENT_TEST', -1, NULL, NULL);
select update_client_token_duration('CLIENT_TEST', NULL, 0, NULL);
select update_client_token_duration('CLIENT_TEST', NULL, NULL, 3600);
select update_client_token_duration('CLIENT_TEST', 'long', NULL, NULL);
select update_client_token_duration('nobody', 60, 60, 60);

-- Example 8-20 / 8-21 (rename_client):
--   ORDS_SECURITY.RENAME_CLIENT(p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
--       p_new_name => 'CLIENT_TEST_RENAMED');
--   ORDS_SECURITY.RENAME_CLIENT(p_name => 'CLIENT_TEST', p_new_name => 'CLIENT_TEST_RENAMED');
select rename_client(json_object('p_client_key', json_object('name', 'CLIENT_TEST'), 'p_new_name', 'CLIENT_TEST_RENAMED'));
select rename_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST');
select rename_client('CLIENT_TEST', 'CLIENT_TEST');
select rename_client('CLIENT_TEST', 'svc');
select rename_client('CLIENT_TEST', NULL);
select rename_client('CLIENT_TEST', '');
select rename_client('nobody', 'x');
-- A rename keeps the id, the client_id, the privileges and the logo.
select id, name, privilege_names, logo_content_type, created_on, updated_on from c order by id;
