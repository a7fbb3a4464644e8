// verify.cpp: key selection, the key-decides algorithm rule, and the signature checks
// (RSA PKCS#1 v1.5 and ECDSA P-256 through OpenSSL's EVP_DigestVerify, Ed25519 through libsodium).
#include "verify.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <sodium.h>

#include <memory>

#include "common.hpp"

namespace ords::jwt {

namespace {

std::string key_label(const Key& key) {
  return key.kid.empty() ? std::string("the profile's key") : "key " + shown(key.kid);
}

const Value& header_object(const Value& header) {
  if (header.kind != Value::Kind::Object) throw Refused("the token header is not a JSON object");
  return header;
}

bool iequals(const std::string& a, const char* b) {
  size_t i = 0;
  for (; i < a.size() && b[i]; ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    char d = b[i];
    if (d >= 'A' && d <= 'Z') d = static_cast<char>(d - 'A' + 'a');
    if (c != d) return false;
  }
  return i == a.size() && !b[i];
}

struct SigFree { void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); } };

// The digests, fetched from the default provider once (EVP_sha256() and the like would be
// fetched again on every use).
const EVP_MD* fetched(const char* name, const EVP_MD* legacy) {
  const EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  return md ? md : legacy;
}
const EVP_MD* digest_of(Alg alg) {
  static const EVP_MD* const sha256 = fetched("SHA2-256", EVP_sha256());
  static const EVP_MD* const sha384 = fetched("SHA2-384", EVP_sha384());
  static const EVP_MD* const sha512 = fetched("SHA2-512", EVP_sha512());
  return alg == Alg::RS384 ? sha384 : alg == Alg::RS512 ? sha512 : sha256;
}

// The slot of Key::verifiers that holds the context for `alg`.
size_t slot_of(Alg alg) { return alg == Alg::RS384 ? 1 : alg == Alg::RS512 ? 2 : 0; }

std::shared_ptr<evp_pkey_ctx_st> verifier(EVP_PKEY* pkey, Alg alg) {
  std::shared_ptr<evp_pkey_ctx_st> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr), EVP_PKEY_CTX_free);
  if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1) return nullptr;
  if (alg != Alg::ES256 && EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) return nullptr;
  if (EVP_PKEY_CTX_set_signature_md(ctx.get(), digest_of(alg)) != 1) return nullptr;
  return ctx;
}

// The digest of the signing input under `alg`, then the prepared context's EVP_PKEY_verify.
bool evp_verify(const Key& key, Alg alg, const unsigned char* sig, size_t sig_len, std::string_view input) {
  EVP_PKEY_CTX* ctx = key.verifiers[slot_of(alg)].get();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  return ctx && EVP_Digest(input.data(), input.size(), digest, &digest_len, digest_of(alg), nullptr) == 1 &&
         EVP_PKEY_verify(ctx, sig, sig_len, digest, digest_len) == 1;
}

// r || s (32 bytes each) as the DER SEQUENCE OpenSSL verifies.
bool es256_der(const std::string& raw, std::string* der) {
  std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
  if (!sig) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  BIGNUM* r = BN_bin2bn(p, 32, nullptr);
  BIGNUM* s = BN_bin2bn(p + 32, 32, nullptr);
  if (!r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  int len = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (len <= 0) return false;
  der->assign(static_cast<size_t>(len), '\0');
  auto* out = reinterpret_cast<unsigned char*>(&(*der)[0]);
  return i2d_ECDSA_SIG(sig.get(), &out) == len;
}

}  // namespace

const Key& select_key(const KeySet& keys, const Value& header) {
  const Value* kid = member(header_object(header), "kid", "the token header", true);
  if (keys.keys.empty())
    throw Refused("the profile has no keys; install the provider's keys with set_jwt_profile_keys");
  if (!kid) {
    if (keys.keys.size() == 1) return keys.keys.front();
    throw Refused("the token names no key (its header has no kid) and the profile has " +
                  std::to_string(keys.keys.size()) + " keys");
  }
  if (kid->kind != Value::Kind::Text) throw Refused("the token header's kid is not a string");
  if (const Key* k = keys.find(kid->s)) return *k;
  throw Refused("no key with kid " + shown(kid->s) + "; install the provider's keys with set_jwt_profile_keys");
}

