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
// The answer is written once, straight into the caller's buffer (Answer below): the strings
// escaped as they go in, each reason in pieces, nothing of the cache copied (ISSUE 14).
#include "decision.hpp"

#include "../core/error.hpp"
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

// The answer, written into the caller's buffer in one pass:
//   {"status":200,"schema":"MAIN","privilege":"p","client_id":"...","user":null,"reason":"..."}
// head() writes everything up to the reason's opening quote; the reason goes in as pieces: r()
// and ReasonOut's names and text escaped (so the pieces escape as their concatenation would),
// ReasonOut's words as they are (authorize.hpp: they never need an escape); close() ends it.
// What it writes is what JsonWriter wrote for the same fields (kv, kv_null), byte for byte.
class Answer final : public ReasonOut {
 public:
  explicit Answer(SecretText& out) : o_(out) {
    o_.clear();
    if (o_.capacity() < 256) o_.reserve(256);  // a decision's answer is 100 to 250 bytes
  }
  // The fields before the reason; nullptr (nullopt) writes null.
  Answer& head(int status, const std::string* schema, const std::string* privilege,
               std::optional<std::string_view> client_id, const std::optional<std::string>* user) {
    o_ += "{\"status\":";
    o_ += std::to_string(status);
    o_ += ",\"schema\":";
    str(schema ? std::optional<std::string_view>(*schema) : std::nullopt);
    o_ += ",\"privilege\":";
    str(privilege ? std::optional<std::string_view>(*privilege) : std::nullopt);
    o_ += ",\"client_id\":";
    str(client_id);
    o_ += ",\"user\":";
    str(user && *user ? std::optional<std::string_view>(**user) : std::nullopt);
    o_ += ",\"reason\":\"";
    return *this;
  }
  Answer& r(std::string_view piece) {
    JsonWriter::append_escaped(o_, piece);
    return *this;
  }
  void close() { o_ += "\"}"; }
  // ReasonOut: authorize's sentence, a piece at a time. Its words need no escape (authorize.hpp).
  void word(std::string_view w) override {
#ifdef ORDS_SECURITY_TESTING
    SecretText escaped;
    JsonWriter::append_escaped(escaped, w);
    if (std::string_view(escaped) != w) throw Error("internal error: a reason's word needs a JSON escape");
#endif
    o_ += w;
  }
  void text(std::string_view t) override { JsonWriter::append_escaped(o_, t); }
  void name(std::string_view n) override {
    o_ += "\\\"";
    JsonWriter::append_escaped(o_, n);
    o_ += "\\\"";
  }

 private:
  void str(std::optional<std::string_view> v) {
    if (!v) {
      o_ += "null";
      return;
    }
    o_ += '"';
    JsonWriter::append_escaped(o_, *v);
    o_ += '"';
  }
  SecretText& o_;
};

// Step 2: the schema that decides, or the 404 reason. `name` points into `by_alias` (the caller's
// copy of the alias entry) or at the schema name the caller gave (both outlive the decision).
struct SchemaChoice {
  int64_t id = 0;
  const std::string* name = nullptr;
  const char* refusal = nullptr;
};

SchemaChoice choose_schema(ConnState& s, const Request& r, DecisionData& dc, const CanonicalPath& cp,
                           std::optional<protection::SchemaRef>& by_alias) {
  SchemaChoice out;
  if (cp.alias) {
    by_alias = schema_by_alias(s, dc, *cp.alias);
    if (!by_alias) {
      out.refusal = "no REST-enabled schema has this alias";
      return out;
    }
    out.id = by_alias->id;
    out.name = &by_alias->name;
    return out;
  }
  // The named form's `schema` key, else the connection's current schema.
  const std::string& current = r.schema ? *r.schema : s.current_schema;
  if (auto id = schema_by_name(s, dc, current)) {
    out.id = *id;
    out.name = &current;
  } else {
    out.refusal = r.schema ? "p_schema names no enabled REST schema" : "the current schema is not enabled for REST";
  }
  return out;
}

// Step 3: what protects the canonical path in that schema; nullptr for a public path.
const protection::Guard* deciding_privilege(const SchemaProtection& prot, const std::string& path) {
  auto which = prot.index.decide(prot.candidates, path);
  return which ? &prot.guards[*which] : nullptr;
}

// Argument `n`'s text without a copy; nullopt for NULL or absent (what opt_text makes nullopt).
std::optional<std::string_view> arg_view(const Call& c, const char* n) {
  const Value& v = c.args.get(n);
  if (v.is_null()) return std::nullopt;
  return std::string_view(v.s);
}

