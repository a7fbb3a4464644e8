// jwk.hpp: verification keys built from a JWK Set (RFC 7517) the caller has already parsed.
//
// keys_from_jwks() takes {"keys":[...]} as an ords::Value and returns the keys it holds, or
// throws ords::Error naming the key (by kid, or by its position when it has none) and what to do.
// Accepted keys, all public:
//   kty RSA        n, e         modulus 2048 to 8192 bits, odd; e odd and at least 3; then
//                               OpenSSL's public key check (EVP_PKEY_public_check)
//   kty EC, P-256  x, y         32 bytes each; the point must be on the curve (OpenSSL's check)
//   kty OKP, Ed25519  x         32 bytes; a valid, non-small-order point (libsodium's check)
// RSA and EC keys become OpenSSL EVP_PKEYs made with EVP_PKEY_fromdata (OSSL_PARAM_BLD); Ed25519
// keys stay 32 bytes for libsodium's crypto_sign_verify_detached.
// Refused, each naming the key: a private member (d, p, q, dp, dq, qi, oth, k); kty 'oct' or any
// other kty or crv; a parameter that is missing, not strict base64url, or of the wrong length;
// `use` other than "sig"; `key_ops` without "verify"; an `alg` the key type cannot have
// (RSA: RS256/RS384/RS512; EC: ES256; OKP: EdDSA or Ed25519); a kid that is not a non-empty
// string of at most 256 bytes. In the set: no keys, more than kMaxKeys, two keys with the same
// kid, a key without kid beside others. Other members (x5c, x5t, n's certificates...) are ignored:
// nothing but n/e/x/y decides what verifies.
#pragma once
#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "../core/value.hpp"

struct evp_pkey_st;      // OpenSSL's EVP_PKEY, kept out of this header
struct evp_pkey_ctx_st;  // and its EVP_PKEY_CTX

namespace ords::jwt {

constexpr size_t kMaxKeys = 64;
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;

enum class KeyType { RSA, P256, Ed25519 };
enum class Alg { RS256, RS384, RS512, ES256, EdDSA };
const char* alg_name(Alg a);          // "RS256" ... "EdDSA"
const char* key_type_name(KeyType t);  // "RSA", "EC P-256", "OKP Ed25519"

struct Key {
  std::string kid;     // "" when the JWK had none (then it is the set's only key)
  KeyType type = KeyType::RSA;
  bool has_alg = false;  // the JWK named its algorithm
  Alg alg = Alg::RS256;  // that algorithm, when has_alg
  int bits = 0;          // RSA modulus bits; 256 for P-256 and Ed25519
  std::shared_ptr<evp_pkey_st> pkey;       // RSA and P-256 (shared: a Key copies cheaply)
  std::array<unsigned char, 32> ed25519{};  // Ed25519 public key bytes
  // Verification contexts made once by prepare_key (verify.hpp): for RSA one per digest
  // (RS256, RS384, RS512, null where the JWK's alg rules it out), for P-256 [0] (ES256). A
  // context is used by one thread at a time: a KeySet lives in one connection's cache.
  std::array<std::shared_ptr<evp_pkey_ctx_st>, 3> verifiers;
};

struct KeySet {
  std::vector<Key> keys;
  // The key with this kid, or nullptr.
  const Key* find(const std::string& kid) const;
};

// Builds the keys of a JWK Set. Messages start with "p_jwks" (the SQL parameter that carries
// it): "p_jwks key 'k1': the RSA modulus has 1024 bits; at least 2048 are required",
// "p_jwks key 'k1' holds the private member 'd'; install the provider's public keys only",
// "p_jwks has two keys with kid 'k1'".
KeySet keys_from_jwks(const Value& jwks);

}  // namespace ords::jwt
