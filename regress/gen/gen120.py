exec(open('/tmp/gen.py').read())
CID = "select client_id from user_ords_clients where name like 'CLIENT_TEST%'"
parts = []
def add(s): parts.append(s)
add("""-- 120_plsql_reference_a: the seed reference's examples 8-1 to 8-16 run through ords_plsql as printed
-- (8-14 and 8-15 with a HEXTORAW logo in place of `...`), one database, in order; between them
-- plain SQL puts back what ORDS's next example expects (its client, its role). Each example's
-- output is printed with the random client_id masked; the views show what it left behind.
select ords_security_test_clock(1795000000);
""")
ex = {}
ex['8-1'] = """BEGIN
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
ex['8-2'] = """DECLARE
  l_client_cred ords_types.t_client_credentials;
BEGIN
  l_client_cred := ORDS_SECURITY.REGISTER_CLIENT(
      p_name            => 'CLIENT_TEST',
      p_grant_type      => 'authorization_code',
      p_description     => 'This is a test description.',
      p_redirect_uri    => 'https://example.org/my_redirect/',
      p_support_email   => 'test@example.org',
      p_support_uri     => 'https://example.org/help/',
      p_privilege_names => 'oracle.dbtools.sqldev');
  COMMIT;
  sys.dbms_output.put_line('CLIENT_ID:' || l_client_cred.client_key.client_id);
END;
/
"""
ex['8-3'] = """DECLARE
  l_client_cred ords_types.t_client_credentials;
BEGIN
  l_client_cred := ORDS_SECURITY.REGISTER_CLIENT(
      p_name            => 'CLIENT_TEST',
      p_grant_type      => 'authorization_code',
      p_description     => 'This is a test description.',
      p_client_secret   => ords_types.oauth_client_secret(p_secret=>'RaFhM690PA6cN1ffpkNx3Q..'),
      p_redirect_uri    => 'https://example.org/my_redirect/',
      p_support_email   => 'test@example.org',
      p_support_uri     => 'https://example.org/help/',
      p_privilege_names => 'oracle.dbtools.sqldev');
  COMMIT;
  sys.dbms_output.put_line('CLIENT_ID:'     || l_client_cred.client_key.client_id);
  sys.dbms_output.put_line('CLIENT_SECRET:' || l_client_cred.client_secret.secret);
END;
/
"""
ex['8-4'] = """DECLARE
  l_client_id user_ords_clients.client_id%TYPE;
BEGIN
  ORDS_SECURITY.REGISTER_CLIENT(
      p_name            => 'CLIENT_TEST',
      p_grant_type      => 'authorization_code',
      p_description     => 'This is a test description.',
      p_redirect_uri    => 'https://example.org/my_redirect/',
      p_support_email   => 'test@example.org',
      p_support_uri     => 'https://example.org/help/',
      p_privilege_names => 'oracle.dbtools.sqldev');
  COMMIT;
  SELECT client_id INTO l_client_id FROM user_ords_clients WHERE name = 'CLIENT_TEST';
END;
/
"""
ex['8-5'] = """BEGIN
  ORDS_SECURITY.IMPORT_CLIENT(
      p_name            => 'CLIENT_TEST',
      p_client_id       => 'awVMtPlqullIqPXhAwh4zA..',
      p_grant_type      => 'authorization_code',
      p_owner           => 'RESTEASY',
      p_description     => 'This is a test description.',
      p_origins_allowed => NULL,
      p_redirect_uri    => 'https://example.org/my_redirect/',
      p_support_email   => 'test@example.org',
      p_support_uri     => 'https://example.org/help/',
      p_privilege_names => 'oracle.dbtools.sqldev');
  COMMIT;
END;
/
"""
ex['8-6'] = """DECLARE
  l_client_cred ords_types.t_client_credentials;
BEGIN
  l_client_cred.client_key.name      := 'CLIENT_TEST';
  l_client_cred.client_secret.secret := 'RaFhM690PA6cN1ffpkNx3Q..';
   
  l_client_cred := ORDS_SECURITY.REGISTER_CLIENT_SECRET(
      p_client_key    => l_client_cred.client_key,
      p_client_secret => l_client_cred.client_secret
  );
  -- No Commit Required
  sys.dbms_output.put_line('SLOT:'      || l_client_cred.client_secret.slot);
  sys.dbms_output.put_line('ISSUED ON:' || l_client_cred.client_secret.issued_on);
