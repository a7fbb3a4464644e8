// jwt_test_keys.hpp: keys and signatures for the JWT tests (jwt_test.cpp, jwt_sql_test.cpp).
// Key pairs are made at test time with the openssl command line (into a temporary folder that is
// removed once they are read), their public halves written as JWKs, and tokens signed with
// libcrypto (EVP_DigestSign; ES256 as the raw r || s a JWS carries). The extension only verifies.
#pragma once
#include <catch2/catch.hpp>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <array>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "jwt_values.hpp"

namespace jwt_values {

struct PkeyFree { void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); } };
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct TestKey {
  std::string kind;  // "RSA", "EC", "ED25519"
  Pkey priv;
  std::string public_pem;
  Value jwk;  // the public JWK, with the kid it was made with
};

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::string bn_b64(const BIGNUM* bn, int pad) {
  std::string raw(static_cast<size_t>(pad ? pad : BN_num_bytes(bn)), '\0');
  if (pad)
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(&raw[0]), pad);
  else
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(&raw[0]));
  return b64url(raw);
}

inline std::string bn_param(EVP_PKEY* pk, const char* name, int pad) {
  BIGNUM* bn = nullptr;
  REQUIRE(EVP_PKEY_get_bn_param(pk, name, &bn) == 1);
  std::string out = bn_b64(bn, pad);
  BN_free(bn);
  return out;
}

// Makes one key pair in `dir` with `openssl genpkey <args>` and reads it back: the private key,
// the public PEM and the public JWK (kid = name).
inline TestKey make_test_key(const std::string& dir, const std::string& name, const std::string& kind,
                             const std::string& args) {
  std::string priv = dir + "/" + name + ".pem", pub = dir + "/" + name + ".pub.pem";
  std::string cmd = "openssl genpkey " + args + " -out '" + priv + "' 2>/dev/null && openssl pkey -in '" + priv +
                    "' -pubout -out '" + pub + "' 2>/dev/null";
  INFO(cmd);
  REQUIRE(std::system(cmd.c_str()) == 0);
  TestKey k;
  k.kind = kind;
  FILE* f = std::fopen(priv.c_str(), "r");
  REQUIRE(f);
  k.priv.reset(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  REQUIRE(k.priv);
  k.public_pem = read_file(pub);
  EVP_PKEY* pk = k.priv.get();
  if (kind == "RSA") {
    k.jwk = obj({{"kty", str("RSA")}, {"kid", str(name)}, {"use", str("sig")},
                 {"n", str(bn_param(pk, OSSL_PKEY_PARAM_RSA_N, 0))}, {"e", str(bn_param(pk, OSSL_PKEY_PARAM_RSA_E, 0))}});
  } else if (kind == "EC") {
    k.jwk = obj({{"kty", str("EC")}, {"kid", str(name)}, {"crv", str("P-256")},
                 {"x", str(bn_param(pk, OSSL_PKEY_PARAM_EC_PUB_X, 32))},
                 {"y", str(bn_param(pk, OSSL_PKEY_PARAM_EC_PUB_Y, 32))}});
  } else {
    unsigned char raw[32];
    size_t len = 0;
    REQUIRE(EVP_PKEY_get_octet_string_param(pk, OSSL_PKEY_PARAM_PUB_KEY, raw, sizeof raw, &len) == 1);
    REQUIRE(len == 32);
    k.jwk = obj({{"kty", str("OKP")}, {"kid", str(name)}, {"crv", str("Ed25519")},
                 {"x", str(b64url(std::string(reinterpret_cast<char*>(raw), 32)))}});
  }
  return k;
}

// A test's key pairs, made once in a temporary folder named from `prefix` (removed once they are
// read): each spec is {name (the kid), kind, openssl genpkey arguments}.
class TestKeySet {
 public:
  TestKeySet(const std::string& prefix, std::initializer_list<std::array<const char*, 3>> specs) {
    REQUIRE(sodium_init() >= 0);
    std::string tmpl = "/tmp/" + prefix + "_XXXXXX";
    REQUIRE(mkdtemp(&tmpl[0]) != nullptr);
    for (const auto& spec : specs) keys_.emplace(spec[0], make_test_key(tmpl, spec[0], spec[1], spec[2]));
    std::system(("rm -rf '" + tmpl + "'").c_str());
  }
  const TestKey& operator[](const std::string& name) const { return keys_.at(name); }

 private:
  std::map<std::string, TestKey> keys_;
};

struct MdCtxFree { void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); } };

inline std::string evp_sign(EVP_PKEY* pk, const EVP_MD* md, const std::string& input) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, pk) == 1);
  size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &len, in, input.size()) == 1);
  std::string sig(len, '\0');
  REQUIRE(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(&sig[0]), &len, in, input.size()) == 1);
  sig.resize(len);
  return sig;
}

// A signature as the JWS wants it for this key and alg (ES256: DER -> raw r || s).
inline std::string sign_with(const TestKey& key, const std::string& alg, const std::string& input) {
  if (key.kind == "RSA") {
    const EVP_MD* md = alg == "RS384" ? EVP_sha384() : alg == "RS512" ? EVP_sha512() : EVP_sha256();
    return evp_sign(key.priv.get(), md, input);
  }
  if (key.kind == "EC") {
    std::string der = evp_sign(key.priv.get(), EVP_sha256(), input);
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    REQUIRE(sig);
    const BIGNUM *r = nullptr, *s = nullptr;
    ECDSA_SIG_get0(sig, &r, &s);
    std::string raw(64, '\0');
    BN_bn2binpad(r, reinterpret_cast<unsigned char*>(&raw[0]), 32);
    BN_bn2binpad(s, reinterpret_cast<unsigned char*>(&raw[32]), 32);
    ECDSA_SIG_free(sig);
    return raw;
  }
  return evp_sign(key.priv.get(), nullptr, input);
}

}  // namespace jwt_values
