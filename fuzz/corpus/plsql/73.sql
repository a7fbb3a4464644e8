SET SERVEROUTPUT ON SIZE UNLIMITED
SET DEFINE OFF
REM Roles and privileges for the reports
PROMPT Creating the reports role
/* a block comment
   over two lines */
EXEC ORDS.CREATE_ROLE(p_role_name => 'reports')
exec ords.create_privilege('reports.priv', 'reports', 'Reports', 'Reads reports');
DECLARE
  l_n        NUMBER := 3;
  l_flag     BOOLEAN := TRUE;
  l_text     VARCHAR2(100 CHAR) := 'it''s';
  l_id       user_ords_roles.id%TYPE;
  l_copy     l_text%TYPE;
  l_patterns OWA.VC_ARR;
BEGIN
  l_patterns(1) := '/reports/*';
  l_patterns(2) := '/summary/' || l_n || '/*';
  ORDS.CREATE_PRIVILEGE_MAPPING(p_privilege_name => 'reports.priv', p_patterns => l_patterns);
  SELECT id INTO l_id FROM user_ords_roles WHERE name = 'reports';
  l_copy := l_text || ' role ' || l_id;
  DBMS_OUTPUT.PUT_LINE(l_copy);
  DBMS_OUTPUT.PUT_LINE('null is empty: [' || NULL || ']');
  NULL;
END;
/
SELECT name, pattern FROM user_ords_privilege_mappings WHERE name = 'reports.priv' ORDER BY pattern;
SELECT 'a' || 'b' AS ab, 42, -1 FROM dual;
SELECT name FROM user_ords_roles WHERE name = 'nothing';
