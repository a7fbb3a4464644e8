exec(open('/tmp/gen.py').read())
CID = "select client_id from user_ords_clients where name like 'CLIENT_TEST%'"
parts = []
def add(s): parts.append(s)
add("""-- 121_plsql_reference_b: the seed reference's examples 8-17 to 8-32 run through ords_plsql as printed,
-- one database, in order; plain SQL between them puts back what the next example expects. The
-- secrets ROTATE_CLIENT_SECRET makes are random: their lines are masked, their format asserted.
select ords_security_test_clock(1795000000);
select register_client('CLIENT_TEST', 'authorization_code', 'test@example.org', 'This is a test description.',
                       NULL, NULL, 'https://example.org/my_redirect/') is not null as registered;
""")
ex = {}
ex['8-17'] = """BEGIN
  ORDS_SECURITY.UPDATE_CLIENT_PRIVILEGES(
      p_name             => 'CLIENT_TEST',
      p_privilege_names  => 'oracle.dbtools.sqldev'
  );
  COMMIT;
END;
/
"""
ex['8-18'] = """BEGIN
  ORDS_SECURITY.UPDATE_CLIENT_TOKEN_DURATION(
      p_client_key       => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
      p_token_duration   => 3600,
      p_refresh_duration => 86400,
      p_code_duration    => 300
  );
  COMMIT;
END;
/
"""
ex['8-19'] = """BEGIN
  ORDS_SECURITY.UPDATE_CLIENT_TOKEN_DURATION(
      p_name             => 'CLIENT_TEST',
      p_token_duration   => 3600,
      p_refresh_duration => 86400,
      p_code_duration    => 300
  );
  COMMIT;
END;
/
"""
ex['8-20'] = """BEGIN
  ORDS_SECURITY.RENAME_CLIENT(
      p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
      p_new_name   => 'CLIENT_TEST_RENAMED'
  );
  COMMIT;
END;
/
"""
ex['8-21'] = """BEGIN
  ORDS_SECURITY.RENAME_CLIENT(
      p_name     => 'CLIENT_TEST',
      p_new_name => 'CLIENT_TEST_RENAMED'
  );
  COMMIT;
END;
/
"""
ex['8-22'] = """DECLARE
  l_client_cred ords_types.t_client_credentials;
BEGIN
  l_client_cred.client_key.name := 'CLIENT_TEST';
   
  l_client_cred := ORDS_SECURITY.ROTATE_CLIENT_SECRET(
      p_client_key    => l_client_cred.client_key
  );
  -- No Commit Required
  sys.dbms_output.put_line('SLOT:'      || l_client_cred.client_secret.slot);
  sys.dbms_output.put_line('SECRET:'    || l_client_cred.client_secret.secret);
  sys.dbms_output.put_line('ISSUED ON:' || l_client_cred.client_secret.issued_on);
END;
/
"""
ex['8-23'] = """DECLARE
  l_client_secret user_ords_clients.client_secret%TYPE;
BEGIN
  l_client_secret := ORDS_SECURITY.ROTATE_CLIENT_SECRET(
      p_name => 'CLIENT_TEST'
  );
  -- No Commit Required
  sys.dbms_output.put_line('SECRET:' || l_client_secret);
END;
/
"""
ex['8-24'] = """DECLARE
  l_client_cred ords_types.t_client_credentials;
BEGIN
  l_client_cred.client_key.name      := 'CLIENT_TEST';
  l_client_cred.client_secret.secret := 'RaFhM690PA6cN1ffpkNx3Q..';
   
  l_client_cred := ORDS_SECURITY.REVOKE_CLIENT_SECRETS(
      p_client_key => l_client_cred.client_key,
      p_filter     => l_client_cred.client_secret
  );
  -- No Commit Required
  sys.dbms_output.put_line('SLOT:'      || l_client_cred.client_secret.slot);
END;
/
"""
ex['8-25'] = """BEGIN
  ORDS_SECURITY.DELETE_JWT_PROFILE; 
  ORDS_SECURITY.CREATE_JWT_PROFILE(
      p_issuer   => 'https://identity.oraclecloud.com/',
      p_audience => 'ords/myapplication/api' ,
      p_jwk_url  =>'https://idcs-10a10a10a10a10a10a10a10a.identity.oraclecloud.com/admin/v1/SigningCert/jwk'
  );
  COMMIT;
END;
/
"""
ex['8-26'] = """BEGIN
  ORDS_SECURITY.DELETE_JWT_PROFILE;
  COMMIT;
END;
/
"""
ex['8-27'] = """BEGIN
  ORDS_SECURITY.DELETE_CLIENT(
      p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST')
  );
  COMMIT;
END;
/
"""
ex['8-28'] = """BEGIN
  ORDS_SECURITY.DELETE_CLIENT(
      p_name => 'CLIENT_TEST'
  );
  COMMIT;
END;
/
"""
ex['8-29'] = """BEGIN
  ORDS_SECURITY.REVOKE_CLIENT_ROLE(
      p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
      p_role_name  => 'CLIENT_TEST_ROLE'
  );
  COMMIT;
END;
/
"""
ex['8-30'] = """BEGIN
  ORDS_SECURITY.REVOKE_CLIENT_ROLE(
      p_client_name => 'CLIENT_TEST',
      p_role_name   => 'CLIENT_TEST_ROLE'
    );
  COMMIT;
END;
/
"""
ex['8-31'] = ex['8-24']
ex['8-32'] = """BEGIN
  ORDS_SECURITY.REVOKE_CLIENT_SECRET(
      p_name => 'CLIENT_TEST'
  );
  -- No Commit Required
END;
/
"""
slots = "select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;\n"
reg = ("select register_client('CLIENT_TEST', 'authorization_code', 'test@example.org', 'This is a test description.', "
       "NULL, NULL, 'https://example.org/my_redirect/') is not null as registered;\n")
