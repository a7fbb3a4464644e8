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

-- The session table's kind (store migration 3's CHECK (kind = 'access' OR ...)), as a domain:
-- the same three values pass, nothing else does. A table's CHECK is read back from its stored
-- text (stringToNode) and planned again by every INSERT's executor, a twentieth of a token call in
-- the server; a domain's check is read once per backend (the type cache). db_pg.cpp's ddl_for_pg
-- puts it on the column.
CREATE DOMAIN ords_security.ords_session_kind AS text
  CONSTRAINT ords_sec_session_kind_check CHECK (VALUE = ANY ('{access,refresh,code}'::text[]));

-- The data version (SQLite's SQLITE_FCNTL_DATA_VERSION): a generation counter that every write
-- to the model's tables moves, except the sessions' (token issue and use must not serialize on
-- one row, and no cache holds sessions). The store reads it once per call (db_pg.cpp); what a
-- call caches is trusted by later calls only while it is unchanged. ords_attach_generation is
-- called by the store after each migration: it puts the statement trigger on every new table
-- and moves the counter (the tables changed).
CREATE TABLE ords_security.ords_generation(
  one   boolean PRIMARY KEY DEFAULT true CHECK (one),
  value bigint NOT NULL
);
INSERT INTO ords_security.ords_generation VALUES (true, 1);
GRANT SELECT ON ords_security.ords_generation TO PUBLIC;
-- SECURITY DEFINER (search_path pinned): whoever may write the model's tables moves the counter,
-- without being granted UPDATE on it.
CREATE FUNCTION ords_security.ords_bump_generation() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ords_security, pg_catalog, pg_temp
  AS $$ BEGIN UPDATE ords_security.ords_generation SET value = value + 1; RETURN NULL; END $$;
CREATE FUNCTION ords_security.ords_attach_generation() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ords_security, pg_catalog, pg_temp
  AS $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_catalog.pg_class c
            WHERE c.relnamespace = 'ords_security'::regnamespace AND c.relkind = 'r'
              AND c.relname LIKE 'ords!_sec!_%' ESCAPE '!' AND c.relname <> 'ords_sec_session'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'ords_generation')
  LOOP
    EXECUTE format('CREATE TRIGGER ords_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ords_security.%I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION ords_security.ords_bump_generation()', t);
  END LOOP;
  UPDATE ords_security.ords_generation SET value = value + 1;
END $$;

-- The policy generation (store migration 5: ords_sec_meta's policy_generation), which the request
-- decision reads to know whether what it cached of the policy still holds after a commit. The
-- migration's SQLite triggers become row triggers on the same tables calling this function
-- (ext/store/db_pg.cpp, policy_triggers_for_pg). It is not the data version above: that one
-- moves with every table but the sessions (codes, secrets, refresh tokens too), this one only
-- with the tables the decision reads. SECURITY DEFINER (search_path pinned) for the same reason.
CREATE FUNCTION ords_security.ords_bump_policy_generation() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ords_security, pg_catalog, pg_temp
  AS $$ BEGIN
    UPDATE ords_security.ords_sec_meta SET value = value + 1 WHERE key = 'policy_generation';
    RETURN NULL;
  END $$;

-- The protection generation (store migration 8: ords_sec_meta's protection_generation), moved
-- only by the writes that can change what protects a schema's paths; the migration's SQLite
-- triggers become row triggers calling this function (db_pg.cpp, policy_triggers_for_pg). With
-- two arguments (a table and a column: SQLite's `WHEN EXISTS (SELECT 1 FROM t WHERE c = NEW.id)`,
-- which PostgreSQL's WHEN cannot say) it moves only when that column of that table names the new
-- row's id. SECURITY DEFINER (search_path pinned) for the same reason as the others.
CREATE FUNCTION ords_security.ords_bump_protection_generation() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ords_security, pg_catalog, pg_temp
  AS $$
DECLARE used boolean;
BEGIN
  IF TG_NARGS = 2 THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM ords_security.%I WHERE %I = $1)', TG_ARGV[0], TG_ARGV[1])
      INTO used USING NEW.id;
    IF NOT used THEN RETURN NULL; END IF;
  END IF;
  UPDATE ords_security.ords_sec_meta SET value = value + 1 WHERE key = 'protection_generation';
  RETURN NULL;
END $$;
