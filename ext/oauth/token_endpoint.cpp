// token_endpoint.cpp: oauth_token, the part of ORDS's /oauth/token endpoint (API.md section 7).
//
//   select oauth_token('client_credentials', :client_id, :client_secret);
//   select oauth_token(json_object('grant_type','authorization_code','code',:code,
//                                  'redirect_uri',:uri,'code_verifier',:v,
//                                  'client_id',:id,'client_secret',:secret));
//   select oauth_token(json_object('grant_type','refresh_token','refresh_token',:rt,
//                                  'authorization','Basic ' || :b64));
//
// Grants: client_credentials, authorization_code, refresh_token; a client may use only its own
// grant type (the refresh grant belongs to authorization_code clients). The answer is the RFC 6749
// response body as JSON text, success or error (5.2); only a malformed SQL call raises.
// A client_credentials token asked for with `scope` carries it, and check_request honours it. A
// refresh asking for a narrower scope narrows the new access token only: the new refresh token
// keeps the grant's scope (RFC 6749 6). A disabled schema's clients get no token of any grant.
//
// Order of work, so that racing callers cannot both win (SECURITY.md ): outside a
// transaction the call runs in BEGIN IMMEDIATE (store::Transaction), so it holds the database's
// write lock before it reads anything; codes and refresh tokens are then checked (client,
// redirect URI, PKCE, expiry) before they are consumed, and consumed by a compare-and-set.
// A replayed code or refresh token ends its whole family, and that is committed
// even though the answer is an error.
#include "token_endpoint.hpp"

#include "../core/error.hpp"
#include "../core/json_writer.hpp"
#include "../model/clients.hpp"
#include "../model/protection.hpp"
#include "../model/sessions.hpp"
#include "../model/settings.hpp"
#include "client_auth.hpp"
#include "oauth_error.hpp"
#include "scope.hpp"

