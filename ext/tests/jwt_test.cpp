// jwt_test.cpp: the JWT verification core (ext/jwt/): compact JWS splitting, JWK Set keys,
// the key-decides algorithm rule and the signature checks, and the claims checks, against every
// JWT case of SECURITY.md R-29..R-33. Keys are made at test time with the openssl command line
// into a temporary folder; tokens are signed here with libcrypto (EVP_DigestSign); the JWK,
// header and claims Values are built by hand (the JSON reader is not part of ext/jwt/).
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <sodium.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "../jwt/claims.hpp"
#include "../jwt/common.hpp"
#include "../jwt/jwk.hpp"
#include "../jwt/jws.hpp"
#include "../jwt/verify.hpp"

#include "jwt_test_keys.hpp"

using namespace ords;
using namespace ords::jwt;

namespace {

using namespace jwt_values;

// ---- keys made with the openssl command line --------------------------------------------
// The key pairs of these tests, made on first use.
struct Keys {
  static const TestKeySet& get() {
    static const TestKeySet k("ords_jwt_test", {
      {"rsa1", "RSA", "-algorithm RSA -pkeyopt rsa_keygen_bits:2048"},
      {"rsa2", "RSA", "-algorithm RSA -pkeyopt rsa_keygen_bits:2048"},
      {"rsa1024", "RSA", "-algorithm RSA -pkeyopt rsa_keygen_bits:1024"},
      {"ec1", "EC", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256"},
      {"ec2", "EC", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256"},
      {"ed1", "ED25519", "-algorithm ED25519"},
      {"ed2", "ED25519", "-algorithm ED25519"}});
    return k;
  }
};

Value jwks(std::vector<Value> jwk_list) { return obj({{"keys", arr(std::move(jwk_list))}}); }

// The set of the profile's keys most tests use: two RSA, one EC, one Ed25519.
KeySet standard_set() {
  const TestKeySet& k = Keys::get();
  return keys_from_jwks(jwks({k["rsa1"].jwk, k["ec1"].jwk, k["ed1"].jwk}));
}

// ---- signing -------------------------------------------------------------------------------
struct Token {
  std::string text;
  Value header;
  Value claims;
};

std::string segments(const Value& header, const Value& claims) { return b64url(json(header)) + "." + b64url(json(claims)); }

Token make_token(const TestKey& key, const Value& header, const Value& claims) {
  const Value* alg = member(header, "alg", "header", true);
  std::string input = segments(header, claims);
  return {input + "." + b64url(sign_with(key, alg ? alg->s : "", input)), header, claims};
}

const int64_t kNow = 1700000000;

Value claims_base() {
  return obj({{"iss", str("https://idp.example.com/")},
              {"aud", str("ords-api")},
              {"sub", str("alice@example.com")},
              {"iat", num(kNow - 10)},
              {"exp", num(kNow + 3600)},
              {"scope", str("hr.employees hr.read")},
              {"roles", arr({str("HR Manager")})}});
}

Value header_for(const std::string& alg, const std::string& kid) {
  Value h = obj({{"alg", str(alg)}, {"typ", str("JWT")}});
  if (!kid.empty()) set(&h, "kid", str(kid));
  return h;
}

Profile profile() {
  Profile p;
  p.issuer = "https://idp.example.com/";
  p.audience = "ords-api";
  p.allowed_skew = 0;
  p.allowed_age = 0;
  p.role_claim_name = "/roles";
  return p;
}

// The whole path the decision takes, in its order.
Identity accept(const std::string& token, const Value& header, const Value& claims, const KeySet& keys,
                const Profile& p = profile(), int64_t now = kNow) {
  Jws jws = split(token);
  REQUIRE(jws.header == json(header));  // the Values handed over are those the token carries
  const Key& key = select_key(keys, header);
  verify_signature(key, jws, header);
  return check_claims(header, claims, p, now);
}
Identity accept(const Token& t, const KeySet& keys, const Profile& p = profile(), int64_t now = kNow) {
  return accept(t.text, t.header, t.claims, keys, p, now);
}

// Runs f; returns the message of the jwt::Refused it throws ("" when it accepts). Fails the test
// when the message holds any part of the token's encoding (SECURITY.md R-25: never the token).
std::string refusal(const std::function<void()>& f, const std::string& token = "") {
  try {
    f();
  } catch (const Refused& e) {
    std::string msg = e.what();
    size_t start = 0;
    while (start < token.size()) {
      size_t dot = token.find('.', start);
      if (dot == std::string::npos) dot = token.size();
      std::string part = token.substr(start, dot - start);
      if (part.size() >= 8) CHECK(msg.find(part) == std::string::npos);
      start = dot + 1;
    }
    return msg;
  }
  return "";
}
std::string refusal(const Token& t, const KeySet& keys, const Profile& p = profile(), int64_t now = kNow) {
  return refusal([&] { accept(t, keys, p, now); }, t.text);
}

// The message of the ords::Error keys_from_jwks throws ("" when it builds the set).
std::string jwks_error(const Value& set_value) {
  try {
    keys_from_jwks(set_value);
  } catch (const Refused&) {
    return "unexpected Refused";
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// ---- every algorithm ------------------------------------------------------------------------

TEST_CASE("JWT: RS256, RS384, RS512, ES256 and EdDSA tokens verify, and the claims become the identity", "[jwt]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  REQUIRE(keys.keys.size() == 3);
  CHECK(keys.keys[0].bits == 2048);
  struct Case { const char* key; const char* alg; };
  for (Case c : {Case{"rsa1", "RS256"}, Case{"rsa1", "RS384"}, Case{"rsa1", "RS512"}, Case{"ec1", "ES256"},
                 Case{"ed1", "EdDSA"}, Case{"ed1", "Ed25519"}}) {
    INFO(c.alg);
    Token t = make_token(k[c.key], header_for(c.alg, c.key), claims_base());
    Identity id = accept(t, keys);
    CHECK(id.user == "alice@example.com");
    CHECK(id.scopes == std::vector<std::string>{"hr.employees", "hr.read"});
    CHECK(id.roles == std::vector<std::string>{"HR Manager"});
    CHECK(id.exp == kNow + 3600);
  }
}

TEST_CASE("JWT: a set of one key serves a token without kid; the JWK's alg pins the algorithm", "[jwt]") {
  const TestKeySet& k = Keys::get();
  KeySet one = keys_from_jwks(jwks({k["rsa1"].jwk}));
  Token t = make_token(k["rsa1"], header_for("RS256", ""), claims_base());
  CHECK(accept(t, one).user == "alice@example.com");

  Value pinned = k["rsa1"].jwk;
  set(&pinned, "alg", str("RS384"));
  KeySet keys = keys_from_jwks(jwks({pinned}));
  CHECK(keys.keys[0].has_alg);
  CHECK(accept(make_token(k["rsa1"], header_for("RS384", "rsa1"), claims_base()), keys).exp == kNow + 3600);
  CHECK(refusal(make_token(k["rsa1"], header_for("RS256", "rsa1"), claims_base()), keys) ==
        "alg 'RS256' does not match key 'rsa1', which is for RS384 only");
}

// ---- algorithm attacks (R-29) ---------------------------------------------------------------

TEST_CASE("JWT R-29: alg confusion: HS256 with the RSA public key as HMAC secret is refused", "[jwt][attack]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  for (const char* alg : {"HS256", "HS384", "HS512", "hs256"}) {
    INFO(alg);
    Value h = header_for(alg, "rsa1");
    std::string input = segments(h, claims_base());
    const std::string& secret = k["rsa1"].public_pem;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    REQUIRE(HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
                 reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len));
    Token t{input + "." + b64url(std::string(reinterpret_cast<char*>(mac), len)), h, claims_base()};
    std::string why = refusal(t, keys);
    CHECK(why == "alg '" + std::string(alg) +
                     "' (a shared-secret MAC) is never accepted: JWTs are verified with the provider's public keys");
  }
}

TEST_CASE("JWT R-29: alg none in any case is refused, with or without a signature part", "[jwt][attack]") {
  KeySet keys = standard_set();
  for (const char* alg : {"none", "NONE", "nOnE"}) {
    INFO(alg);
    Value h = header_for(alg, "rsa1");
    std::string unsigned_token = segments(h, claims_base()) + ".";
    CHECK(refusal([&] { accept(unsigned_token, h, claims_base(), keys); }, unsigned_token) ==
          "the signature part of the token is empty");
    std::string with_sig = segments(h, claims_base()) + ".AAAA";
    CHECK(refusal([&] { accept(with_sig, h, claims_base(), keys); }, with_sig) ==
          "alg '" + std::string(alg) + "' (an unsigned token) is never accepted");
  }
}

TEST_CASE("JWT R-29: the header's alg must fit the key: mismatches and kid of another kty", "[jwt][attack]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  // ES256 header on the RSA key's kid, signed by the EC key (a kid of another kty).
  CHECK(refusal(make_token(k["ec1"], header_for("ES256", "rsa1"), claims_base()), keys) ==
        "alg 'ES256' does not match key 'rsa1', an RSA key");
  CHECK(refusal(make_token(k["rsa1"], header_for("RS256", "ec1"), claims_base()), keys) ==
        "alg 'RS256' does not match key 'ec1', an EC P-256 key");
  CHECK(refusal(make_token(k["ec1"], header_for("ES256", "ed1"), claims_base()), keys) ==
        "alg 'ES256' does not match key 'ed1', an OKP Ed25519 key");
  CHECK(refusal(make_token(k["ed1"], header_for("EdDSA", "rsa1"), claims_base()), keys) ==
        "alg 'EdDSA' does not match key 'rsa1', an RSA key");
  // Algorithms outside the accepted set.
  for (const char* alg : {"PS256", "ES384", "ES512", "RSA-OAEP", ""}) {
    INFO(alg);
    Value h = header_for(alg, "rsa1");
    std::string t = segments(h, claims_base()) + ".AAAA";
    CHECK(refusal([&] { accept(t, h, claims_base(), keys); }, t) ==
          "alg '" + std::string(alg) + "' is not accepted (RS256, RS384, RS512, ES256 and EdDSA are)");
  }
  Value no_alg = obj({{"kid", str("rsa1")}});
  std::string t = segments(no_alg, claims_base()) + ".AAAA";
  CHECK(refusal([&] { accept(t, no_alg, claims_base(), keys); }, t) == "the token header has no alg");
  Value num_alg = obj({{"alg", num(256)}, {"kid", str("rsa1")}});
  t = segments(num_alg, claims_base()) + ".AAAA";
  CHECK(refusal([&] { accept(t, num_alg, claims_base(), keys); }, t) == "the token header's alg is not a string");
}

// ---- key selection (R-32) -------------------------------------------------------------------

TEST_CASE("JWT R-32: kid not found, no kid among several keys, kid not a string", "[jwt][kid]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  Token t = make_token(k["rsa1"], header_for("RS256", "k9"), claims_base());
  CHECK(refusal(t, keys) == "no key with kid 'k9'; install the provider's keys with set_jwt_profile_keys");
  t = make_token(k["rsa1"], header_for("RS256", ""), claims_base());
  CHECK(refusal(t, keys) == "the token names no key (its header has no kid) and the profile has 3 keys");
  Value h = header_for("RS256", "");
  set(&h, "kid", num(1));
  t = make_token(k["rsa1"], h, claims_base());
  CHECK(refusal(t, keys) == "the token header's kid is not a string");
  // A hostile kid is quoted bounded and printable.
  std::string hostile(300, 'x');
  hostile[3] = '\n';
  hostile[4] = '\'';
  t = make_token(k["rsa1"], header_for("RS256", hostile), claims_base());
  std::string why = refusal(t, keys);
  CHECK(why.find('\n') == std::string::npos);
  CHECK(why.find(std::string(65, 'x')) == std::string::npos);
  CHECK(why.rfind("no key with kid 'xxx??xxx", 0) == 0);
  CHECK(refusal([&] { select_key(KeySet{}, header_for("RS256", "rsa1")); }) ==
        "the profile has no keys; install the provider's keys with set_jwt_profile_keys");
}

TEST_CASE("JWT R-32: jku, x5u, jwk and x5c in the header are ignored: an embedded key never verifies", "[jwt][attack]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  Value h = header_for("RS256", "rsa1");
  set(&h, "jku", str("https://evil.example/jwks.json"));
  set(&h, "x5u", str("https://evil.example/cert.pem"));
  set(&h, "x5c", arr({str("MIIB")}));
  set(&h, "jwk", k["rsa2"].jwk);
  // Signed with the key the header embeds: refused; signed with the installed key: accepted.
  CHECK(refusal(make_token(k["rsa2"], h, claims_base()), keys) == "the signature does not verify with key 'rsa1'");
  CHECK(accept(make_token(k["rsa1"], h, claims_base()), keys).user == "alice@example.com");
}

// ---- signatures ---------------------------------------------------------------------------

TEST_CASE("JWT: tampered payload or header, and another key's signature, do not verify", "[jwt][attack]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  struct Case { const char* key; const char* other; const char* alg; const char* label; };
  for (Case c : {Case{"rsa1", "rsa2", "RS256", "key 'rsa1'"}, Case{"ec1", "ec2", "ES256", "key 'ec1'"},
                 Case{"ed1", "ed2", "EdDSA", "key 'ed1'"}}) {
    INFO(c.alg);
    std::string fails = std::string("the signature does not verify with ") + c.label;
    Token good = make_token(k[c.key], header_for(c.alg, c.key), claims_base());
    std::string sig = good.text.substr(good.text.rfind('.') + 1);
    // Payload: alice becomes admin, the signature stays.
    Value evil = claims_base();
    set(&evil, "sub", str("admin"));
    Token t{segments(good.header, evil) + "." + sig, good.header, evil};
    CHECK(refusal(t, keys) == fails);
    // Header: one more member, the signature stays.
    Value h2 = good.header;
    set(&h2, "cty", str("JWT"));
    t = Token{segments(h2, good.claims) + "." + sig, h2, good.claims};
    CHECK(refusal(t, keys) == fails);
    // Signed by another key of the same type under the installed key's kid.
    t = make_token(k[c.other], header_for(c.alg, c.key), claims_base());
    CHECK(refusal(t, keys) == fails);
    // One flipped bit in the signature.
    std::string raw = sign_with(k[c.key], c.alg, segments(good.header, good.claims));
    raw[raw.size() / 2] ^= 1;
    t = Token{segments(good.header, good.claims) + "." + b64url(raw), good.header, good.claims};
    CHECK(refusal(t, keys) == fails);
  }
}

TEST_CASE("JWT: signature lengths: RSA the modulus size, ES256 64 raw bytes (DER refused), EdDSA 64", "[jwt]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  Value h = header_for("ES256", "ec1");
  std::string input = segments(h, claims_base());
  std::string der = evp_sign(k["ec1"].priv.get(), EVP_sha256(), input);
  Token t{input + "." + b64url(der), h, claims_base()};
  CHECK(refusal(t, keys) == "the signature is " + std::to_string(der.size()) +
                                " bytes; an ES256 signature is 64 (r || s, RFC 7518 section 3.4), not DER");
  h = header_for("RS256", "rsa1");
  input = segments(h, claims_base());
  std::string sig = sign_with(k["rsa1"], "RS256", input);
  t = Token{input + "." + b64url(sig.substr(1)), h, claims_base()};
  CHECK(refusal(t, keys) == "the signature is 255 bytes; an RS256 signature by key 'rsa1' (2048 bits) is 256");
  t = Token{input + "." + b64url(std::string(1, '\0') + sig), h, claims_base()};
  CHECK(refusal(t, keys) == "the signature is 257 bytes; an RS256 signature by key 'rsa1' (2048 bits) is 256");
  h = header_for("EdDSA", "ed1");
  input = segments(h, claims_base());
  t = Token{input + "." + b64url(std::string(63, 'a')), h, claims_base()};
  CHECK(refusal(t, keys) == "the signature is 63 bytes; an EdDSA signature is 64");
}

// ---- the compact serialization (R-33) -------------------------------------------------------

TEST_CASE("JWT R-33: exactly three parts, none empty", "[jwt][jws]") {
  CHECK(refusal([] { split("a.b.c.d"); }) == "a compact JWS has three parts separated by '.'; this token has 4");
  CHECK(refusal([] { split("a.b.c.d.e"); }) == "a compact JWS has three parts separated by '.'; this token has 5");
  CHECK(refusal([] { split("abcd.efgh"); }) == "a compact JWS has three parts separated by '.'; this token has 2");
  CHECK(refusal([] { split(""); }) == "a compact JWS has three parts separated by '.'; this token has 1");
  CHECK(refusal([] { split(".e30.AAAA"); }) == "the header part of the token is empty");
  CHECK(refusal([] { split("e30..AAAA"); }) == "the payload part of the token is empty");
  CHECK(refusal([] { split("e30.e30."); }) == "the signature part of the token is empty");
  CHECK(refusal([] { split(".."); }) == "the header part of the token is empty");
  Jws j = split("e30.e30.AAAA");
  CHECK(j.header == "{}");
  CHECK(j.payload == "{}");
  CHECK(j.signature == std::string(3, '\0'));
  CHECK(j.signing_input == "e30.e30");
}

TEST_CASE("JWT R-33: strict base64url: no padding, no other alphabet, no leftover bits, truncation", "[jwt][jws]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  Token good = make_token(k["rsa1"], header_for("RS256", "rsa1"), claims_base());
  size_t d1 = good.text.find('.'), d2 = good.text.rfind('.');
  std::string h = good.text.substr(0, d1), p = good.text.substr(d1 + 1, d2 - d1 - 1), s = good.text.substr(d2 + 1);
  auto why = [&](const std::string& t) { return refusal([&] { accept(t, good.header, good.claims, keys); }, t); };
  CHECK(why(h + "." + p + "." + s) == "");
  REQUIRE(s.size() == 342);  // 256 bytes: 342 characters, the last one carrying 2 bits
  CHECK(why(h + "." + p + "." + s + "==") == "the signature part of the token is not base64url without padding");
  CHECK(why(h + "=." + p + "." + s) == "the header part of the token is not base64url without padding");
  CHECK(why(h + "." + p + "=." + s) == "the payload part of the token is not base64url without padding");
  // Truncated by one character: 341 = 4k+1 characters cannot be base64; by two: 255 bytes.
  CHECK(why(h + "." + p + "." + s.substr(0, 341)) == "the signature part of the token is not base64url without padding");
  CHECK(why(h + "." + p + "." + s.substr(0, 340)) ==
        "the signature is 255 bytes; an RS256 signature by key 'rsa1' (2048 bits) is 256");
  // The last character with nonzero leftover bits (a second spelling of the same bytes).
  std::string odd = s;
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t idx = alphabet.find(odd.back());
  REQUIRE(idx % 16 == 0);
  odd.back() = alphabet[idx + 1];
  CHECK(why(h + "." + p + "." + odd) == "the signature part of the token is not base64url without padding");
  // The standard alphabet's + and /, whitespace, a NUL.
  for (std::string bad : std::vector<std::string>{"+", "/", " ", "\n", std::string(1, '\0')}) {
    std::string t = h + "." + p.substr(0, 8) + bad + p.substr(8) + "." + s;
    CHECK(why(t) == "the payload part of the token is not base64url without padding");
  }
  // Truncated payload: the signature no longer matches (or the payload no longer decodes).
  std::string cut = h + "." + p.substr(0, p.size() - 4) + "." + s;
  CHECK(why(cut) == "the signature does not verify with key 'rsa1'");
}

TEST_CASE("JWT R-33: the size cap is checked before decoding", "[jwt][jws]") {
  std::string at_cap = std::string(4000, 'A') + "." + std::string(4000, 'A') + "." + std::string(190, 'A');
  REQUIRE(at_cap.size() == kMaxTokenBytes);
  CHECK(refusal([&] { split(at_cap); }) == "");
  std::string over = at_cap + "A";
  CHECK(refusal([&] { split(over); }) == "the token is 8193 bytes; a JWT may have at most 8192");
  // A megabyte of garbage, even with the wrong number of parts, is refused by size first.
  std::string huge(1 << 20, '.');
  CHECK(refusal([&] { split(huge); }) == "the token is 1048576 bytes; a JWT may have at most 8192");
}

TEST_CASE("JWT: looks_like_jws sends only values with a '.' to the JWT path", "[jwt][jws]") {
  CHECK_FALSE(looks_like_jws("6YdjTpm4bVwUWtBoS0eU5BXmW1oUA2nE9u1HXQ0JR2Q"));  // an opaque token
  CHECK(looks_like_jws("a.b.c"));
  CHECK(looks_like_jws("a.b"));
  CHECK_FALSE(looks_like_jws(""));
}

TEST_CASE("JWT: b64url_decode is libsodium's strict URL-safe alphabet without padding", "[jwt][jws]") {
  std::string out;
  CHECK(b64url_decode("", &out));
  CHECK(out.empty());
  CHECK(b64url_decode("YQ", &out));
  CHECK(out == "a");
  CHECK(b64url_decode("_-8", &out));
  CHECK(out == "\xff\xef");
  CHECK_FALSE(b64url_decode("YQ==", &out));
  CHECK_FALSE(b64url_decode("YR", &out));  // leftover bits
  CHECK_FALSE(b64url_decode("Y", &out));   // 4k+1 characters
  CHECK_FALSE(b64url_decode("Y+8", &out));
  CHECK_FALSE(b64url_decode("YQ ", &out));
}

// ---- claims (R-30, R-31) ------------------------------------------------------------------

namespace {
// The claims checks alone, on a token already verified (header and claims Values).
std::string claims_refusal(const Value& claims, const Profile& p = profile(), int64_t now = kNow,
                           const Value& header = header_for("RS256", "rsa1")) {
  return refusal([&] { check_claims(header, claims, p, now); });
}
Value with(Value c, const std::string& name, Value v) {
  set(&c, name, std::move(v));
  return c;
}
Value without(Value c, const std::string& name) {
  erase(&c, name);
  return c;
}
}  // namespace

TEST_CASE("JWT R-30: iss must equal the issuer; aud a string equal to or an array containing the audience",
          "[jwt][claims]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  // Through the whole path once, then the claims check alone.
  CHECK(refusal(make_token(k["ec1"], header_for("ES256", "ec1"), with(claims_base(), "aud", str("x"))), keys) ==
        "aud is 'x', the profile expects 'ords-api'");
  CHECK(claims_refusal(with(claims_base(), "iss", str("https://evil.example.com/"))) ==
        "iss is 'https://evil.example.com/', the profile expects 'https://idp.example.com/'");
  CHECK(claims_refusal(with(claims_base(), "iss", str("https://idp.example.com"))) ==
        "iss is 'https://idp.example.com', the profile expects 'https://idp.example.com/'");
  CHECK(claims_refusal(without(claims_base(), "iss")) ==
        "the token has no iss; the profile expects 'https://idp.example.com/'");
  CHECK(claims_refusal(with(claims_base(), "iss", num(1))) ==
        "iss is not a string; the profile expects 'https://idp.example.com/'");
  CHECK(claims_refusal(without(claims_base(), "aud")) == "the token has no aud; the profile expects 'ords-api'");
  CHECK(claims_refusal(with(claims_base(), "aud", str("ORDS-API"))) ==
        "aud is 'ORDS-API', the profile expects 'ords-api'");
  CHECK(claims_refusal(with(claims_base(), "aud", arr({str("a"), str("b")}))) ==
        "aud is ['a', 'b'], the profile expects 'ords-api'");
  CHECK(claims_refusal(with(claims_base(), "aud", arr({}))) == "aud is [], the profile expects 'ords-api'");
  CHECK(claims_refusal(with(claims_base(), "aud", arr({str("a"), str("b"), str("c"), str("d"), str("e")}))) ==
        "aud is ['a', 'b', 'c', 'd', ...], the profile expects 'ords-api'");
  CHECK(claims_refusal(with(claims_base(), "aud", arr({str("ords-api"), num(1)}))) ==
        "aud must be a string or an array of strings");
  CHECK(claims_refusal(with(claims_base(), "aud", num(1))) == "aud must be a string or an array of strings");
  CHECK(claims_refusal(with(claims_base(), "aud", arr({str("other"), str("ords-api")}))) == "");
}

TEST_CASE("JWT R-31: exp required and enforced, nbf and iat in the future refused", "[jwt][claims]") {
  const TestKeySet& k = Keys::get();
  KeySet keys = standard_set();
  CHECK(refusal(make_token(k["ed1"], header_for("EdDSA", "ed1"), claims_base()), keys, profile(), kNow + 3730) ==
        "expired 130 s ago");
  Profile skewed = profile();
  skewed.allowed_skew = 30;
  CHECK(claims_refusal(claims_base(), skewed, kNow + 3730) ==
        "expired 130 s ago (beyond the profile's 30 s of clock skew)");
  CHECK(claims_refusal(without(claims_base(), "exp")) ==
        "the token has no exp; the profile accepts only tokens that expire");
  CHECK(claims_refusal(with(claims_base(), "nbf", num(kNow + 100))) == "not valid for another 100 s (nbf)");
  CHECK(claims_refusal(with(claims_base(), "iat", num(kNow + 100))) ==
        "issued 100 s in the future (iat); the provider's clock and this host's disagree");
  CHECK(claims_refusal(with(claims_base(), "nbf", num(kNow - 100))) == "");
}

TEST_CASE("JWT R-31: skew boundaries: exactly at each edge", "[jwt][claims]") {
  Value c = with(with(claims_base(), "nbf", num(kNow)), "iat", num(kNow));
  c = with(c, "exp", num(kNow + 100));
  for (int64_t skew : {0, 30, 60}) {
    INFO("skew " << skew);
    Profile p = profile();
    p.allowed_skew = skew;
    // exp: valid while now < exp + skew.
    CHECK(claims_refusal(c, p, kNow + 100 + skew - 1) == "");
    CHECK(claims_refusal(c, p, kNow + 100 + skew).rfind("expired " + std::to_string(skew) + " s ago", 0) == 0);
    // nbf and iat: valid from nbf - skew (iat - skew) on.
    CHECK(claims_refusal(c, p, kNow - skew) == "");
    CHECK(claims_refusal(c, p, kNow - skew - 1).rfind("not valid for another " + std::to_string(skew + 1) + " s", 0) == 0);
    Value iat_only = without(c, "nbf");
    CHECK(claims_refusal(iat_only, p, kNow - skew) == "");
    CHECK(claims_refusal(iat_only, p, kNow - skew - 1).rfind("issued " + std::to_string(skew + 1) + " s in the future", 0) == 0);
  }
  // 0 or less disables the skew; more than 60 counts as 60.
  Profile p = profile();
  p.allowed_skew = -5;
  CHECK(claims_refusal(c, p, kNow + 100) == "expired 0 s ago");
  CHECK(claims_refusal(c, p, kNow + 99) == "");
  p.allowed_skew = 600;
  CHECK(claims_refusal(c, p, kNow + 159) == "");
  CHECK(claims_refusal(c, p, kNow + 160) == "expired 60 s ago (beyond the profile's 60 s of clock skew)");
}

TEST_CASE("JWT R-31: the age limit from iat, with its edge; 0 or less disables it", "[jwt][claims]") {
  Value c = with(with(claims_base(), "iat", num(kNow - 1000)), "exp", num(kNow + 1000));
  Profile p = profile();
  p.allowed_age = 300;
  CHECK(claims_refusal(c, p, kNow - 700) == "");
  CHECK(claims_refusal(c, p, kNow - 699) == "issued 301 s ago (iat); the profile accepts tokens up to 300 s old");
  CHECK(claims_refusal(c, p) == "issued 1000 s ago (iat); the profile accepts tokens up to 300 s old");
  p.allowed_skew = 20;
  CHECK(claims_refusal(c, p, kNow - 680) == "");
  CHECK(claims_refusal(c, p, kNow - 679) ==
        "issued 321 s ago (iat); the profile accepts tokens up to 300 s old (beyond the profile's 20 s of clock skew)");
  p.allowed_skew = 0;
  CHECK(claims_refusal(without(c, "iat"), p) == "the token has no iat; the profile limits token age to 300 s");
  p.allowed_age = 0;
  CHECK(claims_refusal(c, p) == "");
  CHECK(claims_refusal(without(c, "iat"), p) == "");
  p.allowed_age = -1;
  CHECK(claims_refusal(c, p) == "");
}

TEST_CASE("JWT R-31: exp, nbf and iat must be JSON integers in range", "[jwt][claims]") {
  for (const char* name : {"exp", "nbf", "iat"}) {
    INFO(name);
    std::string n = name;
    CHECK(claims_refusal(with(claims_base(), n, Value::real(1.5))) ==
          n + " must be a JSON integer (seconds since 1970-01-01); it is a real number");
    CHECK(claims_refusal(with(claims_base(), n, Value::real(1.8e9))) ==
          n + " must be a JSON integer (seconds since 1970-01-01); it is a real number");
    CHECK(claims_refusal(with(claims_base(), n, str("123"))) ==
          n + " must be a JSON integer (seconds since 1970-01-01); it is a string");
    CHECK(claims_refusal(with(claims_base(), n, Value::boolean(true))) ==
          n + " must be a JSON integer (seconds since 1970-01-01); it is a boolean");
    CHECK(claims_refusal(with(claims_base(), n, Value::null())) ==
          n + " must be a JSON integer (seconds since 1970-01-01); it is null");
    CHECK(claims_refusal(with(claims_base(), n, num(-1))) == n + " is out of range (0 to 253402300799)");
    CHECK(claims_refusal(with(claims_base(), n, num(kMaxTime + 1))) == n + " is out of range (0 to 253402300799)");
    CHECK(claims_refusal(with(claims_base(), n, num(INT64_MAX))) == n + " is out of range (0 to 253402300799)");
  }
  // The largest exp is fine and does not overflow with the skew.
  Profile p = profile();
  p.allowed_skew = 60;
  CHECK(claims_refusal(with(claims_base(), "exp", num(kMaxTime)), p) == "");
}

TEST_CASE("JWT R-33: crit is refused; duplicate members a parser let through are refused", "[jwt][claims]") {
  Value h = header_for("RS256", "rsa1");
  set(&h, "crit", arr({str("exp")}));
  CHECK(claims_refusal(claims_base(), profile(), kNow, h) ==
        "the token header has crit: it demands extensions this verifier does not support");
  Value dup = claims_base();
  dup.members.emplace_back("exp", num(kNow + 99999));
  CHECK(claims_refusal(dup) == "the token payload has two 'exp' members");
  Value dup_alg = header_for("RS256", "rsa1");
  dup_alg.members.emplace_back("alg", str("none"));
  KeySet keys = standard_set();
  CHECK(refusal([&] { algorithm_for(keys.keys[0], dup_alg); }) == "the token header has two 'alg' members");
  CHECK(claims_refusal(claims_base(), profile(), kNow, str("x")) == "the token header is not a JSON object");
  CHECK(claims_refusal(arr({})) == "the token payload is not a JSON object");
}

TEST_CASE("JWT: sub, scope and scp, and the role claim by JSON pointer", "[jwt][claims]") {
  Profile p = profile();
  Value c = without(without(claims_base(), "scope"), "roles");
  Identity id = check_claims(header_for("RS256", "rsa1"), c, p, kNow);
  CHECK(id.user == "alice@example.com");
  CHECK(id.scopes.empty());
  CHECK(id.roles.empty());  // nothing at /roles: no roles, not an error
  CHECK(check_claims(header_for("RS256", "x"), without(c, "sub"), p, kNow).user == "");
  CHECK(claims_refusal(with(c, "sub", num(1))) == "sub is not a string");

  id = check_claims(header_for("RS256", "x"), with(with(c, "scope", str(" a  b a ")), "scp", arr({str("c"), str("a")})), p, kNow);
  CHECK(id.scopes == std::vector<std::string>{"a", "b", "c"});
  id = check_claims(header_for("RS256", "x"), with(c, "scp", str("x y")), p, kNow);
  CHECK(id.scopes == std::vector<std::string>{"x", "y"});
  CHECK(claims_refusal(with(c, "scope", arr({str("a")}))) == "scope must be a space-separated string");
  CHECK(claims_refusal(with(c, "scp", arr({num(1)}))) == "scp must be a string or an array of strings");
  CHECK(claims_refusal(with(c, "scp", num(1))) == "scp must be a string or an array of strings");

  // Keycloak's nested realm roles, Auth0's namespaced claim (~1 escapes '/'), ~0 for '~', an index.
  Value kc = with(c, "realm_access", obj({{"roles", arr({str("HR Manager"), str("Auditor")})}}));
  p.role_claim_name = "/realm_access/roles";
  CHECK(check_claims(header_for("RS256", "x"), kc, p, kNow).roles == std::vector<std::string>{"HR Manager", "Auditor"});
  p.role_claim_name = "/https:~1~1example.com~1roles";
  CHECK(check_claims(header_for("RS256", "x"), with(c, "https://example.com/roles", str("a b")), p, kNow).roles ==
        std::vector<std::string>{"a", "b"});
  p.role_claim_name = "/a~0b";
  CHECK(check_claims(header_for("RS256", "x"), with(c, "a~b", arr({str("r")})), p, kNow).roles ==
        std::vector<std::string>{"r"});
  p.role_claim_name = "/groups/1";
  CHECK(check_claims(header_for("RS256", "x"), with(c, "groups", arr({str("g0"), str("g1 g2")})), p, kNow).roles ==
        std::vector<std::string>{"g1", "g2"});
  p.role_claim_name = "/groups/01";
  CHECK(check_claims(header_for("RS256", "x"), with(c, "groups", arr({str("g0"), str("g1")})), p, kNow).roles.empty());
  p.role_claim_name = "";
  CHECK(check_claims(header_for("RS256", "x"), claims_base(), p, kNow).roles.empty());
  p.role_claim_name = "/roles";
  CHECK(claims_refusal(with(c, "roles", num(3)), p) ==
        "the role claim '/roles' is an integer; it must be an array of strings or a space-separated string");
  CHECK(claims_refusal(with(c, "roles", arr({str("a"), obj({})})), p) ==
        "the role claim '/roles' must be an array of strings or a space-separated string");

  // client_id (RFC 9068), else azp.
  CHECK(check_claims(header_for("RS256", "x"), with(c, "azp", str("spa")), p, kNow).client_id == "spa");
  CHECK(check_claims(header_for("RS256", "x"), with(with(c, "azp", str("spa")), "client_id", str("cli")), p, kNow)
            .client_id == "cli");
}

TEST_CASE("JWT: parse_json_pointer follows RFC 6901 and names p_role_claim_name", "[jwt][claims]") {
  CHECK(parse_json_pointer("").empty());
  CHECK(parse_json_pointer("/") == std::vector<std::string>{""});
  CHECK(parse_json_pointer("/a/b") == std::vector<std::string>{"a", "b"});
  CHECK(parse_json_pointer("/~1~0x") == std::vector<std::string>{"/~x"});
  CHECK_THROWS_WITH(parse_json_pointer("roles"), Catch::StartsWith("p_role_claim_name must be a JSON pointer"));
  CHECK_THROWS_WITH(parse_json_pointer("/a~2"), Catch::StartsWith("p_role_claim_name has a '~' not followed"));
  CHECK_THROWS_WITH(parse_json_pointer("/a~"), Catch::StartsWith("p_role_claim_name has a '~' not followed"));
  CHECK_THROWS_WITH(parse_json_pointer("/" + std::string(300, 'a')), "p_role_claim_name is longer than 256 bytes");
}

// ---- JWK Sets ---------------------------------------------------------------------------------

TEST_CASE("JWK: a short RSA modulus, an EC point off the curve, bad lengths and encodings are refused by kid",
          "[jwt][jwk]") {
  const TestKeySet& k = Keys::get();
  Value short_rsa = k["rsa1024"].jwk;
  set(&short_rsa, "kid", str("short"));
  CHECK(jwks_error(jwks({k["rsa1"].jwk, short_rsa})) ==
        "p_jwks key 'short': the RSA modulus has 1024 bits; at least 2048 are required");

  Value off = k["ec1"].jwk;
  std::string y;
  REQUIRE(b64url_decode(member(off, "y", "", false)->s, &y));
  y[31] ^= 1;
  set(&off, "y", str(b64url(y)));
  std::string why = jwks_error(jwks({off}));
  CHECK(why == "p_jwks key 'ec1': 'x' and 'y' are not a point on the P-256 curve");
  // The point at infinity has no affine form; (0, 0) is not on the curve either.
  Value zeros = with(with(k["ec1"].jwk, "x", str(b64url(std::string(32, '\0')))), "y", str(b64url(std::string(32, '\0'))));
  CHECK(jwks_error(jwks({zeros})) == "p_jwks key 'ec1': 'x' and 'y' are not a point on the P-256 curve");

  // e = 3 is a valid (if unusual) public exponent; a modulus with a small factor is refused by
  // OpenSSL's public key check.
  Value e3 = with(k["rsa1"].jwk, "e", str(b64url("\x03")));
  CHECK(jwks_error(jwks({e3})) == "");
  std::string n;
  REQUIRE(b64url_decode(member(k["rsa1"].jwk, "n", "", false)->s, &n));
  BIGNUM* bn = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr);
  while (BN_mod_word(bn, 3) != 0) REQUIRE(BN_add_word(bn, 2));  // stays odd, becomes a multiple of 3
  Value n3 = with(k["rsa1"].jwk, "n", str(bn_b64(bn, 0)));
  BN_free(bn);
  CHECK(jwks_error(jwks({n3})) ==
        "p_jwks key 'rsa1': 'n' and 'e' are not a usable RSA public key (OpenSSL's public key check refuses them: "
        "a modulus with a small factor, or an exponent out of range)");

  Value short_x = k["ec1"].jwk;
  set(&short_x, "x", str(b64url(std::string(31, 'a'))));
  CHECK(jwks_error(jwks({short_x})) == "p_jwks key 'ec1': 'x' is 31 bytes; it must be 32");
  Value padded = k["rsa1"].jwk;
  set(&padded, "e", str("AQAB=="));
  CHECK(jwks_error(jwks({padded})) == "p_jwks key 'rsa1': 'e' is not base64url without padding");
  Value even = k["rsa1"].jwk;
  set(&even, "e", str(b64url("\x01\x00")));
  CHECK(jwks_error(jwks({even})) == "p_jwks key 'rsa1': the RSA exponent 'e' must be odd and at least 3");
  Value no_n = without(k["rsa1"].jwk, "n");
  CHECK(jwks_error(jwks({no_n})) == "p_jwks key 'rsa1': the member 'n' is missing");

  // An Ed25519 key that is not a usable point (all zero: small order).
  Value zero = k["ed1"].jwk;
  set(&zero, "x", str(b64url(std::string(32, '\0'))));
  CHECK(jwks_error(jwks({zero})).rfind("p_jwks key 'ed1': 'x' is not a usable Ed25519 public key", 0) == 0);
}

TEST_CASE("JWK: private members, shared secrets, other types and uses are refused naming the kid", "[jwt][jwk]") {
  const TestKeySet& k = Keys::get();
  for (const char* priv : {"d", "p", "q", "dp", "dq", "qi", "oth"}) {
    INFO(priv);
    CHECK(jwks_error(jwks({with(k["rsa1"].jwk, priv, str("AQAB"))})) ==
          std::string("p_jwks key 'rsa1' holds the private member '") + priv +
              "'; install the provider's public keys only (the JWK Set its jwks_uri publishes), never a private key");
  }
  CHECK(jwks_error(jwks({with(k["ec1"].jwk, "d", str("AQAB"))})).rfind("p_jwks key 'ec1' holds the private member 'd'", 0) == 0);
  CHECK(jwks_error(jwks({with(k["ed1"].jwk, "d", str("AQAB"))})).rfind("p_jwks key 'ed1' holds the private member 'd'", 0) == 0);
  CHECK(jwks_error(jwks({obj({{"kty", str("oct")}, {"kid", str("h")}, {"k", str("c2VjcmV0")}})})) ==
        "p_jwks key 'h' holds the private member 'k'; install the provider's public keys only (the JWK Set its "
        "jwks_uri publishes), never a private key");
  CHECK(jwks_error(jwks({obj({{"kty", str("oct")}, {"kid", str("h")}})})) ==
        "p_jwks key 'h': kty 'oct' (a shared secret) is never accepted: JWTs are verified with the provider's public keys");
  CHECK(jwks_error(jwks({obj({{"kty", str("DSA")}, {"kid", str("z")}})})) ==
        "p_jwks key 'z': kty 'DSA' is not supported (RSA, EC P-256 and OKP Ed25519 are)");
  CHECK(jwks_error(jwks({with(k["ec1"].jwk, "crv", str("P-384"))})) ==
        "p_jwks key 'ec1': crv 'P-384' is not supported; EC keys must be on P-256 (ES256)");
  CHECK(jwks_error(jwks({with(k["ed1"].jwk, "crv", str("Ed448"))})) ==
        "p_jwks key 'ed1': crv 'Ed448' is not supported; OKP keys must be Ed25519 (EdDSA)");
  CHECK(jwks_error(jwks({with(k["rsa1"].jwk, "use", str("enc"))})) ==
        "p_jwks key 'rsa1': use 'enc' is not 'sig': only signing keys verify JWTs; remove this key from the set");
  CHECK(jwks_error(jwks({with(k["rsa1"].jwk, "key_ops", arr({str("sign")}))})) ==
        "p_jwks key 'rsa1': key_ops does not list 'verify': this key is not for verifying signatures");
  CHECK(jwks_error(jwks({with(k["rsa1"].jwk, "key_ops", arr({str("verify")}))})) == "");
  CHECK(jwks_error(jwks({with(k["rsa1"].jwk, "alg", str("PS256"))})) ==
        "p_jwks key 'rsa1': alg 'PS256' is not accepted for RSA keys (RS256, RS384 and RS512 are)");
  CHECK(jwks_error(jwks({with(k["ec1"].jwk, "alg", str("RS256"))})) ==
        "p_jwks key 'ec1': alg 'RS256' is not accepted for EC P-256 keys (ES256 are)");
  CHECK(jwks_error(jwks({with(k["ed1"].jwk, "alg", str("EdDSA"))})) == "");
  // x5c and friends are ignored.
  CHECK(jwks_error(jwks({with(k["rsa1"].jwk, "x5c", arr({str("MIIB")}))})) == "");
}

TEST_CASE("JWK Set: duplicate kid, missing kid beside others, the set's shape", "[jwt][jwk]") {
  const TestKeySet& k = Keys::get();
  Value again = k["ec1"].jwk;
  set(&again, "kid", str("rsa1"));
  CHECK(jwks_error(jwks({k["rsa1"].jwk, again})) == "p_jwks has two keys with kid 'rsa1'");
  CHECK(jwks_error(jwks({k["rsa1"].jwk, without(k["ec1"].jwk, "kid")})) ==
        "p_jwks key 2 has no kid; when the set holds several keys, each needs its own kid");
  CHECK(jwks_error(jwks({without(k["ec1"].jwk, "kid")})) == "");
  CHECK(jwks_error(jwks({with(k["ec1"].jwk, "kid", str(""))})) ==
        "p_jwks key 1: kid must be a non-empty string of at most 256 bytes");
  CHECK(jwks_error(jwks({with(k["ec1"].jwk, "kid", num(7))})) ==
        "p_jwks key 1: kid must be a non-empty string of at most 256 bytes");
  CHECK(jwks_error(jwks({})) == "p_jwks holds no keys; install the provider's JWK Set (its jwks_uri)");
  CHECK(jwks_error(jwks({str("x")})) == "p_jwks key 1 is not a JSON object");
  CHECK(jwks_error(k["rsa1"].jwk) == "p_jwks is a single JWK; wrap it in a JWK Set: {\"keys\": [ ... ]}");
  CHECK(jwks_error(obj({})) == "p_jwks has no 'keys' member: a JWK Set is {\"keys\": [...]}");
  CHECK(jwks_error(str("x")) == "p_jwks must be a JSON object: a JWK Set {\"keys\": [...]}");
  CHECK(jwks_error(obj({{"keys", obj({})}})) == "p_jwks 'keys' must be an array of JWKs");
  std::vector<Value> many;
  for (size_t i = 0; i <= kMaxKeys; ++i) many.push_back(with(k["ed1"].jwk, "kid", str("k" + std::to_string(i))));
  CHECK(jwks_error(jwks(many)) == "p_jwks holds 65 keys; at most 64 are accepted");
  Value dup_member = k["rsa1"].jwk;
  dup_member.members.emplace_back("n", str("AQAB"));
  CHECK(jwks_error(jwks({dup_member})) == "p_jwks key 'rsa1' has two 'n' members");
}