END;
/
"""
ex['8-7'] = """BEGIN
  ORDS_SECURITY.REGISTER_CLIENT_SECRET(
      p_name          => 'CLIENT_TEST',
      p_client_secret => 'RaFhM690PA6cN1ffpkNx3Q..'
  );
  -- No Commit Required
END;
/
"""
ex['8-8'] = """BEGIN
  ORDS.CREATE_ROLE(p_role_name => 'CLIENT_TEST_ROLE');
  ORDS_SECURITY.GRANT_CLIENT_ROLE(
      p_client_key => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
      p_role_name  => 'CLIENT_TEST_ROLE'
  );
  COMMIT;
END;
/
"""
ex['8-9'] = """BEGIN
  ORDS.CREATE_ROLE(p_role_name => 'CLIENT_TEST_ROLE');
  ORDS_SECURITY.GRANT_CLIENT_ROLE(
      p_client_name => 'CLIENT_TEST',
      p_role_name   => 'CLIENT_TEST_ROLE'
  );
  COMMIT;
END;
/
"""
ex['8-10'] = """DECLARE
  l_client_key ords_types.t_client_key;
BEGIN
  l_client_key := ORDS_SECURITY.UPDATE_CLIENT(
      p_client_key      => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
      p_new_name        => 'CLIENT_TEST_RENAMED',
      p_description     => 'This is a test description.',
      p_origins_allowed => '*',
      p_redirect_uri    => 'https://example.org/my_redirect/',
      p_support_email   => 'test@example.org',
      p_support_uri     => 'https://example.org/help/'
  );
  COMMIT;
  sys.dbms_output.put_line('ID:' || l_client_key.id);
END;
/
"""
ex['8-11'] = """BEGIN
  ORDS_SECURITY.UPDATE_CLIENT(
      p_name            => 'CLIENT_TEST',
      p_new_name        => 'CLIENT_TEST_RENAMED',
      p_description     => 'This is a test description.',
      p_origins_allowed => '*',
      p_redirect_uri    => 'https://example.org/my_redirect/',
      p_support_email   => 'test@example.org',
      p_support_uri     => 'https://example.org/help/'
  );
  COMMIT;
END;
/
"""
ex['8-12'] = """DECLARE
  l_client_key ords_types.t_client_key;
BEGIN
  l_client_key := ORDS_SECURITY.UPDATE_CLIENT(
      p_client_key       => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
      p_description      => 'This is a test description.',
      p_privilege_names  => 'oracle.dbtools.sqldev',
      p_origins_allowed  => '*',
      p_redirect_uri     => 'https://example.org/my_redirect/',
      p_support_email    => 'test@example.org',
      p_support_uri      => 'https://example.org/help/',
      p_token_duration   => 3600,
      p_refresh_duration => 86400,
      p_code_duration    => 300
  );
  COMMIT;
  sys.dbms_output.put_line('ID:' || l_client_key.id);
END;
/
"""
ex['8-13'] = """BEGIN
  ORDS_SECURITY.UPDATE_CLIENT(
      p_name             => 'CLIENT_TEST',
      p_description      => 'This is a test description.',
      p_privilege_names  => 'oracle.dbtools.sqldev',
      p_origins_allowed  => '*',
      p_redirect_uri     => 'https://example.org/my_redirect/',
      p_support_email    => 'test@example.org',
      p_support_uri      => 'https://example.org/help/',
      p_token_duration   => 3600,
      p_refresh_duration => 86400,
      p_code_duration    => 300
  );
  COMMIT;
END;
/
"""
LOGO = "89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000D4944415478DA63F8FFFF3F0005FE02FEA7D6A4480000000049454E44AE426082"
ex['8-14'] = """DECLARE
  l_image BLOB := HEXTORAW('%s');
