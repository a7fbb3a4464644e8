-- 51_tokens_no_leak: no token, code, refresh token or secret in any ords_sec_* column, any user_ords_* view, the database file or its WAL, the SQL of internal statements, or any answer or error text (R-02, R-03, R-25).
-- Every token and secret of a workload is captured in leak_values (k, v) and searched for; none is printed.
.open t51.db
.load ./ords_security
pragma journal_mode = wal;
select ords_security_test_clock(1790000000);
select ords_security_test_seed(51);
select create_role('emp_role');
select create_privilege('emp_priv', 'emp_role');
select create_privilege_mapping('emp_priv', '/emp/*');
create temp table leak_values(k text primary key, v text);
create temp table answers(k text primary key, r text);
-- The internal statements of the whole workload, with their bound values expanded.
.trace trace51.log --expanded
-- Clients: a generated secret (rotate), a chosen one (named form), a generated one in slot 2.
create temp table c as select register_client('svc', 'client_credentials', 'ops@example.org') ->> '$.client_key.client_id' as svc,
                              register_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'emp_priv', NULL,
                                              'https://app.example.org/cb') ->> '$.client_key.client_id' as app,
                              register_client('imp', 'implicit', 'ops@example.org', 'A browser app', 'emp_priv', NULL,
                                              'https://spa.example.org/cb') ->> '$.client_key.client_id' as imp;
insert into leak_values select 'svc_secret', rotate_client_secret('svc');
insert into leak_values select 'svc_secret_2', rotate_client_secret('svc');
insert into leak_values select 'app_secret', register_client_secret(json_object('name', 'app', 'client_secret',
    'app-chosen-secret-' || hex(randomblob(8)))) ->> '$.client_secret.secret';
select grant_client_role('svc', 'emp_role');
-- Tokens of every kind: client_credentials, code, access and refresh of a grant, a rotation,
-- implicit, and a revoked one.
insert into answers select 'cc', oauth_token('client_credentials', svc, v) from c, leak_values where k = 'svc_secret';
insert into answers select 'cc_revoked', oauth_token('client_credentials', svc, v) from c, leak_values where k = 'svc_secret_2';
insert into answers select 'code', oauth_authorize(json_object('response_type', 'code', 'client_id', app, 'user', 'alice', 'state', 'st',
    'code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method', 'S256')) from c;
insert into leak_values select 'code', substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'code=') + 5, 43) from answers where k = 'code';
insert into answers select 'grant', oauth_token(json_object('grant_type', 'authorization_code', 'code', l.v, 'client_id', app,
    'client_secret', s.v, 'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'))
  from c, leak_values l, leak_values s where l.k = 'code' and s.k = 'app_secret';
insert into answers select 'rotated', oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', a.r ->> 'refresh_token',
    'client_id', app, 'client_secret', s.v)) from c, answers a, leak_values s where a.k = 'grant' and s.k = 'app_secret';
insert into answers select 'implicit', oauth_authorize(json_object('response_type', 'token', 'client_id', imp, 'user', 'bob')) from c;
select oauth_revoke(json_object('token', a.r ->> 'access_token', 'client_id', svc, 'client_secret', s.v)) as revoked
  from c, answers a, leak_values s where a.k = 'cc_revoked' and s.k = 'svc_secret_2';
insert into leak_values select k || '_access', r ->> 'access_token' from answers where r ->> 'access_token' is not null;
insert into leak_values select k || '_refresh', r ->> 'refresh_token' from answers where r ->> 'refresh_token' is not null;
insert into leak_values select 'implicit_access', substr(r ->> 'redirect_uri', instr(r ->> 'redirect_uri', 'access_token=') + 13, 43)
  from answers where k = 'implicit';
-- The code verifier is a secret of the client too.
insert into leak_values values ('verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
-- Decisions, introspection and failing calls with those values, their answers kept.
create temp table texts(k text, t text);
insert into texts select 'decision ' || l.k, check_request('GET', '/emp/1', 'Bearer ' || l.v) from leak_values l;
insert into texts select 'decision_origin ' || l.k, check_request('GET', '/emp/1', 'Bearer ' || l.v, 'https://evil.example') from leak_values l;
insert into texts select 'introspect ' || l.k, oauth_introspect(json_object('token', l.v, 'client_id', svc, 'client_secret', s.v))
  from c, leak_values l, leak_values s where s.k = 'svc_secret';
insert into texts select 'wrong_client ' || l.k, oauth_token('client_credentials', l.v, l.v) from leak_values l;
insert into texts select 'as_code ' || l.k, oauth_token(json_object('grant_type', 'authorization_code', 'code', l.v, 'redirect_uri', l.v,
    'code_verifier', l.v, 'client_id', app, 'client_secret', s.v)) from c, leak_values l, leak_values s where s.k = 'app_secret';
insert into texts select 'as_refresh ' || l.k, oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', l.v, 'scope', l.v,
    'client_id', app, 'client_secret', s.v)) from c, leak_values l, leak_values s where s.k = 'app_secret';
