// client_auth.cpp: see client_auth.hpp.
#include "client_auth.hpp"

#include <sodium.h>

#include <vector>

#include "../core/text.hpp"
#include "form.hpp"
#include "oauth_error.hpp"

namespace ords::oauth {

namespace {
const char* kBadClient = "client authentication failed";

void wipe(std::string& s) {
  if (!s.empty()) sodium_memzero(&s[0], s.size());
}

// "Basic <base64(form(id):form(secret))>"; the scheme is case-insensitive.
PresentedClient from_basic(const std::string& header) {
  std::string h = text::trim(header);
  if (h.size() < 6 || text::lower(h.substr(0, 6)) != "basic ")
    throw OAuthFailure{"invalid_request", "authorization must be an HTTP Basic credential"};
  std::string b64 = text::trim(h.substr(6));
  if (b64.empty() || b64.size() > 4096) throw OAuthFailure{"invalid_request", "malformed Basic credential"};
  std::vector<unsigned char> bin(b64.size());
  size_t n = 0;
  if (sodium_base642bin(bin.data(), bin.size(), b64.data(), b64.size(), nullptr, &n, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    throw OAuthFailure{"invalid_request", "malformed Basic credential"};
  std::string pair(reinterpret_cast<const char*>(bin.data()), n);
  sodium_memzero(bin.data(), bin.size());
  size_t colon = pair.find(':');
  if (colon == std::string::npos) {
    wipe(pair);
    throw OAuthFailure{"invalid_request", "malformed Basic credential"};
  }
  std::string raw_id = pair.substr(0, colon), raw_secret = pair.substr(colon + 1);
  wipe(pair);
  auto id = form::decode(raw_id);
  auto secret = form::decode(raw_secret);
  wipe(raw_secret);
  if (!id || !secret) {
    if (secret) wipe(*secret);
    throw OAuthFailure{"invalid_request", "malformed Basic credential"};
  }
  PresentedClient out;
  out.client_id = *id;
  out.secret = std::move(*secret);
  return out;
}
}  // namespace

PresentedClient::~PresentedClient() {
  if (secret) wipe(*secret);
}

PresentedClient presented_client(const Args& request) {
  bool form_id = request.has("client_id"), form_secret = request.has("client_secret");
  if (request.has("authorization")) {
    if (form_secret) throw OAuthFailure{"invalid_request", "use one client authentication method, not two"};
    PresentedClient p = from_basic(request.get("authorization").s);
    if (form_id && request.get("client_id").s != p.client_id)
      throw OAuthFailure{"invalid_request", "client_id does not match the Authorization header"};
    return p;
  }
  if (!form_id) throw OAuthFailure{"invalid_client", kBadClient};
  PresentedClient p;
  p.client_id = request.get("client_id").s;
  if (form_secret) p.secret = request.get("client_secret").s;
  return p;
}

clients::ClientRecord authenticate_client(store::Db& db, const PresentedClient& who) {
  // A missing secret still runs the (dummy) verification, so every failure costs the same.
  auto client = clients::authenticate(db, who.client_id, who.secret ? *who.secret : std::string());
  if (!client || !who.secret) throw OAuthFailure{"invalid_client", kBadClient};
  return *client;
}

}  // namespace ords::oauth
