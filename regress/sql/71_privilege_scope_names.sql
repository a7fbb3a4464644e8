-- 71_privilege_scope_names: a privilege name is an OAuth scope token (RFC 6749 3.3): names with a space, a double quote, a backslash or a character outside printable ASCII are refused, saying why; approving one privilege never grants another, whatever the names (prefixes, case variants).
select create_role('r');
-- Refused, in every function that names a privilege anew; nothing is created.
select create_privilege('emp priv', 'r');
select create_privilege('emp"priv');
select create_privilege('emp\priv');
select create_privilege('empé');
select define_privilege('a b', 'r', '/ab/*');
select define_privilege(json_object('privilege_name', 'x"y', 'patterns', '/xy/*'));
select create_privilege('ok_priv') is null as created;
select rename_privilege('ok_priv', 'ok priv');
select rename_privilege('ok_priv', 'ok\priv');
select count(*) as privileges, group_concat(name) as names from user_ords_privileges;
-- Every other printable ASCII character is allowed: ! # $ % & ' ( ) * + , - . / : ; < = > ? @ [ ] ^ _ ` { | } ~
select create_privilege('a!#$%&''()*+,-./:;<=>?@[]^_`{|}~z') is null as created;
select rename_privilege('ok_priv', 'ok.priv:v2') is null as renamed;
select name from user_ords_privileges order by id;

-- Names that are prefixes and case variants of each other, each on its own path.
select define_privilege('emp', 'r', '/e1/*');
select define_privilege('emp_priv', 'r', '/e2/*');
select define_privilege('Emp', 'r', '/e3/*');
select define_privilege('EMP_PRIV', 'r', '/e4/*');
select define_privilege('em', 'r', '/e5/*');
select import_client('app', 'authorization_code', 'ops@example.org', 'An app', 'AppClientId0000000000A..',
                     'emp,emp_priv,Emp,EMP_PRIV,em', NULL, 'https://app.example.org/cb') ->> 'client_id' as client_id;
select register_client_secret('app', 'app-secret-0123456789-abcdefghij') ->> '$.client_secret.slot' as slot;
create temp table tok(k text primary key, t text);
-- Each scope approved alone: only its own path is served.
insert into tok select s, oauth_token(json_object('grant_type', 'authorization_code',
    'code', substr(r, instr(r, 'code=') + 5, 43),
    'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij')) ->> 'access_token'
  from (select s, oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
                                              'scope', s, 'user', 'alice')) ->> 'redirect_uri' as r
          from (select 'emp' as s union all select 'emp_priv' union all select 'Emp' union all select 'EMP_PRIV' union all select 'em'));
select k, check_request('GET', '/e1/x', 'Bearer ' || t) ->> 'status' as e1_emp,
       check_request('GET', '/e2/x', 'Bearer ' || t) ->> 'status' as e2_emp_priv,
       check_request('GET', '/e3/x', 'Bearer ' || t) ->> 'status' as e3_Emp,
       check_request('GET', '/e4/x', 'Bearer ' || t) ->> 'status' as e4_EMP_PRIV,
       check_request('GET', '/e5/x', 'Bearer ' || t) ->> 'status' as e5_em
  from tok order by k;
-- A requested scope must name a privilege exactly: no case folding, no prefix.
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
                                   'scope', 'EMP', 'user', 'alice')) ->> 'error' as case_variant;
select oauth_authorize(json_object('response_type', 'code', 'client_id', 'AppClientId0000000000A..',
                                   'scope', 'emp_', 'user', 'alice')) ->> 'error' as prefix;
