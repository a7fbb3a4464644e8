-- pg_00_load: CREATE EXTENSION gives the surface of the registration table (the install script
-- is generated from it): every function name once or more (one overload per argument count),
-- every view as a view, the writers and secret-touching functions not executable by PUBLIC.
CREATE EXTENSION ords_security_test;
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = public, ords_security', current_database()); END $$;
SET search_path = public, ords_security;
SELECT ords_security_version() IS NOT NULL AS has_version;
SELECT (ords_security_info()->>'schema_version')::int AS schema_version,
       (ords_security_info()->>'latest_schema_version')::int > 0 AS has_latest;
SELECT count(DISTINCT proname) > 40 AS many_functions
  FROM pg_proc WHERE pronamespace = 'ords_security'::regnamespace AND prosrc = 'ords_pg_fn';
SELECT viewname FROM pg_views WHERE schemaname = 'ords_security' AND viewname LIKE '%ords%' ORDER BY 1;
-- Executable by PUBLIC: the Pure and Reader functions only.
SELECT DISTINCT proname FROM pg_proc
 WHERE pronamespace = 'ords_security'::regnamespace AND prosrc = 'ords_pg_fn'
   AND (proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(proacl) a WHERE a.grantee = 0))
 ORDER BY 1;
-- Every function runs with the extension's search_path, whatever the caller's.
SELECT count(*) AS without_search_path FROM pg_proc
 WHERE pronamespace = 'ords_security'::regnamespace AND prosrc IN ('ords_pg_fn', 'ords_pg_view')
   AND NOT ('search_path=ords_security, pg_catalog, pg_temp' = ANY (proconfig));
-- Nothing is written until the first writer.
SELECT count(*) AS tables FROM pg_tables WHERE schemaname = 'ords_security' AND tablename LIKE 'ords_sec_%';
SELECT * FROM user_ords_roles;
SELECT * FROM user_ords_schemas;
