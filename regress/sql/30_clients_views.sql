-- 30_clients_views: user_ords_clients, user_ords_client_roles and user_ords_client_privileges
-- (API.md section 8): columns, the current schema only, stored secrets only; user_ords_clients is
-- DIRECTONLY (it can show stored secrets) while the other two are not; every client function is
-- DIRECTONLY too: a view or trigger in the database file cannot call it.
select ords_security_test_clock(1795000000);
-- Before anything is written, the views exist and are empty.
select count(*) as clients from user_ords_clients;
select count(*) as grants from user_ords_client_roles;
select count(*) as privileges from user_ords_client_privileges;
select count(*) as ords_tables from sqlite_master where name like 'ords_sec%';
select name from pragma_table_info('user_ords_clients') order by cid;
select name from pragma_table_info('user_ords_client_roles') order by cid;
select name from pragma_table_info('user_ords_client_privileges') order by cid;

select create_role('r_b');
select create_role('r_a');
select create_privilege('p_b', 'r_b');
select create_privilege('p_a', 'r_a');
select create_client('legacy', 'authorization_code', 'owner', 'A web app', 'https://a.example.org,https://b.example.org',
                     'https://a.example.org/cb', 'help@example.org', 'https://example.org/help', 'p_b,p_a', 900, 3600, 120);
select grant_client_role('legacy', 'r_b');
select grant_client_role('legacy', 'r_a');
select update_client_logo('legacy', 'image/png', x'00');
select ords_security_test_clock_advance(5);
select rotate_client_secret('legacy') is not null as rotated;
select register_client('svc', 'client_credentials', 'ops@example.org') is not null as svc;
-- Every column; client_id and the stored secret are random, so shown by property.
select id, name, description, grant_type, response_type, length(client_id) as client_id_length,
       length(client_secret) as stored_secret_length, client_secret_2, client_secret_issued_on,
       client_secret_2_issued_on, redirect_uri, support_email, support_uri, origins_allowed, privilege_names,
       role_names, token_duration, refresh_duration, code_duration, logo_content_type, created_on, updated_on
  from user_ords_clients order by id;
select * from user_ords_client_roles order by client_id, role_id;
select * from user_ords_client_privileges order by client_id, privilege_id;
-- No column of any view holds a hash or a salt (32 and 16 bytes of binary).
select count(*) as binary_values from user_ords_clients
 where typeof(client_secret) = 'blob' or typeof(client_secret_2) = 'blob'
    or length(client_secret) in (16, 32) or length(client_secret_2) in (16, 32);

-- The current schema decides what the views show.
select enable_schema(1, 'HR', 'BASE_PATH', 'hr');
select register_client(json_object('schema', 'HR', 'name', 'hr_client', 'grant_type', 'client_credentials',
                                   'support_email', 'hr@example.org')) ->> '$.client_key.name' as hr_client;
select name from user_ords_clients order by id;
select ords_set_schema('HR');
select name from user_ords_clients order by id;
select count(*) as grants from user_ords_client_roles;
select ords_set_schema('MAIN');

-- DIRECTONLY: user_ords_clients cannot be read from a view or trigger in the database file; the
-- other two views can.
create table t(a);
create view v_clients as select name, client_secret from user_ords_clients;
select * from v_clients;
create view v_client_roles as select client_name, role_name from user_ords_client_roles;
select * from v_client_roles order by 1, 2;
create view v_client_privileges as select client_name, name from user_ords_client_privileges;
select count(*) as privileges from v_client_privileges;
create trigger t_copy after insert on t begin select count(*) from user_ords_clients; end;
insert into t values (1);
-- Every client function, each from a view.
create view f01 as select register_client('x', 'client_credentials', 'x@example.org') as x;
select * from f01;
create view f02 as select import_client('x', 'client_credentials', 'x@example.org') as x;
select * from f02;
create view f03 as select create_client('x', 'client_credentials') as x;
select * from f03;
create view f04 as select update_client('svc', NULL, NULL, NULL, NULL, 'x@example.org', NULL) as x;
select * from f04;
create view f05 as select update_client_privileges('svc', 'p_a') as x;
select * from f05;
create view f06 as select update_client_token_duration('svc', 1, 1, 1) as x;
select * from f06;
create view f07 as select update_client_logo('svc', 'image/png', x'00') as x;
select * from f07;
create view f08 as select rename_client('svc', 'svc2') as x;
select * from f08;
create view f09 as select delete_client('svc') as x;
select * from f09;
create view f10 as select grant_client_role('svc', 'r_a') as x;
select * from f10;
create view f11 as select revoke_client_role('legacy', 'r_a') as x;
select * from f11;
create view f12 as select register_client_secret('svc', 'planted') as x;
select * from f12;
create view f13 as select update_client_secret('svc', 'planted') as x;
select * from f13;
create view f14 as select rotate_client_secret('svc') as x;
select * from f14;
create view f15 as select revoke_client_secrets('legacy', json_object('slot', 3)) as x;
select * from f15;
create view f16 as select revoke_client_secret('legacy') as x;
select * from f16;
create trigger t_rotate after insert on t begin select rotate_client_secret('legacy'); end;
insert into t values (2);
select count(*) as rows_in_t from t;
-- Nothing changed: the same clients, names, grants and secrets.
select name, role_names, privilege_names, client_secret is not null as stored, client_secret_2_issued_on from user_ords_clients order by id;
