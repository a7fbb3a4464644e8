-- shared_compat.sql: the SQLite functions and operators the shared regress cases use
-- (pg/shared_cases), for PostgreSQL. Created by pg/shared.py in the schema sqlite_compat of the
-- test database only (never by the extension), which is first on that database's search_path
-- (ahead of pg_catalog), so that a case's SQL runs as written. Each follows SQLite's JSON1 or
-- core function of the same name for what the cases use; none of them is the extension's
-- code. The extension's own functions pin their search_path and never see these.

-- A SQLite JSON path ('$.a.b[0]', or a plain label 'a' for ->/->>) as a PostgreSQL path array.
CREATE FUNCTION sqlite_compat.path_of(p text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE out text[] := '{}'; rest text; m text[];
BEGIN
  IF p IS NULL THEN RETURN NULL; END IF;
  IF left(p, 1) <> '$' THEN RETURN ARRAY[p]; END IF;
  rest := substr(p, 2);
  WHILE rest <> '' LOOP
    m := regexp_match(rest, '^\.("([^"]*)"|([^.\[]+))');
    IF m IS NOT NULL THEN
      out := out || coalesce(m[2], m[3]);
      rest := substr(rest, length(m[1]) + 2);
      CONTINUE;
    END IF;
    m := regexp_match(rest, '^\[(#-)?([0-9]+)\]');
    IF m IS NOT NULL THEN
      out := out || m[2];
      rest := substr(rest, length(m[2]) + 3 + coalesce(length(m[1]), 0));
      CONTINUE;
    END IF;
    RAISE EXCEPTION 'bad JSON path: %', p;
  END LOOP;
  RETURN out;
END $$;

-- A JSON value as SQLite's json_extract / ->> give it: text, numbers, 1/0 for true/false, NULL
-- for null; an object or array as its (minified) text.
CREATE FUNCTION sqlite_compat.sql_value(j json) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE json_typeof(j) WHEN 'null' THEN NULL WHEN 'boolean' THEN CASE WHEN j::text = 'true' THEN '1' ELSE '0' END
              WHEN 'string' THEN j #>> '{}' ELSE sqlite_compat.minify(j::text) END $$;

-- JSON text without the blanks outside strings (SQLite's json functions print it so).
CREATE FUNCTION sqlite_compat.minify(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE out text := ''; i int := 1; n int := length(t); c text; instr bool := false;
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  IF position(' ' in t) = 0 AND position(E'\n' in t) = 0 THEN RETURN t; END IF;
  WHILE i <= n LOOP
    c := substr(t, i, 1);
    IF instr THEN
      out := out || c;
      IF c = '\' THEN out := out || substr(t, i + 1, 1); i := i + 1;
      ELSIF c = '"' THEN instr := false; END IF;
    ELSIF c = '"' THEN out := out || c; instr := true;
    ELSIF c NOT IN (' ', E'\n', E'\t', E'\r') THEN out := out || c;
    END IF;
    i := i + 1;
  END LOOP;
  RETURN out;
END $$;

CREATE FUNCTION sqlite_compat.json_extract(j json, p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.sql_value(j #> sqlite_compat.path_of(p)) $$;
CREATE FUNCTION sqlite_compat.json_extract(j text, p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.json_extract(j::json, p) $$;

CREATE FUNCTION sqlite_compat.arrow2(j json, p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.json_extract(j, p) $$;
CREATE FUNCTION sqlite_compat.arrow2(j text, p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.json_extract(j::json, p) $$;
CREATE FUNCTION sqlite_compat.arrow2(j json, p int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.sql_value(j -> p) $$;
CREATE FUNCTION sqlite_compat.arrow2(j text, p int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.sql_value(j::json -> p) $$;
CREATE FUNCTION sqlite_compat.arrow1(j json, p text) RETURNS json LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.minify((j #> sqlite_compat.path_of(p))::text)::json $$;
CREATE FUNCTION sqlite_compat.arrow1(j text, p text) RETURNS json LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.arrow1(j::json, p) $$;
CREATE OPERATOR sqlite_compat.->> (LEFTARG = json, RIGHTARG = text, FUNCTION = sqlite_compat.arrow2);
CREATE OPERATOR sqlite_compat.->> (LEFTARG = text, RIGHTARG = text, FUNCTION = sqlite_compat.arrow2);
CREATE OPERATOR sqlite_compat.->> (LEFTARG = json, RIGHTARG = int, FUNCTION = sqlite_compat.arrow2);
CREATE OPERATOR sqlite_compat.->> (LEFTARG = text, RIGHTARG = int, FUNCTION = sqlite_compat.arrow2);
CREATE OPERATOR sqlite_compat.-> (LEFTARG = json, RIGHTARG = text, FUNCTION = sqlite_compat.arrow1);
CREATE OPERATOR sqlite_compat.-> (LEFTARG = text, RIGHTARG = text, FUNCTION = sqlite_compat.arrow1);

CREATE FUNCTION sqlite_compat.json_type(j json, p text DEFAULT '$') RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE json_typeof(x) WHEN 'number' THEN CASE WHEN x::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
              WHEN 'string' THEN 'text' WHEN 'boolean' THEN x::text ELSE json_typeof(x) END
    FROM (SELECT j #> sqlite_compat.path_of(p) AS x) s $$;
CREATE FUNCTION sqlite_compat.json_type(j text, p text DEFAULT '$') RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.json_type(j::json, p) $$;
CREATE FUNCTION sqlite_compat.json_valid(j text) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF j IS NULL THEN RETURN NULL; END IF;
  PERFORM j::json; RETURN 1;
EXCEPTION WHEN others THEN RETURN 0;
END $$;
CREATE FUNCTION sqlite_compat.json_valid(j json) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;
CREATE FUNCTION sqlite_compat.json_array_length(j json, p text DEFAULT '$') RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE json_typeof(j #> sqlite_compat.path_of(p)) WHEN 'array' THEN pg_catalog.json_array_length(j #> sqlite_compat.path_of(p)) ELSE 0 END $$;
CREATE FUNCTION sqlite_compat.json_array_length(j text, p text DEFAULT '$') RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.json_array_length(j::json, p) $$;
CREATE FUNCTION sqlite_compat.json(j text) RETURNS json LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.minify(j)::json $$;

-- json_each(x [, path]): SQLite's columns that the cases read, in document order (id).
CREATE FUNCTION sqlite_compat.json_each(j json, p text DEFAULT '$')
  RETURNS TABLE (key text, value text, type text, atom text, id bigint, fullkey text)
  LANGUAGE sql IMMUTABLE AS $$
  SELECT e.key, sqlite_compat.sql_value(e.value), sqlite_compat.json_type(e.value),
         CASE WHEN json_typeof(e.value) IN ('object', 'array') THEN NULL ELSE sqlite_compat.sql_value(e.value) END,
         e.n, p || '.' || e.key
    FROM pg_catalog.json_each(j #> sqlite_compat.path_of(p)) WITH ORDINALITY AS e(key, value, n)
   WHERE json_typeof(j #> sqlite_compat.path_of(p)) = 'object'
  UNION ALL
  SELECT (e.n - 1)::text, sqlite_compat.sql_value(e.value), sqlite_compat.json_type(e.value),
         CASE WHEN json_typeof(e.value) IN ('object', 'array') THEN NULL ELSE sqlite_compat.sql_value(e.value) END,
         e.n, p || '[' || (e.n - 1) || ']'
    FROM pg_catalog.json_array_elements(j #> sqlite_compat.path_of(p)) WITH ORDINALITY AS e(value, n)
   WHERE json_typeof(j #> sqlite_compat.path_of(p)) = 'array'
  ORDER BY 5 $$;
CREATE FUNCTION sqlite_compat.json_each(j text, p text DEFAULT '$')
  RETURNS TABLE (key text, value text, type text, atom text, id bigint, fullkey text)
  LANGUAGE sql IMMUTABLE AS $$ SELECT * FROM sqlite_compat.json_each(j::json, p) $$;

-- json_remove(x, path, ...): the members left, in their order, minified.
CREATE FUNCTION sqlite_compat.json_remove1(j json, p text[]) RETURNS json LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE r text;
BEGIN
  IF j IS NULL OR p IS NULL THEN RETURN j; END IF;
  IF cardinality(p) = 0 THEN RETURN NULL; END IF;
  IF json_typeof(j) = 'object' THEN
    SELECT '{' || coalesce(string_agg(to_json(e.key)::text || ':' ||
             CASE WHEN e.key = p[1] THEN sqlite_compat.json_remove1(e.value, p[2:])::text ELSE sqlite_compat.minify(e.value::text) END,
             ',' ORDER BY e.n) FILTER (WHERE NOT (e.key = p[1] AND cardinality(p) = 1)), '') || '}'
      INTO r FROM pg_catalog.json_each(j) WITH ORDINALITY AS e(key, value, n);
  ELSIF json_typeof(j) = 'array' THEN
    SELECT '[' || coalesce(string_agg(
             CASE WHEN (e.n - 1)::text = p[1] THEN sqlite_compat.json_remove1(e.value, p[2:])::text ELSE sqlite_compat.minify(e.value::text) END,
             ',' ORDER BY e.n) FILTER (WHERE NOT ((e.n - 1)::text = p[1] AND cardinality(p) = 1)), '') || ']'
      INTO r FROM pg_catalog.json_array_elements(j) WITH ORDINALITY AS e(value, n);
  ELSE
    RETURN j;
  END IF;
  RETURN r::json;
END $$;
CREATE FUNCTION sqlite_compat.json_remove(j json, VARIADIC p text[]) RETURNS json LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE x text;
BEGIN
  FOREACH x IN ARRAY p LOOP j := sqlite_compat.json_remove1(j, sqlite_compat.path_of(x)); END LOOP;
  RETURN sqlite_compat.minify(j::text)::json;
END $$;
CREATE FUNCTION sqlite_compat.json_remove(j text, VARIADIC p text[]) RETURNS json LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.json_remove(j::json, VARIADIC p) $$;

-- printf: the one form the cases use, '%.Nc' (N copies of a character), with any text around it.
CREATE FUNCTION sqlite_compat.printf(fmt text, a text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE m text[];
BEGIN
  m := regexp_match(fmt, '^(.*)%\.([0-9]+)c(.*)$');
  IF m IS NULL THEN RAISE EXCEPTION 'shared_compat: printf format % is not supported', fmt; END IF;
  RETURN replace(m[1], '%%', '%') || repeat(left(a, 1), m[2]::int) || replace(m[3], '%%', '%');
END $$;

CREATE FUNCTION sqlite_compat.instr(a text, b text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT position(b in a) $$;
CREATE FUNCTION sqlite_compat.instr(a json, b text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT position(b in a::text) $$;
CREATE FUNCTION sqlite_compat.length(j json) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT length(j::text) $$;
CREATE FUNCTION sqlite_compat.length(b bytea) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT octet_length(b) $$;
CREATE FUNCTION sqlite_compat.hex(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT upper(encode(convert_to(t, 'UTF8'), 'hex')) $$;
CREATE FUNCTION sqlite_compat.hex(b bytea) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT upper(encode(b, 'hex')) $$;
CREATE FUNCTION sqlite_compat.ifnull(a anyelement, b anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(a, b) $$;
CREATE FUNCTION sqlite_compat.ifnull(a json, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(a::text, b) $$;
CREATE FUNCTION sqlite_compat.substr(a json, s int, n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT substr(a::text, s, n) $$;
CREATE FUNCTION sqlite_compat.replace(a json, b text, c text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT replace(a::text, b, c) $$;
CREATE FUNCTION sqlite_compat.unicode(a text) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT ascii(a) $$;

-- SQLite's booleans are integers: sum() and total() of a comparison count the true ones.
CREATE FUNCTION sqlite_compat.bool_step(acc bigint, v boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc ELSE coalesce(acc, 0) + v::int END $$;
CREATE AGGREGATE sqlite_compat.sum(boolean) (SFUNC = sqlite_compat.bool_step, STYPE = bigint);

-- group_concat of the other types a case aggregates (json values, integers); text and bigint
-- are the extension's own (compat.sql).
CREATE FUNCTION sqlite_compat.gc_step(acc text, v json, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v::text ELSE acc || sep || v::text END $$;
CREATE AGGREGATE sqlite_compat.group_concat(json, text) (SFUNC = sqlite_compat.gc_step, STYPE = text);
CREATE FUNCTION sqlite_compat.gc_step(acc text, v int, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v::text ELSE acc || sep || v::text END $$;
CREATE AGGREGATE sqlite_compat.group_concat(int, text) (SFUNC = sqlite_compat.gc_step, STYPE = text);
CREATE FUNCTION sqlite_compat.gc_step(acc text, v bigint, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v::text ELSE acc || sep || v::text END $$;
CREATE AGGREGATE sqlite_compat.group_concat(bigint, text) (SFUNC = sqlite_compat.gc_step, STYPE = text);

-- char(n, ...): the characters of those code points.
CREATE FUNCTION sqlite_compat.char(VARIADIC c int[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg(chr(x), '' ORDER BY n) FROM unnest(c) WITH ORDINALITY AS u(x, n) $$;

-- strftime(format, epoch, 'unixepoch'): the %-codes the cases use, in UTC.
CREATE FUNCTION sqlite_compat.strftime(fmt text, v bigint, modifier text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE t timestamp;
BEGIN
  IF v IS NULL THEN RETURN NULL; END IF;
  IF modifier <> 'unixepoch' THEN RAISE EXCEPTION 'shared_compat: strftime modifier % is not supported', modifier; END IF;
  t := to_timestamp(v) AT TIME ZONE 'UTC';
  RETURN replace(replace(replace(replace(replace(replace(replace(fmt,
           '%Y', to_char(t, 'YYYY')), '%m', to_char(t, 'MM')), '%d', to_char(t, 'DD')),
           '%H', to_char(t, 'HH24')), '%M', to_char(t, 'MI')), '%S', to_char(t, 'SS')), '%s', v::text);
END $$;

CREATE FUNCTION sqlite_compat.zeroblob(n int) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT decode(repeat('00', n), 'hex') $$;

-- datetime(epoch, 'unixepoch'): 'YYYY-MM-DD HH:MM:SS' in UTC.
CREATE FUNCTION sqlite_compat.datetime(v bigint, modifier text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_compat.strftime('%Y-%m-%d %H:%M:%S', v, modifier) $$;

-- SQLite compares an integer with the text ->> gives (an integer there): as text here.
CREATE FUNCTION sqlite_compat.int_eq_text(a bigint, b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a::text = b $$;
CREATE FUNCTION sqlite_compat.text_eq_int(a text, b bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a = b::text $$;
CREATE OPERATOR sqlite_compat.= (LEFTARG = bigint, RIGHTARG = text, FUNCTION = sqlite_compat.int_eq_text);
CREATE OPERATOR sqlite_compat.= (LEFTARG = text, RIGHTARG = bigint, FUNCTION = sqlite_compat.text_eq_int);
