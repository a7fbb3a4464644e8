// clients.cpp: OAuth clients (API.md section 5): register_client, import_client, create_client
// (OAUTH, legacy) and update_client, and the registration table of every client function (the
// single-attribute ones are in client_edits.cpp, the lookups for the token endpoint in
// client_lookup.cpp, the secrets in secrets.cpp).
//
//   select register_client('CLIENT_TEST', 'client_credentials', 'test@example.org');
//   select register_client(json_object('name', 'APP', 'grant_type', 'authorization_code',
//            'support_email', 'test@example.org', 'description', 'An app',
//            'redirect_uri', 'https://example.org/cb', 'client_secret', json_object('stored', json('false'))));
//   select grant_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');
//   select update_client_token_duration('CLIENT_TEST', 600, NULL, NULL);
//
// Rules (client_rules.hpp holds the checks): names are unique within the schema; client_id is
// unique in the database (16 random bytes, base64url, "..", unless import_client keeps a given
// one); description and redirect URI are required except for client_credentials; privileges and
// roles must exist in the client's schema. Every function is a Writer (SQLITE_DIRECTONLY, in a
// savepoint): it changes who may call what, and a call that fails changes nothing.
// register_client returns credentials, import_client the client key, update_client the key in its
// client_key form (ORDS's function overload) and NULL in its p_name form (ORDS's procedure).
// Choices where ORDS is silent are written down in docs/reference.md and docs/secrets.md.
#include "clients.hpp"

#include "../core/crypto.hpp"
#include "../core/error.hpp"
#include "../core/text.hpp"
#include "client_edits.hpp"
#include "client_key.hpp"
#include "client_results.hpp"
#include "client_rules.hpp"
#include "client_writes.hpp"
#include "schemas.hpp"
#include "secrets.hpp"

