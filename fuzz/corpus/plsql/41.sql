BEGIN
  ORDS.DEFINE_MODULE(p_module_name => 'hr.v1', p_base_path => '/hr/v1/');
  ORDS.DEFINE_TEMPLATE(p_module_name => 'hr.v1', p_pattern => 'employees/');
  ORDS.DEFINE_HANDLER(p_module_name => 'hr.v1', p_pattern => 'employees/', p_source_type => 'json/collection', p_source => 'select 1 from dual');
  COMMIT;
END;
/
SELECT module_name, uri_template, method, source_type FROM user_ords_handlers;
