// token_codec.cpp: see token_codec.hpp.
#include "token_codec.hpp"

#include <sodium.h>

#include "crypto.hpp"

namespace ords::tokens {

TokenText new_token(Rng& rng) {
  unsigned char raw[kTokenBytes];
  rng.fill(raw, sizeof raw);
  char text[kTokenChars + 1];
  crypto::base64url_into(text, sizeof text, raw, sizeof raw);
  TokenText t{SecretText(std::string_view(text, kTokenChars))};
  sodium_memzero(text, sizeof text);
  sodium_memzero(raw, sizeof raw);
  return t;
}

Digest digest(std::string_view token) {
  Digest d;
  crypto_generichash(d.data(), d.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return d;
}

namespace {
// The base64url alphabet as a table: one load a character (checked on every decision).
struct Base64urlTable {
  bool ok[256] = {};
  constexpr Base64urlTable() {
    for (int c = 'A'; c <= 'Z'; ++c) ok[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) ok[c] = true;
    for (int c = '0'; c <= '9'; ++c) ok[c] = true;
    ok[static_cast<unsigned char>('-')] = ok[static_cast<unsigned char>('_')] = true;
  }
};
constexpr Base64urlTable kBase64url{};
}  // namespace

bool well_formed(std::string_view s) {
  if (s.size() != kTokenChars) return false;
  bool ok = true;
  for (char c : s) ok &= kBase64url.ok[static_cast<unsigned char>(c)];
  return ok;
}

std::string s256_challenge(std::string_view verifier) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
  return crypto::base64url(h, sizeof h);
}

bool valid_verifier(std::string_view v) {
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
