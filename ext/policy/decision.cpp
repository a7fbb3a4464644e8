// decision.cpp: check_request(p_method, p_path, p_authorization [, p_origin]), the check ORDS
// makes before serving a protected resource (API.md section 7; docs/decision.md).
//
//   select check_request('GET', '/example/resource', 'Bearer ' || :token);
//   -> {"status":200,"schema":"MAIN","privilege":"example_priv","client_id":"...","user":null,
//       "reason":"client \"Example Client\" holds role \"example_role\" of privilege \"example_priv\""}
//
// 1. The method is checked and the path made canonical once (canonical.hpp); a refusal is 400.
// 2. The schema: the alias of /ords/<alias>/ (or of a whole URL), else the connection's current
//    schema. An alias no enabled schema has is 404: nothing is served there.
// 3. The privilege: the most specific pattern or module base path of that schema (match.hpp).
//    None: 200, public.
// 4. The credentials: "Bearer <token>" (scheme in any case). No header, another scheme, an
//    unknown, expired, consumed or other-schema token: 401.
// 5. Satisfied: a client_credentials token whose client holds one of the privilege's roles (any
//    token of the schema when the privilege has no roles); an authorization_code or implicit
//    token whose scope names the privilege. With an Origin and a client that lists
//    origins_allowed, the origin must start with one of them. Otherwise 403, and the reason says
//    what would grant access.
// The decision only reads (a read-only connection can decide; many processes can decide without
// contending for the write lock). What it reads of the schema's patterns is cached per connection
// and dropped whenever the database changes (Db::data_version), so deleting a mapping, revoking a
// role or deleting a client takes effect on the next decision.
#include "decision.hpp"

#include <memory>

#include "../core/json_writer.hpp"
#include "../core/text.hpp"
#include "../model/schemas.hpp"
#include "../model/token_codec.hpp"
#include "../store/schema.hpp"
#include "canonical.hpp"
#include "match.hpp"

