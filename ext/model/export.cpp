// export.cpp: export_oauth_client, export_schema and the guard's check of what a script creates
// (see export.hpp; docs/export.md shows a script and says why each part is there).
//
// Reading: every object is read from the ords_sec_* tables of `main` inside one snapshot, in id
// order, so two exports of the same state give the same script. Writing: each statement is one
// call, every value goes through script::literal (export_sql.hpp). The order is the order of
// dependence: roles, modules with their templates, privileges (which name roles and modules),
// then each client (import_client, logo, grants, privileges, secret hashes), then (export_schema)
// the schema's JWT profile: create_jwt_profile and set_jwt_profile_keys with its stored JWK Set.
#include "export.hpp"

#include <optional>
#include <set>

#include "../core/error.hpp"
#include "../core/json_writer.hpp"
#include "../core/text.hpp"
#include "../store/schema.hpp"
#include "client_key.hpp"
#include "lookup.hpp"
#include "export_sql.hpp"
#include "jwt_profiles.hpp"
#include "schemas.hpp"
#include "secret_hash_text.hpp"
#include "secret_slots.hpp"
#include "views.hpp"

namespace ords::exporting {

namespace {

// ---- what is read ----------------------------------------------------------------------------------

struct SchemaDef {
  int64_t id = 0;
  std::string name, alias;
  bool enabled = true, auto_rest_auth = false;
};

struct ModuleDef {
  int64_t id = 0;
  std::string name, base_path, status;
  int64_t items_per_page = 25;
  std::optional<std::string> comments;
  std::vector<std::string> templates;
};

struct PrivilegeDef {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> label, description, comments;
  std::vector<std::string> roles, patterns, modules;
};

struct ClientDef {
  int64_t id = 0;
  std::string name, client_id, grant_type;
  std::optional<std::string> description, redirect_uri, support_email, support_uri, origins;
  std::optional<int64_t> token_duration, refresh_duration, code_duration;
  std::optional<std::string> logo_type, logo;
  std::vector<std::string> roles, privileges;
  std::vector<secrets::Slot> slots;
};

// A schema's JWT profile as stored: NULL skew, age, description and role claim stay NULL (a NULL
// skew or age means the instance setting, the target's own where the script runs). The keys are
// the stored JWKs (their public members' JSON), in their order.
struct JwtProfileDef {
  std::string issuer, audience, jwk_url;
  std::optional<std::string> description, role_claim_name;
  std::optional<int64_t> allowed_skew, allowed_age;
  std::vector<std::string> keys;
};

// One read snapshot for the whole export: a savepoint of our own (in autocommit it opens a read
// transaction that lasts until it is released). Inside a statement that writes, SQLite opens no
// savepoint; that statement's transaction is then the snapshot.
class Snapshot {
 public:
  explicit Snapshot(store::Db& db) : db_(db) {
    try {
      db_.exec("SAVEPOINT ords_sec_export");
      open_ = true;
    } catch (const StoreError&) {
    }
  }
  ~Snapshot() {
    if (!open_) return;
    try {
      db_.exec("RELEASE ords_sec_export");
    } catch (...) {
    }
  }
  Snapshot(const Snapshot&) = delete;

