SET SERVEROUTPUT ON
DECLARE
    CLIENT VARCHAR2(25) := 'beers_client';
    SECRET VARCHAR2(255);
BEGIN
    SELECT CLIENT_SECRET INTO SECRET FROM USER_ORDS_CLIENTS WHERE
        NAME = CLIENT;

    DBMS_OUTPUT.PUT_LINE(client || ' secret is currently set to: "' || SECRET || '"');

    OAUTH.UPDATE_CLIENT_SECRET(
          p_client_name => client,
         p_editing_user => 'BEERS',
        p_client_secret => secret
    );
    COMMIT;
END;
/
