// verify.hpp: choosing the key and checking the signature of a split JWS.
//
// The algorithm comes from the key, never from the header alone (RFC 8725 sections 2.1, 3.1):
//   RSA key      RS256, RS384 or RS512: the JWK's alg when it has one (the header must name the
//                same), else whichever of the three the header names
//   P-256 key    ES256 only; the signature is the raw 64-byte r || s of RFC 7518 section 3.4
//                (converted to DER for OpenSSL with ECDSA_SIG_set0 and i2d_ECDSA_SIG)
//   Ed25519 key  EdDSA (or its RFC 9864 name Ed25519); libsodium's crypto_sign_verify_detached
// `none` in any case, every HS* (a public key is never an HMAC secret), any other alg, and any
// header/key mismatch are refused before a signature is looked at. The header's jku, x5u, jwk
// and x5c are ignored: keys come only from the profile's installed set.
//
// The order for the caller: split (jws.hpp), parse the header, select_key, verify_signature, and
// only then parse the payload and check_claims (claims.hpp). Every refusal is a jwt::Refused.
#pragma once
#include "../core/value.hpp"
#include "jwk.hpp"
#include "jws.hpp"

namespace ords::jwt {

// The key the header's kid names, or the set's only key when the header has no kid. Refused:
// "no key with kid 'k9'; install the provider's keys with set_jwt_profile_keys", a kid that is
// not a string, no kid while the set has several keys, an empty set.
const Key& select_key(const KeySet& keys, const Value& header);

// The algorithm `key` verifies this token with, after the rules above (Refused otherwise).
Alg algorithm_for(const Key& key, const Value& header);

// Makes `key`'s verification contexts (Key::verifiers): EVP_PKEY_verify_init once, with the
// padding (RSA PKCS#1 v1.5) and the digest set, so that each verification is one digest of the
// signing input and one EVP_PKEY_verify, with no algorithm fetch or context set-up per token.
// keys_from_jwks calls it for every key. False when OpenSSL cannot make one (out of memory).
bool prepare_key(Key* key);

// Refused unless `jws.signature` is a valid signature of `jws.signing_input` by `key` under
// algorithm_for(key, header). Returns the algorithm used.
Alg verify_signature(const Key& key, const Jws& jws, const Value& header);

}  // namespace ords::jwt