insert into texts select 'authorize ' || l.k, oauth_authorize(json_object('response_type', 'code', 'client_id', l.v, 'user', 'x')) from leak_values l;
insert into texts select 'authorize_uri ' || l.k, oauth_authorize(json_object('response_type', 'code', 'client_id', app, 'redirect_uri', l.v,
    'scope', l.v, 'user', 'x')) from c, leak_values l;
insert into texts select 'basic ' || l.k, oauth_token(json_object('grant_type', 'client_credentials', 'authorization', 'Basic ' || l.v)) from leak_values l;
insert into texts select 'bearer_as_basic ' || l.k, oauth_token(json_object('grant_type', 'client_credentials', 'authorization', 'Bearer ' || l.v)) from leak_values l;
.trace off
-- Which of those answers hold a captured value (the authorize answers echo the redirect they
-- were given, which is the caller's own text, and none holds a code: each was refused).
select count(*) as answers, sum(exists (select 1 from leak_values l where instr(t.t, l.v) > 0)) as holding_a_value,
       group_concat(distinct substr(k, 1, instr(k, ' ') - 1)) filter (where exists (select 1 from leak_values l where instr(t.t, l.v) > 0)) as which
  from texts t;
select count(*) as answers_that_issued from texts where json_valid(t) and (t ->> 'access_token' is not null or t ->> 'redirect_uri' like '%code=%');
-- (the replayed code ended alice's grant: what is left is svc's live token and bob's implicit one)
select client_name, user_name, kind from user_ords_sessions order by id;

-- Errors raised with those values in the call never repeat them.
select oauth_token(json_object('grant_type', 'client_credentials', 'client_id', svc, 'client_secret', v || char(0))) from c, leak_values where k = 'svc_secret';
select oauth_token(json_object('grant_type', json_array(v), 'client_id', svc)) from c, leak_values where k = 'svc_secret';
select oauth_token(json_object('grant_type', 'client_credentials', 'client_id', svc, 'client_secret', v, 'p_client_secret', v)) from c, leak_values where k = 'svc_secret';
select oauth_introspect(json_object('token', json_object('t', v))) from leak_values where k = 'cc_access';
select check_request('GET', '/emp/1', cast('Bearer ' || v as blob)) from leak_values where k = 'cc_access';
select check_request(v, '/emp/1', NULL) ->> 'reason' as method_reason from leak_values where k = 'cc_access';
select check_request('GET', '/emp/' || v || '%00', NULL) ->> 'reason' as path_reason from leak_values where k = 'cc_access';

-- The captured values: how many of each kind, all distinct.
select count(*) as values_captured, count(distinct v) as distinct_values, min(length(v)) as shortest from leak_values;

-- R-02: every column of every ords_sec_* table, searched for every value as text and as bytes.
create temp table searched(col text, hits int);
.echo off
.headers off
.output leak51.sql
select 'insert into searched select ' || quote(m.name || '.' || c.name) || ', count(*) from main.' || m.name ||
       ', leak_values l where instr(cast(' || quote(c.name) || ' as blob), cast(l.v as blob)) > 0;'
  from sqlite_schema m, pragma_table_info(m.name) c where m.type = 'table' and m.name like 'ords_sec_%' order by m.name, c.cid;
.output stdout
.read leak51.sql
.headers on
.echo on
select count(*) as columns_searched, count(distinct substr(col, 1, instr(col, '.') - 1)) as tables_searched, sum(hits) as hits from searched;
select col from searched where hits > 0 order by col;
-- The same for every column of every user_ords_* view (the session view never shows a token).
delete from searched;
.echo off
.headers off
.output leak51v.sql
select 'insert into searched select ' || quote(f.name || '.' || c.name) || ', count(*) from ' || f.name ||
       ', leak_values l where instr(cast(' || quote(c.name) || ' as blob), cast(l.v as blob)) > 0;'
  from pragma_module_list f, pragma_table_info(f.name) c where f.name like 'user_ords_%' order by f.name, c.cid;
.output stdout
.read leak51v.sql
.headers on
.echo on
select count(*) as view_columns_searched, sum(hits) as hits from searched;

-- The database file and its WAL, byte for byte.
select (select count(*) from leak_values where instr(readfile('t51.db'), cast(v as blob)) > 0) as in_db_file,
       (select count(*) from leak_values where instr(readfile('t51.db-wal'), cast(v as blob)) > 0) as in_wal,
       length(readfile('t51.db-wal')) > 0 as wal_written;
pragma wal_checkpoint(truncate);
select count(*) as in_db_after_checkpoint from leak_values where instr(readfile('t51.db'), cast(v as blob)) > 0;

-- R-03: the SQL of internal statements, bound values expanded, never holds a value (the top-level
-- statements name no value either: they read them from temp tables).
select length(readfile('trace51.log')) > 10000 as traced,
       instr(readfile('trace51.log'), 'INSERT INTO ords_sec_session') > 0 as saw_session_insert,
       (select count(*) from leak_values where instr(readfile('trace51.log'), v) > 0 and k not in ('verifier')) as values_in_trace;
