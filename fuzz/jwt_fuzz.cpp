// jwt_fuzz.cpp: libFuzzer harness for the JWT verification core (ext/jwt): the compact JWS
// splitter, signature verification, the JWK Set key builder and the claims checks over Values
// made from the input (the JSON reader is fuzzed on its own; here the Values are hand-made).
//
//   make B=build fuzz                         builds build/jwt_fuzz (clang++, ASan, UBSan)
//   build/jwt_fuzz -max_total_time=300 -max_len=9000 [corpus-dir]
//
// The first input byte picks the mode; the rest is the input. Nothing may crash, leak or hang,
// and every refusal must be a jwt::Refused or an ords::Error with a short printable message;
// a token's refusal holds no part of the token (no base64url run of 16 of its characters):
//   0: split(input); a split that succeeds must give back parts that re-encode to the input
//      parts, and its signature is checked against a fixed Ed25519, P-256 and RSA key under a
//      header whose alg the next byte picks (none may verify: the keys' private halves are
//      nowhere);
//   1: input split at '\n' into member values of a JWK (kty, crv, n, e, x, y, kid, alg, use, d)
//      given to keys_from_jwks, alone and twice (the second time a duplicate kid);
//   2: input split at '\n' into claim values (iss, aud, exp, nbf, iat, sub, scope, scp, roles
//      and a role pointer); integers are parsed where a piece is all digits.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

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

Value obj(std::vector<std::pair<std::string, Value>> m) {
  Value v;
  v.kind = Value::Kind::Object;
  v.members = std::move(m);
  return v;
}

std::vector<std::string> pieces(std::string_view in, size_t n) {
  std::vector<std::string> out;
  size_t start = 0;
  while (out.size() < n) {
    size_t nl = in.find('\n', start);
    if (nl == std::string_view::npos) {
      out.emplace_back(in.substr(start));
      break;
    }
    out.emplace_back(in.substr(start, nl - start));
    start = nl + 1;
  }
  out.resize(n);
  return out;
}

// A piece as a Value: empty -> absent (Null, skipped), all digits -> Int, '[' -> array of words.
Value piece_value(const std::string& s) {
  if (!s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos)
    return Value::integer(std::stoll(s));
  if (!s.empty() && s[0] == '[') {
    Value a;
    a.kind = Value::Kind::Array;
    size_t i = 1;
    while (i <= s.size()) {
      size_t sp = s.find(' ', i);
      if (sp == std::string::npos) sp = s.size();
      a.items.push_back(Value::text(s.substr(i, sp - i)));
      i = sp + 1;
    }
    return a;
  }
  return Value::text(s);
}

// Every message is short printable ASCII (token-supplied text is quoted through jwt::shown).
void check_bounded(const std::string& msg) {
  require(!msg.empty() && msg.size() < 1000);
  for (unsigned char c : msg) require(c >= 0x20 && c < 0x7f);
}

void check_message(const std::string& msg, std::string_view in) {
  check_bounded(msg);
  if (in.size() < 16) return;
  for (size_t i = 0; i + 16 <= in.size(); i += 8) {
    std::string_view run = in.substr(i, 16);
    if (run.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != std::string_view::npos)
      continue;  // only base64url runs are token material
    require(msg.find(run) == std::string::npos);
  }
}

const KeySet& fixed_keys() {
  // Public keys whose private halves are not in this program: RFC 8037's Ed25519 example key,
  // RFC 7515 A.3's P-256 key, RFC 7515 A.2's 2048-bit RSA key.
  static const KeySet keys = keys_from_jwks(obj({{"keys", [] {
    Value a;
    a.kind = Value::Kind::Array;
    a.items.push_back(obj({{"kty", Value::text("OKP")}, {"crv", Value::text("Ed25519")}, {"kid", Value::text("ed")},
                           {"x", Value::text("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")}}));
    a.items.push_back(obj({{"kty", Value::text("EC")}, {"crv", Value::text("P-256")}, {"kid", Value::text("ec")},
                           {"x", Value::text("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU")},
                           {"y", Value::text("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0")}}));
    a.items.push_back(obj(
        {{"kty", Value::text("RSA")}, {"kid", Value::text("rsa")},
         {"n", Value::text("ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-"
                           "SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-"
                           "KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-"
                           "DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ")},
         {"e", Value::text("AQAB")}}));
    return a;
  }()}}));
  return keys;
}

