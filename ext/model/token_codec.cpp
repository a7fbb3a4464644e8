// token_codec.cpp: see token_codec.hpp.
#include "token_codec.hpp"

#include <sodium.h>

#include "../core/crypto.hpp"

namespace ords::tokens {

TokenText::~TokenText() {
  if (!s_.empty()) sodium_memzero(&s_[0], s_.size());
}

TokenText new_token(Rng& rng) {
  unsigned char raw[kTokenBytes];
  rng.fill(raw, sizeof raw);
  TokenText t(crypto::base64url(raw, sizeof raw));
  sodium_memzero(raw, sizeof raw);
  return t;
}

Digest digest(const std::string& token) {
  Digest d;
  crypto_generichash(d.data(), d.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return d;
}

bool well_formed(const std::string& s) {
  if (s.size() != kTokenChars) return false;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string s256_challenge(const std::string& verifier) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
  return crypto::base64url(h, sizeof h);
}

bool valid_verifier(const std::string& v) {
  if (v.size() < 43 || v.size() > 128) return false;
  for (char c : v) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
              c == '_' || c == '~';
    if (!ok) return false;
  }
  return true;
}

bool equal_ct(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ords::tokens
