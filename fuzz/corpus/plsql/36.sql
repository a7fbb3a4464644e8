begin
oauth.create_client(
p_name => 'license_backend_client',
p_grant_type => 'client_credentials',
p_owner => 'My Company',
p_description => 'Backend service for license validation',
p_support_email => 'support@mycompany.com',
p_privilege_names => 'license_priv'
);
oauth.grant_client_role(
p_client_name => 'license_backend_client',
p_role_name => 'license_role'
);
commit;
end;
/
select client_id, client_secret
from user_ords_clients
where name = 'license_backend_client';
