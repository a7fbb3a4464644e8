-- 82_view_times: user_ords_clients' times (formatted in C++ now, not by strftime in the view's query) read exactly as strftime('%Y-%m-%dT%H:%M:%SZ', ..., 'unixepoch') of the stored epoch seconds, at any time; an empty slot's time is NULL.
select ords_security_test_clock(0);
select register_client('epoch', 'client_credentials', 'ops@example.org') is not null as registered;
select ords_security_test_clock(951782399);
select register_client('leap', 'client_credentials', 'ops@example.org') is not null as registered;
select ords_security_test_clock_advance(1);
select rotate_client_secret(json_object('client_key', json_object('name', 'leap'))) is not null as rotated;
select ords_security_test_clock(4102444799);
select register_client('y2100', 'client_credentials', 'ops@example.org') is not null as registered;
select ords_security_test_clock(253402300799);
select rotate_client_secret(json_object('client_key', json_object('name', 'y2100'))) is not null as rotated;
select rotate_client_secret(json_object('client_key', json_object('name', 'y2100'))) is not null as rotated;
select name, created_on, updated_on, client_secret_issued_on, client_secret_2_issued_on from user_ords_clients order by id;
-- The same text strftime gives for the stored values.
select count(*) as clients,
       sum(v.created_on = strftime('%Y-%m-%dT%H:%M:%SZ', c.created_on, 'unixepoch')) as created_same,
       sum(v.updated_on = strftime('%Y-%m-%dT%H:%M:%SZ', c.updated_on, 'unixepoch')) as updated_same,
       sum(v.client_secret_issued_on is strftime('%Y-%m-%dT%H:%M:%SZ',
           (select issued_on from ords_sec_client_secret where client_id = c.id and slot = 1), 'unixepoch')) as slot1_same,
       sum(v.client_secret_2_issued_on is strftime('%Y-%m-%dT%H:%M:%SZ',
           (select issued_on from ords_sec_client_secret where client_id = c.id and slot = 2), 'unixepoch')) as slot2_same
  from user_ords_clients v join ords_sec_client c on c.id = v.id;
-- They are text, as declared.
select distinct typeof(created_on), typeof(updated_on) from user_ords_clients;
