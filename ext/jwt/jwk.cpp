// jwk.cpp: JWK -> verification key. RSA and P-256 through OpenSSL 3 (EVP_PKEY_fromdata, then
// EVP_PKEY_public_check), Ed25519 through libsodium (crypto_core_ed25519_is_valid_point).
#include "jwk.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include "common.hpp"
#include "verify.hpp"

namespace ords::jwt {

const char* alg_name(Alg a) {
  switch (a) {
    case Alg::RS256: return "RS256";
    case Alg::RS384: return "RS384";
    case Alg::RS512: return "RS512";
    case Alg::ES256: return "ES256";
    case Alg::EdDSA: return "EdDSA";
  }
  return "?";
}

const char* key_type_name(KeyType t) {
  switch (t) {
    case KeyType::RSA: return "RSA";
    case KeyType::P256: return "EC P-256";
    case KeyType::Ed25519: return "OKP Ed25519";
  }
  return "?";
}

const Key* KeySet::find(const std::string& kid) const {
  for (const Key& k : keys)
    if (k.kid == kid) return &k;
  return nullptr;
}

namespace {

struct BnFree { void operator()(BIGNUM* p) const { BN_free(p); } };
struct BldFree { void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); } };
struct ParamFree { void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); } };
struct CtxFree { void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); } };
using Bn = std::unique_ptr<BIGNUM, BnFree>;
using Bld = std::unique_ptr<OSSL_PARAM_BLD, BldFree>;
using Params = std::unique_ptr<OSSL_PARAM, ParamFree>;
using Ctx = std::unique_ptr<EVP_PKEY_CTX, CtxFree>;

// Builds one key; `label` is "p_jwks key 'k1'" or "p_jwks key 2 (no kid)".
class Builder {
 public:
  Builder(const Value& jwk, std::string label) : jwk_(jwk), label_(std::move(label)) {}

  [[noreturn]] void fail(const std::string& what) const {
    ERR_clear_error();  // OpenSSL's reasons (if any) stay out of the thread's error queue
    throw Error(label_ + ": " + what);
  }

  const Value* get(const char* name) const { return member(jwk_, name, label_, false); }

  std::string text(const char* name) const {
    const Value* v = get(name);
    if (!v) fail(std::string("the member '") + name + "' is missing");
    if (v->kind != Value::Kind::Text) fail(std::string("the member '") + name + "' must be a string");
    return v->s;
  }

  // A base64url parameter of the key, decoded; `want` > 0 demands that exact length.
  std::string bytes(const char* name, size_t want, size_t max) const {
    std::string b64 = text(name);
    if (b64.size() > max / 3 * 4 + 4) fail(std::string("'") + name + "' is too long");
    std::string raw;
    if (!b64url_decode(b64, &raw) || raw.empty())
      fail(std::string("'") + name + "' is not base64url without padding");
    if (want && raw.size() != want)
      fail(std::string("'") + name + "' is " + std::to_string(raw.size()) + " bytes; it must be " +
           std::to_string(want));
    return raw;
  }