BEGIN
  ORDS_SECURITY.UPDATE_CLIENT_LOGO(
      p_client_key   => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
      p_content_type => 'image/png',
      p_logo         => l_image
  );
  COMMIT;
END;
/
""" % LOGO
ex['8-15'] = """DECLARE
  l_image BLOB := HEXTORAW('%s');
BEGIN
  ORDS_SECURITY.UPDATE_CLIENT_LOGO(
      p_name         => 'CLIENT_TEST',
      p_content_type => 'image/png',
      p_logo         => l_image
  );
  COMMIT;
END;
/
""" % LOGO
ex['8-16'] = """BEGIN
  ORDS_SECURITY.UPDATE_CLIENT_PRIVILEGES(
      p_client_key       => ords_types.oauth_client_key(p_name=>'CLIENT_TEST'),
      p_privilege_names  => 'oracle.dbtools.sqldev'
  );
  COMMIT;
END;
/
"""
cidmask = [(CID, '<client_id>')]
view = "select name, grant_type, description, redirect_uri, privilege_names, role_names, origins_allowed, token_duration, logo_content_type from user_ords_clients;\n"
add("\n-- Example 8-1\n" + run(ex['8-1']) + "select issuer, audience, jwk_url from user_ords_jwt_profile;\n")
add("\n-- Example 8-2\n" + run(ex['8-2'], cidmask) + view)
add("select delete_client('CLIENT_TEST');  -- for 8-3, which registers CLIENT_TEST again\n")
add("\n-- Example 8-3 (the secret is the example's own, not a random one)\n" + run(ex['8-3'], cidmask) +
    "select ords_security_test_client_auth((" + CID + "), 'RaFhM690PA6cN1ffpkNx3Q..') as secret_authenticates;\n")
add("select delete_client('CLIENT_TEST');\n")
add("\n-- Example 8-4 (SELECT INTO: prints nothing)\n" + run(ex['8-4'], cidmask) + view)
add("select delete_client('CLIENT_TEST');\n")
add("\n-- Example 8-5 (p_owner is accepted and ignored, as ORDS deprecates it)\n" + run(ex['8-5']) +
    "select name, client_id from user_ords_clients;\n")
add("\n-- Example 8-6\n" + run(ex['8-6']) + "select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;\n")
add("\n-- Example 8-7\n" + run(ex['8-7']) + "select client_secret_issued_on, client_secret_2_issued_on from user_ords_clients;\n")
add("\n-- Example 8-8\n" + run(ex['8-8']) + "select client_name, role_name from user_ords_client_roles;\n")
add("select revoke_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE'), delete_role('CLIENT_TEST_ROLE');  -- for 8-9\n")
add("\n-- Example 8-9\n" + run(ex['8-9']) + "select client_name, role_name from user_ords_client_roles;\n")
add("\n-- Example 8-10 (the key form returns the t_client_key record)\n" + run(ex['8-10']) + "select id, name, origins_allowed from user_ords_clients;\n")
add("select rename_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST');  -- for 8-11\n")
add("\n-- Example 8-11\n" + run(ex['8-11']) + "select id, name, origins_allowed from user_ords_clients;\n")
add("select rename_client('CLIENT_TEST_RENAMED', 'CLIENT_TEST');  -- for 8-12\n")
add("\n-- Example 8-12\n" + run(ex['8-12']) + view)
add("\n-- Example 8-13\n" + run(ex['8-13']) + view)
add("\n-- Example 8-14 (a 1x1 PNG in place of `...`)\n" + run(ex['8-14']) +
    "select logo_content_type from user_ords_clients;\n")
add("\n-- Example 8-15\n" + run(ex['8-15']) + "select logo_content_type from user_ords_clients;\n")
add("\n-- Example 8-16\n" + run(ex['8-16']) + "select client_name, name from user_ords_client_privileges;\n")
add("-- The built-in privilege the examples name, as every schema has it:\n"
    "select name, label, comments from user_ords_privileges;\nselect privilege_name, role_name from user_ords_privilege_roles;\n")
open('regress/sql/120_plsql_reference_a.sql', 'w').write(''.join(parts))
