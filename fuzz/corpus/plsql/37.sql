BEGIN
  ORDS.CREATE_ROLE(p_role_name => 'beers_client');
  OAUTH.CREATE_CLIENT(
      p_name             => 'beers_client',
      p_grant_type       => 'client_credentials',
      p_owner            => 'BEERS',
      p_description      => 'A beers client',
      p_support_email    => 'beers@example.org',
      p_privilege_names  => '');
  OAUTH.GRANT_CLIENT_ROLE(
      p_client_name     => 'beers_client',
      p_role_name => 'beers_client');
  COMMIT;
END;
/
