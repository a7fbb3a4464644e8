-- 122_plsql_tutorials: the PL/SQL blocks and queries of the seed tutorials (000, 001, 003) run
-- through ords_plsql as printed. Random client_ids and stored secrets are masked by the values
-- the views hold; what each block left behind is checked with plain SQL.
select ords_security_test_clock(1795000000);

-- Tutorial 003 (two-legged OAuth, Jon Dixon). Step 1 names role example_role, which ORDS
-- requires to exist: the tutorial's database had it; here it is made first.
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
ORDS.CREATE_ROLE(p_role_name => ''example_role'');
END;
/
') as t;
select t as output from o;
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
ORDS.CREATE_PRIVILEGE(
p_name => ''example_priv'',
p_role_name => ''example_role'',
p_description => ''Privilege for example REST service''
);
COMMIT;
END;
/

BEGIN
ORDS.CREATE_PRIVILEGE_MAPPING(
p_privilege_name => ''example_priv'',
p_pattern => ''/example/*''
);
COMMIT;
END;
/

BEGIN
OAUTH.CREATE_CLIENT(
p_name => ''Example Client'',
p_grant_type => ''client_credentials'',
p_owner => ''Example Corp'',
p_description => ''Client for example integration'',
p_support_email => ''support@example.org'',
p_privilege_names => ''example_priv''
);
COMMIT;
END;
/

SELECT id, name, client_id, client_secret
FROM user_ords_clients
WHERE name = ''Example Client'';
') as t;
select replace(replace(t, coalesce((select client_id from user_ords_clients where name = 'Example Client'), '<none>'), '<client_id>'), coalesce((select client_secret from user_ords_clients where name = 'Example Client'), '<none>'), '<stored secret>') as output from o;
select name, pattern from user_ords_privilege_mappings;
select json_extract(check_request('GET', '/example/resource', NULL), '$.status') as without_token;

-- Tutorial 001 (client credentials in APEX): the role and privilege were made in the APEX pages;
-- here as the ORDS calls those pages make.
drop table if exists o;
create temp table o as select ords_plsql('begin
  ords.create_role(''license_role'');
  ords.define_module(p_module_name => ''customers'', p_base_path => ''/customers/'');
  ords.define_privilege(p_privilege_name => ''license_priv'', p_roles => ''license_role'', p_modules => ''customers'');
  commit;
end;
/
') as t;
select t as output from o;
drop table if exists o;
create temp table o as select ords_plsql('begin
oauth.create_client(
p_name => ''license_backend_client'',
p_grant_type => ''client_credentials'',
p_owner => ''My Company'',
p_description => ''Backend service for license validation'',
p_support_email => ''support@mycompany.com'',
p_privilege_names => ''license_priv''
);
oauth.grant_client_role(
p_client_name => ''license_backend_client'',
p_role_name => ''license_role''
);
commit;
end;
/
select client_id, client_secret
from user_ords_clients
where name = ''license_backend_client'';
') as t;
select replace(replace(t, coalesce((select client_id from user_ords_clients where name = 'license_backend_client'), '<none>'), '<client_id>'), coalesce((select client_secret from user_ords_clients where name = 'license_backend_client'), '<none>'), '<stored secret>') as output from o;
select client_name, role_name from user_ords_client_roles where client_name = 'license_backend_client';

-- Tutorial 000 (moving a client between environments, Jeff Smith): the exported calls, the
-- export itself as a query of dual, and the "dumb little pl/sql script" that reads the secret and
-- sets it again with OAUTH.UPDATE_CLIENT_SECRET (its missing lines put back as the post shows them).
drop table if exists o;
create temp table o as select ords_plsql('BEGIN
  ORDS.CREATE_ROLE(p_role_name => ''beers_client'');
  OAUTH.CREATE_CLIENT(
      p_name             => ''beers_client'',
      p_grant_type       => ''client_credentials'',
      p_owner            => ''BEERS'',
      p_description      => ''A beers client'',
      p_support_email    => ''beers@example.org'',
      p_privilege_names  => '''');
  OAUTH.GRANT_CLIENT_ROLE(
      p_client_name     => ''beers_client'',
      p_role_name => ''beers_client'');
  COMMIT;
END;
/
') as t;
select t as output from o;
drop table if exists o;
create temp table o as select ords_plsql('select ords_export.export_oauth_client(
                     p_client_name => ''beers_client'',
    p_include_security_definitions => null
  ) as export
  from dual;
') as t;
select replace(t, coalesce((select client_id from user_ords_clients where name = 'beers_client'), '<none>'), '<client_id>') as output from o;
drop table if exists o;
create temp table o as select ords_plsql('SET SERVEROUTPUT ON
DECLARE
    CLIENT VARCHAR2(25) := ''beers_client'';
    SECRET VARCHAR2(255);
BEGIN
    SELECT CLIENT_SECRET INTO SECRET FROM USER_ORDS_CLIENTS WHERE
        NAME = CLIENT;

    DBMS_OUTPUT.PUT_LINE(client || '' secret is currently set to: "'' || SECRET || ''"'');

    OAUTH.UPDATE_CLIENT_SECRET(
          p_client_name => client,
         p_editing_user => ''BEERS'',
        p_client_secret => secret
    );
    COMMIT;
END;
/
') as t;
select replace(t, coalesce((select client_secret from user_ords_clients where name = 'beers_client'), '<none>'), '<stored secret>') as output from o;
select client_secret is not null as still_stored from user_ords_clients where name = 'beers_client';
