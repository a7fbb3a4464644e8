-- compat.sql: the SQLite functions and catalogue the model's SQL uses, defined for PostgreSQL in
-- the extension's schema (ords_security), so that the model keeps one SQL text
-- (ext/store/db_pg.cpp translates only parameters and DDL). The install script includes this
-- file as it is (pg/gen_install.cpp).

-- SQLite's COLLATE NOCASE (the schema alias): case-insensitive, ICU root collation.
CREATE COLLATION ords_security.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- group_concat(x [, sep]): string_agg with SQLite's default separator.
CREATE FUNCTION ords_security.ords_gc_step(acc text, v text, sep text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END $$;
CREATE FUNCTION ords_security.ords_gc_step(acc text, v text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || ',' || v END $$;
CREATE AGGREGATE ords_security.group_concat(text, text) (SFUNC = ords_security.ords_gc_step, STYPE = text);
CREATE AGGREGATE ords_security.group_concat(text) (SFUNC = ords_security.ords_gc_step, STYPE = text);
CREATE FUNCTION ords_security.ords_gc_step(acc text, v bigint) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v::text ELSE acc || ',' || v::text END $$;
CREATE AGGREGATE ords_security.group_concat(bigint) (SFUNC = ords_security.ords_gc_step, STYPE = text);

-- typeof(x): SQLite's storage class names for the types the tables use.
CREATE FUNCTION ords_security.typeof(v anyelement) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN v IS NULL THEN 'null'
                    WHEN pg_typeof(v) IN ('bigint'::regtype, 'integer'::regtype, 'smallint'::regtype) THEN 'integer'
                    WHEN pg_typeof(v) IN ('double precision'::regtype, 'real'::regtype, 'numeric'::regtype) THEN 'real'
                    WHEN pg_typeof(v) = 'bytea'::regtype THEN 'blob'
                    ELSE 'text' END $$;

-- sqlite_master: the tables and indexes of the extension's schema (where the model's tables live).
CREATE VIEW ords_security.sqlite_master AS
  SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'i' THEN 'index' WHEN 'v' THEN 'view' ELSE 'other' END AS type,
         c.relname::text AS name, c.relname::text AS tbl_name
    FROM pg_catalog.pg_class c
   WHERE c.relnamespace = 'ords_security'::regnamespace;

-- sqlite_version(): what ords_security_info() reports under "sqlite" is the engine's version.
CREATE FUNCTION ords_security.sqlite_version() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT 'PostgreSQL ' || current_setting('server_version') $$;
