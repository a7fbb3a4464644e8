// decision.cpp: check_request(p_method, p_path, p_authorization [, p_origin]), the check ORDS
// makes before serving a protected resource (API.md section 7; docs/decision.md).
//
//   select check_request('GET', '/example/resource', 'Bearer ' || :token);
//   -> {"status":200,"schema":"MAIN","privilege":"example_priv","client_id":"...","user":null,
//       "reason":"client \"Example Client\" holds role \"example_role\" of privilege \"example_priv\""}
//
// The decision, in steps, each its own function (and each but the reads testable on its own):
// 1. canonical path: the method is checked and the path made canonical once (canonical.hpp); a
//    refusal is 400.
// 2. schema: the alias of /ords/<alias>/ (or of a whole URL), else the connection's current
//    schema. An alias no enabled schema has is 404: nothing is served there.
// 3. deciding privilege: the most specific pattern or module base path of that schema
//    (match.hpp over model/protection.hpp). None: 200, public.
// 4. authenticate: "Bearer <token>" -> a Principal. A token shaped like a JWT (it holds a '.')
//    is verified by the schema's JWT profile (jwt_auth.hpp); any other is an opaque token of
//    this extension: its session (authenticate.hpp). No header, another scheme, an unknown,
//    expired, consumed or other-schema token, a refused JWT, no JWT profile: 401.
// 5. authorize: the Principal against the deciding privilege, then the Origin (authorize.hpp);
//    403 with a reason that says what would grant access.
// The decision only reads (a read-only connection can decide; many processes can decide without
// contending for the write lock). What it reads of the schemas is cached per connection for one
// data version, and carried across commits that changed no policy (decision_cache.hpp), so
// deleting a mapping, revoking a role or deleting a client takes effect on the next decision, and
// the hot path runs one SQL statement (the session row; its client from the cache).
#include "decision.hpp"

#include "../core/json_writer.hpp"
#include "../jwt/jws.hpp"
#include "../model/sessions.hpp"
#include "../store/schema.hpp"
#include "authenticate.hpp"
#include "authorize.hpp"
#include "canonical.hpp"
#include "decision_cache.hpp"
#include "jwt_auth.hpp"
#include "match.hpp"

