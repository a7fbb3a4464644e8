-- 49_decision_paths: path tricks against check_request (R-26, R-27, R-28): every refused class is 400 (never public), and tricks that normalize to a protected path are still protected.
-- Paths are labelled; a path holding control characters or invalid UTF-8 is never printed itself.
select ords_security_test_clock(1790000000);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
select define_module('hr', '/hr/');
select create_privilege('hr_priv', 'emp_role');
select set_module_privilege('hr', 'hr_priv');
select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') ->> 'client_id' as client_id;
select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
select grant_client_role('svc', 'emp_role');
create temp table tok(t text);
insert into tok select oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') ->> 'access_token';

-- paths(label, p): status without a token, with svc's token, the privilege, and the reason of a 400.
create temp table paths(label text primary key, p text);
create temp view decided as
  select label, check_request('GET', p, NULL) ->> 'status' as anonymous,
         check_request('GET', p, 'Bearer ' || (select t from tok)) ->> 'status' as with_token,
         check_request('GET', p, NULL) ->> 'privilege' as privilege,
         case check_request('GET', p, NULL) ->> 'status' when 400 then check_request('GET', p, NULL) ->> 'reason' end as refused
    from paths;

-- Tricks that normalize to a protected path: still protected (401 without a token, 200 with it).
insert into paths values
  ('a01 plain', '/emp/1'),
  ('a02 dot segment', '/public/../emp/1'),
  ('a03 dot and dot-dot', '/public/./../emp/1'),
  ('a04 leading dot', '/./emp/1'),
  ('a05 inner dot', '/emp/./1'),
  ('a06 double slashes', '//emp//1'),
  ('a07 many slashes', '///emp///1///'),
  ('a08 encoded dots', '/public/%2e%2e/emp/1'),
  ('a09 mixed-case encoded dots', '/public/%2E./emp/1'),
  ('a10 half-encoded dots', '/public/.%2e/emp/1'),
  ('a11 matrix parameter', '/emp;jsessionid=abc/1'),
  ('a12 matrix on last segment', '/emp/1;x=y'),
  ('a13 dot-dot with parameter', '/public/..;/emp/1'),
  ('a14 encoded letters', '/%65mp/1'),
  ('a15 all encoded', '/%65%6D%70/%31'),
  ('a16 query', '/emp/1?x=1'),
  ('a17 fragment', '/emp/1#frag'),
  ('a18 query with dot-dot', '/emp/1?/../public'),
  ('a19 no trailing part', '/emp'),
  ('a20 trailing slash', '/emp/'),
  ('a21 trailing slash deep', '/emp/1/'),
  ('a22 ords alias', '/ords/main/emp/1'),
  ('a23 ords alias any case', '/ORDS/MAIN/emp/1'),
  ('a24 whole URL', 'https://user:pw@host.example:8443/ords/main/emp/1?q#f'),
  ('a25 whole URL upper scheme', 'HTTP://host.example/ords/main/emp/1'),
  ('a26 dot-dot before ords', '/x/../ords/main/emp/1'),
  ('a27 dot-dot inside alias', '/ords/main/public/../emp/1'),
  ('a28 module base', '/hr'),
  ('a29 module tricks', '/public/..//hr/./x'),
  ('a30 encoded plus', '/emp/a+b%20c'),
  ('a31 star in path', '/emp/*'),
  ('a32 unicode segment', '/emp/é'),
  ('a33 8192 bytes', '/emp/' || substr(replace(hex(zeroblob(4096)), '0', 'a'), 1, 8187));
select * from decided where label like 'a%' order by label;

-- Other paths, literally different: public (case-sensitive; decoded once only, so %252F is the
-- literal text %2F inside one segment, and %252e%252e is not a dot segment).
insert into paths values
  ('b01 upper case', '/EMP/1'),
  ('b02 prefix', '/emps/1'),
  ('b03 suffix', '/emp-x/1'),
  ('b04 double-encoded slash', '/emp%252F1'),
  ('b05 double-encoded dots', '/public/%252e%252e/emp/1'),
  ('b06 encoded semicolon', '/emp%3Bx/1'),
  ('b07 module neighbour', '/hrx/1'),
  ('b08 ords alone', '/ords/main');
select * from decided where label like 'b%' order by label;

