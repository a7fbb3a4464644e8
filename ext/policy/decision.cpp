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

// What the decision reads of the security model, cached per connection. All of it is valid for
// one data version of the database (Db::data_version: any commit, by any connection, changes it),
// and is read again after any change. The hot path (a bearer token on a known schema) then runs
// exactly one SQL statement: the token's session with its client and the client's roles.
struct Protection {
  std::vector<Candidate> candidates;
  std::vector<std::string> names;      // privilege name of candidates[i]
  std::vector<std::vector<std::pair<int64_t, std::string>>> roles;  // (role id, name) of candidates[i]
};

struct DecisionCache {
  bool valid = false;
  uint32_t dv = 0;
  int version = 0;
  std::vector<std::pair<std::string, std::optional<std::pair<int64_t, std::string>>>> aliases;  // alias -> schema
  std::vector<std::pair<std::string, std::optional<int64_t>>> names;                           // name -> id
  std::vector<std::pair<int64_t, Protection>> protection;                                      // schema -> what protects
};

DecisionCache& cache_of(ConnState& s) {
  if (!s.decision_cache) s.decision_cache = std::make_shared<DecisionCache>();
  return *std::static_pointer_cast<DecisionCache>(s.decision_cache);
}

// Call right after a read of this call: the data version is then current.
// Inside this connection's own write transaction the data version does not move with its
// uncommitted changes (and a ROLLBACK takes them back): everything is read afresh then, and the
// cache is left invalid.
DecisionCache& fresh_cache(ConnState& s) {
  DecisionCache& dc = cache_of(s);
  uint32_t dv = s.db.data_version();
  bool writing = s.db.in_write_transaction();
  if (dc.valid && dc.dv == dv && !writing) return dc;
  dc = DecisionCache{};
  dc.version = store::schema_version(s.db);
  dc.dv = s.db.data_version();
  dc.valid = !writing;
  return dc;
}

std::optional<std::pair<int64_t, std::string>> schema_by_alias(ConnState& s, DecisionCache& dc, const std::string& alias) {
  for (const auto& [a, v] : dc.aliases)
    if (a == alias) return v;
  std::optional<std::pair<int64_t, std::string>> found;
  if (dc.version == 0) {
    if (alias == "main") found = std::make_pair(int64_t{1}, std::string("MAIN"));
  } else {
    store::Stmt st = s.db.prepare("SELECT id, name FROM ords_sec_schema WHERE alias = ?1 AND enabled = 1");
    st.bind(1, alias);
    if (st.step()) found = std::make_pair(st.int64(0), st.text(1));
  }
  if (dc.aliases.size() < 64) dc.aliases.emplace_back(alias, found);
  return found;
}

std::optional<int64_t> schema_by_name(ConnState& s, DecisionCache& dc, const std::string& name) {
  for (const auto& [n, v] : dc.names)
    if (n == name) return v;
  std::optional<int64_t> id = find_schema_id(s, name);
  if (id && dc.version > 0) {  // a disabled schema serves nothing, as under /ords/<alias>/
    store::Stmt st = s.db.prepare("SELECT enabled FROM ords_sec_schema WHERE id = ?1");
    st.bind(1, *id);
    if (!st.step() || st.int64(0) != 1) id.reset();
  }
  if (dc.names.size() < 64) dc.names.emplace_back(name, id);
  return id;
}