 private:
  store::Db& db_;
  bool open_ = false;
};

std::vector<std::string> texts(store::Stmt& st) {
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<int64_t> ids(store::Stmt& st) {
  std::vector<int64_t> out;
  while (st.step()) out.push_back(st.int64(0));
  return out;
}

SchemaDef read_schema(store::Db& db, int64_t id) {
  SchemaDef s;
  s.id = id;
  s.name = "MAIN";
  s.alias = "main";
  if (store::schema_version(db) == 0) return s;
  store::Stmt st = db.prepare("SELECT name, alias, enabled, auto_rest_auth FROM ords_sec_schema WHERE id = ?1");
  st.bind(1, id);
  if (st.step()) {
    s.name = st.text(0);
    s.alias = st.text(1);
    s.enabled = st.int64(2) != 0;
    s.auto_rest_auth = st.int64(3) != 0;
  }
  return s;
}

ModuleDef read_module(store::Db& db, int64_t id) {
  ModuleDef m;
  m.id = id;
  store::Stmt st = db.prepare("SELECT name, base_path, items_per_page, status, comments FROM ords_sec_module WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) throw Error("internal error: module " + std::to_string(id) + " vanished during the export");
  m.name = st.text(0);
  m.base_path = st.text(1);
  m.items_per_page = st.int64(2);
  m.status = st.text(3);
  m.comments = st.opt_text(4);
  store::Stmt t = db.prepare("SELECT pattern FROM ords_sec_template WHERE module_id = ?1 ORDER BY id");
  t.bind(1, id);
  m.templates = texts(t);
  return m;
}

PrivilegeDef read_privilege(store::Db& db, int64_t id) {
  PrivilegeDef p;
  p.id = id;
  store::Stmt st = db.prepare("SELECT name, label, description, comments FROM ords_sec_privilege WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) throw Error("internal error: privilege " + std::to_string(id) + " vanished during the export");
  p.name = st.text(0);
  p.label = st.opt_text(1);
  p.description = st.opt_text(2);
  p.comments = st.opt_text(3);
  store::Stmt r = db.prepare(
      "SELECT r.name FROM ords_sec_privilege_role pr JOIN ords_sec_role r ON r.id = pr.role_id "
      "WHERE pr.privilege_id = ?1 ORDER BY r.id");
  r.bind(1, id);
  p.roles = texts(r);
  store::Stmt pat = db.prepare("SELECT pattern FROM ords_sec_privilege_pattern WHERE privilege_id = ?1 ORDER BY pattern");
  pat.bind(1, id);
  p.patterns = texts(pat);
  store::Stmt m = db.prepare(
      "SELECT m.name FROM ords_sec_privilege_module pm JOIN ords_sec_module m ON m.id = pm.module_id "
      "WHERE pm.privilege_id = ?1 ORDER BY m.id");
  m.bind(1, id);
  p.modules = texts(m);
  return p;
}

ClientDef read_client(store::Db& db, int64_t id) {
  ClientDef c;
  c.id = id;
  store::Stmt st = db.prepare(
      "SELECT name, client_id, grant_type, description, redirect_uri, support_email, support_uri, origins_allowed, "
      "token_duration, refresh_duration, code_duration FROM ords_sec_client WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) throw Error("internal error: client " + std::to_string(id) + " vanished during the export");
  c.name = st.text(0);
  c.client_id = st.text(1);
  c.grant_type = st.text(2);
  c.description = st.opt_text(3);
  c.redirect_uri = st.opt_text(4);
  c.support_email = st.opt_text(5);
  c.support_uri = st.opt_text(6);
  c.origins = st.opt_text(7);
  c.token_duration = st.opt_int64(8);
  c.refresh_duration = st.opt_int64(9);
  c.code_duration = st.opt_int64(10);
  store::Stmt logo = db.prepare("SELECT content_type, logo FROM ords_sec_client_logo WHERE client_id = ?1");
  logo.bind(1, id);
  if (logo.step()) {
    c.logo_type = logo.text(0);
    c.logo = logo.value(1).s;
  }
  store::Stmt r = db.prepare(
      "SELECT r.name FROM ords_sec_client_role cr JOIN ords_sec_role r ON r.id = cr.role_id "
      "WHERE cr.client_id = ?1 ORDER BY r.id");
  r.bind(1, id);
  c.roles = texts(r);
  store::Stmt p = db.prepare(
      "SELECT p.name FROM ords_sec_client_privilege cp JOIN ords_sec_privilege p ON p.id = cp.privilege_id "
      "WHERE cp.client_id = ?1 ORDER BY p.id");
  p.bind(1, id);
  c.privileges = texts(p);
  c.slots = secrets::load_slots(db, id);
  return c;
}

// The schema's JWT profile and its keys, or nothing (also before the tables exist).
std::optional<JwtProfileDef> read_jwt_profile(store::Db& db, int version, int64_t schema) {
  std::optional<jwt_profiles::Row> row = jwt_profiles::find(db, version, schema);
  if (!row) return std::nullopt;
  JwtProfileDef j;
  store::Stmt st = db.prepare(
      "SELECT issuer, audience, jwk_url, description, allowed_skew, allowed_age, role_claim_name "
      "FROM ords_sec_jwt_profile WHERE id = ?1");
  st.bind(1, row->id);
  if (!st.step()) throw Error("internal error: the JWT profile vanished during the export");
  j.issuer = st.text(0);
  j.audience = st.text(1);
  j.jwk_url = st.text(2);
  j.description = st.opt_text(3);
  j.allowed_skew = st.opt_int64(4);
  j.allowed_age = st.opt_int64(5);
  j.role_claim_name = st.opt_text(6);
  store::Stmt k = db.prepare("SELECT jwk FROM ords_sec_jwt_key WHERE profile_id = ?1 ORDER BY position");
  k.bind(1, row->id);
  j.keys = texts(k);
  return j;
}

// ---- what is written -------------------------------------------------------------------------------

// A comment line: control characters (there are none in names) become spaces, so a comment can
// never end early.
std::string comment(std::string s) {
  for (auto& ch : s)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = ' ';
  return "-- " + s + "\n";
}

using script::integer;
using script::list;
using script::literal;

// One call per line: SELECT <call> AS <function name>;
std::string call(const std::string& fn, const std::string& args) {
  return "SELECT " + fn + "(" + args + ") AS " + fn + ";\n";
}

struct Script {
  std::string name;  // what the guard reports
  SchemaDef schema;
  bool secrets = false;
  std::vector<std::string> roles;
  std::vector<ModuleDef> modules;
  std::vector<PrivilegeDef> privileges;
  std::vector<ClientDef> clients;
  std::optional<JwtProfileDef> jwt;  // export_schema only
  std::vector<std::string> header;  // comment lines
};

std::string creates_json(const Script& s) {
  JsonWriter w;
  w.begin_object().kv("schema", s.schema.name);
  w.key("roles").begin_array();
  for (const auto& r : s.roles) w.str(r);
  w.end_array().key("privileges").begin_array();
  for (const auto& p : s.privileges) w.str(p.name);
  w.end_array().key("modules").begin_array();
  for (const auto& m : s.modules) w.str(m.name);
  w.end_array().key("clients").begin_array();
  for (const auto& c : s.clients) w.begin_object().kv("name", c.name).kv("client_id", c.client_id).end_object();
  w.end_array();
  // A schema has one profile: check_script_creates refuses a target schema that has one.
  w.kv_bool("jwt_profile", s.jwt.has_value());
  w.end_object();
  return w.text();
}

void write_schema(std::string& out, const SchemaDef& s) {
  if (s.name != "MAIN") {
    // enable_schema only where the schema is missing: an existing one (its alias, its state) is
    // the target's own, and the script only adds to it.
    out += "SELECT enable_schema(" + integer(s.enabled ? 1 : 0) + ", " + literal(s.name, "the schema name") +
           ", 'BASE_PATH', " + literal(s.alias, "the schema alias") + ", " + integer(s.auto_rest_auth ? 1 : 0) +
           ") AS enable_schema\n WHERE NOT EXISTS (SELECT 1 FROM dba_ords_schemas WHERE parsing_schema = " +
           literal(s.name, "the schema name") + ");\n";
  }
  // The calls act on the current schema; the guard puts the connection's own back when the
  // transaction ends.
  out += call("ords_set_schema", literal(s.name, "the schema name"));
}

void write_module(std::string& out, const ModuleDef& m) {
  const std::string what = "module " + text::quote_input(m.name);
  out += call("define_module", literal(m.name, what) + ", " + literal(m.base_path, what + "'s base path") + ", " +
                                   integer(m.items_per_page) + ", " + literal(m.status, what + "'s status") + ", " +
                                   script::nullable(m.comments, what + "'s comments"));
  for (const auto& t : m.templates) out += call("define_template", literal(m.name, what) + ", " + literal(t, what + "'s template"));
}

void write_privilege(std::string& out, const PrivilegeDef& p) {
  const std::string what = "privilege " + text::quote_input(p.name);
  out += call("create_privilege", literal(p.name, what) + ", NULL, " + script::nullable(p.label, what + "'s label") + ", " +
                                      script::nullable(p.description, what + "'s description"));
  out += call("define_privilege", literal(p.name, what) + ", " + list(p.roles, what + "'s roles") + ", " +
                                      list(p.patterns, what + "'s patterns") + ", " + list(p.modules, what + "'s modules") +
                                      ", " + script::nullable(p.label, what + "'s label") + ", " +
                                      script::nullable(p.description, what + "'s description") + ", " +
                                      script::nullable(p.comments, what + "'s comments"));
}

void write_client(std::string& out, const ClientDef& c, bool with_secrets) {
  const std::string what = "client " + text::quote_input(c.name);
  if (!c.support_email)
    throw Error(what + " has no support email, which import_client requires: set one with update_client, then export "
                       "again");
  // One key and value a line, the keys as ORDS names them; a NULL attribute is left out (NULL is
  // the default of each).
  std::string args;
  auto add = [&args, &what](const char* key, const std::optional<std::string>& v, const char* label) {
    if (v) args += std::string(args.empty() ? "" : ",\n") + "  '" + key + "', " + literal(*v, what + "'s " + label);
  };
  auto add_int = [&args](const char* key, const std::optional<int64_t>& v) {
    if (v) args += std::string(",\n  '") + key + "', " + integer(*v);
  };
  add("p_name", c.name, "name");
  add("p_client_id", c.client_id, "client_id");
  add("p_grant_type", c.grant_type, "grant type");
  add("p_support_email", c.support_email, "support email");
  add("p_description", c.description, "description");
  add("p_redirect_uri", c.redirect_uri, "redirect URI");
  add("p_support_uri", c.support_uri, "support URI");
  add("p_origins_allowed", c.origins, "origins allowed");
  add_int("p_token_duration", c.token_duration);
  add_int("p_refresh_duration", c.refresh_duration);
  add_int("p_code_duration", c.code_duration);
  // import_client returns the client key; json_extract keeps the client_id off the screen.
  out += "SELECT json_extract(import_client(json_object(\n" + args + ")), '$.name') AS import_client;\n";
  if (c.logo)
    out += call("update_client_logo", literal(c.name, what) + ", " + literal(*c.logo_type, what + "'s logo type") + ", " +
                                          script::blob(*c.logo));
  for (const auto& r : c.roles) out += call("grant_client_role", literal(c.name, what) + ", " + literal(r, "role " + text::quote_input(r)));
  if (!c.privileges.empty())
    out += call("update_client_privileges", literal(c.name, what) + ", " + list(c.privileges, what + "'s privileges"));
  if (!with_secrets) return;
  for (const auto& s : c.slots) {
    if (!s.kind_known)
      throw Error(what + ": the secret in slot " + std::to_string(s.slot) +
                  " has a hash of a kind this build does not know; revoke it or export without secrets");
    std::string iso;
    if (!iso8601_utc(s.issued_on, iso))
      throw Error(what + ": the secret in slot " + std::to_string(s.slot) + " has an issue time outside 0000..9999");
    out += call("import_client_secret_hash", literal(c.name, what) + ", " + integer(s.slot) + ", " +
                                                 literal(secrets::hash_to_text(s.hash), "a secret hash") + ", " +
                                                 literal(iso, "an issue time"));
  }
}

// create_jwt_profile with every stored attribute (NULLs kept), then set_jwt_profile_keys with the
// stored keys as one JWK Set, one literal (none when the profile has no keys).
void write_jwt_profile(std::string& out, const JwtProfileDef& j) {
  const std::string what = "the JWT profile";
  out += call("create_jwt_profile", literal(j.issuer, what + "'s issuer") + ", " + literal(j.audience, what + "'s audience") +
                                        ", " + literal(j.jwk_url, what + "'s jwk_url") + ", " +
                                        script::nullable(j.description, what + "'s description") + ", " +
                                        integer(j.allowed_skew) + ", " + integer(j.allowed_age) + ", " +
                                        script::nullable(j.role_claim_name, what + "'s role claim name"));
  if (j.keys.empty()) return;
  std::string jwks = "{\"keys\":[";
  for (size_t i = 0; i < j.keys.size(); ++i) jwks += (i ? "," : "") + j.keys[i];
  jwks += "]}";
  out += call("set_jwt_profile_keys", literal(jwks, what + "'s keys"));
}

std::string write_script(const Script& s) {
  std::string out;
  for (const auto& h : s.header) out += comment(h);
  out += comment("It applies whole or not at all: run it in the sqlite3 shell (.read FILE) or through exec on a");
  out += comment("connection with ords_security loaded; docs/export.md says what to do if it stops.");
  if (s.secrets)
    out += comment("It carries secret hashes (no secret): keep it as you keep the database file.");
  out += "BEGIN IMMEDIATE;\n";
  out += call("ords_script_guard", literal(s.name, "the script name") + ",\n  " + literal(creates_json(s), "the script's objects"));
  write_schema(out, s.schema);
  for (const auto& r : s.roles) out += call("create_role", literal(r, "role " + text::quote_input(r)));
  for (const auto& m : s.modules) write_module(out, m);
  for (const auto& p : s.privileges) write_privilege(out, p);
  for (const auto& c : s.clients) write_client(out, c, s.secrets);
  if (s.jwt) write_jwt_profile(out, *s.jwt);
  out += "COMMIT;\n";
  out += call("ords_script_end", literal(s.name, "the script name"));
  return out;
}

// Names of `ids` in id order, from a table of (id, name).
std::vector<std::string> role_names(store::Db& db, const std::set<int64_t>& role_ids) {
  std::vector<std::string> out;
  for (int64_t id : role_ids) {
    store::Stmt st = db.prepare("SELECT name FROM ords_sec_role WHERE id = ?1");
    st.bind(1, id);
    if (st.step()) out.push_back(st.text(0));
  }
  return out;
}

// ---- SQL functions ---------------------------------------------------------------------------------

Value export_oauth_client(Call& c) {
  clients::ClientKey key = clients::client_key_arg(c, "client_name");
  bool definitions = c.args.boolean("include_security_definitions", true);
  bool with_secrets = c.args.boolean("include_secrets", false);
  store::Db& db = c.db();
  Snapshot snap(db);
  int64_t schema = schema_of(c);
  if (store::schema_version(db) < 2)
    throw Error(key.param + ": client " + (key.name ? text::quote_input(*key.name) : std::string("named")) +
                " does not exist");
  clients::ClientRow row = clients::require_client(db, schema, key);
  Script s;
  s.schema = read_schema(db, schema);
  s.secrets = with_secrets;
  s.name = "export_oauth_client " + row.name;
  s.header.push_back("ords_security export of OAuth client \"" + row.name + "\" (schema " + s.schema.name + ")" +
                     (definitions ? ", with its roles, privileges and modules" : "") +
                     (with_secrets ? ", with its secret hashes" : ""));
  ClientDef client = read_client(db, row.id);
  if (definitions) {
    // The client's privileges, and every privilege that one of its roles satisfies; the roles of
    // the client and of those privileges; the modules those privileges protect.
    std::set<int64_t> privs, roles, modules;
    store::Stmt cp = db.prepare("SELECT privilege_id FROM ords_sec_client_privilege WHERE client_id = ?1");
    cp.bind(1, row.id);
    for (int64_t id : ids(cp)) privs.insert(id);
    store::Stmt cr = db.prepare("SELECT role_id FROM ords_sec_client_role WHERE client_id = ?1");
    cr.bind(1, row.id);
    for (int64_t id : ids(cr)) roles.insert(id);
    for (int64_t role : std::set<int64_t>(roles)) {
      store::Stmt pr = db.prepare("SELECT privilege_id FROM ords_sec_privilege_role WHERE role_id = ?1");
      pr.bind(1, role);
      for (int64_t id : ids(pr)) privs.insert(id);
    }
    for (int64_t p : privs) {
      store::Stmt pr = db.prepare("SELECT role_id FROM ords_sec_privilege_role WHERE privilege_id = ?1");
      pr.bind(1, p);
      for (int64_t id : ids(pr)) roles.insert(id);
      store::Stmt pm = db.prepare("SELECT module_id FROM ords_sec_privilege_module WHERE privilege_id = ?1");
      pm.bind(1, p);
      for (int64_t id : ids(pm)) modules.insert(id);
    }
    s.roles = role_names(db, roles);
    for (int64_t m : modules) s.modules.push_back(read_module(db, m));
    for (int64_t p : privs) s.privileges.push_back(read_privilege(db, p));
  }
  s.clients.push_back(std::move(client));
  return Value::text(write_script(s));
}

Value export_schema(Call& c) {
  bool with_secrets = c.args.boolean("include_secrets", false);
  store::Db& db = c.db();
  Snapshot snap(db);
  // p_schema (positional, or the named form's schema key), else the current schema.
  std::string name = c.args.has("schema") ? text::upper(c.args.name("schema")) : c.conn.current_schema;
  std::optional<int64_t> found = find_schema_id(c.conn, name);
  if (!found)
    throw Error("p_schema: schema " + (text::showable(name) ? name : std::string(text::kWithheld)) +
                " is not REST-enabled");
  int64_t schema = *found;
  int version = store::schema_version(db);
  Script s;
  s.schema = read_schema(db, schema);
  s.secrets = with_secrets;
  s.name = "export_schema " + s.schema.name;
  s.jwt = read_jwt_profile(db, version, schema);
  s.header.push_back("ords_security export of schema " + s.schema.name +
                     ": its roles, modules, privileges and OAuth clients" +
                     std::string(s.jwt ? ", its JWT profile and keys" : "") +
                     (with_secrets ? ", with the clients' secret hashes" : ""));
  if (version >= 1) {
    store::Stmt r = db.prepare("SELECT name FROM ords_sec_role WHERE schema_id = ?1 ORDER BY id");
    r.bind(1, schema);
    s.roles = texts(r);
    store::Stmt m = db.prepare("SELECT id FROM ords_sec_module WHERE schema_id = ?1 ORDER BY id");
    m.bind(1, schema);
    for (int64_t id : ids(m)) s.modules.push_back(read_module(db, id));
    store::Stmt p = db.prepare("SELECT id FROM ords_sec_privilege WHERE schema_id = ?1 ORDER BY id");
    p.bind(1, schema);
    for (int64_t id : ids(p)) s.privileges.push_back(read_privilege(db, id));
  }
  if (version >= 2) {
    store::Stmt cl = db.prepare("SELECT id FROM ords_sec_client WHERE schema_id = ?1 ORDER BY id");
    cl.bind(1, schema);
    for (int64_t id : ids(cl)) s.clients.push_back(read_client(db, id));
  }
  return Value::text(write_script(s));
}

// ---- the guard's check -----------------------------------------------------------------------------

std::vector<std::string> names_of(const Value& v, const std::string& key) {
  if (v.kind != Value::Kind::Array) throw Error("p_creates." + key + " must be an array of names");
  std::vector<std::string> out;
  for (const auto& item : v.items) {
    if (item.kind != Value::Kind::Text) throw Error("p_creates." + key + " must be an array of names");
    out.push_back(item.s);
  }
  return out;
}

}  // namespace

void check_script_creates(ConnState& st, const Value& creates) {
  if (creates.kind != Value::Kind::Object) throw Error("p_creates must be a JSON object");
  std::string schema_name = "MAIN";
  for (const auto& [k, v] : creates.members)
    if (k == "schema") {
      if (v.kind != Value::Kind::Text) throw Error("p_creates.schema must be a schema name");
      schema_name = text::upper(v.s);
    }
  store::Db& db = st.db;
  int version = store::schema_version(db);
  std::optional<int64_t> schema = find_schema_id(st, schema_name);
  const std::string in = " in schema " + text::show_input(schema_name);
  auto exists = [&](const std::string& what, const std::string& name) {
    return Error(what + " " + text::quote_input(name) + " already exists" + in + " (the script creates it)",
                 Code::Constraint);
  };
  for (const auto& [k, v] : creates.members) {
    if (k == "schema") continue;
    if (k == "jwt_profile") {
      if (v.kind != Value::Kind::Bool) throw Error("p_creates.jwt_profile must be true or false");
      if (v.i == 0 || !schema) continue;
      if (std::optional<jwt_profiles::Row> have = jwt_profiles::find(db, version, *schema))
        throw Error("JWT profile (issuer " + text::quote_input(have->issuer) + ") already exists" + in + " (the script creates it)",
                    Code::Constraint);
      continue;
    }
    if (k == "roles" || k == "privileges" || k == "modules") {
      for (const auto& name : names_of(v, k)) {
        if (!schema || version < 1) continue;
        if (k == "roles" && lookup::role(db, *schema, name)) throw exists("role", name);
        if (k == "privileges" && lookup::privilege(db, *schema, name)) throw exists("privilege", name);
        if (k == "modules" && lookup::module(db, *schema, name)) throw exists("module", name);
      }
      continue;
    }
    if (k == "clients") {
      if (v.kind != Value::Kind::Array) throw Error("p_creates.clients must be an array of {name, client_id}");
      for (const auto& item : v.items) {
        std::string name, client_id;
        for (const auto& [ck, cv] : item.members) {
          if (cv.kind != Value::Kind::Text) continue;
          if (ck == "name") name = cv.s;
          if (ck == "client_id") client_id = cv.s;
        }
        if (item.kind != Value::Kind::Object || name.empty() || client_id.empty())
          throw Error("p_creates.clients must be an array of {name, client_id}");
        if (version < 2) continue;
        if (schema) {
          store::Stmt q = db.prepare("SELECT 1 FROM ords_sec_client WHERE schema_id = ?1 AND name = ?2");
          q.bind(1, *schema).bind(2, name);
          if (q.step()) throw exists("client", name);
        }
        store::Stmt q = db.prepare(
            "SELECT c.name, s.name FROM ords_sec_client c JOIN ords_sec_schema s ON s.id = c.schema_id "
            "WHERE c.client_id = ?1");
        q.bind(1, client_id);
        if (q.step())
          throw Error("the client_id of client " + text::quote_input(name) + " already belongs to client " +
                          text::quote_input(q.text(0)) + " in schema " + text::show_input(q.text(1)) +
                          ": a client_id is unique in a database",
                      Code::Constraint);
      }
      continue;
    }
    throw Error("p_creates: unknown key " + text::quote_key(k) +
                " (expected schema, roles, privileges, modules, clients, jwt_profile)");
  }
}

const std::vector<FnSpec>& export_functions() {
  static const ParamSpec kClientKey{"client_key", ParamType::Object};
  static const std::vector<FnSpec> fns = {
      fn("export_oauth_client", export_oauth_client)
          .direct()
          .with_params({{"client_name", ParamType::Name},
                        {"include_security_definitions", ParamType::Bool},
                        {"include_secrets", ParamType::Bool}})
          .with_named_only({kClientKey}),
      fn("export_schema", export_schema)
          .direct()
          .with_params({{"schema", ParamType::Name}, {"include_secrets", ParamType::Bool}}),
  };
  return fns;
}

}  // namespace ords::exporting