namespace ords::policy {

namespace {

struct Decision {
  int status = 200;
  std::optional<std::string> schema, privilege, client_id, user;
  std::string reason;
};

std::string to_json(const Decision& d) {
  JsonWriter w;
  w.begin_object().kv("status", static_cast<int64_t>(d.status));
  auto opt = [&](const char* k, const std::optional<std::string>& v) {
    if (v) w.kv(k, *v); else w.kv_null(k);
  };
  opt("schema", d.schema);
  opt("privilege", d.privilege);
  opt("client_id", d.client_id);
  opt("user", d.user);
  w.kv("reason", d.reason).end_object();
  return w.text();
}

// What a schema's privileges protect, as last read; valid while the database is unchanged.
struct SchemaPolicy {
  int64_t schema_id = -1;
  uint32_t data_version = 0;
  int version = -1;
  std::vector<Candidate> candidates;
  std::vector<std::string> names;  // privilege name of candidates[i]
};

struct DecisionCache {
  SchemaPolicy policy;
  // the id of the connection's current schema, as of data version current_dv
  std::string current_name;
  uint32_t current_dv = 0;
  std::optional<int64_t> current_id;
};

DecisionCache& cache_of(Session& s) {
  if (!s.decision_cache) s.decision_cache = std::make_shared<DecisionCache>();
  return *std::static_pointer_cast<DecisionCache>(s.decision_cache);
}

const SchemaPolicy& policy_of(Session& s, int64_t schema_id, int version) {
  SchemaPolicy& p = cache_of(s).policy;
  uint32_t dv = s.db.data_version();
  // Inside this connection's own write transaction, data_version() does not move with its
  // uncommitted changes (and a ROLLBACK takes them back): read afresh, and keep nothing.
  bool writing = s.db.in_write_transaction();
  if (!writing && p.schema_id == schema_id && p.data_version == dv && p.version == version) return p;
  p = SchemaPolicy{};
  p.schema_id = writing ? -1 : schema_id;
  p.data_version = dv;
  p.version = version;
  if (version >= 1) {
    store::Stmt st = s.db.prepare(
        "SELECT p.id, p.name, m.pattern, 0 FROM ords_sec_privilege_pattern m "
        "JOIN ords_sec_privilege p ON p.id = m.privilege_id WHERE p.schema_id = ?1 "
        "UNION ALL "
        "SELECT p.id, p.name, mo.base_path, 1 FROM ords_sec_privilege_module pm "
        "JOIN ords_sec_privilege p ON p.id = pm.privilege_id "
        "JOIN ords_sec_module mo ON mo.id = pm.module_id WHERE p.schema_id = ?1");
    st.bind(1, schema_id);
    while (st.step()) {
      p.candidates.push_back(Candidate{st.int64(3) ? Candidate::Kind::ModuleBase : Candidate::Kind::Pattern,
                                       st.text(2), st.int64(0)});
      p.names.push_back(st.text(1));
    }
  }
  return p;
}

// "Bearer <token>" -> the token; nullopt for another scheme or a malformed value.
std::optional<std::string> bearer(const std::string& header) {
  std::string h = text::trim(header);
  if (h.size() < 7 || text::lower(h.substr(0, 7)) != "bearer ") return std::nullopt;
  std::string t = text::trim(h.substr(7));
  if (t.empty() || t.find(' ') != std::string::npos) return std::nullopt;
  return t;
}

bool origin_allowed(const std::string& allowed_csv, const std::string& origin) {
  for (const auto& prefix : text::split_list(allowed_csv))
    if (origin.compare(0, prefix.size(), prefix) == 0) return true;
  return false;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

Decision decide(Call& c) {
  Decision d;
  auto method = c.args.opt_text("method");
  auto raw_path = c.args.opt_text("path");
  if (!method) { d.status = 400; d.reason = "p_method is missing"; return d; }
  if (!raw_path) { d.status = 400; d.reason = "p_path is missing"; return d; }
  CanonicalPath cp = canonicalize(*method, *raw_path);
  if (!cp.ok()) { d.status = 400; d.reason = cp.error; return d; }

  Session& s = c.session;
  store::Db& db = s.db;
  int version = store::schema_version(db);
  // The schema.
  std::optional<int64_t> schema_id;
  if (cp.alias) {
    if (version == 0) {
      if (*cp.alias == "main") { schema_id = 1; d.schema = "MAIN"; }
    } else {
      store::Stmt st = db.prepare("SELECT id, name FROM ords_sec_schema WHERE alias = ?1 AND enabled = 1");
      st.bind(1, *cp.alias);
      if (st.step()) { schema_id = st.int64(0); d.schema = st.text(1); }
    }
    if (!schema_id) { d.status = 404; d.reason = "no REST-enabled schema has this alias"; return d; }
  } else {
    // The named form's `schema` key, else the connection's current schema.
    const std::string current = c.schema_name();
    DecisionCache& dc = cache_of(s);
    uint32_t dv = db.data_version();  // current: schema_version() above has just read
    if (dc.current_name != current || dc.current_dv != dv || !dc.current_id) {
      dc.current_id = find_schema_id(s, current);
      dc.current_name = current;
      dc.current_dv = dv;
    }
    schema_id = dc.current_id;
    if (!schema_id) {
      d.status = 404;
      d.reason = c.args.has("schema") ? "p_schema names no REST-enabled schema" : "the current schema is not REST-enabled";
      return d;
    }
    d.schema = current;
  }

  // The privilege.
  const SchemaPolicy& policy = policy_of(s, *schema_id, version);
  auto which = deciding_candidate(policy.candidates, cp.path);
  if (!which) { d.status = 200; d.reason = "public: no privilege protects this path"; return d; }
  int64_t privilege_id = policy.candidates[*which].privilege_id;
  const std::string privilege = policy.names[*which];
  d.privilege = privilege;
  std::string protect = "protected by privilege " + quoted(privilege);

  // The credentials.
  auto header = c.args.opt_text("authorization");
  if (!header) { d.status = 401; d.reason = protect + "; send Authorization: Bearer <access token>"; return d; }
  auto token = bearer(*header);
  if (!token) { d.status = 401; d.reason = protect + "; only Bearer access tokens are accepted"; return d; }
  if (version < 3 || !tokens::well_formed(*token)) {
    d.status = 401;
    d.reason = protect + "; the token is unknown, expired or revoked";
    return d;
  }
  tokens::Digest dg = tokens::digest(*token);
  store::Stmt st = db.prepare(
      "SELECT s.schema_id, s.kind, s.expires_on, s.consumed_on, s.user_name, s.scope, "
      "c.id, c.client_id, c.name, c.grant_type, c.origins_allowed "
      "FROM ords_sec_session s JOIN ords_sec_client c ON c.id = s.client_id WHERE s.digest = ?1");
  st.bind_blob(1, dg.data(), dg.size());
  if (!st.step() || st.text(1) != "access" || st.int64(2) <= c.now() || !st.is_null(3) ||
      st.int64(0) != *schema_id) {
    d.status = 401;
    d.reason = protect + "; the token is unknown, expired or revoked";
    return d;
  }
  int64_t client = st.int64(6);
  std::string client_name = st.text(8), grant_type = st.text(9);
  d.client_id = st.text(7);
  if (!st.is_null(4)) d.user = st.text(4);
  std::optional<std::string> scope, origins;
  if (!st.is_null(5)) scope = st.text(5);
  if (!st.is_null(10)) origins = st.text(10);

  // Satisfied?
  if (grant_type == "client_credentials") {
    store::Stmt roles = db.prepare(
        "SELECT r.name, EXISTS (SELECT 1 FROM ords_sec_client_role cr WHERE cr.client_id = ?2 AND cr.role_id = r.id) "
        "FROM ords_sec_privilege_role pr JOIN ords_sec_role r ON r.id = pr.role_id "
        "WHERE pr.privilege_id = ?1 ORDER BY r.name");
    roles.bind(1, privilege_id).bind(2, client);
    std::vector<std::string> needed;
    std::optional<std::string> held;
    while (roles.step()) {
      needed.push_back(roles.text(0));
      if (roles.int64(1) && !held) held = roles.text(0);
    }
    if (!needed.empty() && !held) {
      std::string list;
      for (size_t i = 0; i < needed.size(); i++) list += (i ? i + 1 == needed.size() ? " or " : ", " : "") + quoted(needed[i]);
      d.status = 403;
      d.reason = protect + ", which needs role " + list + "; client " + quoted(client_name) +
                 " holds none: grant_client_role(" + quoted(client_name) + ", " + quoted(needed[0]) + ")";
      return d;
    }
    d.reason = held ? "client " + quoted(client_name) + " holds role " + quoted(*held) + " of privilege " + quoted(privilege)
                    : "privilege " + quoted(privilege) + " has no roles: any valid token of the schema satisfies it";
  } else {
    bool in_scope = false;
    if (scope) {  // space-separated privilege names
      size_t i = 0;
      const std::string& sc = *scope;
      while (i <= sc.size() && !in_scope) {
        size_t j = sc.find(' ', i);
        if (j == std::string::npos) j = sc.size();
        in_scope = sc.compare(i, j - i, privilege) == 0 && j - i == privilege.size();
        i = j + 1;
      }
    }
    if (!in_scope) {
      d.status = 403;
      d.reason = protect + ", which the token's approved scope does not name; ask for scope " + quoted(privilege) +
                 " when authorizing";
      return d;
    }
    // The approval holds only while the client still lists the privilege: taking it out of the
    // client's p_privilege_names takes it from the tokens already issued.
    store::Stmt listed = db.prepare(
        "SELECT 1 FROM ords_sec_client_privilege WHERE client_id = ?1 AND privilege_id = ?2");
    listed.bind(1, client).bind(2, privilege_id);
    if (!listed.step()) {
      d.status = 403;
      d.reason = protect + ", which client " + quoted(client_name) +
                 " no longer lists; give it back with update_client_privileges";
      return d;
    }
    d.reason = "the token's approved scope names privilege " + quoted(privilege);
  }
  auto origin = c.args.opt_text("origin");
  if (origin && origins && !text::trim(*origins).empty() && !origin_allowed(*origins, *origin)) {
    d.status = 403;
    d.reason = protect + "; the request's Origin is not in client " + quoted(client_name) + "'s origins_allowed";
    return d;
  }
  d.status = 200;
  return d;
}

Value check_request(Call& c) { return Value::json_text(to_json(decide(c))); }

}  // namespace

const std::vector<FnSpec>& decision_functions() {
  static const std::vector<FnSpec> fns = {
      {"check_request",
       {{"method", ParamType::Raw}, {"path", ParamType::Raw}, {"authorization", ParamType::Raw}, {"origin", ParamType::Raw}},
       {},
       FnKind::Direct,
       check_request,
       true},
  };
  return fns;
}

}  // namespace ords::policy