const Protection& protection_of(ConnState& s, DecisionCache& dc, int64_t schema_id) {
  for (const auto& [id, p] : dc.protection)
    if (id == schema_id) return p;
  Protection p;
  if (dc.version >= 1) {
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
    for (const auto& cand : p.candidates) {
      store::Stmt r = s.db.prepare(
          "SELECT r.id, r.name FROM ords_sec_privilege_role pr JOIN ords_sec_role r ON r.id = pr.role_id "
          "WHERE pr.privilege_id = ?1 ORDER BY r.name");
      r.bind(1, cand.privilege_id);
      std::vector<std::pair<int64_t, std::string>> roles;
      while (r.step()) roles.emplace_back(r.int64(0), r.text(1));
      p.roles.push_back(std::move(roles));
    }
  }
  if (dc.protection.size() >= 16) dc.protection.clear();
  dc.protection.emplace_back(schema_id, std::move(p));
  return dc.protection.back().second;
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

// True when `item` is one of the `sep`-separated items of `list` (a scope's privilege names, a
// group_concat of ids).
bool list_has(const std::string& list, char sep, const std::string& item) {
  size_t i = 0;
  while (i <= list.size()) {
    size_t j = list.find(sep, i);
    if (j == std::string::npos) j = list.size();
    if (j - i == item.size() && list.compare(i, j - i, item) == 0) return true;
    i = j + 1;
  }
  return false;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// The token's session, its client, and the client's role ids; read before anything else of the
// call, so that the data version checked after it is current.
struct TokenRow {
  int64_t schema_id = 0, expires_on = 0, client = 0;
  bool live_access = false;
  std::string client_id, client_name, grant_type, role_ids, privilege_ids;
  std::optional<std::string> user, scope, origins;
};

std::optional<TokenRow> token_row(store::Db& db, const std::string& token) {
  tokens::Digest dg = tokens::digest(token);
  store::Stmt st = db.prepare(
      "SELECT s.schema_id, s.kind = 'access' AND s.consumed_on IS NULL, s.expires_on, s.user_name, s.scope, "
      "c.id, c.client_id, c.name, c.grant_type, c.origins_allowed, "
      "(SELECT group_concat(cr.role_id) FROM ords_sec_client_role cr WHERE cr.client_id = c.id), "
      "(SELECT group_concat(cp.privilege_id) FROM ords_sec_client_privilege cp WHERE cp.client_id = c.id) "
      "FROM ords_sec_session s JOIN ords_sec_client c ON c.id = s.client_id WHERE s.digest = ?1");
  st.bind_blob(1, dg.data(), dg.size());
  if (!st.step()) return std::nullopt;
  TokenRow t;
  t.schema_id = st.int64(0);
  t.live_access = st.int64(1) != 0;
  t.expires_on = st.int64(2);
  t.user = st.opt_text(3);
  t.scope = st.opt_text(4);
  t.client = st.int64(5);
  t.client_id = st.text(6);
  t.client_name = st.text(7);
  t.grant_type = st.text(8);
  t.origins = st.opt_text(9);
  if (!st.is_null(10)) t.role_ids = st.text(10);
  if (!st.is_null(11)) t.privilege_ids = st.text(11);
  return t;
}

Decision decide(Call& c) {
  Decision d;
  auto method = c.args.opt_text("method");
  auto raw_path = c.args.opt_text("path");
  if (!method) { d.status = 400; d.reason = "p_method is missing"; return d; }
  if (!raw_path) { d.status = 400; d.reason = "p_path is missing"; return d; }
  CanonicalPath cp = canonicalize(*method, *raw_path);
  if (!cp.ok()) { d.status = 400; d.reason = cp.error; return d; }

  ConnState& s = c.conn;
  store::Db& db = s.db;

  // The first read of the call: the token's row when there is a well-formed bearer token and the
  // tables may hold one, else the schema cookie. After it the cache can be trusted.
  auto header = c.args.opt_text("authorization");
  std::optional<std::string> token = header ? bearer(*header) : std::nullopt;
  bool well_formed = token && tokens::well_formed(*token);
  std::optional<TokenRow> row;
  const DecisionCache& known = cache_of(s);
  bool read_token_first = well_formed && known.valid && known.version >= 3;
  if (read_token_first)
    row = token_row(db, *token);
  else
    store::schema_version(db);
  DecisionCache& dc = fresh_cache(s);
  if (well_formed && !read_token_first && dc.version >= 3) row = token_row(db, *token);

  // The schema.
  std::optional<int64_t> schema_id;
  if (cp.alias) {
    auto found = schema_by_alias(s, dc, *cp.alias);
    if (!found) { d.status = 404; d.reason = "no REST-enabled schema has this alias"; return d; }
    schema_id = found->first;
    d.schema = found->second;
  } else {
    // The named form's `schema` key, else the connection's current schema.
    const std::string current = c.schema_name();
    schema_id = schema_by_name(s, dc, current);
    if (!schema_id) {
      d.status = 404;
      d.reason = c.args.has("schema") ? "p_schema names no enabled REST schema" : "the current schema is not enabled for REST";
      return d;
    }
    d.schema = current;
  }

  // The privilege.
  const Protection& prot = protection_of(s, dc, *schema_id);
  auto which = deciding_candidate(prot.candidates, cp.path);
  if (!which) { d.status = 200; d.reason = "public: no privilege protects this path"; return d; }
  const std::string& privilege = prot.names[*which];
  const auto& roles = prot.roles[*which];
  d.privilege = privilege;
  std::string protect = "protected by privilege " + quoted(privilege);

  // The credentials.
  if (!header) { d.status = 401; d.reason = protect + "; send Authorization: Bearer <access token>"; return d; }
  if (!token) { d.status = 401; d.reason = protect + "; only Bearer access tokens are accepted"; return d; }
  if (!row || !row->live_access || row->expires_on <= c.now() || row->schema_id != *schema_id) {
    d.status = 401;
    d.reason = protect + "; the token is unknown, expired or revoked";
    return d;
  }
  d.client_id = row->client_id;
  d.user = row->user;

  // Satisfied?
  if (row->grant_type == "client_credentials") {
    const std::string* held = nullptr;
    for (const auto& [id, name] : roles)
      if (list_has(row->role_ids, ',', std::to_string(id))) { held = &name; break; }
    if (!roles.empty() && !held) {
      std::string list;
      for (size_t i = 0; i < roles.size(); i++)
        list += (i ? (i + 1 == roles.size() ? " or " : ", ") : "") + quoted(roles[i].second);
      d.status = 403;
      d.reason = protect + ", which needs role " + list + "; client " + quoted(row->client_name) +
                 " holds none: grant_client_role(" + quoted(row->client_name) + ", " + quoted(roles[0].second) + ")";
      return d;
    }
    d.reason = held ? "client " + quoted(row->client_name) + " holds role " + quoted(*held) + " of privilege " + quoted(privilege)
                    : "privilege " + quoted(privilege) + " has no roles: any valid token of the schema satisfies it";
  } else {
    if (!row->scope || !list_has(*row->scope, ' ', privilege)) {
      d.status = 403;
      d.reason = protect + ", which the token's approved scope does not name; ask for scope " + quoted(privilege) +
                 " when authorizing";
      return d;
    }
    // The approval holds only while the client still lists the privilege: taking it out of the
    // client's p_privilege_names takes it from the tokens already issued.
    if (!list_has(row->privilege_ids, ',', std::to_string(prot.candidates[*which].privilege_id))) {
      d.status = 403;
      d.reason = protect + ", which client " + quoted(row->client_name) +
                 " no longer lists; give it back with update_client_privileges";
      return d;
    }
    d.reason = "the token's approved scope names privilege " + quoted(privilege);
  }
  auto origin = c.args.opt_text("origin");
  if (origin && row->origins && !text::trim(*row->origins).empty() && !origin_allowed(*row->origins, *origin)) {
    d.status = 403;
    d.reason = protect + "; the request's Origin is not in client " + quoted(row->client_name) + "'s origins_allowed";
    return d;
  }
  d.status = 200;
  return d;
}

Value check_request(Call& c) { return Value::json_text(to_json(decide(c))); }

}  // namespace

const std::vector<FnSpec>& decision_functions() {
  static const std::vector<FnSpec> fns = {
      fn("check_request", check_request)
          .direct()
          .with_params({{"method", ParamType::Raw}, {"path", ParamType::Raw}, {"authorization", ParamType::Raw}, {"origin", ParamType::Raw}})
          .returns_json(),
  };
  return fns;
}

}  // namespace ords::policy