namespace ords::clients {

namespace {

// The attributes register_client, import_client, create_client and update_client share.
struct Fields {
  std::optional<std::string> description, redirect_uri, support_email, support_uri, origins;
  Durations d;
  std::vector<std::string> privileges;
};

// Reads and checks the attributes; `grant` decides what may be NULL.
Fields read_fields(const Call& c, const std::string& grant, bool email_required, bool durations) {
  Fields f;
  f.description = c.args.opt_text("description");
  if (f.description) check_description("p_description", *f.description);
  f.redirect_uri = c.args.opt_text("redirect_uri");
  if (f.redirect_uri) check_redirect_uri("p_redirect_uri", *f.redirect_uri);
  check_required_for_grant(grant, f.description, f.redirect_uri);
  f.support_email = email_required ? std::optional<std::string>(c.args.text("support_email"))
                                   : std::optional<std::string>(c.args.opt_text("support_email"));
  if (f.support_email) check_line("p_support_email", *f.support_email);
  f.support_uri = c.args.opt_text("support_uri");
  if (f.support_uri) check_line("p_support_uri", *f.support_uri);
  f.origins = check_origins("p_origins_allowed", c.args.opt_text("origins_allowed"));
  f.privileges = c.args.opt_list("privilege_names").value_or(std::vector<std::string>{});
  if (durations) f.d = read_durations(c);
  return f;
}

bool client_id_taken(store::Db& db, const std::string& client_id) {
  store::Stmt st = db.prepare("SELECT 1 FROM ords_sec_client WHERE client_id = ?1");
  st.bind(1, client_id);
  return st.step();
}

// Inserts a client; `client_id` empty: generate one. Returns its row.
ClientRow insert_client(Call& c, int64_t schema, const std::string& name, const std::string& grant,
                        const Fields& f, std::string client_id) {
  store::Db& db = c.db();
  require_free_name(db, schema, name, "p_name");
  std::vector<int64_t> privs = privilege_ids(db, schema, f.privileges, "p_privilege_names");
  if (client_id.empty()) {
    // 128 random bits do not collide in practice; checking costs one lookup and rules it out.
    do client_id = crypto::new_ords_id(c.conn.rng).str();
    while (client_id_taken(db, client_id));
  } else if (client_id_taken(db, client_id)) {
    throw Error("p_client_id: a client with client_id " + text::quote_input(client_id) + " already exists", Code::Constraint);
  }
  store::Stmt ins = db.prepare(
      "INSERT INTO ords_sec_client(schema_id, name, client_id, grant_type, description, redirect_uri, support_email, "
      "support_uri, origins_allowed, token_duration, refresh_duration, code_duration, created_on, updated_on) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)");
  ins.bind(1, schema).bind(2, name).bind(3, client_id).bind(4, grant);
  ins.bind_opt(5, f.description);
  ins.bind_opt(6, f.redirect_uri);
  ins.bind_opt(7, f.support_email);
  ins.bind_opt(8, f.support_uri);
  ins.bind_opt(9, f.origins);
  ins.bind_opt(10, f.d.token);
  ins.bind_opt(11, f.d.refresh);
  ins.bind_opt(12, f.d.code);
  ins.bind(13, c.now());
  ins.run();
  ClientRow row{db.last_insert_id(), name, client_id, grant};
  set_privileges(db, row.id, privs);
  return row;
}

// ---- SQL functions -------------------------------------------------------------------------------

Value register_client(Call& c) {
  SecretText name = c.args.name("name");
  std::string grant = check_grant_type("p_grant_type", c.args.text("grant_type"));
  Fields f = read_fields(c, grant, true, true);
  secrets::SecretSpec spec = secrets::secret_spec_arg(c, c.args.get("client_secret"), "p_client_secret", false);
  if (spec.given && grant == "implicit")
    throw Error("p_client_secret: an implicit client has no client secret (it cannot keep one)");
  c.begin_write();
  int64_t schema = schema_of(c);
  ClientRow row = insert_client(c, schema, name, grant, f, "");
  if (!spec.given) return Value::json_text(credentials_json(row, SecretOut{}));
  secrets::Made made = secrets::issue(c.conn, row.id, std::move(spec), false);
  SecretText secret = made.secret.str();
  SecretText json = credentials_json(row, SecretOut{&secret, made.issued.slot, made.issued.issued_on});
  return Value::json_text(std::move(json));
}

Value import_client(Call& c) {
  SecretText name = c.args.name("name");
  std::string grant = check_grant_type("p_grant_type", c.args.text("grant_type"));
  Fields f = read_fields(c, grant, true, true);
  std::string client_id = c.args.opt_text("client_id").value_or("");
  if (c.args.has("client_id")) check_client_id("p_client_id", client_id);
  c.begin_write();
  int64_t schema = schema_of(c);
  ClientRow row = insert_client(c, schema, name, grant, f, client_id);
  return Value::json_text(client_key_json(row));
}

Value create_client(Call& c) {
  SecretText name = c.args.name("name");
  std::string grant = check_grant_type("p_grant_type", c.args.text("grant_type"));
  Fields f = read_fields(c, grant, false, true);
  c.begin_write();
  int64_t schema = schema_of(c);
  ClientRow row = insert_client(c, schema, name, grant, f, "");
  if (grant != "implicit") {
    // OAUTH.CREATE_CLIENT's secret is readable in user_ords_clients: a stored secret, slot 1.
    secrets::SecretSpec spec;
    spec.given = true;
    spec.slot = 1;
    spec.stored = true;
    secrets::issue(c.conn, row.id, std::move(spec), false);
  }
  return Value::null();
}

Value update_client(Call& c) {
  if (!c.named && c.argc != 7 && c.argc != 11)
    throw Error("takes 7 arguments (p_name, p_new_name, p_description, p_origins_allowed, p_redirect_uri, "
                "p_support_email, p_support_uri) or 11 (p_name, p_new_name, p_description, p_privilege_names, "
                "p_origins_allowed, p_redirect_uri, p_support_email, p_support_uri, p_token_duration, "
                "p_refresh_duration, p_code_duration), got " + std::to_string(c.argc));
  ClientKey key = client_key_arg(c, "name");
  // The 11-argument form (or a named call that names a privilege list or a duration) also
  // replaces the privileges and durations; the 7-argument form leaves them as they are.
  bool full = c.named ? (c.args.given("privilege_names") || c.args.given("token_duration") ||
                         c.args.given("refresh_duration") || c.args.given("code_duration"))
                      : c.argc == 11;
  std::optional<std::string> new_name = c.args.opt_text("new_name");
  SecretText email = c.args.text("support_email");
  c.begin_write();
  store::Db& db = c.db();
  int64_t schema = schema_of(c);
  ClientRow row = require_client(db, schema, key);
  Fields f = read_fields(c, row.grant_type, true, full);
  if (new_name) require_free_name(db, schema, *new_name, "p_new_name", row.id);
  std::vector<int64_t> privs;
  if (full) privs = privilege_ids(db, schema, f.privileges, "p_privilege_names");
  store::Stmt up = db.prepare(
      "UPDATE ords_sec_client SET name = coalesce(?2, name), description = ?3, origins_allowed = ?4, "
      "redirect_uri = ?5, support_email = ?6, support_uri = ?7, updated_on = ?8 WHERE id = ?1");
  up.bind(1, row.id);
  up.bind_opt(2, new_name);
  up.bind_opt(3, f.description);
  up.bind_opt(4, f.origins);
  up.bind_opt(5, f.redirect_uri);
  up.bind(6, email);
  up.bind_opt(7, f.support_uri);
  up.bind(8, c.now());
  up.run();
  if (full) {
    set_privileges(db, row.id, privs);
    store::Stmt d = db.prepare(
        "UPDATE ords_sec_client SET token_duration = ?2, refresh_duration = ?3, code_duration = ?4 WHERE id = ?1");
    d.bind(1, row.id);
    d.bind_opt(2, f.d.token);
    d.bind_opt(3, f.d.refresh);
    d.bind_opt(4, f.d.code);
    d.run();
  }
  // ORDS: the t_client_key overloads are functions returning the client's key (examples 8-10,
  // 8-12); the p_name ones are procedures.
  if (!c.args.object("client_key")) return Value::null();
  if (new_name) row.name = *new_name;
  return Value::json_text(client_key_json(row));
}

}  // namespace

const std::vector<FnSpec>& client_functions() {
  static const ParamSpec kClientKey{"client_key", ParamType::Object};
  static const ParamSpec kName{"name", ParamType::Name};  // or client_key, in the named form
  static const std::vector<FnSpec> fns = {
      fn("register_client", register_client)
          .writer()
          .with_params({{"name", ParamType::Name, true},
                        {"grant_type", ParamType::Name, true},
                        {"support_email", ParamType::Text, true, 255},
                        {"description", ParamType::Text},
                        {"privilege_names", ParamType::List},
                        {"origins_allowed", ParamType::Text},
                        {"redirect_uri", ParamType::Text, false, 2048},
                        {"support_uri", ParamType::Text, false, 2048},
                        {"token_duration", ParamType::Int},
                        {"refresh_duration", ParamType::Int},
                        {"code_duration", ParamType::Int}})
          .with_named_only({{"client_secret", ParamType::Object}})
          .returns_json(),
      fn("import_client", import_client)
          .writer()
          .with_params({{"name", ParamType::Name, true},
                        {"grant_type", ParamType::Name, true},
                        {"support_email", ParamType::Text, true, 255},
                        {"description", ParamType::Text},
                        {"client_id", ParamType::Text, false, 255},
                        {"privilege_names", ParamType::List},
                        {"origins_allowed", ParamType::Text},
                        {"redirect_uri", ParamType::Text, false, 2048},
                        {"support_uri", ParamType::Text, false, 2048},
                        {"token_duration", ParamType::Int},
                        {"refresh_duration", ParamType::Int},
                        {"code_duration", ParamType::Int}})
          .with_named_only({{"owner", ParamType::Text, false, 255}})  // deprecated in ORDS, accepted and ignored
          .returns_json(),
      fn("create_client", create_client)
          .writer()
          .with_params({{"name", ParamType::Name, true},
                        {"grant_type", ParamType::Name, true},
                        {"owner", ParamType::Text, false, 255},  // deprecated in ORDS, accepted and ignored
                        {"description", ParamType::Text},
                        {"origins_allowed", ParamType::Text},
                        {"redirect_uri", ParamType::Text, false, 2048},
                        {"support_email", ParamType::Text, false, 255},
                        {"support_uri", ParamType::Text, false, 2048},
                        {"privilege_names", ParamType::List},
                        {"token_duration", ParamType::Int},
                        {"refresh_duration", ParamType::Int},
                        {"code_duration", ParamType::Int}}),
      fn("update_client", update_client)
          .writer()
          .with_params({kName,
                        {"new_name", ParamType::Name},
                        {"description", ParamType::Text},
                        {"privilege_names", ParamType::List},
                        {"origins_allowed", ParamType::Text},
                        {"redirect_uri", ParamType::Text, false, 2048},
                        {"support_email", ParamType::Text, false, 255},
                        {"support_uri", ParamType::Text, false, 2048},
                        {"token_duration", ParamType::Int},
                        {"refresh_duration", ParamType::Int},
                        {"code_duration", ParamType::Int}})
          .with_named_only({kClientKey})
          .returns_json()  // the client_key form returns the key (JSON)
          .also_positional({"name", "new_name", "description", "origins_allowed", "redirect_uri", "support_email", "support_uri"}),
      fn("update_client_privileges", edits::update_client_privileges)
          .writer()
          .with_params({kName, {"privilege_names", ParamType::List}})
          .with_named_only({kClientKey}),
      fn("update_client_token_duration", edits::update_client_token_duration)
          .writer()
          .with_params({kName, {"token_duration", ParamType::Int}, {"refresh_duration", ParamType::Int}, {"code_duration", ParamType::Int}})
          .with_named_only({kClientKey}),
      fn("update_client_logo", edits::update_client_logo)
          .writer()
          .with_params({kName, {"content_type", ParamType::Text, true, 255}, {"logo", ParamType::Json}})
          .with_named_only({kClientKey}),
      fn("rename_client", edits::rename_client)
          .writer()
          .with_params({kName, {"new_name", ParamType::Name, true}})
          .with_named_only({kClientKey}),
      fn("delete_client", edits::delete_client)
          .writer()
          .with_params({kName})
          .with_named_only({kClientKey}),
      fn("grant_client_role", edits::grant_client_role)
          .writer()
          .with_params({{"client_name", ParamType::Name}, {"role_name", ParamType::Name, true}})
          .with_named_only({kClientKey}),
      fn("revoke_client_role", edits::revoke_client_role)
          .writer()
          .with_params({{"client_name", ParamType::Name}, {"role_name", ParamType::Name, true}})
          .with_named_only({kClientKey}),
  };
  return fns;
}

}  // namespace ords::clients
