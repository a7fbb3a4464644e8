-- 121_plsql_reference_b: the seed reference's examples 8-17 to 8-32 run through ords_plsql as printed,
-- one database, in order; plain SQL between them puts back what the next example expects. The
-- secrets ROTATE_CLIENT_SECRET makes are random: their lines are masked, their format asserted.
select ords_security_test_clock(1795000000);
select register_client('CLIENT_TEST', 'authorization_code', 'test@example.org', 'This is a test description.',
                       NULL, NULL, 'https://example.org/my_redirect/') is not null as registered;

-- Example 8-17
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.UPDATE_CLIENT_PRIVILEGES(
      p_name             => ''CLIENT_TEST'',
      p_privilege_names  => ''oracle.dbtools.sqldev''
  );
  COMMIT;
END;
/
') as t;
select t as output from o;
select client_name, name from user_ords_client_privileges;

-- Example 8-18
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.UPDATE_CLIENT_TOKEN_DURATION(
      p_client_key       => ords_types.oauth_client_key(p_name=>''CLIENT_TEST''),
      p_token_duration   => 3600,
      p_refresh_duration => 86400,
      p_code_duration    => 300
  );
  COMMIT;
END;
/
') as t;
select t as output from o;
select token_duration, refresh_duration, code_duration from user_ords_clients;
select update_client_token_duration('CLIENT_TEST', NULL, NULL, NULL);  -- for 8-19

-- Example 8-19
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.UPDATE_CLIENT_TOKEN_DURATION(
      p_name             => ''CLIENT_TEST'',
      p_token_duration   => 3600,
      p_refresh_duration => 86400,
      p_code_duration    => 300
  );
  COMMIT;
END;
/
') as t;
select t as output from o;
select token_duration, refresh_duration, code_duration from user_ords_clients;

-- Example 8-20
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.RENAME_CLIENT(
      p_client_key => ords_types.oauth_client_key(p_name=>''CLIENT_TEST''),
      p_new_name   => ''CLIENT_TEST_RENAMED''
  );
  COMMIT;
END;
/
') as t;
select t as output from o;
select name from user_ords_clients;
select rename_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST');  -- for 8-21

-- Example 8-21
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.RENAME_CLIENT(
      p_name     => ''CLIENT_TEST'',
      p_new_name => ''CLIENT_TEST_RENAMED''
  );
  COMMIT;
END;
/
') as t;
select t as output from o;
select name from user_ords_clients;
select rename_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST');  -- for 8-22

