// jwt_json_fuzz.cpp: libFuzzer harness for the JSON side of JWT verification: text parsed by the
// project's one strict reader (core/json_reader) and handed to ext/jwt as the decision does it
// (policy/jwt_auth.cpp): a JOSE header to select_key / algorithm_for, a claims set to
// check_claims, a JWK Set to keys_from_jwks, and a whole compact token built from two JSON texts.
//
//   make B=build fuzz                         builds build/jwt_json_fuzz (clang++, ASan, UBSan)
//   build/jwt_json_fuzz -max_total_time=300 -max_len=9000 [corpus-dir]
//
// The first input byte picks the mode; the rest is the JSON text (mode 3: two texts split at the
// first '\n'). Nothing may crash, leak or hang; the reader refuses with json::ParseError, ext/jwt
// with jwt::Refused (a token) or ords::Error (a key set, starting with "p_jwks"), and every
// message is short printable ASCII that never quotes more than a bounded piece of the input.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../ext/core/json_reader.hpp"
#include "../ext/jwt/claims.hpp"
#include "../ext/jwt/common.hpp"
#include "../ext/jwt/jwk.hpp"
#include "../ext/jwt/jws.hpp"
#include "../ext/jwt/verify.hpp"

using namespace ords;
using namespace ords::jwt;

namespace {

void require(bool ok) {
  if (!ok) abort();
}

void check_bounded(const std::string& msg) {
  require(!msg.empty() && msg.size() < 1000);
  for (unsigned char c : msg) require(c >= 0x20 && c < 0x7f);
}

Value parse(const std::string& text, const char* what) {
  json::Limits limits;
  limits.max_bytes = kMaxTokenBytes;
  return json::parse(text, what, limits);
}

// RFC 7515 A.3's P-256 key and RFC 8037's Ed25519 key (public halves only).
const KeySet& fixed_keys() {
  static const KeySet keys = keys_from_jwks(parse(
      R"({"keys":[{"kty":"EC","crv":"P-256","kid":"ec","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},)"
      R"({"kty":"OKP","crv":"Ed25519","kid":"ed","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]})",
      "the fixed keys"));
  return keys;
}

Profile fixed_profile() {
  Profile p;
  p.issuer = "https://idp.example.com/";
  p.audience = "ords-api";
  p.allowed_skew = 30;
  p.allowed_age = 3600;
  p.role_claim_name = "/realm_access/roles";
  return p;
}

std::string b64url(const std::string& raw) {
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), variant), '\0');
  sodium_bin2base64(&out[0], out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(), variant);
  out.resize(out.size() - 1);
  return out;
}

void mode_header(const std::string& in) {
  Value h = parse(in, "the token header");
  const Key& key = select_key(fixed_keys(), h);
  algorithm_for(key, h);
}

void mode_claims(const std::string& in) {
  Value c = parse(in, "the token payload");
  Identity id = check_claims(parse(R"({"alg":"EdDSA"})", "h"), c, fixed_profile(), 1700000000);
  require(id.exp > 1700000000 - 60);
  for (const std::string& s : id.scopes) require(!s.empty() && s.find(' ') == std::string::npos);
}

void mode_jwks(const std::string& in) {
  KeySet set = keys_from_jwks(parse(in, "p_jwks"));
  require(!set.keys.empty() && set.keys.size() <= kMaxKeys);
  for (const Key& k : set.keys) require(k.type == KeyType::Ed25519 || k.pkey);
}

// Two JSON texts as a token's header and payload, with a signature that cannot verify.
void mode_token(const std::string& in) {
  size_t nl = in.find('\n');
  std::string header = in.substr(0, nl), payload = nl == std::string::npos ? "{}" : in.substr(nl + 1);
  std::string token = b64url(header) + "." + b64url(payload) + "." + b64url(std::string(64, 'x'));
  Jws jws = split(token);
  Value h = parse(jws.header, "the token header");
  const Key& key = select_key(fixed_keys(), h);
  verify_signature(key, jws, h);
  abort();  // no signature of 64 'x' bytes verifies
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool ready = sodium_init() >= 0;
  require(ready);
  if (size == 0) return 0;
  std::string in(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 4) {
      case 0: mode_header(in); break;
      case 1: mode_claims(in); break;
      case 2: mode_jwks(in); break;
      default: mode_token(in); break;
    }
  } catch (const json::ParseError& e) {
    check_bounded(e.what());
  } catch (const Refused& e) {
    check_bounded(e.what());
  } catch (const Error& e) {
    check_bounded(e.what());
  }
  return 0;
}