void mode_split(std::string_view in) {
  if (in.empty()) return;
  static const char* const algs[] = {"EdDSA", "ES256", "RS256", "RS512", "none", "HS256", "PS256"};
  static const char* const kids[] = {"ed", "ec", "rsa", "rsa", "ed", "rsa", "rsa"};
  unsigned pick = static_cast<unsigned char>(in[0]) % 7;
  std::string_view token = in.substr(1);
  try {
    Jws j = split(token);
    require(token.size() <= kMaxTokenBytes);
    size_t d2 = token.rfind('.');
    require(j.signing_input == token.substr(0, d2));
    Value header = obj({{"alg", Value::text(algs[pick])}, {"kid", Value::text(kids[pick])}});
    const Key& key = select_key(fixed_keys(), header);
    verify_signature(key, j, header);
    abort();  // no signature by keys whose private halves are absent can verify
  } catch (const Refused& e) {
    check_message(e.what(), token);
  }
}

void mode_jwk(std::string_view in) {
  static const char* const names[] = {"kty", "crv", "n", "e", "x", "y", "kid", "alg", "use", "d"};
  std::vector<std::string> p = pieces(in, 10);
  Value jwk = obj({});
  for (size_t i = 0; i < 10; ++i)
    if (!p[i].empty() || i < 2) jwk.members.emplace_back(names[i], Value::text(p[i]));
  for (int copies = 1; copies <= 2; ++copies) {
    Value keys;
    keys.kind = Value::Kind::Array;
    for (int c = 0; c < copies; ++c) keys.items.push_back(jwk);
    try {
      KeySet set = keys_from_jwks(obj({{"keys", keys}}));
      require(set.keys.size() == static_cast<size_t>(copies));
      require(copies == 1);  // the same kid twice (or two without kid) is always refused
      const Key& k = set.keys[0];
      require(k.type == KeyType::Ed25519 || k.pkey);
    } catch (const Error& e) {
      require(std::string(e.what()).rfind("p_jwks", 0) == 0);
      check_bounded(e.what());
    }
  }
}

void mode_claims(std::string_view in) {
  static const char* const names[] = {"iss", "aud", "exp", "nbf", "iat", "sub", "scope", "scp", "roles"};
  std::vector<std::string> p = pieces(in, 11);
  Value claims = obj({});
  for (size_t i = 0; i < 9; ++i)
    if (!p[i].empty()) claims.members.emplace_back(names[i], piece_value(p[i]));
  Profile prof;
  prof.issuer = "https://idp.example.com/";
  prof.audience = "ords-api";
  prof.allowed_skew = p[10].size() % 90 - 15;
  prof.allowed_age = static_cast<int64_t>(p[10].size() * 37) - 100;
  prof.role_claim_name = p[9];
  try {
    Identity id = check_claims(obj({{"alg", Value::text("EdDSA")}}), claims, prof, 1700000000);
    require(id.exp > 1700000000 - 60);
    for (const std::string& s : id.scopes) require(!s.empty() && s.find(' ') == std::string::npos);
  } catch (const Error& e) {
    check_bounded(e.what());  // claim values (iss, aud) are quoted by design; no token here
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool ready = sodium_init() >= 0;
  require(ready);
  if (size == 0) return 0;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: mode_split(in); break;
    case 1: mode_jwk(in); break;
    default: mode_claims(in); break;
  }
  return 0;
}
