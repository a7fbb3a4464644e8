-- pg_01_model: the model's functions and views as in the SQLite host: positional and named (json,
-- jsonb, or text starting with `{`) forms, the same messages, the views as views.
SELECT ords_security_test_clock(1764633600);
SELECT create_role('reader');
SELECT create_role(json_build_object('p_role_name', 'writer'));
SELECT create_role('{"role_name": "editor"}');
SELECT create_role(jsonb_build_object('role_name', 'Reader'));
SELECT * FROM user_ords_roles ORDER BY id;
SELECT count(*) AS tables FROM pg_tables WHERE schemaname = 'ords_security' AND tablename LIKE 'ords_sec_%';
-- The same errors, raised as PostgreSQL errors (too many arguments too: the VARIADIC overload).
SELECT create_role('reader');
SELECT create_role(NULL);
SELECT create_role('x', 'y', 'z');
SELECT rename_role('nobody', 'x');
-- Privileges, mappings, modules.
SELECT create_privilege('priv', 'reader', 'Label', 'Protects /a/*');
SELECT define_privilege('p2', 'reader,writer');
SELECT create_privilege_mapping('priv', '/a/*');
SELECT privilege_name, role_name FROM user_ords_privilege_roles ORDER BY 1, 2;
SELECT name, pattern FROM user_ords_privilege_mappings ORDER BY 1, 2;
SELECT delete_role('reader');
SELECT define_module('m1', '/m1/');
SELECT set_module_privilege('m1', 'p2');
SELECT name, uri_prefix FROM user_ords_modules ORDER BY 1;
-- A view is a real view: it joins, filters and aggregates like one.
SELECT r.name, count(pr.privilege_id) AS privileges
  FROM user_ords_roles r LEFT JOIN user_ords_privilege_roles pr ON pr.role_id = r.id
 GROUP BY r.name ORDER BY 1;
SELECT ords_security_info()->>'schema_version' AS schema_version;
-- The protection generation (store migration 8, row triggers calling
-- ords_bump_protection_generation) moves only with what protects paths: a mapping moves it; a
-- role inserted moves it only when a privilege already names its id (a link left behind by hand).
-- (Explicit ids, and everything taken out again: later files share this database.)
CREATE TEMP TABLE pgen AS SELECT value FROM ords_security.ords_sec_meta WHERE key = 'protection_generation';
CREATE TEMP VIEW pgen_now AS
  SELECT m.value - g.value AS moved FROM ords_security.ords_sec_meta m, pgen g WHERE m.key = 'protection_generation';
SELECT create_privilege_mapping('p2', '/b/*');
SELECT moved > 0 AS moved FROM pgen_now;
UPDATE pgen SET value = value + (SELECT moved FROM pgen_now);
INSERT INTO ords_security.ords_sec_role(id, schema_id, name, created_on, updated_on) VALUES (9998, 1, 'unnamed', 0, 0);
SELECT moved FROM pgen_now;
INSERT INTO ords_security.ords_sec_privilege_role SELECT id, 9999 FROM ords_security.ords_sec_privilege WHERE name = 'p2';
UPDATE pgen SET value = value + (SELECT moved FROM pgen_now);
INSERT INTO ords_security.ords_sec_role(id, schema_id, name, created_on, updated_on) VALUES (9999, 1, 'named', 0, 0);
SELECT moved FROM pgen_now;
DELETE FROM ords_security.ords_sec_privilege_role WHERE role_id = 9999;
DELETE FROM ords_security.ords_sec_role WHERE id IN (9998, 9999);
SELECT delete_privilege_mapping('p2', '/b/*');
-- The change log of protection (store migration 9): the table is made, but PostgreSQL keeps no
-- log (its decision rebuilds after every policy change, the schema cookie being the data
-- version), so none of the protecting writes above wrote to it.
SELECT count(*) AS log_rows FROM ords_security.ords_sec_protection_log;
