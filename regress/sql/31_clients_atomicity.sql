-- 31_clients_atomicity: every client and secret function is atomic. With the test hook
-- ords_security_test_fail_after_writes(n) the n-th write of the call fails after it has written;
-- a snapshot of every client table (hashes included, as hex) shows that nothing changed.
select ords_security_test_clock(1795000000);
select create_role('r1');
select create_role('r2');
select create_privilege('p1', 'r1');
select create_privilege('p2', 'r2');
select create_client('legacy', 'client_credentials', 'owner', NULL, NULL, NULL, NULL, NULL, 'p1');
select grant_client_role('legacy', 'r1');
select rotate_client_secret('legacy') is not null as rotated;
select register_client('web', 'authorization_code', 'x@example.org', 'd', 'p1,p2', NULL, 'https://example.org/cb') is not null as web;
select update_client_logo('web', 'image/png', x'01');
create temp view snapshot as select
  ifnull((select group_concat(x, ';') from (select id||','||name||','||client_id||','||grant_type||','||ifnull(description,'-')||','||
          ifnull(redirect_uri,'-')||','||ifnull(support_email,'-')||','||ifnull(origins_allowed,'-')||','||
          ifnull(token_duration,'-')||','||updated_on as x from ords_sec_client order by id)), '-') || ' | ' ||
  ifnull((select group_concat(x, ';') from (select client_id||','||role_id as x from ords_sec_client_role order by 1)), '-') || ' | ' ||
  ifnull((select group_concat(x, ';') from (select client_id||','||privilege_id as x from ords_sec_client_privilege order by 1)), '-') || ' | ' ||
  ifnull((select group_concat(x, ';') from (select client_id||','||slot||','||kind||','||hex(salt)||','||hex(hash)||','||
          issued_on||','||seq||','||ifnull(stored,'-') as x from ords_sec_client_secret order by 1)), '-') || ' | ' ||
  ifnull((select group_concat(x, ';') from (select client_id||','||content_type||','||hex(logo) as x from ords_sec_client_logo order by 1)), '-')
  as s;
create temp table before(s);
create temp table results(f text, n integer, unchanged integer);
-- Each call with its write number n: snapshot, arm, call (fails), compare.
insert into before select s from snapshot;
select ords_security_test_fail_after_writes(2);
select register_client('new', 'client_credentials', 'x@example.org', NULL, 'p1,p2');
insert into results select 'register_client', 2, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(2);
select register_client(json_object('name', 'new', 'grant_type', 'client_credentials', 'support_email', 'x@example.org',
                                   'client_secret', json_object('stored', json('true'))));
insert into results select 'register_client + secret', 2, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(3);
select register_client(json_object('name', 'new', 'grant_type', 'client_credentials', 'support_email', 'x@example.org',
                                   'client_secret', json_object('stored', json('true'))));
insert into results select 'register_client + secret', 3, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(2);
select import_client('new', 'client_credentials', 'x@example.org', NULL, 'given-id', 'p1');
insert into results select 'import_client', 2, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(3);
select create_client('new', 'client_credentials', 'owner', NULL, NULL, NULL, NULL, NULL, 'p1');
insert into results select 'create_client', 3, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(1);
select update_client('web', 'web2', 'd2', NULL, 'https://example.org/cb2', 'y@example.org', NULL);
insert into results select 'update_client/7', 1, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(3);
select update_client('web', 'web2', 'd2', 'p2', NULL, 'https://example.org/cb2', 'y@example.org', NULL, 1, 2, 3);
insert into results select 'update_client/11', 3, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(2);
select update_client_privileges('web', 'p2');
insert into results select 'update_client_privileges', 2, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(1);
select update_client_token_duration('web', 1, 2, 3);
insert into results select 'update_client_token_duration', 1, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(2);
select update_client_logo('web', 'image/gif', x'02');
insert into results select 'update_client_logo', 2, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(1);
select rename_client('web', 'web2');
insert into results select 'rename_client', 1, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(2);
select delete_client('legacy');
insert into results select 'delete_client', 2, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(4);
select delete_client('legacy');
insert into results select 'delete_client', 4, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(1);
select grant_client_role('legacy', 'r2');
insert into results select 'grant_client_role', 1, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(1);
select revoke_client_role('legacy', 'r1');
insert into results select 'revoke_client_role', 1, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(1);
select rotate_client_secret('legacy');
insert into results select 'rotate_client_secret', 1, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(2);
select rotate_client_secret('legacy', TRUE);
insert into results select 'rotate_client_secret revoke_existing', 2, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(1);
select register_client_secret('legacy', 'chosen value');
insert into results select 'register_client_secret', 1, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(2);
select update_client_secret('legacy', 'chosen value');
insert into results select 'update_client_secret', 2, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(2);
select revoke_client_secrets('legacy', json_object('slot', 3));
insert into results select 'revoke_client_secrets', 2, s = (select s from before) from snapshot;
select ords_security_test_fail_after_writes(1);
select revoke_client_secret('legacy');
insert into results select 'revoke_client_secret', 1, s = (select s from before) from snapshot;
select f, n, unchanged from results order by rowid;
-- Disarmed, the same calls go through.
select ords_security_test_fail_after_writes(0);
select rotate_client_secret('legacy') is not null as rotated;
select s <> (select s from before) as changed from snapshot;
-- A writer called inside another writing statement in an open transaction is refused (SQLite opens no
-- savepoint there); in autocommit the statement is the transaction, and a failing call undoes it all.
-- After each failure above, no transaction is left open: BEGIN works.
create temp table captured(v);
begin;
insert into captured select rotate_client_secret('legacy');
rollback;
insert into captured select rotate_client_secret('legacy') union all select rotate_client_secret('nobody');
select count(*) as captured from captured;