-- Example 8-22 (a random secret: masked)
drop table if exists o;
create temp table o as select ords_plsql('DECLARE
  l_client_cred ords_types.t_client_credentials;
BEGIN
  l_client_cred.client_key.name := ''CLIENT_TEST'';
   
  l_client_cred := ORDS_SECURITY.ROTATE_CLIENT_SECRET(
      p_client_key    => l_client_cred.client_key
  );
  -- No Commit Required
  sys.dbms_output.put_line(''SLOT:''      || l_client_cred.client_secret.slot);
  sys.dbms_output.put_line(''SECRET:''    || l_client_cred.client_secret.secret);
  sys.dbms_output.put_line(''ISSUED ON:'' || l_client_cred.client_secret.issued_on);
END;
/
') as t;
select (case when instr(t, 'SECRET:') > 0 then substr(t, 1, instr(t, 'SECRET:') + 6) || '<24-character secret>' || substr(t, instr(t, 'SECRET:') + 7 + 24) else t end) as output from o;
select length(substr(t, instr(t, 'SECRET:') + 7, 24)) = 24 and substr(t, instr(t, 'SECRET:') + 7 + 22, 2) = '..' as secret_is_ords_format from o;
select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;
select ords_security_test_clock_advance(10);

-- Example 8-23 (the p_name overload returns the secret's text)
drop table if exists o;
create temp table o as select ords_plsql('DECLARE
  l_client_secret user_ords_clients.client_secret%TYPE;
BEGIN
  l_client_secret := ORDS_SECURITY.ROTATE_CLIENT_SECRET(
      p_name => ''CLIENT_TEST''
  );
  -- No Commit Required
  sys.dbms_output.put_line(''SECRET:'' || l_client_secret);
END;
/
') as t;
select (case when instr(t, 'SECRET:') > 0 then substr(t, 1, instr(t, 'SECRET:') + 6) || '<24-character secret>' || substr(t, instr(t, 'SECRET:') + 7 + 24) else t end) as output from o;
select length(substr(t, instr(t, 'SECRET:') + 7, 24)) = 24 and substr(t, instr(t, 'SECRET:') + 7 + 22, 2) = '..' as secret_is_ords_format from o;
select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;
select register_client_secret('CLIENT_TEST', 'RaFhM690PA6cN1ffpkNx3Q..') ->> '$.client_secret.slot' as slot;  -- for 8-24

-- Example 8-24
drop table if exists o;
create temp table o as select ords_plsql('DECLARE
  l_client_cred ords_types.t_client_credentials;
BEGIN
  l_client_cred.client_key.name      := ''CLIENT_TEST'';
  l_client_cred.client_secret.secret := ''RaFhM690PA6cN1ffpkNx3Q..'';
   
  l_client_cred := ORDS_SECURITY.REVOKE_CLIENT_SECRETS(
      p_client_key => l_client_cred.client_key,
      p_filter     => l_client_cred.client_secret
  );
  -- No Commit Required
  sys.dbms_output.put_line(''SLOT:''      || l_client_cred.client_secret.slot);
END;
/
') as t;
select t as output from o;
select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;

-- Example 8-25
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.DELETE_JWT_PROFILE; 
  ORDS_SECURITY.CREATE_JWT_PROFILE(
      p_issuer   => ''https://identity.oraclecloud.com/'',
      p_audience => ''ords/myapplication/api'' ,
      p_jwk_url  =>''https://idcs-10a10a10a10a10a10a10a10a.identity.oraclecloud.com/admin/v1/SigningCert/jwk''
  );
  COMMIT;
END;
/
') as t;
select t as output from o;
select issuer, audience from user_ords_jwt_profile;

-- Example 8-26
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.DELETE_JWT_PROFILE;
  COMMIT;
END;
/
') as t;
select t as output from o;
select count(*) as profiles from user_ords_jwt_profile;

-- Example 8-27
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.DELETE_CLIENT(
      p_client_key => ords_types.oauth_client_key(p_name=>''CLIENT_TEST'')
  );
  COMMIT;
END;
/
') as t;
select t as output from o;
select count(*) as clients from user_ords_clients;
select register_client('CLIENT_TEST', 'authorization_code', 'test@example.org', 'This is a test description.', NULL, NULL, 'https://example.org/my_redirect/') is not null as registered;

-- Example 8-28
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.DELETE_CLIENT(
      p_name => ''CLIENT_TEST''
  );
  COMMIT;
END;
/
') as t;
select t as output from o;
select count(*) as clients from user_ords_clients;
select register_client('CLIENT_TEST', 'authorization_code', 'test@example.org', 'This is a test description.', NULL, NULL, 'https://example.org/my_redirect/') is not null as registered;
select create_role('CLIENT_TEST_ROLE'), grant_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');  -- for 8-29

-- Example 8-29
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.REVOKE_CLIENT_ROLE(
      p_client_key => ords_types.oauth_client_key(p_name=>''CLIENT_TEST''),
      p_role_name  => ''CLIENT_TEST_ROLE''
  );
  COMMIT;
END;
/
') as t;
select t as output from o;
select count(*) as grants from user_ords_client_roles;
select grant_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');  -- for 8-30

-- Example 8-30
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.REVOKE_CLIENT_ROLE(
      p_client_name => ''CLIENT_TEST'',
      p_role_name   => ''CLIENT_TEST_ROLE''
    );
  COMMIT;
END;
/
') as t;
select t as output from o;
select count(*) as grants from user_ords_client_roles;
select register_client_secret('CLIENT_TEST', 'RaFhM690PA6cN1ffpkNx3Q..') ->> '$.client_secret.slot' as slot;  -- for 8-31
select ords_security_test_clock_advance(10);
select rotate_client_secret('CLIENT_TEST') is not null as rotated;
select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;

-- Example 8-31
drop table if exists o;
create temp table o as select ords_plsql('DECLARE
  l_client_cred ords_types.t_client_credentials;
BEGIN
  l_client_cred.client_key.name      := ''CLIENT_TEST'';
  l_client_cred.client_secret.secret := ''RaFhM690PA6cN1ffpkNx3Q..'';
   
  l_client_cred := ORDS_SECURITY.REVOKE_CLIENT_SECRETS(
      p_client_key => l_client_cred.client_key,
      p_filter     => l_client_cred.client_secret
  );
  -- No Commit Required
  sys.dbms_output.put_line(''SLOT:''      || l_client_cred.client_secret.slot);
END;
/
') as t;
select t as output from o;
select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;
select rotate_client_secret('CLIENT_TEST') is not null as rotated;  -- two secrets again, for 8-32
select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;

-- Example 8-32 (revokes the oldest)
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS_SECURITY.REVOKE_CLIENT_SECRET(
      p_name => ''CLIENT_TEST''
  );
  -- No Commit Required
END;
/
') as t;
select t as output from o;
select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;