namespace ords::policy {

namespace {

// The answer. The privilege's name points into the connection's cache (DecisionData, which
// nothing changes between decide() and to_json()), so the hot path does not copy it.
struct Decision {
  int status = 200;
  std::optional<std::string> schema;
  const std::string* privilege = nullptr;
  std::optional<std::string> client_id, user;
  std::string reason;
};

Decision answer(Decision d, int status, std::string reason) {
  d.status = status;
  d.reason = std::move(reason);
  return d;
}

SecretText to_json(const Decision& d) {
  JsonWriter w(256);  // a decision's answer is 100 to 250 bytes
  w.begin_object().kv("status", static_cast<int64_t>(d.status));
  auto opt = [&](const char* k, const std::optional<std::string>& v) {
    if (v) w.kv(k, *v); else w.kv_null(k);
  };
  auto ptr = [&](const char* k, const std::string* v) {
    if (v) w.kv(k, *v); else w.kv_null(k);
  };
  opt("schema", d.schema);
  ptr("privilege", d.privilege);
  opt("client_id", d.client_id);
  opt("user", d.user);
  w.kv("reason", d.reason).end_object();
  return w.release();
}

// Step 2: the schema that decides, or the 404 reason.
struct SchemaChoice {
  std::optional<protection::SchemaRef> schema;
  const char* refusal = nullptr;
};

SchemaChoice choose_schema(Call& c, DecisionData& dc, const CanonicalPath& cp) {
  SchemaChoice out;
  if (cp.alias) {
    out.schema = schema_by_alias(c.conn, dc, *cp.alias);
    if (!out.schema) out.refusal = "no REST-enabled schema has this alias";
    return out;
  }
  // The named form's `schema` key, else the connection's current schema.
  const std::string current = c.schema_name();
  if (auto id = schema_by_name(c.conn, dc, current)) {
    out.schema = protection::SchemaRef{*id, current};
  } else {
    out.refusal = c.args.has("schema") ? "p_schema names no enabled REST schema"
                                       : "the current schema is not enabled for REST";
  }
  return out;
}

// Step 3: what protects the canonical path in that schema; nullptr for a public path.
const protection::Guard* deciding_privilege(const SchemaProtection& prot, const std::string& path) {
  auto which = prot.index.decide(prot.candidates, path);
  return which ? &prot.guards[*which] : nullptr;
}

// Argument `n`'s text without a copy; nullptr for NULL or absent (what opt_text makes nullopt).
const SecretText* arg_text(const Call& c, const char* n) {
  const Value& v = c.args.get(n);
  return v.is_null() ? nullptr : &v.s;
}

Decision decide(Call& c) {
  Decision d;
  // Step 1: the canonical path.
  const SecretText* method = arg_text(c, "method");
  const SecretText* raw_path = arg_text(c, "path");
  if (!method) return answer(d, 400, "p_method is missing");
  if (!raw_path) return answer(d, 400, "p_path is missing");
  CanonicalPath cp = canonicalize(*method, *raw_path);
  if (!cp.ok()) return answer(d, 400, cp.error);

  ConnState& s = c.conn;
  // The first read of the call: the token's session when there is a well-formed bearer token and
  // the tables may hold one, else the schema cookie. After it the cache can be trusted.
  const SecretText* header = arg_text(c, "authorization");
  std::optional<SecretText> token = header ? bearer(*header) : std::nullopt;
  bool is_jwt = token && jwt::looks_like_jws(*token);
  bool well_formed = token && !is_jwt && tokens::well_formed(*token);
  std::optional<sessions::Access> session;
  const DecisionData* known = cached(s);
  bool read_token_first = well_formed && known && known->version >= 3;
  if (read_token_first)
    session = sessions::find_access(s.db, *token);
  else
    store::schema_version(s.db);
  std::optional<store::Stmt> snapshot;  // held open for the rest of the call when the cache was refreshed
  DecisionData& dc = fresh(s, snapshot);
  if (well_formed && !read_token_first && dc.version >= 3) session = sessions::find_access(s.db, *token);

  // Step 2: the schema.
  SchemaChoice chosen = choose_schema(c, dc, cp);
  if (!chosen.schema) return answer(d, 404, chosen.refusal);
  d.schema = chosen.schema->name;

  // Step 3: the deciding privilege.
  const protection::Guard* deciding = deciding_privilege(protection_of(s, dc, chosen.schema->id), cp.path);
  if (!deciding) return answer(d, 200, "public: no privilege protects this path");
  d.privilege = &deciding->privilege;
  auto protect = [&] { return "protected by privilege \"" + deciding->privilege + "\""; };

  // Step 4: authenticate the bearer into a Principal.
  if (!header) return answer(d, 401, protect() + "; send Authorization: Bearer <access token>");
  if (!token) return answer(d, 401, protect() + "; only Bearer access tokens are accepted");
  Authenticated who;
  if (is_jwt) {
    who = principal_from_jwt(s, dc, *token, *chosen.schema, c.now());
  } else {
    // The client only for a session that can pass: its fields, roles and privileges come from
    // the connection's cache (read once per policy generation).
    int64_t now = c.now();
    const sessions::ClientView* client = nullptr;
    if (session && session->live_access(now) && session->schema_id == chosen.schema->id)
      client = client_of(s, dc, session->client_id);
    who = principal_from_access(session, client, chosen.schema->id, now);
  }
  if (!who.principal) return answer(d, 401, protect() + "; " + who.failure);
  // Step 5 names the client by its name; a JWT's client_id (or azp) claim, when it has one.
  if (!who.principal->client_id.empty()) d.client_id = std::move(who.principal->client_id);
  d.user = who.principal->user;

  // Step 5: authorize.
  Verdict v = authorize(*who.principal, *deciding, c.args.opt_text("origin"));
  return answer(d, v.status, v.reason);
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
