BEGIN
  ORDS.DEFINE_PRIVILEGE(p_privilege_name => 'dev.tools', p_roles => 'SQL Developer,SODA Developer', p_patterns => '/dev/*');
  ORDS_ADMIN.DEFINE_PRIVILEGE(p_schema => 'SALES', p_privilege_name => 'sales.dev', p_roles => 'SQL Developer');
  OAUTH.CREATE_CLIENT(p_name => 'dev_client', p_grant_type => 'client_credentials', p_owner => 'me',
                      p_description => NULL, p_support_email => 'dev@example.org',
                      p_privilege_names => 'oracle.dbtools.sqldev,oracle.soda.privilege.developer');
  OAUTH.GRANT_CLIENT_ROLE('dev_client', 'OAuth2 Client Developer');
END;
/
SELECT name FROM user_ords_roles ORDER BY name;
SELECT name, label, comments FROM user_ords_privileges ORDER BY name;
SELECT privilege_name, role_name FROM user_ords_privilege_roles ORDER BY 1, 2;
SELECT client_name, role_name FROM user_ords_client_roles;