namespace ords::oauth {

namespace {

const char* kBadGrant = "the code or refresh token is invalid, expired, revoked, or was issued to another client";

int64_t duration(ConnState& s, const std::optional<int64_t>& own, const char* key) {
  return lifetime(s, own, key);
}

// Privilege names a client_credentials client may ask for: its p_privilege_names and every
// privilege that one of its roles satisfies.
std::vector<std::string> cc_scopes(store::Db& db, const clients::ClientRecord& client) {
  std::vector<std::string> out = clients::privilege_names(db, client.id);
  for (const auto& role : clients::role_names(db, client.id)) {
    store::Stmt st = db.prepare(
        "SELECT p.name FROM ords_sec_privilege p JOIN ords_sec_privilege_role pr ON pr.privilege_id = p.id "
        "JOIN ords_sec_role r ON r.id = pr.role_id WHERE p.schema_id = ?1 AND r.name = ?2 ORDER BY p.name");
    st.bind(1, client.schema_id).bind(2, role);
    while (st.step()) {
      std::string name = st.text(0);
      bool have = false;
      for (const auto& o : out) have = have || o == name;
      if (!have) out.push_back(name);
    }
  }
  return out;
}

SecretText success(const tokens::TokenText& access, int64_t expires_in, const tokens::TokenText* refresh,
                    const std::optional<std::string>& scope) {
  // Room for the whole answer at once (two 43-character tokens and the fixed members take about
  // 160 bytes), and the text moved out rather than copied.
  JsonWriter w(192 + (scope ? scope->size() + 16 : 0));
  w.begin_object().kv("access_token", access.str()).kv("token_type", "bearer").kv("expires_in", expires_in);
  if (refresh) w.kv("refresh_token", refresh->str());
  if (scope) w.kv("scope", *scope);
  w.end_object();
  return w.release();
}

SecretText client_credentials(Call& c, const clients::ClientRecord& client) {
  if (client.grant_type != "client_credentials")
    throw OAuthFailure{"unauthorized_client", "this client is registered for " + client.grant_type +
                                                  ", not client_credentials"};
  std::optional<std::string> scope;
  if (c.args.has("scope")) scope = grant_scope(c.args.opt_text("scope"), cc_scopes(c.db(), client));
  int64_t now = c.now();
  int64_t life = duration(c.conn, client.token_duration, "security.oauth.tokenLifetime");
  sessions::NewSession n;
  n.schema_id = client.schema_id;
  n.client_id = client.id;
  n.kind = sessions::Kind::Access;
  n.scope = scope;
  n.issued_on = now;
  n.expires_on = now + life;
  tokens::TokenText access = sessions::issue(c.conn, n);
  return success(access, life, nullptr, scope);
}

// Issues the access and refresh token of an authorization_code family. The access token carries
// `scope`; the refresh token carries `grant_scope`, the scope of the grant, which a refresh asking
// for less never narrows (RFC 6749 6: the new refresh token's scope is the one presented).
SecretText issue_pair(Call& c, const clients::ClientRecord& client, int64_t family,
                       const std::optional<std::string>& user, const std::optional<std::string>& scope,
                       const std::optional<std::string>& grant_scope) {
  int64_t now = c.now();
  int64_t life = duration(c.conn, client.token_duration, "security.oauth.tokenLifetime");
  int64_t refresh_life = duration(c.conn, client.refresh_duration, "security.oauth.refreshTokenLifetime");
  sessions::NewSession n;
  n.schema_id = client.schema_id;
  n.client_id = client.id;
  n.family = family;
  n.user = user;
  n.scope = scope;
  n.issued_on = now;
  n.kind = sessions::Kind::Access;
  n.expires_on = now + life;
  tokens::TokenText access = sessions::issue(c.conn, n);
  n.kind = sessions::Kind::Refresh;
  n.scope = grant_scope;
  n.expires_on = now + refresh_life;
  tokens::TokenText refresh = sessions::issue(c.conn, n);
  return success(access, life, &refresh, scope);
}

SecretText authorization_code(Call& c, const clients::ClientRecord& client) {
  if (client.grant_type != "authorization_code")
    throw OAuthFailure{"unauthorized_client", "this client is registered for " + client.grant_type +
                                                  ", not authorization_code"};
  if (!c.args.has("code")) throw OAuthFailure{"invalid_request", "code is missing"};
  store::Db& db = c.db();
  int64_t now = c.now();
  auto code = sessions::find_grant(db, c.args.get("code").s);
  // Checks that leave the code alone: a code presented by the wrong client is not burnt.
  if (!code || code->kind != sessions::Kind::Code || code->client_id != client.id)
    throw OAuthFailure{"invalid_grant", kBadGrant};
  int64_t family = code->id;
  if (code->consumed_on) {
    sessions::end_family(db, family);  // a replayed code ends everything made from it
    throw OAuthFailure{"invalid_grant", kBadGrant};
  }
  if (code->expires_on <= now) throw OAuthFailure{"invalid_grant", kBadGrant};
  auto given_uri = c.args.opt_text("redirect_uri");
  if (code->redirect_uri) {
    if (!given_uri || *given_uri != *code->redirect_uri)
      throw OAuthFailure{"invalid_grant", "redirect_uri must be the one given in the authorization request"};
  } else if (given_uri && (!client.redirect_uri || *given_uri != *client.redirect_uri)) {
    throw OAuthFailure{"invalid_grant", "redirect_uri is not the registered one"};
  }
  auto verifier = c.args.opt_text("code_verifier");
  if (code->code_challenge) {
    if (!verifier) throw OAuthFailure{"invalid_grant", "code_verifier is required (PKCE)"};
    if (!tokens::valid_verifier(*verifier) ||
        !tokens::equal_ct(tokens::s256_challenge(*verifier), *code->code_challenge))
      throw OAuthFailure{"invalid_grant", "code_verifier does not match the code challenge"};
  } else if (verifier) {
    throw OAuthFailure{"invalid_grant", "code_verifier given but the authorization request had no code_challenge"};
  }
  if (!sessions::consume(db, code->id, now)) {
    sessions::end_family(db, family);
    throw OAuthFailure{"invalid_grant", kBadGrant};
  }
  return issue_pair(c, client, family, code->user, code->scope, code->scope);
}

SecretText refresh_token(Call& c, const clients::ClientRecord& client) {
  if (client.grant_type != "authorization_code")
    throw OAuthFailure{"unauthorized_client", "refresh tokens belong to authorization_code clients"};
  if (!c.args.has("refresh_token")) throw OAuthFailure{"invalid_request", "refresh_token is missing"};
  store::Db& db = c.db();
  int64_t now = c.now();
  auto rt = sessions::find_grant(db, c.args.get("refresh_token").s);
  if (!rt || rt->kind != sessions::Kind::Refresh || rt->client_id != client.id)
    throw OAuthFailure{"invalid_grant", kBadGrant};
  int64_t family = rt->family ? *rt->family : rt->id;
  if (rt->consumed_on) {
    sessions::end_family(db, family);  // reuse of a rotated refresh token ends the family
    throw OAuthFailure{"invalid_grant", kBadGrant};
  }
  if (rt->expires_on <= now) throw OAuthFailure{"invalid_grant", kBadGrant};
  std::optional<std::string> scope = rt->scope;
  if (c.args.has("scope")) {
    std::vector<std::string> had = rt->scope ? split_scope(*rt->scope) : std::vector<std::string>{};
    scope = grant_scope(c.args.opt_text("scope"), had);
  }
  if (!sessions::consume(db, rt->id, now)) {
    sessions::end_family(db, family);
    throw OAuthFailure{"invalid_grant", kBadGrant};
  }
  return issue_pair(c, client, family, rt->user, scope, rt->scope);
}

Value oauth_token(Call& c) {
  c.begin_write();
  sessions::purge_expired(c.conn, c.now());
  try {
    PresentedClient who = presented_client(c.args);
    clients::ClientRecord client = authenticate_client(c.conn, who);
    // A disabled schema serves nothing (check_request answers 404 there): its clients get no
    // tokens, and their codes and refresh tokens are left as they are, not redeemed.
    // (Read with the client by the authentication statement, or asked here.)
    if (!(client.schema_enabled ? *client.schema_enabled : protection::schema_enabled(c.db(), client.schema_id)))
      throw OAuthFailure{"unauthorized_client", "the client's schema is not enabled for REST"};
    if (!c.args.has("grant_type")) throw OAuthFailure{"invalid_request", "grant_type is missing"};
    const std::string& grant = c.args.get("grant_type").s;
    if (grant == "client_credentials") return Value::json_text(client_credentials(c, client));
    if (grant == "authorization_code") return Value::json_text(authorization_code(c, client));
    if (grant == "refresh_token") return Value::json_text(refresh_token(c, client));
    throw OAuthFailure{"unsupported_grant_type",
                       "grant_type must be client_credentials, authorization_code or refresh_token"};
  } catch (const OAuthFailure& f) {
    return Value::json_text(error_body(f));
  }
}

}  // namespace

const std::vector<FnSpec>& token_functions() {
  static const std::vector<FnSpec> fns = {
      fn("oauth_token", oauth_token)
          .writer()
          .with_params({{"grant_type", ParamType::Text}, {"client_id", ParamType::Text}, {"client_secret", ParamType::Text}})
          .with_named_only({{"code", ParamType::Text},
                            {"redirect_uri", ParamType::Text},
                            {"refresh_token", ParamType::Text},
                            {"code_verifier", ParamType::Text},
                            {"scope", ParamType::Text},
                            {"authorization", ParamType::Text}})
          .returns_json()
          .ignores_unknown_keys(),
  };
  return fns;
}

}  // namespace ords::oauth
