// secret_hash_text.cpp: the text form of a stored secret hash (see secret_hash_text.hpp).
#include "secret_hash_text.hpp"

#include <sodium.h>

#include <vector>

#include "../core/error.hpp"

namespace ords::secrets {

namespace {

constexpr const char* kPrefix = "ords-secret-hash";
constexpr const char* kVersion = "v1";

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char ch : s) {
    if (ch == sep) out.emplace_back();
    else out.back() += ch;
  }
  return out;
}

// Canonical base64url without padding of exactly n bytes.
std::string decode(const std::string& b64, size_t n, const std::string& param, const char* what) {
  std::string out(n + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  bool ok = b64.size() == crypto::base64url_chars(n) &&
            sodium_base642bin(reinterpret_cast<unsigned char*>(&out[0]), out.size(), b64.data(), b64.size(), nullptr,
                              &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
            end == b64.data() + b64.size() && len == n;
  if (ok) {
    out.resize(n);
    // Unused low bits of the last character must be zero: one text per hash.
    ok = crypto::base64url(reinterpret_cast<const unsigned char*>(out.data()), n) == b64;
  }
  if (!ok) {
    throw Error(param + ": the " + what + " is not " + std::to_string(n) + " bytes of base64url (" +
                std::to_string(crypto::base64url_chars(n)) + " characters, no padding)");
  }
  return out;
}

// A decimal number without sign or leading zero, within [lo, hi].
bool number(const std::string& s, int64_t lo, int64_t hi, int64_t* out) {
  if (s.empty() || s.size() > 18 || (s.size() > 1 && s[0] == '0')) return false;
  int64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + (ch - '0');
  }
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

}  // namespace

std::string hash_to_text(const crypto::SecretHash& h) {
  std::string params = "-";
  if (h.kind == crypto::HashKind::Argon2id)
    params = "ops=" + std::to_string(h.opslimit) + ",mem=" + std::to_string(h.memlimit);
  auto b64 = [](const std::string& bytes) {
    return crypto::base64url(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  };
  return std::string(kPrefix) + ":" + kVersion + ":" + crypto::kind_name(h.kind) + ":" + params + ":" + b64(h.salt) +
         ":" + b64(h.hash);
}

crypto::SecretHash hash_from_text(const std::string& text, const std::string& param) {
  std::vector<std::string> f = split(text, ':');
  if (f.size() < 2 || f[0] != kPrefix)
    throw Error(param + " is not an exported secret hash (it must start with ords-secret-hash:v1:)");
  if (f[1] != kVersion)
    throw Error(param + ": this version of ords_security reads ords-secret-hash:v1 only");
  if (f.size() != 6)
    throw Error(param + " must have six fields separated by ':' (ords-secret-hash:v1:<kind>:<cost>:<salt>:<hash>)");
  crypto::SecretHash h;
  if (!crypto::kind_from_name(f[2], &h.kind))
    throw Error(param + ": the kind must be blake2b or argon2id");
  if (h.kind == crypto::HashKind::Blake2b) {
    if (f[3] != "-") throw Error(param + ": a blake2b hash has no cost; its cost field must be -");
  } else {
    std::vector<std::string> cost = split(f[3], ',');
    bool ok = cost.size() == 2 && cost[0].compare(0, 4, "ops=") == 0 && cost[1].compare(0, 4, "mem=") == 0 &&
              number(cost[0].substr(4), static_cast<int64_t>(crypto_pwhash_OPSLIMIT_MIN),
                     static_cast<int64_t>(crypto_pwhash_OPSLIMIT_SENSITIVE), &h.opslimit) &&
              number(cost[1].substr(4), static_cast<int64_t>(crypto_pwhash_MEMLIMIT_MIN),
                     static_cast<int64_t>(crypto_pwhash_MEMLIMIT_SENSITIVE), &h.memlimit);
    if (!ok)
      throw Error(param + ": an argon2id cost must read ops=<opslimit>,mem=<memlimit in bytes> within libsodium's "
                  "bounds (opslimit " + std::to_string(crypto_pwhash_OPSLIMIT_MIN) + " to " +
                  std::to_string(crypto_pwhash_OPSLIMIT_SENSITIVE) + ", memlimit " +
                  std::to_string(crypto_pwhash_MEMLIMIT_MIN) + " to " +
                  std::to_string(crypto_pwhash_MEMLIMIT_SENSITIVE) + ")");
  }
  h.salt = decode(f[4], crypto::kSaltBytes, param, "salt");
  h.hash = decode(f[5], crypto::kHashBytes, param, "hash");
  return h;
}

}  // namespace ords::secrets
