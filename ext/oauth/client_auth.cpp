// client_auth.cpp: see client_auth.hpp.
#include "client_auth.hpp"

#include <sodium.h>

#include <string_view>

#include "../core/text.hpp"
#include "../model/client_memo.hpp"
#include "form.hpp"
#include "oauth_error.hpp"

namespace ords::oauth {

namespace {
const char* kBadClient = "client authentication failed";

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "Basic <base64(form(id):form(secret))>"; the scheme is case-insensitive. Every copy of the
// decoded pair is SecretText (wiped when freed); the header itself is only viewed.
PresentedClient from_basic(std::string_view header) {
  std::string_view h = trimmed(header);
  if (h.size() < 6 || !text::iequals(h.substr(0, 6), "basic "))
    throw OAuthFailure{"invalid_request", "authorization must be an HTTP Basic credential"};
  std::string_view b64 = trimmed(h.substr(6));
  if (b64.empty() || b64.size() > 4096) throw OAuthFailure{"invalid_request", "malformed Basic credential"};
  SecretText pair(b64.size(), '\0');
  size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(pair.data()), pair.size(), b64.data(), b64.size(), nullptr,
                        &n, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw OAuthFailure{"invalid_request", "malformed Basic credential"};
  std::string_view decoded(pair.data(), n);
  size_t colon = decoded.find(':');
  if (colon == std::string_view::npos) throw OAuthFailure{"invalid_request", "malformed Basic credential"};
  auto id = form::decode(decoded.substr(0, colon));
  auto secret = form::decode(decoded.substr(colon + 1));
  if (!id || !secret) throw OAuthFailure{"invalid_request", "malformed Basic credential"};
  // An empty client id (": secret" or ":") names no client: a failed authentication, as a wrong
  // id is, not a client whose id is the empty string.
  if (id->empty()) throw OAuthFailure{"invalid_client", kBadClient};
  PresentedClient out;
  out.client_id = std::move(*id);
  out.secret = std::move(*secret);
  return out;
}
}  // namespace

PresentedClient::~PresentedClient() = default;  // SecretText wipes itself

PresentedClient presented_client(const Args& request) {
  bool form_id = request.has("client_id"), form_secret = request.has("client_secret");
  if (request.has("authorization")) {
    if (form_secret) throw OAuthFailure{"invalid_request", "use one client authentication method, not two"};
    PresentedClient p = from_basic(request.get("authorization").s);
    if (form_id && request.get("client_id").s != p.client_id)
      throw OAuthFailure{"invalid_request", "client_id does not match the Authorization header"};
    return p;
  }
  if (!form_id || request.get("client_id").s.empty()) throw OAuthFailure{"invalid_client", kBadClient};
  PresentedClient p;
  p.client_id = request.get("client_id").s;
  if (form_secret) p.secret = request.get("client_secret").s;
  return p;
}

clients::ClientRecord authenticate_client(ConnState& s, const PresentedClient& who) {
  auto client = clients::authenticate(s, who.client_id, who.secret ? std::string_view(*who.secret) : std::string_view());
  if (!client || !who.secret) throw OAuthFailure{"invalid_client", kBadClient};
  return *client;
}

clients::ClientRecord authenticate_client(store::Db& db, const PresentedClient& who) {
  // A missing secret still runs the (dummy) verification, so every failure costs the same.
  auto client = clients::authenticate(db, who.client_id, who.secret ? std::string_view(*who.secret) : std::string_view());
  if (!client || !who.secret) throw OAuthFailure{"invalid_client", kBadClient};
  return *client;
}

}  // namespace ords::oauth