Alg algorithm_for(const Key& key, const Value& header) {
  const Value* alg = member(header_object(header), "alg", "the token header", true);
  if (!alg) throw Refused("the token header has no alg");
  if (alg->kind != Value::Kind::Text) throw Refused("the token header's alg is not a string");
  const std::string& a = alg->s;
  if (iequals(a, "none")) throw Refused("alg " + shown(a) + " (an unsigned token) is never accepted");
  if (a.size() >= 2 && (a[0] == 'H' || a[0] == 'h') && (a[1] == 'S' || a[1] == 's'))
    throw Refused("alg " + shown(a) +
                  " (a shared-secret MAC) is never accepted: JWTs are verified with the provider's public keys");
  Alg named;
  if (a == "RS256") named = Alg::RS256;
  else if (a == "RS384") named = Alg::RS384;
  else if (a == "RS512") named = Alg::RS512;
  else if (a == "ES256") named = Alg::ES256;
  else if (a == "EdDSA" || a == "Ed25519") named = Alg::EdDSA;
  else throw Refused("alg " + shown(a) + " is not accepted (RS256, RS384, RS512, ES256 and EdDSA are)");
  bool fits = key.type == KeyType::RSA ? (named == Alg::RS256 || named == Alg::RS384 || named == Alg::RS512)
              : key.type == KeyType::P256 ? named == Alg::ES256
                                          : named == Alg::EdDSA;
  if (!fits)
    throw Refused("alg " + shown(a) + " does not match " + key_label(key) + ", an " + key_type_name(key.type) +
                  " key");
  if (key.has_alg && key.alg != named)
    throw Refused("alg " + shown(a) + " does not match " + key_label(key) + ", which is for " + alg_name(key.alg) +
                  " only");
  return named;
}

bool prepare_key(Key* key) {
  switch (key->type) {
    case KeyType::RSA:
      for (Alg alg : {Alg::RS256, Alg::RS384, Alg::RS512}) {
        if (key->has_alg && key->alg != alg) continue;
        if (!(key->verifiers[slot_of(alg)] = verifier(key->pkey.get(), alg))) {
          ERR_clear_error();
          return false;
        }
      }
      return true;
    case KeyType::P256:
      if ((key->verifiers[0] = verifier(key->pkey.get(), Alg::ES256))) return true;
      ERR_clear_error();
      return false;
    case KeyType::Ed25519:
      return true;  // libsodium needs no context
  }
  return false;
}

Alg verify_signature(const Key& key, const Jws& jws, const Value& header) {
  Alg alg = algorithm_for(key, header);
  const std::string& sig = jws.signature;
  const auto* sig_bytes = reinterpret_cast<const unsigned char*>(sig.data());
  bool ok = false;
  switch (alg) {
    case Alg::RS256:
    case Alg::RS384:
    case Alg::RS512: {
      size_t want = static_cast<size_t>((key.bits + 7) / 8);
      if (sig.size() != want)
        throw Refused("the signature is " + std::to_string(sig.size()) + " bytes; an " + alg_name(alg) +
                      " signature by " + key_label(key) + " (" + std::to_string(key.bits) + " bits) is " +
                      std::to_string(want));
      ok = evp_verify(key, alg, sig_bytes, sig.size(), jws.signing_input);
      break;
    }
    case Alg::ES256: {
      if (sig.size() != 64)
        throw Refused("the signature is " + std::to_string(sig.size()) +
                      " bytes; an ES256 signature is 64 (r || s, RFC 7518 section 3.4), not DER");
      std::string der;
      ok = es256_der(sig, &der) &&
           evp_verify(key, alg, reinterpret_cast<const unsigned char*>(der.data()), der.size(), jws.signing_input);
      break;
    }
    case Alg::EdDSA: {
      if (sig.size() != crypto_sign_BYTES)
        throw Refused("the signature is " + std::to_string(sig.size()) + " bytes; an EdDSA signature is 64");
      ok = crypto_sign_verify_detached(sig_bytes, reinterpret_cast<const unsigned char*>(jws.signing_input.data()),
                                       jws.signing_input.size(), key.ed25519.data()) == 0;
      break;
    }
  }
  if (!ok) {
    ERR_clear_error();  // OpenSSL's reasons stay out of the thread's error queue
    throw Refused("the signature does not verify with " + key_label(key));
  }
  return alg;
}

}  // namespace ords::jwt
