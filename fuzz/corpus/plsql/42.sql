BEGIN
  ORDS_ADMIN.ENABLE_SCHEMA(p_enabled => TRUE, p_schema => 'HR', p_url_mapping_type => 'BASE_PATH', p_url_mapping_pattern => 'hr');
  ORDS_ADMIN.CREATE_ROLE(p_schema => 'HR', p_role_name => 'hr_admin');
  ORDS_ADMIN.DEFINE_MODULE(p_schema => 'HR', p_module_name => 'emp', p_base_path => '/emp/');
  OAUTH_ADMIN.CREATE_CLIENT(p_schema => 'HR', p_name => 'hr_client', p_grant_type => 'client_credentials',
                            p_owner => 'HR', p_description => NULL, p_support_email => 'hr@example.org',
                            p_privilege_names => NULL);
  OAUTH_ADMIN.GRANT_CLIENT_ROLE(p_schema => 'HR', p_client_name => 'hr_client', p_role_name => 'hr_admin');
  COMMIT;
END;
/
