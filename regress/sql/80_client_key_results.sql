-- 80_client_key_results: each function ORDS declares as returning a record returns it here too; update_client's t_client_key form returns the client's key (examples 8-10, 8-12), its p_name form nothing, as ORDS's procedures.
select ords_security_test_seed(80);
select create_privilege('oracle.dbtools.sqldev') is null as ok;
select import_client('CLIENT_TEST', 'authorization_code', 'test@example.org', 'A client', 'awVMtPlqullIqPXhAwh4zA..',
                     NULL, NULL, 'https://example.org/my_redirect/');

-- Example 8-10: l_client_key := ORDS_SECURITY.UPDATE_CLIENT(p_client_key => ..., p_new_name => ...);
--               dbms_output.put_line('ID:' || l_client_key.id);
select update_client(json_object('client_key', json_object('name', 'CLIENT_TEST'), 'new_name', 'CLIENT_TEST_RENAMED',
    'description', 'This is a test description.', 'origins_allowed', '*',
    'redirect_uri', 'https://example.org/my_redirect/', 'support_email', 'test@example.org',
    'support_uri', 'https://example.org/help/'));
-- the key is JSON (an object when nested), its client_id the client's
select json_type(json_object('k', update_client(json_object('client_key', json_object('id', 1),
    'description', 'd', 'redirect_uri', 'https://example.org/my_redirect/', 'support_email', 'test@example.org'))),
    '$.k') as nested;
-- Example 8-12: the 11-field form, named by client_id.
select 'ID:' || (update_client(json_object('client_key', json_object('client_id', 'awVMtPlqullIqPXhAwh4zA..'),
    'description', 'This is a test description.', 'privilege_names', 'oracle.dbtools.sqldev',
    'origins_allowed', '*', 'redirect_uri', 'https://example.org/my_redirect/',
    'support_email', 'test@example.org', 'support_uri', 'https://example.org/help/',
    'token_duration', 3600, 'refresh_duration', 86400, 'code_duration', 300)) ->> '$.id') as dbms_output;
-- The p_name forms (examples 8-11, 8-13) are procedures: NULL, positionally and named.
select update_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST', 'This is a test description.', '*',
                     'https://example.org/my_redirect/', 'test@example.org', 'https://example.org/help/');
select update_client(json_object('name', 'CLIENT_TEST', 'description', 'd', 'redirect_uri', 'https://example.org/my_redirect/',
                                 'support_email', 'test@example.org'));
-- A refused update returns nothing and changes nothing.
select update_client(json_object('client_key', json_object('name', 'CLIENT_TEST'), 'new_name', 'X',
    'description', NULL, 'redirect_uri', 'https://example.org/my_redirect/', 'support_email', 'test@example.org'));
select name, description from user_ords_clients order by id;

-- Every function ORDS declares RETURN t_client_credentials or t_client_key, in its t_client_key
-- (or p_name function) form: what it returns.
create temp table r(fn text, result text);
insert into r select 'register_client', register_client(json_object('name', 'svc', 'grant_type', 'client_credentials',
                                                                  'support_email', 'ops@example.org'));
insert into r select 'import_client', import_client('imp', 'client_credentials', 'ops@example.org');
insert into r select 'register_client_secret', register_client_secret(json_object('client_key', json_object('name', 'svc'),
                                                                                  'client_secret', 'a chosen secret'));
insert into r select 'rotate_client_secret', rotate_client_secret(json_object('client_key', json_object('name', 'svc')));
insert into r select 'revoke_client_secrets', revoke_client_secrets(json_object('client_key', json_object('name', 'svc'),
                                                                                'filter', json_object('slot', 3)));
insert into r select 'update_client', update_client(json_object('client_key', json_object('name', 'svc'),
                                                                'support_email', 'ops@example.org'));
select fn, json_type(result) as type,
       (select group_concat(key, ',') from json_each(result)) as members,
       coalesce(result ->> '$.client_key.name', result ->> '$.name') as client,
       (select group_concat(key, ',') from json_each(result, '$.client_secret')) as client_secret
  from r order by rowid;
-- the key is the client's, as the views show it
select count(*) as keys_match from r join user_ords_clients c
    on c.id = coalesce(r.result ->> '$.client_key.id', r.result ->> '$.id')
   and c.client_id = coalesce(r.result ->> '$.client_key.client_id', r.result ->> '$.client_id');