-- Refused with 400, never decided as public (R-26): each class of trick.
insert into paths values
  ('c01 encoded slash', '/emp%2F1'),
  ('c02 encoded slash lower', '/public%2f..%2femp/1'),
  ('c03 raw backslash', '/emp\1'),
  ('c04 backslash dot-dot', '/public\..\emp\1'),
  ('c05 encoded backslash', '/emp%5C1'),
  ('c06 encoded backslash lower', '/public/..%5cemp/1'),
  ('c07 raw NUL', '/emp/1' || char(0) || '.json'),
  ('c08 encoded NUL', '/emp%00/1'),
  ('c09 raw tab', '/emp/' || char(9) || '1'),
  ('c10 raw newline', '/emp/1' || char(10)),
  ('c11 raw carriage return', '/emp' || char(13) || '/1'),
  ('c12 raw DEL', '/emp/' || char(127)),
  ('c13 raw C1 control', '/emp/' || char(133)),
  ('c14 encoded tab', '/emp/%091'),
  ('c15 encoded newline', '/emp/%0A'),
  ('c16 encoded DEL', '/emp/%7F'),
  ('c17 encoded C1 control', '/emp/%C2%85'),
  ('c18 invalid UTF-8 raw', cast(x'2f656d702f31ff' as text)),
  ('c19 truncated UTF-8 raw', cast(x'2f656d702fc3' as text)),
  ('c20 invalid UTF-8 encoded', '/emp/%FF'),
  ('c21 truncated UTF-8 encoded', '/emp/%C3'),
  ('c22 surrogate encoded', '/emp/%ED%A0%80'),
  ('c23 above U+10FFFF', '/emp/%F4%90%80%80'),
  ('c24 overlong dots', '/public/%C0%AE%C0%AE/emp/1'),
  ('c25 overlong slash', '/public%C0%AF..%C0%AFemp/1'),
  ('c26 overlong 3-byte dot', '/public/%E0%80%AE%E0%80%AE/emp'),
  ('c27 overlong raw', cast(x'2f7075626c69632fc0aec0ae2f656d702f31' as text)),
  ('c28 invalid UTF-8 in query', cast(x'2f656d702f313f783dff' as text)),
  ('c29 above the root', '/../emp/1'),
  ('c30 above the root deeper', '/emp/../../emp/1'),
  ('c31 encoded above the root', '/%2e%2e/emp/1'),
  ('c32 dot-dot after empty segment', '/public//../emp/1'),
  ('c33 out of the alias', '/ords/main/../hr/x'),
  ('c34 malformed escape', '/emp/%zz'),
  ('c35 truncated escape', '/emp/%2'),
  ('c36 lone percent', '/emp/1%'),
  ('c37 relative', 'emp/1'),
  ('c38 empty', ''),
  ('c39 other scheme', 'ftp://host.example/ords/main/emp/1'),
  ('c40 URL without ords', 'https://host.example/emp/1'),
  ('c41 ords without alias', '/ords/'),
  ('c42 8193 bytes', '/emp/' || substr(replace(hex(zeroblob(4096)), '0', 'a'), 1, 8188)),
  ('c43 backslash in authority', 'https://host.example\@evil.example/ords/main/emp/1');
select * from decided where label like 'c%' order by label;
-- None of the refused paths is ever answered 200 or treated as public.
select count(*) as refused, sum(anonymous = 400 and with_token = 400) as always_400, count(privilege) as with_privilege
  from decided where label like 'c%';

-- Arguments that are not text at all are malformed calls: they raise (a defined error, no crash),
-- as does a path over the 1 MiB argument cap, refused before any other work.
select check_request('GET', x'2f656d702f31', NULL);
select check_request('GET', 42, NULL);
select check_request('GET', '/emp/' || replace(hex(zeroblob(524288)), '0', 'a'), NULL);
select check_request('GET', '/emp/1', x'00');

-- The method (R-28): upper-case ASCII, one of seven; anything else is 400 whatever the path.
create temp table methods(label text primary key, m text);
insert into methods values ('m01 GET', 'GET'), ('m02 HEAD', 'HEAD'), ('m03 POST', 'POST'), ('m04 PUT', 'PUT'), ('m05 PATCH', 'PATCH'),
  ('m06 DELETE', 'DELETE'), ('m07 OPTIONS', 'OPTIONS'), ('m08 lower', 'get'), ('m09 mixed', 'Get'), ('m10 TRACE', 'TRACE'),
  ('m11 CONNECT', 'CONNECT'), ('m12 PROPFIND', 'PROPFIND'), ('m13 empty', ''), ('m14 leading space', ' GET'),
  ('m15 trailing space', 'GET '), ('m16 NUL', 'GET' || char(0)), ('m17 newline', 'GET' || char(10)), ('m18 unicode', 'GÉT');
select label, check_request(m, '/emp/1', NULL) ->> 'status' as protected_path, check_request(m, '/public', NULL) ->> 'status' as public_path,
       case check_request(m, '/public', NULL) ->> 'status' when 400 then check_request(m, '/public', NULL) ->> 'reason' end as refused
  from methods order by label;
select check_request(1, '/public', NULL) ->> 'status' as integer_method;
