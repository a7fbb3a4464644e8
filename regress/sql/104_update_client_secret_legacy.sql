-- 104_update_client_secret_legacy: OAUTH.UPDATE_CLIENT_SECRET stays the ORDS way. The value given
-- becomes the secret of slot 1 (issued now), and the other slot ends: with two live secrets
-- (a rotation in progress), neither old one authenticates afterwards, only the new value.
select ords_security_test_clock(1795000000);
select register_client('app', 'client_credentials', 'app@example.com') ->> '$.client_key.name';
create temp table s(k, v);
insert into s select 'first', rotate_client_secret('app');
select ords_security_test_clock_advance(60);
insert into s select 'second', rotate_client_secret('app');
select slot, kind, datetime(issued_on, 'unixepoch') as issued from ords_sec_client_secret order by slot;
select ords_security_test_clock_advance(60);
select update_client_secret('app', 'the value the operator chose');
select slot, kind, datetime(issued_on, 'unixepoch') as issued, stored from ords_sec_client_secret order by slot;
select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;
select k, ords_security_test_client_auth((select client_id from user_ords_clients), v) as authenticates from s;
select ords_security_test_client_auth((select client_id from user_ords_clients), 'the value the operator chose') as new_value;
-- The same from slot 2 alone: the secret lands in slot 1, slot 2 ends.
select revoke_client_secrets('app', json_object('slot', 3)) ->> '$.client_secret.slot' as revoked;
select register_client_secret(json_object('name', 'app', 'client_secret', json_object('secret', 'in slot two', 'slot', 2))) ->> '$.client_secret.slot' as slot;
select update_client_secret(json_object('p_client_name', 'app', 'p_editing_user', 'BEERS', 'p_client_secret', 'again'));
select slot from ords_sec_client_secret;
select ords_security_test_client_auth((select client_id from user_ords_clients), 'in slot two') as old_slot_two,
       ords_security_test_client_auth((select client_id from user_ords_clients), 'again') as new_value;