add("\n-- Example 8-17\n" + run(ex['8-17']) + "select client_name, name from user_ords_client_privileges;\n")
add("\n-- Example 8-18\n" + run(ex['8-18']) + "select token_duration, refresh_duration, code_duration from user_ords_clients;\n")
add("select update_client_token_duration('CLIENT_TEST', NULL, NULL, NULL);  -- for 8-19\n")
add("\n-- Example 8-19\n" + run(ex['8-19']) + "select token_duration, refresh_duration, code_duration from user_ords_clients;\n")
add("\n-- Example 8-20\n" + run(ex['8-20']) + "select name from user_ords_clients;\n")
add("select rename_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST');  -- for 8-21\n")
add("\n-- Example 8-21\n" + run(ex['8-21']) + "select name from user_ords_clients;\n")
add("select rename_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST');  -- for 8-22\n")
add("\n-- Example 8-22 (a random secret: masked)\n" + run(ex['8-22'], secret_lines=['SECRET:']) + slots)
add("select ords_security_test_clock_advance(10);\n")
add("\n-- Example 8-23 (the p_name overload returns the secret's text)\n" + run(ex['8-23'], secret_lines=['SECRET:']) + slots)
add("select register_client_secret('CLIENT_TEST', 'RaFhM690PA6cN1ffpkNx3Q..') ->> '$.client_secret.slot' as slot;  -- for 8-24\n")
add("\n-- Example 8-24\n" + run(ex['8-24']) + slots)
add("\n-- Example 8-25\n" + run(ex['8-25']) + "select issuer, audience from user_ords_jwt_profile;\n")
add("\n-- Example 8-26\n" + run(ex['8-26']) + "select count(*) as profiles from user_ords_jwt_profile;\n")
add("\n-- Example 8-27\n" + run(ex['8-27']) + "select count(*) as clients from user_ords_clients;\n")
add(reg)
add("\n-- Example 8-28\n" + run(ex['8-28']) + "select count(*) as clients from user_ords_clients;\n")
add(reg + "select create_role('CLIENT_TEST_ROLE'), grant_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');  -- for 8-29\n")
add("\n-- Example 8-29\n" + run(ex['8-29']) + "select count(*) as grants from user_ords_client_roles;\n")
add("select grant_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');  -- for 8-30\n")
add("\n-- Example 8-30\n" + run(ex['8-30']) + "select count(*) as grants from user_ords_client_roles;\n")
add("select register_client_secret('CLIENT_TEST', 'RaFhM690PA6cN1ffpkNx3Q..') ->> '$.client_secret.slot' as slot;  -- for 8-31\n")
add("select ords_security_test_clock_advance(10);\nselect rotate_client_secret('CLIENT_TEST') is not null as rotated;\n" + slots)
add("\n-- Example 8-31\n" + run(ex['8-31']) + slots)
add("select rotate_client_secret('CLIENT_TEST') is not null as rotated;  -- two secrets again, for 8-32\n" + slots)
add("\n-- Example 8-32 (revokes the oldest)\n" + run(ex['8-32']) + slots)
open('regress/sql/121_plsql_reference_b.sql', 'w').write(''.join(parts))
