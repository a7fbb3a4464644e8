// authorize_endpoint.cpp: oauth_authorize, the part of ORDS's /oauth/auth endpoint that runs
// after the application has signed the user in and the user has approved (API.md section 7).
//
//   select oauth_authorize(json_object('response_type','code','client_id',:id,
//            'redirect_uri','https://app.example.org/cb','scope','hr_priv','state',:state,
//            'code_challenge',:challenge,'code_challenge_method','S256','user','alice'));
//   -> {"redirect_uri":"https://app.example.org/cb?code=...&state=..."}
//
// response_type code needs an authorization_code client, token (implicit) an implicit client.
// redirect_uri, when given, must equal the registered one exactly (RFC 9700 2.1; for
// http://127.0.0.1 and http://[::1] the port may differ, RFC 8252 7.3). scope is a subset of the
// client's privilege names (all of them when omitted). PKCE: S256 only. A disabled schema's
// clients get nothing (unauthorized_client, not redirected). An error about the
// client or its redirect URI is answered with an error object only (RFC 6749 4.1.2.1: never
// redirect to an unverified URI); other errors also carry the error redirect_uri.
#include "authorize_endpoint.hpp"

#include "../core/error.hpp"
#include "../core/json_writer.hpp"
#include "../model/clients.hpp"
#include "../model/protection.hpp"
#include "../model/sessions.hpp"
#include "../model/settings.hpp"
#include "form.hpp"
#include "oauth_error.hpp"
#include "redirect.hpp"
#include "scope.hpp"

namespace ords::oauth {

namespace {

// The redirect URI with its parameters; SecretText, since it carries a code or an access token.
SecretText with_params(const std::string& base, char sep, const std::vector<std::pair<std::string, SecretText>>& kv) {
  SecretText out = base;
  bool first = true;
  for (const auto& [k, v] : kv) {
    if (first) {
      out += (sep == '?' && base.find('?') != std::string::npos) ? '&' : sep;
      first = false;
    } else {
      out += '&';
    }
    out += k;
    out += '=';
    form::encode_into(out, v);
  }
  return out;
}

Value oauth_authorize(Call& c) {
  SecretText user = c.args.name("user");
  c.begin_write();
  store::Db& db = c.db();
  int64_t now = c.now();
  sessions::purge_expired(c.conn, now);
  auto state = c.args.opt_text("state");
  std::string uri;
  std::string response_type;
  try {
    // 1. the client and its redirect URI: failures here never redirect
    if (!c.args.has("client_id")) throw OAuthFailure{"invalid_request", "client_id is missing"};
    auto client = clients::find_by_client_id(db, c.args.get("client_id").s);
    if (!client) throw OAuthFailure{"invalid_request", "unknown client_id"};
    // A disabled schema serves nothing: no code or token for its clients (not redirected).
    if (!protection::schema_enabled(db, client->schema_id))
      throw OAuthFailure{"unauthorized_client", "the client's schema is not enabled for REST"};
    if (!client->redirect_uri) throw OAuthFailure{"invalid_request", "the client has no registered redirect_uri"};
    auto given = c.args.opt_text("redirect_uri");
    if (given && !redirect_matches(*client->redirect_uri, *given))
      throw OAuthFailure{"invalid_request", "redirect_uri does not match the registered one"};
    uri = given ? std::string(*given) : *client->redirect_uri;
    response_type = c.args.opt_text("response_type").value_or("");
    char sep = response_type == "token" ? '#' : '?';

    try {
      // 2. everything else: answered with an error redirect as well
      if (response_type != "code" && response_type != "token")
        throw OAuthFailure{"unsupported_response_type", "response_type must be code or token"};
      const char* needs = response_type == "code" ? "authorization_code" : "implicit";
      if (client->grant_type != needs)
        throw OAuthFailure{"unauthorized_client", "this client is registered for " + client->grant_type +
                                                      ", which does not allow response_type " + response_type};
      auto scope = grant_scope(c.args.opt_text("scope"), clients::privilege_names(db, client->id));
      auto challenge = c.args.opt_text("code_challenge");
      auto method = c.args.opt_text("code_challenge_method");
      if (response_type == "token" && (challenge || method))
        throw OAuthFailure{"invalid_request", "PKCE applies to response_type code only"};
      if (method && !challenge) throw OAuthFailure{"invalid_request", "code_challenge_method without code_challenge"};
      if (challenge) {
        if (!method || *method != "S256")
          throw OAuthFailure{"invalid_request", "code_challenge_method must be S256 (plain is not supported)"};
        if (!tokens::well_formed(*challenge))
          throw OAuthFailure{"invalid_request", "code_challenge must be 43 base64url characters (S256)"};
      }

      sessions::NewSession n;
      n.schema_id = client->schema_id;
      n.client_id = client->id;
      n.user = user;
      n.scope = scope;
      n.issued_on = now;
      std::vector<std::pair<std::string, SecretText>> params;
      if (response_type == "code") {
        n.kind = sessions::Kind::Code;
        n.redirect_uri = given;
        n.code_challenge = challenge;
        n.expires_on = now + lifetime(c.conn, client->code_duration, "security.oauth.codeLifetime");
        tokens::TokenText code = sessions::issue(c.conn, n);
        params.emplace_back("code", code.str());
      } else {
        int64_t life = lifetime(c.conn, client->token_duration, "security.oauth.tokenLifetime");
        n.kind = sessions::Kind::Access;
        n.expires_on = now + life;
        tokens::TokenText access = sessions::issue(c.conn, n);
        params.emplace_back("access_token", access.str());
        params.emplace_back("token_type", "bearer");
        params.emplace_back("expires_in", SecretText(std::to_string(life)));
        // No scope in the fragment: API.md section 7 fixes its shape. The granted scope is the one
        // requested, or the client's registered privileges when none was (RFC 6749 4.2.2 lets the
        // server leave out a scope the client already knows).
      }
      if (state) params.emplace_back("state", SecretText(*state));
      JsonWriter w;
      w.begin_object().kv("redirect_uri", with_params(uri, sep, params)).end_object();
      return Value::json_text(w.text());
    } catch (const OAuthFailure& f) {
      std::vector<std::pair<std::string, SecretText>> params = {{"error", SecretText(f.error)},
                                                                {"error_description", SecretText(f.description)}};
      if (state) params.emplace_back("state", SecretText(*state));
      JsonWriter w;
      w.begin_object().kv("error", f.error).kv("error_description", f.description);
      if (state) w.kv("state", *state);
      w.kv("redirect_uri", with_params(uri, sep, params)).end_object();
      return Value::json_text(w.text());
    }
  } catch (const OAuthFailure& f) {
    JsonWriter w;
    w.begin_object().kv("error", f.error).kv("error_description", f.description);
    if (state) w.kv("state", *state);
    w.end_object();
    return Value::json_text(w.text());
  }
}

}  // namespace

const std::vector<FnSpec>& authorize_functions() {
  static const std::vector<FnSpec> fns = {
      fn("oauth_authorize", oauth_authorize)
          .writer()
          .with_params({{"response_type", ParamType::Text},
                        {"client_id", ParamType::Text},
                        {"redirect_uri", ParamType::Text},
                        {"scope", ParamType::Text},
                        {"state", ParamType::Text},
                        {"code_challenge", ParamType::Text},
                        {"code_challenge_method", ParamType::Text},
                        {"user", ParamType::Name, true}})
          .returns_json()
          .ignores_unknown_keys(),
  };
  return fns;
}

}  // namespace ords::oauth
