select ords_export.export_oauth_client(
                     p_client_name => 'beers_client',
    p_include_security_definitions => null
  ) as export
  from dual;
