-- 21_clients_rules: the attribute rules every client function shares: redirect URIs (absolute,
-- no fragment, https; http only for loopback hosts), origins, support email and URI, description,
-- names (unique per schema, not across schemas) and hostile text. Each refusal names its parameter.
select ords_security_test_clock(1795000000);
create temp table uris(n integer primary key, uri text);
insert into uris(uri) values
  ('https://example.org/cb'),
  ('HTTPS://Example.org:8443/a/b?x=1&y=2'),
  ('https://example.org'),
  ('https://[2001:db8::1]:443/cb'),
  ('http://localhost/cb'),
  ('http://LOCALHOST:8080/cb'),
  ('http://127.0.0.1:5000/cb'),
  ('http://[::1]:5000/cb');
-- Accepted: https anywhere, http on loopback hosts only (any case, any port, with a query).
select n, uri, register_client('c' || n, 'authorization_code', 'x@example.org', 'd', NULL, NULL, uri)
                 ->> '$.client_key.name' as registered
  from uris order by n;
-- Refused, each saying why.
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'http://example.org/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'http://localhost.example.org/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'http://127.0.0.2/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'http://127.0.0.1@evil.example/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://user:pw@example.org/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://example.org/cb#frag');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://example.org/cb#');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, '/relative/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'example.org/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'myapp://callback');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'javascript://example.org/%0Aalert(1)');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'ftp://example.org/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https:///cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://exa mple.org/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://example.org/c b');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://example.org:/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://example.org:99999/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://example.org:8a/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://[::1/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://exa<mple.org/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, 'https://example.org/' || char(10) || 'cb');
-- A client_credentials client may have a redirect URI; if it does, the same rules hold.
select register_client('svc', 'client_credentials', 'x@example.org', NULL, NULL, NULL, 'http://example.org/cb');
select register_client('bad', 'authorization_code', 'x@example.org', 'd', NULL, NULL, printf('https://example.org/%.2040c', 'a'));
select name, redirect_uri from user_ords_clients order by id;

-- Origins: URL prefixes or *, kept as given; an empty list is none.
select register_client('o1', 'client_credentials', 'x@example.org', NULL, NULL, '*') is not null as o1,
       register_client('o2', 'client_credentials', 'x@example.org', NULL, NULL, ' https://a.example.org ,http://localhost:3000,') is not null as o2,
       register_client('o3', 'client_credentials', 'x@example.org', NULL, NULL, ' , ') is not null as o3;
select name, origins_allowed from user_ords_clients where name like 'o%' order by name;
select register_client('o4', 'client_credentials', 'x@example.org', NULL, NULL, 'https://a.example.org,a.example.org');
select register_client('o5', 'client_credentials', 'x@example.org', NULL, NULL, 'https://');
select register_client('o6', 'client_credentials', 'x@example.org', NULL, NULL, 'https://a' || char(9) || 'b');
select register_client('o7', 'client_credentials', 'x@example.org', NULL, NULL, 'https://a b.example.org');

-- Support email, support URI and description: text, one line (descriptions may break lines).
select register_client('t1', 'client_credentials', '[email protected]', 'two' || char(10) || 'lines',
                       NULL, NULL, NULL, 'www.example.org/support/') is not null as ok;
select name, support_email, description, support_uri from user_ords_clients where name = 't1';
select register_client('t2', 'client_credentials', 'x' || char(10) || 'y');
select register_client('t3', 'client_credentials', printf('%.256c', 'x'));
select register_client('t4', 'client_credentials', 'x@example.org', 'bell' || char(7));
select register_client('t5', 'client_credentials', 'x@example.org', '   ');
select register_client('t6', 'client_credentials', 'x@example.org', printf('%.4001c', 'd'));
select register_client('t7', 'client_credentials', 'x@example.org', NULL, NULL, NULL, NULL, 'x' || char(13));
select register_client('t8', 'client_credentials', x'40');
select register_client('t9', 'client_credentials', 'x@example.org', cast(x'ff' as text));
select register_client('t10', 'client_credentials', 'x@example.org', 'a' || char(0) || 'b');

-- Names: 1 to 255 characters, no control characters, unique within the schema, case-sensitive.
select register_client('CLIENT', 'client_credentials', 'x@example.org') is not null as upper,
       register_client('client', 'client_credentials', 'x@example.org') is not null as lower;
select register_client(printf('%.255c', 'n'), 'client_credentials', 'x@example.org') is not null as n255;
select register_client(printf('%.256c', 'n'), 'client_credentials', 'x@example.org');
select register_client('tab' || char(9), 'client_credentials', 'x@example.org');
select register_client(42, 'client_credentials', 'x@example.org');
select register_client('CLIENT', 'client_credentials', 'x@example.org');
-- Another schema has its own names; its clients do not show in this schema's views.
select enable_schema(1, 'HR', 'BASE_PATH', 'hr');
select register_client(json_object('schema', 'HR', 'name', 'CLIENT', 'grant_type', 'client_credentials',
                                   'support_email', 'x@example.org')) ->> '$.client_key.name' as in_hr;
select count(*) as main_clients_named_client from user_ords_clients where name = 'CLIENT';
select ords_set_schema('HR');
select name, grant_type from user_ords_clients order by id;
select ords_set_schema('MAIN');
