// token_codec.hpp: how access tokens, refresh tokens and authorization codes are made and kept.
//
// A token is 32 bytes from the RNG seam (libsodium's CSPRNG), written base64url without padding
// (crypto::base64url, the one encoder of ids and tokens):
// 43 characters. Only its digest is stored: BLAKE2b-256 of the token text (crypto_generichash).
// A token carries 256 bits of entropy, so an unkeyed digest cannot be reversed or guessed, and a
// stolen database yields no usable token. The token text is SecretText (TokenText), zeroed when
// freed. (In core/ with the rest of the cryptography: it depends on nothing above core.)
#pragma once
#include <array>
#include <string>
#include <string_view>

#include "secret_text.hpp"

#include "rng.hpp"

namespace ords::tokens {

constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenChars = 43;
using Digest = std::array<unsigned char, 32>;

// A token in clear, held as SecretText (zeroed when freed).
class TokenText {
 public:
  TokenText() = default;
  explicit TokenText(SecretText s) : s_(std::move(s)) {}
  TokenText(TokenText&& o) noexcept = default;
  TokenText& operator=(TokenText&&) = delete;
  TokenText(const TokenText&) = delete;
  const SecretText& str() const { return s_; }

 private:
  SecretText s_;
};

TokenText new_token(Rng& rng);
Digest digest(std::string_view token);
// True when s has the shape of a token (43 base64url characters); cheap pre-check before lookup.
bool well_formed(std::string_view s);

// PKCE S256: base64url(SHA-256(verifier)) without padding (RFC 7636 4.2).
std::string s256_challenge(std::string_view verifier);
// RFC 7636 4.1: 43..128 characters of [A-Za-z0-9-._~].
bool valid_verifier(std::string_view v);
// Constant-time equality of two strings of any length (length leaks, content does not).
bool equal_ct(const std::string& a, const std::string& b);

}  // namespace ords::tokens
