-- 72_origins_boundary: origins_allowed matches at a boundary only (API.md 7): an item allows the origin equal to it or continuing with ":" or "/"; "*" allows any origin.
select ords_security_test_clock(1790000000);
select create_role('r');
select define_privilege('p', 'r', '/p/*');
select import_client('one', 'client_credentials', 'ops@example.org', NULL, 'OneClientId0000000000A..', NULL,
                     'https://app.example.org') ->> 'client_id' as client_id;
select import_client('star', 'client_credentials', 'ops@example.org', NULL, 'StarClientId000000000A..', NULL, '*') ->> 'client_id' as client_id;
select import_client('two', 'client_credentials', 'ops@example.org', NULL, 'TwoClientId0000000000A..', NULL,
                     'https://a.example.org/, http://localhost') ->> 'client_id' as client_id;
select register_client_secret(n, 'secret-0123456789-abcdefghij-' || n) ->> '$.client_secret.slot' as slot
  from (select 'one' as n union all select 'star' union all select 'two');
select grant_client_role(n, 'r') from (select 'one' as n union all select 'star' union all select 'two');
create temp table tok(k text primary key, t text);
insert into tok select n, oauth_token('client_credentials', c, 'secret-0123456789-abcdefghij-' || n) ->> 'access_token'
  from (select 'one' as n, 'OneClientId0000000000A..' as c union all select 'star', 'StarClientId000000000A..'
        union all select 'two', 'TwoClientId0000000000A..');
create temp table origins(o text);
insert into origins values ('https://app.example.org'), ('https://app.example.org:8443'), ('https://app.example.org/x'),
  ('https://app.example.org.evil.net'), ('https://app.example.organ'), ('https://app.example.or'), ('http://app.example.org'),
  ('https://a.example.org'), ('https://a.example.org:443'), ('https://a.example.org.evil.net'), ('http://localhost'),
  ('http://localhost:3000'), ('http://localhost.evil.net'), ('https://evil.example'), ('null'), ('');
select o, (select check_request('GET', '/p/1', 'Bearer ' || t, o) ->> 'status' from tok where k = 'one') as one,
       (select check_request('GET', '/p/1', 'Bearer ' || t, o) ->> 'status' from tok where k = 'star') as star,
       (select check_request('GET', '/p/1', 'Bearer ' || t, o) ->> 'status' from tok where k = 'two') as two
  from origins order by rowid;
-- Without an Origin the list does not matter.
select k, check_request('GET', '/p/1', 'Bearer ' || t) ->> 'status' as no_origin from tok order by k;
