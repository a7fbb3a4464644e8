-- 92_jwt_check_request: JWTs in check_request, in SQL. Tokens are the signed examples of
-- RFC 7515 (A.2 RS256, A.3 ES256: iss "joe", exp 1300819380, no aud) with their public keys,
-- so the signature verifies and the claims decide; and hand-made unsigned, HS256 and broken ones.
-- Each refusal is 401 with the check that failed; no reason holds any part of a token.
select ords_security_test_clock(1300000000);
select create_role('r');
select define_privilege('p', 'r', '/x/*');
create temp table t(name text primary key, v text);
insert into t values
 ('rs256', 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw'),
 ('es256', 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q'),
 ('none',  'eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLCJhdWQiOiJvcmRzLWFwaSIsImV4cCI6MTMwMDgxOTM4MH0.'),
 ('none_sig', 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLCJhdWQiOiJvcmRzLWFwaSIsImV4cCI6MTMwMDgxOTM4MH0.AAAA'),
 ('hs256', 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLCJhdWQiOiJvcmRzLWFwaSIsImV4cCI6MTMwMDgxOTM4MH0.c2lnbmF0dXJlLW9mLW5vLWtleS1hdC1hbGwtMDEyMzQ1');
insert into t select 'rs256_tampered', substr(v, 1, length(v) - 20)
    || (case substr(v, length(v) - 19, 1) when 'A' then 'B' else 'A' end) || substr(v, length(v) - 18) from t where name = 'rs256';
insert into t select 'rs256_padded', v || '=' from t where name = 'rs256';
insert into t select 'two_parts', substr(v, 1, instr(v, '.') - 1) || '.e30' from t where name = 'rs256';
create temp table keys(name text primary key, doc text);
insert into keys values
 ('rsa', '{"keys":[{"kty":"RSA","kid":"rsa","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"}]}'),
 ('ec',  '{"keys":[{"kty":"EC","kid":"ec","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}');
-- Every decision of this file, its reason checked for token material as it is made.
create temp table seen(name text, reason text);
create temp view decide as select name, check_request('GET', '/x/1', 'Bearer ' || v) as d from t;

-- No profile in the schema: said so, whatever the token.
select name, d ->> 'status' as status, d ->> 'reason' as reason from decide where name in ('rs256', 'none') order by name;
-- A public path is served with any bearer value.
select check_request('GET', '/about', 'Bearer ' || v) ->> 'status' as public from t where name = 'none';

-- The profile of RFC 7515's issuer, with its RSA key only (the token has no kid: the only key).
select create_jwt_profile('joe', 'ords-api', 'https://joe.example.com/jwks');
select set_jwt_profile_keys(doc) from keys where name = 'rsa';
select name, d ->> 'status' as status, d ->> 'reason' as reason from decide order by name;
insert into seen select name, d ->> 'reason' from decide;
-- The EC key instead: the ES256 example verifies, the RSA one no longer does.
select set_jwt_profile_keys(doc) from keys where name = 'ec';
select name, d ->> 'status' as status, d ->> 'reason' as reason from decide where name in ('es256', 'rs256') order by name;
insert into seen select name, d ->> 'reason' from decide;
-- With both keys the token must name one (kid).
select set_jwt_profile_keys('{"keys":[' || (select substr(doc, 10, length(doc) - 11) from keys where name = 'rsa') || ','
                                        || (select substr(doc, 10, length(doc) - 11) from keys where name = 'ec') || ']}');
select d ->> 'reason' as reason from decide where name = 'es256';
-- Opaque tokens are still looked up as before.
select check_request('GET', '/x/1', 'Bearer not-a-token') ->> 'reason' as opaque;

-- No reason holds 8 characters of any part of a token.
select count(*) as reasons_checked,
       sum(exists (select 1 from t, json_each('["' || replace(t.v, '.', '","') || '"]') j
                    where length(j.value) >= 8 and instr(seen.reason, substr(j.value, 1, 8)) > 0)) as leaks
  from seen;
