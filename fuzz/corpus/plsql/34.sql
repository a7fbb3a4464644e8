BEGIN
ORDS.CREATE_PRIVILEGE(
p_name => 'example_priv',
p_role_name => 'example_role',
p_description => 'Privilege for example REST service'
);
COMMIT;
END;
/

BEGIN
ORDS.CREATE_PRIVILEGE_MAPPING(
p_privilege_name => 'example_priv',
p_pattern => '/example/*'
);
COMMIT;
END;
/

BEGIN
OAUTH.CREATE_CLIENT(
p_name => 'Example Client',
p_grant_type => 'client_credentials',
p_owner => 'Example Corp',
p_description => 'Client for example integration',
p_support_email => 'support@example.org',
p_privilege_names => 'example_priv'
);
COMMIT;
END;
/

SELECT id, name, client_id, client_secret
FROM user_ords_clients
WHERE name = 'Example Client';
