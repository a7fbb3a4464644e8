begin
  ords.create_role('license_role');
  ords.define_module(p_module_name => 'customers', p_base_path => '/customers/');
  ords.define_privilege(p_privilege_name => 'license_priv', p_roles => 'license_role', p_modules => 'customers');
  commit;
end;
/
