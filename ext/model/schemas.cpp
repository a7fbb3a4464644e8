// schemas.cpp: enable_schema and ords_set_schema (API.md section 3).
//
// A schema is a namespace with a URL alias (ORDS's URL mapping pattern): /ords/<alias>/... Names
// are identifiers, stored upper case as Oracle stores unquoted names (enable_schema(1, 'hr') makes
// HR); aliases are URL segments, unique without regard to case. MAIN, alias main,
// always exists and keeps that alias; each connection starts in MAIN. A NULL p_url_mapping_pattern
// or p_auto_rest_auth keeps what an enabled schema already has.
#include "schemas.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "../store/schema.hpp"

namespace ords {

namespace {

void check_identifier(const std::string& param, const std::string& s) {
  bool ok = !s.empty() && s.size() <= 128 && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z'));
  for (char ch : s)
    ok = ok && ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                ch == '_' || ch == '$' || ch == '#');
  if (!ok) throw Error(param + " must be an identifier: a letter, then letters, digits, _, $ or # (at most 128)");
}

void check_alias(const std::string& s) {
  bool ok = !s.empty() && s.size() <= 128 && s != "." && s != "..";
  for (char ch : s)
    ok = ok && ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                ch == '_' || ch == '-' || ch == '.' || ch == '~');
  if (!ok)
    throw Error("p_url_mapping_pattern must be one URL path segment of letters, digits, _ - . ~ (at most 128)");
}

Value enable_schema(Call& c) {
  bool enabled = c.args.boolean("enabled", true);
  std::string name = c.args.has("schema") ? std::string(c.args.name("schema")) : c.conn.current_schema;
  check_identifier("p_schema", name);
  name = text::upper(name);
  std::string type = text::upper(c.args.opt_text("url_mapping_type").value_or("BASE_PATH"));
  if (type != "BASE_PATH")
    throw Error("p_url_mapping_type must be BASE_PATH (the only mapping a database can serve)");
  std::optional<std::string> given_alias = c.args.opt_text("url_mapping_pattern");
  if (given_alias) check_alias(*given_alias);
  if (name == "MAIN" && given_alias && *given_alias != "main")
    throw Error("p_url_mapping_pattern: schema MAIN always has the alias main");

  c.begin_write();
  store::Db& db = c.db();
  // NULL keeps what an enabled schema has (re-enabling or disabling it does not move its URLs);
  // a new schema gets its name in lower case and no AutoREST authorization.
  std::string alias = given_alias.value_or(text::lower(name));
  bool auto_rest_auth = false;
  {
    store::Stmt have = db.prepare("SELECT alias, auto_rest_auth FROM ords_sec_schema WHERE name = ?1");
    have.bind(1, name);
    if (have.step()) {
      if (!given_alias) alias = have.text(0);
      auto_rest_auth = have.int64(1) != 0;
    }
  }
  auto_rest_auth = c.args.boolean("auto_rest_auth", auto_rest_auth);
  {
    store::Stmt clash = db.prepare("SELECT name FROM ords_sec_schema WHERE alias = ?1 AND name <> ?2");
    clash.bind(1, alias).bind(2, name);
    if (clash.step())
      throw Error("p_url_mapping_pattern " + text::quote_input(alias) + " is already the alias of schema " +
                      text::show_input(clash.text(0)),
                  Code::Constraint);
  }
  store::Stmt up = db.prepare(
      "INSERT INTO ords_sec_schema(name, alias, enabled, url_mapping_type, auto_rest_auth, created_on, updated_on) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) "
      "ON CONFLICT(name) DO UPDATE SET alias = excluded.alias, enabled = excluded.enabled, "
      "url_mapping_type = excluded.url_mapping_type, auto_rest_auth = excluded.auto_rest_auth, "
      "updated_on = excluded.updated_on");
  up.bind(1, name).bind(2, alias).bind(3, enabled ? 1 : 0).bind(4, type).bind(5, auto_rest_auth ? 1 : 0).bind(6, c.now());
  up.run();
  return Value::null();
}

Value ords_set_schema(Call& c) {
  SecretText given = c.args.name("schema");
  check_identifier("p_schema", given);
  std::string name = text::upper(given);
  if (!find_schema_id(c.conn, name)) {
    // The hint is SQL to paste; a name shaped like a secret (as given or upper-cased) is withheld.
    if (!text::showable(given) || !text::showable(name))
      throw Error(std::string("p_schema: schema ") + text::kWithheld + " is not REST-enabled; enable it with enable_schema");
    throw Error("p_schema: schema " + name + " is not REST-enabled; enable it with enable_schema(json_object('p_schema'," +
                text::sql_literal(name) + "))");
  }
  c.conn.current_schema = name;
  return Value::text(name);
}

}  // namespace

std::optional<int64_t> find_schema_id(ConnState& s, const std::string& name) {
  if (store::schema_version(s.db) == 0) {
    if (name == "MAIN") return 1;
    return std::nullopt;
  }
  store::Stmt st = s.db.prepare("SELECT id FROM ords_sec_schema WHERE name = ?1");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}

int64_t schema_of(Call& c) {
  std::string name = c.schema_name();
  auto id = find_schema_id(c.conn, name);
  if (!id) {
    // Named by the call's "schema" key, or the connection's current schema (gone from this file).
    std::string param = c.args.has("schema") ? "p_schema: " : "current schema: ";
    bool hide = !text::showable(name) || (c.args.has("schema") && !text::showable(c.args.get("schema").s));
    throw Error(param + "schema " + (hide ? std::string(text::kWithheld) : name) + " is not REST-enabled");
  }
  return *id;
}

const std::vector<FnSpec>& schema_functions() {
  static const std::vector<FnSpec> fns = {
      fn("enable_schema", enable_schema)
          .writer()
          .with_params({{"enabled", ParamType::Bool},
                        {"schema", ParamType::Name},
                        {"url_mapping_type", ParamType::Name},
                        {"url_mapping_pattern", ParamType::Name},
                        {"auto_rest_auth", ParamType::Bool}}),
      fn("ords_set_schema", ords_set_schema)
          .direct()
          .with_params({{"schema", ParamType::Name, true}}),
  };
  return fns;
}

}  // namespace ords
