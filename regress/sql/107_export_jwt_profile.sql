-- 107_export_jwt_profile: export_schema carries the schema's JWT profile (create_jwt_profile with
-- every stored attribute, a NULL skew or age kept NULL so the target's settings apply) and its
-- keys (set_jwt_profile_keys with the stored JWK Set, one literal). Read into another database
-- file, the profile, the keys and the JWT decisions are the same; read again, or into a schema
-- that has a profile, the guard refuses naming the JWT profile and nothing changes.
-- export_oauth_client does not carry the profile. Keys and tokens: RFC 7515 A.2 (RS256, the
-- token has no kid and no aud) and A.3 (ES256), and RFC 8037's Ed25519 public key.
.open 107_dev.db
.load ./ords_security
select ords_security_test_clock(1300000000);
select ords_security_test_seed(107);
-- The tokens, in a file both databases attach.
attach '107_carry.db' as carry;
create table carry.t(name text primary key, v text);
insert into carry.t values
 ('rs256', 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw'),
 ('es256', 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q');
insert into t select 'rs256_tampered', substr(v, 1, length(v) - 20)
    || (case substr(v, length(v) - 19, 1) when 'A' then 'B' else 'A' end) || substr(v, length(v) - 18) from carry.t where name = 'rs256';
detach carry;

-- MAIN: a role, a privilege, a client, and the profile of RFC 7515's issuer with its RSA key
-- (skew and age NULL: the instance settings; a description with a quote and a line feed).
select create_role('r');
select define_privilege('p', 'r', '/x/*');
select register_client('c', 'client_credentials', 'c@example.com') ->> '$.client_key.name';
select create_jwt_profile('joe', 'ords-api', 'https://joe.example.com/jwks', 'RFC 7515''s "joe"
issuer', NULL, NULL, NULL);
select set_jwt_profile_keys('{"keys":[{"kty":"RSA","kid":"rsa","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB","x5c":["ignored"]}]}');
-- HR: only a profile, with every attribute set and two keys (RSA, then RFC 8037's Ed25519).
select enable_schema(1, 'HR', 'BASE_PATH', 'people', 0);
select ords_set_schema('HR');
select create_jwt_profile('https://idp.example.com/', 'hr-api', 'https://idp.example.com/.well-known/jwks.json',
                          NULL, 30, 600, '/realm_access/roles');
select set_jwt_profile_keys('{"keys":[{"kty":"RSA","kid":"rsa","use":"sig","alg":"RS256","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"},{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k1","key_ops":["verify"]}]}');
select ords_set_schema('MAIN');

-- The scripts: the profile after the clients, NULLs as NULL, the keys one literal; the guard's
-- creates says jwt_profile true.
select export_schema('HR');
select writefile('107_main.sql', export_schema()) > 0 as written;
select writefile('107_hr.sql', export_schema('HR')) > 0 as written;
select instr(export_schema(), '"jwt_profile":true') > 0 as guarded,
       instr(export_schema(), 'create_jwt_profile(''joe'', ''ords-api'', ''https://joe.example.com/jwks'', ''RFC 7515''''s "joe"
issuer'', NULL, NULL, NULL)') > 0 as nulls_kept;
-- export_oauth_client does not carry the JWT profile.
select instr(export_oauth_client('c'), 'jwt_profile(') as oauth_client_has_profile,
       instr(export_oauth_client('c'), '"jwt_profile":false') > 0 as says_so;
-- The decisions here, to compare with the other database's.
attach '107_carry.db' as carry;
create table carry.decisions as
  select name, check_request('GET', '/x/1', 'Bearer ' || v) ->> 'reason' as reason from carry.t;
create table carry.profiles as select 'MAIN' as schema, * from user_ords_jwt_profile;
select ords_set_schema('HR');
insert into carry.profiles select 'HR', * from user_ords_jwt_profile;
create table carry.keys as
  select s.name as schema, k.position, k.kid, k.kty, k.jwk from ords_sec_jwt_key k
    join ords_sec_jwt_profile p on p.id = k.profile_id join ords_sec_schema s on s.id = p.schema_id;
select ords_set_schema('MAIN');
detach carry;

-- Into another database file (its own skew setting: the NULL skew takes it there).
.open 107_uat.db
.load ./ords_security
select ords_security_test_clock(1300000000);
select ords_security_config('security.jwt.allowed.skew', 10);
.headers off
.echo off
.read 107_main.sql
.read 107_hr.sql
.echo on
.headers on
attach '107_carry.db' as carry;
select 'MAIN' as schema, * from user_ords_jwt_profile;
select ords_set_schema('HR');
select 'HR' as schema, * from user_ords_jwt_profile;
select count(*) as hr_same from carry.profiles c, user_ords_jwt_profile u
  where c.schema = 'HR' and (u.issuer, u.audience, u.jwk_url, u.description, u.allowed_skew, u.allowed_age,
        u.role_claim_name) is (c.issuer, c.audience, c.jwk_url, c.description, c.allowed_skew, c.allowed_age,
        c.role_claim_name);
select ords_set_schema('MAIN');
select count(*) as main_same from carry.profiles c, user_ords_jwt_profile u
  where c.schema = 'MAIN' and (u.issuer, u.audience, u.jwk_url, u.description, u.allowed_skew, u.allowed_age,
        u.role_claim_name) is (c.issuer, c.audience, c.jwk_url, c.description, c.allowed_skew, c.allowed_age,
        c.role_claim_name);
-- The keys: the same JWKs in the same order (the x5c member was not kept in the first place).
select s.name as schema, k.position, k.kid, k.kty, k.jwk from ords_sec_jwt_key k
  join ords_sec_jwt_profile p on p.id = k.profile_id join ords_sec_schema s on s.id = p.schema_id
  order by s.name, k.position;
select (select count(*) from carry.keys) as keys_there,
       (select count(*) from carry.keys c join ords_sec_jwt_key k on k.position = c.position and k.kid is c.kid
          and k.kty = c.kty and k.jwk = c.jwk
          join ords_sec_jwt_profile p on p.id = k.profile_id join ords_sec_schema s on s.id = p.schema_id
         where s.name = c.schema) as keys_same;
-- Exported again here, each schema gives the script it came from.
select export_schema('MAIN') = cast(readfile('107_main.sql') as text) as main_script_same,
       export_schema('HR') = cast(readfile('107_hr.sql') as text) as hr_script_same;
-- The same JWT decisions: the RS256 example verifies (and is then refused for its missing aud),
-- the tampered one does not, the ES256 one does not match the profile's RSA key.
select t.name, check_request('GET', '/x/1', 'Bearer ' || t.v) ->> 'status' as status,
       check_request('GET', '/x/1', 'Bearer ' || t.v) ->> 'reason' as reason,
       (check_request('GET', '/x/1', 'Bearer ' || t.v) ->> 'reason') = c.reason as same
  from carry.t t join carry.decisions c on c.name = t.name order by t.name;
detach carry;

-- The HR script again: its JWT profile exists, the guard says so and nothing changes.
select ords_security_test_clock(1300000100);
.echo off
.read 107_hr.sql
.echo on
select ords_set_schema('HR');
select issuer, allowed_skew, allowed_age from user_ords_jwt_profile;
select count(*) as keys from ords_sec_jwt_key;
select ords_set_schema('MAIN');

-- Into a database whose HR has another profile: refused, naming that one; nothing changes.
.open 107_other.db
.load ./ords_security
select enable_schema(1, 'HR', 'BASE_PATH', 'people', 0);
select ords_set_schema('HR');
select create_jwt_profile('https://other.example.com/', 'other', 'https://other.example.com/jwks');
select ords_set_schema('MAIN');
.echo off
.read 107_hr.sql
.echo on
select ords_set_schema('HR');
select issuer, audience from user_ords_jwt_profile;
select count(*) as keys from ords_sec_jwt_key;