  // An EVP_PKEY from the parameters, public-checked by OpenSSL; `refusal` says what is wrong
  // when OpenSSL cannot make one or its check fails.
  std::shared_ptr<evp_pkey_st> from_data(const char* type, OSSL_PARAM* params, const char* refusal) const {
    Ctx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) != 1 || !raw)
      fail(refusal);
    std::shared_ptr<evp_pkey_st> pkey(raw, EVP_PKEY_free);
    Ctx check(EVP_PKEY_CTX_new_from_pkey(nullptr, raw, nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
      fail(refusal);
    return pkey;
  }

  void rsa(Key* k) const {
    std::string n = bytes("n", 0, kMaxRsaBits / 8 + 1);
    std::string e = bytes("e", 0, 32);
    Bn bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr));
    Bn bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr));
    if (!bn_n || !bn_e) throw Error(label_ + ": out of memory");
    int bits = BN_num_bits(bn_n.get());
    if (bits < kMinRsaBits)
      fail("the RSA modulus has " + std::to_string(bits) + " bits; at least " + std::to_string(kMinRsaBits) +
           " are required");
    if (bits > kMaxRsaBits)
      fail("the RSA modulus has " + std::to_string(bits) + " bits; at most " + std::to_string(kMaxRsaBits) +
           " are accepted");
    if (!BN_is_odd(bn_n.get())) fail("the RSA modulus 'n' is even: not an RSA key");
    if (!BN_is_odd(bn_e.get()) || BN_num_bits(bn_e.get()) < 2) fail("the RSA exponent 'e' must be odd and at least 3");
    Bld bld(OSSL_PARAM_BLD_new());
    if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1)
      throw Error(label_ + ": out of memory");
    Params params(OSSL_PARAM_BLD_to_param(bld.get()));
    if (!params) throw Error(label_ + ": out of memory");
    k->pkey = from_data("RSA", params.get(),
                        "'n' and 'e' are not a usable RSA public key (OpenSSL's public key check refuses them: "
                        "a modulus with a small factor, or an exponent out of range)");
    k->bits = bits;
  }

  void p256(Key* k) const {
    std::string x = bytes("x", 32, 64);
    std::string y = bytes("y", 32, 64);
    unsigned char point[65];
    point[0] = 0x04;  // uncompressed: 04 || x || y (SEC 1 section 2.3.3)
    std::copy(x.begin(), x.end(), point + 1);
    std::copy(y.begin(), y.end(), point + 33);
    Bld bld(OSSL_PARAM_BLD_new());
    if (!bld || OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point) != 1)
      throw Error(label_ + ": out of memory");
    Params params(OSSL_PARAM_BLD_to_param(bld.get()));
    if (!params) throw Error(label_ + ": out of memory");
    k->pkey = from_data("EC", params.get(), "'x' and 'y' are not a point on the P-256 curve");
    k->bits = 256;
  }

  void ed25519(Key* k) const {
    std::string x = bytes("x", 32, 64);
    const auto* p = reinterpret_cast<const unsigned char*>(x.data());
    if (crypto_core_ed25519_is_valid_point(p) != 1)
      fail("'x' is not a usable Ed25519 public key (not a canonical point of the curve, or of small order)");
    std::copy(p, p + 32, k->ed25519.begin());
    k->bits = 256;
  }

  void accepted_alg(Key* k, const char* const* names, const Alg* algs, size_t count, const char* list) const {
    const Value* a = get("alg");
    if (!a) return;
    if (a->kind != Value::Kind::Text) fail("the member 'alg' must be a string");
    for (size_t i = 0; i < count; ++i) {
      if (a->s == names[i]) {
        k->has_alg = true;
        k->alg = algs[i];
        return;
      }
    }
    fail("alg " + shown(a->s) + " is not accepted for " + std::string(key_type_name(k->type)) + " keys (" +
         list + " are)");
  }

  Key build() const {
    static const char* const kPrivate[] = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"};
    for (const char* name : kPrivate)
      if (get(name))
        throw Error(label_ + " holds the private member '" + name +
                    "'; install the provider's public keys only (the JWK Set its jwks_uri publishes), never a private key");
    Key k;
    if (const Value* use = get("use")) {
      if (use->kind != Value::Kind::Text || use->s != "sig")
        fail("use " + (use->kind == Value::Kind::Text ? shown(use->s) : std::string("(not a string)")) +
             " is not 'sig': only signing keys verify JWTs; remove this key from the set");
    }
    if (const Value* ops = get("key_ops")) {
      bool verify = false;
      if (ops->kind == Value::Kind::Array)
        for (const Value& op : ops->items) verify |= (op.kind == Value::Kind::Text && op.s == "verify");
      if (!verify) fail("key_ops does not list 'verify': this key is not for verifying signatures");
    }
    std::string kty = text("kty");
    if (kty == "RSA") {
      k.type = KeyType::RSA;
      static const char* const names[] = {"RS256", "RS384", "RS512"};
      static const Alg algs[] = {Alg::RS256, Alg::RS384, Alg::RS512};
      accepted_alg(&k, names, algs, 3, "RS256, RS384 and RS512");
      rsa(&k);
    } else if (kty == "EC") {
      k.type = KeyType::P256;
      std::string crv = text("crv");
      if (crv != "P-256") fail("crv " + shown(crv) + " is not supported; EC keys must be on P-256 (ES256)");
      static const char* const names[] = {"ES256"};
      static const Alg algs[] = {Alg::ES256};
      accepted_alg(&k, names, algs, 1, "ES256");
      p256(&k);
    } else if (kty == "OKP") {
      k.type = KeyType::Ed25519;
      std::string crv = text("crv");
      if (crv != "Ed25519") fail("crv " + shown(crv) + " is not supported; OKP keys must be Ed25519 (EdDSA)");
      static const char* const names[] = {"EdDSA", "Ed25519"};
      static const Alg algs[] = {Alg::EdDSA, Alg::EdDSA};
      accepted_alg(&k, names, algs, 2, "EdDSA and Ed25519");
      ed25519(&k);
    } else if (kty == "oct") {
      fail("kty 'oct' (a shared secret) is never accepted: JWTs are verified with the provider's public keys");
    } else {
      fail("kty " + shown(kty) + " is not supported (RSA, EC P-256 and OKP Ed25519 are)");
    }
    return k;
  }

 private:
  const Value& jwk_;
  std::string label_;
};

}  // namespace

