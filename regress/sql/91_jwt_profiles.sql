-- 91_jwt_profiles: create_jwt_profile, delete_jwt_profile, set_jwt_profile_keys and
-- user_ords_jwt_profile: positional and named forms, the `schema` key (ORDS_SECURITY_ADMIN),
-- one profile per schema, the parameter rules, key sets refused naming the kid, keys deleted with
-- their profile, atomicity, and the settings a NULL skew or age stands for.
-- Public keys of the RFCs (RFC 7515 A.2 RSA, A.3 P-256; RFC 8037 Ed25519), whose private
-- halves are not here.
create temp table k(name text primary key, jwk text);
insert into k values
 ('rsa', '{"kty":"RSA","kid":"rsa","use":"sig","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB","x5c":["ignored"]}'),
 ('ec',  '{"kty":"EC","kid":"ec","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}'),
 ('ed',  '{"kty":"OKP","kid":"ed","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}');
create temp view jwks as select '{"keys":[' || group_concat(jwk, ',') || ']}' as doc from (select jwk from k order by name);

-- Keys need a profile first.
select set_jwt_profile_keys(doc) from jwks;
-- Parameter rules: each names its parameter, and nothing is created.
select create_jwt_profile(NULL, 'ords-api', 'https://idp.example.com/jwks');
select create_jwt_profile('https://idp.example.com/', '', 'https://idp.example.com/jwks');
select create_jwt_profile('https://idp.example.com/', 'ords-api', 'http://idp.example.com/jwks');
select create_jwt_profile('https://idp.example.com/', 'ords-api', 'https://');
select create_jwt_profile('https://idp.example.com/', 'ords-api', 'https://idp.example.com/jwks', NULL, 61);
select create_jwt_profile('https://idp.example.com/', 'ords-api', 'https://idp.example.com/jwks', NULL, NULL, 315360001);
select create_jwt_profile('https://idp.example.com/', 'ords-api', 'https://idp.example.com/jwks', NULL, NULL, NULL, 'roles');
select create_jwt_profile('https://idp.example.com/', 'ords-api', 'https://idp.example.com/jwks', NULL, NULL, NULL, '/a~2b');
select create_jwt_profile(json_object('issuer', 'x', 'audience', 'y', 'jwk_url', 'https://z', 'colour', 'red'));
select count(*) as profiles from user_ords_jwt_profile;

-- Positional, every parameter; then a second one is refused until the first is deleted.
select create_jwt_profile('https://idp.example.com/', 'ords-api', 'https://idp.example.com/jwks',
                          'Example IdP', 30, 3600, '/realm_access/roles');
select * from user_ords_jwt_profile;
select create_jwt_profile('https://other.example.com/', 'x', 'https://other.example.com/jwks');
-- 0 or less disables the skew and the age; -5 is kept as given.
select delete_jwt_profile();
select create_jwt_profile(json_object('p_issuer', 'https://idp.example.com/', 'P_AUDIENCE', 'ords-api',
                          'jwk_url', 'https://idp.example.com/jwks', 'allowed_skew', -5, 'allowed_age', 0,
                          'role_claim_name', '/https:~1~1example.com~1roles'));
select allowed_skew, allowed_age, role_claim_name from user_ords_jwt_profile;

-- Keys: the whole set is checked before anything is stored; a refusal names the kid.
select set_jwt_profile_keys(doc) from jwks;
select kid, kty from ords_sec_jwt_key order by position;
select count(*) as x5c_kept from ords_sec_jwt_key where jwk like '%x5c%';
select set_jwt_profile_keys('{"keys":[{"kty":"EC","kid":"bad","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"AAAAzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}');
select set_jwt_profile_keys('{"keys":[{"kty":"OKP","kid":"priv","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}]}');
select set_jwt_profile_keys('{"keys":[{"kty":"oct","kid":"hmac","k":"c2VjcmV0"}]}');
select set_jwt_profile_keys('{"keys":[' || (select jwk from k where name = 'ed') || ',' || (select jwk from k where name = 'ed') || ']}');
select set_jwt_profile_keys('{"keys":[]}');
select set_jwt_profile_keys('{"keys":[{"kty":"OKP","kid":"ed","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"twice"}]}');
select set_jwt_profile_keys('not json');
select set_jwt_profile_keys(NULL);
select count(*) as keys_still_installed from ords_sec_jwt_key;
-- The named form, the set replacing the one before.
select set_jwt_profile_keys(json_object('jwks', json((select jwk from k where name = 'ed'))));
select set_jwt_profile_keys(json_object('jwks', json('{"keys":[' || (select jwk from k where name = 'ed') || ']}')));
select kid from ords_sec_jwt_key;

-- The schema key (ORDS_SECURITY_ADMIN's p_schema): HR's profile is HR's alone.
select enable_schema(1, 'hr');
select create_jwt_profile(json_object('schema', 'HR', 'issuer', 'https://hr.example.com/', 'audience', 'hr',
                          'jwk_url', 'https://hr.example.com/jwks'));
select set_jwt_profile_keys(json_object('schema', 'hr', 'jwks', json(doc))) from jwks;
select issuer from user_ords_jwt_profile;
select ords_set_schema('hr');
select issuer from user_ords_jwt_profile;
select create_jwt_profile('https://again.example.com/', 'x', 'https://again.example.com/jwks');
select ords_set_schema('main');
select create_jwt_profile(json_object('schema', 'NOPE', 'issuer', 'a', 'audience', 'b', 'jwk_url', 'https://c'));
-- Deleting a profile deletes its keys, and only its own.
select count(*) as keys_before from ords_sec_jwt_key;
select delete_jwt_profile(json_object('schema', 'HR'));
select count(*) as keys_after from ords_sec_jwt_key;
select count(*) as profiles_left from ords_sec_jwt_profile;

-- Atomic: a failure part-way changes nothing.
select ords_security_test_fail_after_writes(1);
select set_jwt_profile_keys(doc) from jwks;
select ords_security_test_fail_after_writes(0);
select kid from ords_sec_jwt_key;

-- DIRECTONLY: a view in the database file cannot read user_ords_jwt_profile.
create view planted as select issuer from user_ords_jwt_profile;
select * from planted;
