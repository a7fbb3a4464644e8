// revoke_introspect.cpp: oauth_revoke (RFC 7009) and oauth_introspect (RFC 7662).
//
//   select oauth_revoke(json_object('token',:t,'client_id',:id,'client_secret',:secret));  -> {}
//   select oauth_introspect(json_object('token',:t,'authorization','Basic ...'));
//   -> {"active":true,"client_id":"...","username":"alice","scope":"hr_priv","token_type":"access_token",
//       "exp":1790000000,"iat":1789996400}
//
// Both require the caller's client credentials (invalid_client otherwise). A client may revoke
// and inspect only its own tokens: another client's token is refused by revoke (unauthorized_client,
// the token stays valid; R-14) and is {"active":false} to introspect. Revoking an unknown
// token answers success without saying whether it existed. Revoking a refresh token (or a code)
// ends its whole family. Introspection of anything not live is {"active":false} alone.
#include "revoke_introspect.hpp"

#include "../core/json_writer.hpp"
#include "../model/clients.hpp"
#include "../model/sessions.hpp"
#include "client_auth.hpp"
#include "oauth_error.hpp"

namespace ords::oauth {

namespace {

Value oauth_revoke(Call& c) {
  c.begin_write();
  store::Db& db = c.db();
  sessions::purge_expired(c.conn, c.now());
  try {
    PresentedClient who = presented_client(c.args);
    clients::ClientRecord client = authenticate_client(db, who);
    if (!c.args.has("token")) throw OAuthFailure{"invalid_request", "token is missing"};
    // token_type_hint is only a hint (RFC 7009 2.1): every kind of token is looked up by its
    // digest whatever the hint says, so an unknown hint is ignored too.
    auto s = sessions::find(db, c.args.get("token").s);
    if (s) {
      if (s->client_id != client.id)
        throw OAuthFailure{"unauthorized_client", "the token was not issued to this client"};
      if (s->kind == sessions::Kind::Access)
        sessions::end_session(db, s->id);
      else
        sessions::end_family(db, s->family ? *s->family : s->id);
    }
    return Value::json_text("{}");
  } catch (const OAuthFailure& f) {
    return Value::json_text(error_body(f));
  }
}

Value oauth_introspect(Call& c) {
  store::Db& db = c.db();
  try {
    PresentedClient who = presented_client(c.args);
    clients::ClientRecord client = authenticate_client(db, who);
    if (!c.args.has("token")) throw OAuthFailure{"invalid_request", "token is missing"};
    auto s = sessions::find(db, c.args.get("token").s);
    int64_t now = c.now();
    bool active = s && s->client_id == client.id && s->kind != sessions::Kind::Code && !s->consumed_on &&
                  s->expires_on > now;
    JsonWriter w;
    w.begin_object().kv_bool("active", active);
    if (active) {
      w.kv("client_id", client.client_id);
      if (s->user) w.kv("username", *s->user);
      if (s->scope) w.kv("scope", *s->scope);
      w.kv("token_type", s->kind == sessions::Kind::Access ? "access_token" : "refresh_token");
      w.kv("exp", s->expires_on).kv("iat", s->issued_on);
    }
    w.end_object();
    return Value::json_text(w.text());
  } catch (const OAuthFailure& f) {
    return Value::json_text(error_body(f));
  }
}

const std::vector<ParamSpec> kRequest = {{"token", ParamType::Text},
                                         {"token_type_hint", ParamType::Text},
                                         {"client_id", ParamType::Text},
                                         {"client_secret", ParamType::Text},
                                         {"authorization", ParamType::Text}};

}  // namespace

const std::vector<FnSpec>& revoke_introspect_functions() {
  static const std::vector<FnSpec> fns = {
      fn("oauth_revoke", oauth_revoke)
          .writer()
          .with_params(kRequest)
          .returns_json()
          .ignores_unknown_keys(),
      fn("oauth_introspect", oauth_introspect)
          .direct()
          .with_params(kRequest)
          .returns_json()
          .ignores_unknown_keys(),
  };
  return fns;
}

}  // namespace ords::oauth