KeySet keys_from_jwks(const Value& jwks) {
  if (jwks.kind != Value::Kind::Object) throw Error("p_jwks must be a JSON object: a JWK Set {\"keys\": [...]}");
  const Value* keys = member(jwks, "keys", "p_jwks", false);
  if (!keys) {
    if (member(jwks, "kty", "p_jwks", false))
      throw Error("p_jwks is a single JWK; wrap it in a JWK Set: {\"keys\": [ ... ]}");
    throw Error("p_jwks has no 'keys' member: a JWK Set is {\"keys\": [...]}");
  }
  if (keys->kind != Value::Kind::Array) throw Error("p_jwks 'keys' must be an array of JWKs");
  if (keys->items.empty()) throw Error("p_jwks holds no keys; install the provider's JWK Set (its jwks_uri)");
  if (keys->items.size() > kMaxKeys)
    throw Error("p_jwks holds " + std::to_string(keys->items.size()) + " keys; at most " +
                std::to_string(kMaxKeys) + " are accepted");
  KeySet set;
  for (size_t i = 0; i < keys->items.size(); ++i) {
    const Value& jwk = keys->items[i];
    std::string position = "p_jwks key " + std::to_string(i + 1);
    if (jwk.kind != Value::Kind::Object) throw Error(position + " is not a JSON object");
    std::string kid;
    std::string label = position + " (no kid)";
    if (const Value* v = member(jwk, "kid", position, false)) {
      if (v->kind != Value::Kind::Text || v->s.empty() || v->s.size() > 256)
        throw Error(position + ": kid must be a non-empty string of at most 256 bytes");
      kid = v->s;
      label = "p_jwks key " + shown(kid);
    }
    if (kid.empty() && keys->items.size() > 1)
      throw Error(position + " has no kid; when the set holds several keys, each needs its own kid");
    if (!kid.empty() && set.find(kid)) throw Error("p_jwks has two keys with kid " + shown(kid));
    Key k = Builder(jwk, label).build();
    k.kid = kid;
    if (!prepare_key(&k)) throw Error(label + ": OpenSSL could not make a verification context (out of memory)");
    set.keys.push_back(std::move(k));
  }
  return set;
}

}  // namespace ords::jwt