Value check_request(Call& c) {
  Request r;
  r.method = arg_view(c, "method");
  r.path = arg_view(c, "path");
  r.authorization = arg_view(c, "authorization");
  r.origin = arg_view(c, "origin");
  std::string schema;
  if (c.args.has("schema")) {
    schema = c.schema_name();
    r.schema = &schema;
  }
  SecretText out;
  decide_request(c.conn, r, out);
  return Value::json_text(std::move(out));
}

#ifdef ORDS_SECURITY_TESTING
// ords_security_test_guard_reads(): how many times this connection has read a schema's guards
// (not carried them over), so tests can see which changes keep them (decision_cache.hpp).
Value test_guard_reads(Call& c) { return Value::integer(cache_of(c.conn).guard_reads); }
#endif

}  // namespace

void decide_request(ConnState& s, const Request& r, SecretText& out) {
  Answer a(out);
  const std::string* schema = nullptr;
  const std::string* privilege = nullptr;
  // An answer without client or user: the reason in pieces.
  auto plain = [&](int status) -> Answer& { return a.head(status, schema, privilege, std::nullopt, nullptr); };

  // Step 1: the canonical path.
  if (!r.method) return plain(400).r("p_method is missing").close();
  if (!r.path) return plain(400).r("p_path is missing").close();
  CanonicalPath cp = canonicalize(*r.method, *r.path);
  if (!cp.ok()) return plain(400).r(cp.error).close();

  // The first read of the call: the token's session when there is a well-formed bearer token and
  // the tables may hold one, else the schema cookie. After it the cache can be trusted.
  const std::optional<std::string_view>& header = r.authorization;
  std::optional<std::string_view> token = header ? bearer_view(*header) : std::nullopt;
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
  std::optional<protection::SchemaRef> by_alias;
  SchemaChoice chosen = choose_schema(s, r, dc, cp, by_alias);
  if (!chosen.name) return plain(404).r(chosen.refusal).close();
  schema = chosen.name;

  // Step 3: the deciding privilege.
  const protection::Guard* deciding = deciding_privilege(protection_of(s, dc, chosen.id), cp.path);
  if (!deciding) return plain(200).r("public: no privilege protects this path").close();
  privilege = &deciding->privilege;
  auto protect = [&](int status) -> Answer& {
    return plain(status).r("protected by privilege \"").r(deciding->privilege).r("\"");
  };

  // Step 4: authenticate the bearer into a Principal.
  if (!header) return protect(401).r("; send Authorization: Bearer <access token>").close();
  if (!token) return protect(401).r("; only Bearer access tokens are accepted").close();
  Authenticated who;  // a JWT's Principal, or a session's when it adds a user or a scope to its client's
  const Principal* principal = nullptr;
  if (is_jwt) {
    who = principal_from_jwt(s, dc, *token, protection::SchemaRef{chosen.id, *chosen.name}, s.clock.now());
    if (who.principal) principal = &*who.principal;
  } else {
    // The client only for a session that can pass: its fields, roles and privileges come from
    // the connection's cache (read once per policy generation), not copied.
    int64_t now = s.clock.now();
    const Principal* client = nullptr;
    if (session && session->live_access(now) && session->schema_id == chosen.id)
      client = client_of(s, dc, session->client_id, session->schema_id);
    principal = principal_from_access(session, client, chosen.id, now, who);
  }
  if (!principal) return protect(401).r("; ").r(who.failure).close();

  // Step 5: authorize. The answer names the client by its client_id (a JWT's client_id or azp
  // claim, when it has one).
  const Principal& p = *principal;
  Judgement verdict = judge(p, *deciding, r.origin);
  std::optional<std::string_view> client_id;
  if (!p.client_id.empty()) client_id = p.client_id;
  a.head(verdict.status(), schema, privilege, client_id, &p.user);
  verdict.say(p, *deciding, a);
  a.close();
}

const std::vector<FnSpec>& decision_functions() {
  static const std::vector<FnSpec> fns = {
      fn("check_request", check_request)
          .direct()
          .with_params({{"method", ParamType::Raw}, {"path", ParamType::Raw}, {"authorization", ParamType::Raw}, {"origin", ParamType::Raw}})
          .returns_json(),
#ifdef ORDS_SECURITY_TESTING
      fn("ords_security_test_guard_reads", test_guard_reads).direct(),
#endif
  };
  return fns;
}

}  // namespace ords::policy
