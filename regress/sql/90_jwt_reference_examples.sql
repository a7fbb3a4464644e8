-- 90_jwt_reference_examples: the SQL twins of the seed reference's JWT examples 8-1
-- (CREATE_JWT_PROFILE), 8-25 and 8-26 (DELETE_JWT_PROFILE), each PL/SQL block quoted above its
-- twin, run on one fresh database; the view shows what each left behind.

-- Example 8-1
-- BEGIN
--   ORDS_SECURITY.DELETE_JWT_PROFILE;
--   ORDS_SECURITY.CREATE_JWT_PROFILE(
--       p_issuer   => 'https://identity.oraclecloud.com/',
--       p_audience => 'ords/myapplication/api' ,
--       p_jwk_url  =>'https://idcs-10a10a10a10a10a10a10a10a.identity.oraclecloud.com/admin/v1/SigningCert/jwk'
--   );
--   COMMIT;
-- END;
-- /
select delete_jwt_profile();
select create_jwt_profile(json_object(
    'p_issuer',   'https://identity.oraclecloud.com/',
    'p_audience', 'ords/myapplication/api',
    'p_jwk_url',  'https://idcs-10a10a10a10a10a10a10a10a.identity.oraclecloud.com/admin/v1/SigningCert/jwk'));
select * from user_ords_jwt_profile;

-- Example 8-25 (the same block, run again: the profile of 8-1 is deleted and made anew)
-- BEGIN
--   ORDS_SECURITY.DELETE_JWT_PROFILE;
--   ORDS_SECURITY.CREATE_JWT_PROFILE(
--       p_issuer   => 'https://identity.oraclecloud.com/',
--       p_audience => 'ords/myapplication/api' ,
--       p_jwk_url  =>'https://idcs-10a10a10a10a10a10a10a10a.identity.oraclecloud.com/admin/v1/SigningCert/jwk'
--   );
--   COMMIT;
-- END;
-- /
select delete_jwt_profile();
select create_jwt_profile('https://identity.oraclecloud.com/', 'ords/myapplication/api',
    'https://idcs-10a10a10a10a10a10a10a10a.identity.oraclecloud.com/admin/v1/SigningCert/jwk');
select count(*) as profiles from user_ords_jwt_profile;

-- Example 8-26
-- BEGIN
--   ORDS_SECURITY.DELETE_JWT_PROFILE;
--   COMMIT;
-- END;
-- /
select delete_jwt_profile();
select count(*) as profiles from user_ords_jwt_profile;
-- and again, with nothing left to delete: still not an error
select delete_jwt_profile();
