// crypto.hpp: every cryptographic operation on client ids and client secrets, as thin wrappers
// over libsodium. Nothing here is hand-written: random bytes come from the Rng seam (libsodium's
// CSPRNG), base64url (here, for ids and tokens alike) from sodium_bin2base64, hashes from crypto_generichash / crypto_pwhash,
// comparisons from sodium_memcmp, wiping from sodium_memzero.
//
// Formats (as ORDS makes them):
//   new_ords_id(rng)  16 random bytes, base64url without padding (22 characters), then ".."
//                     e.g. "gcw4QUOiITMyPIycaQdsZQ..". Used for client_id values and generated
//                     client secrets alike.
//
// The hash policy (docs/secrets.md says why):
//   Generated  a secret this extension made (rotate, register without a value, create_client)
//              carries 128 random bits: a slow hash buys nothing, so it is kept as BLAKE2b-256
//              keyed with nothing, salted with 16 random bytes, personalised "ords_sec.secret1".
//   Chosen     a secret a caller chose (register_client_secret / update_client_secret with a
//              value) may be guessable: Argon2id (crypto_pwhash) with a 16-byte random salt; the
//              opslimit and memlimit used are recorded beside the hash, and verification uses the
//              recorded values (the test build hashes with the minimum to keep tests fast).
// Every hash is taken over the secret's bytes and its byte length, never up to a NUL.
// Verification recomputes the hash from the presented secret and compares the digests with
// sodium_memcmp; a stored hash presented as a secret is hashed again and so never matches.
//
// Secrets never appear in an exception message from this file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rng.hpp"
#include "secret_text.hpp"

namespace ords::crypto {

constexpr size_t kIdRandomBytes = 16;   // ORDS: 16 random bytes per client_id / secret
constexpr size_t kIdChars = 24;         // 22 base64url characters + ".."
constexpr size_t kSaltBytes = 16;       // per-secret salt, both kinds
constexpr size_t kHashBytes = 32;       // digest length, both kinds
constexpr size_t kMaxSecretBytes = 1024;  // longer presented secrets never authenticate

// Holds secret bytes and wipes them (sodium_memzero) when it goes out of scope. Move-only.
class SecretBuffer {
 public:
  SecretBuffer() = default;
  explicit SecretBuffer(size_t n);                      // n zero bytes
  SecretBuffer(const void* p, size_t n);                // a copy of n bytes
  explicit SecretBuffer(std::string_view s) : SecretBuffer(s.data(), s.size()) {}
  SecretBuffer(SecretBuffer&& o) noexcept;
  SecretBuffer& operator=(SecretBuffer&& o) noexcept;
  SecretBuffer(const SecretBuffer&) = delete;
  SecretBuffer& operator=(const SecretBuffer&) = delete;
  ~SecretBuffer();

  unsigned char* data() { return p_; }
  const unsigned char* data() const { return p_; }
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  // A copy as text, for the one place a secret leaves the extension (the call's result).
  SecretText str() const { return SecretText(reinterpret_cast<const char*>(p_), n_); }

 private:
  void wipe() noexcept;
  unsigned char* p_ = nullptr;
  size_t n_ = 0;
};


// base64url without padding (RFC 4648 5), the one encoding of ids, secrets, tokens and PKCE
// challenges. base64url_chars(n): the length of n bytes encoded. base64url_into writes the text and
// a NUL into out (cap >= base64url_chars(n) + 1), for callers that keep secret text off the heap.
size_t base64url_chars(size_t n);
void base64url_into(char* out, size_t cap, const unsigned char* p, size_t n);
std::string base64url(const unsigned char* p, size_t n);

// A new ORDS-format id: 16 bytes from rng, base64url without padding, then "..".
SecretBuffer new_ords_id(Rng& rng);

// True when s has the ORDS format: 22 base64url characters then "..".
bool is_ords_format(const std::string& s);

enum class HashKind { Blake2b, Argon2id };
const char* kind_name(HashKind k);                       // "blake2b" / "argon2id"
bool kind_from_name(const std::string& name, HashKind* out);

// What is recorded for one secret. salt and hash are raw bytes; opslimit/memlimit are 0 for BLAKE2b.
struct SecretHash {
  HashKind kind = HashKind::Blake2b;
  std::string salt;
  std::string hash;
  int64_t opslimit = 0;
  int64_t memlimit = 0;
};

// The Argon2id cost new chosen secrets get: INTERACTIVE in release builds, MIN in test builds.
struct PwhashParams {
  int64_t opslimit;
  int64_t memlimit;
};
PwhashParams default_pwhash_params();

// Hash a secret this extension generated (BLAKE2b, fresh salt from rng).
SecretHash hash_generated(Rng& rng, const unsigned char* secret, size_t n);
// Hash a secret a caller chose (Argon2id, fresh salt from rng, the given cost). Throws ords::Error
// (without the secret) if libsodium cannot hash it (out of memory).
SecretHash hash_chosen(Rng& rng, const unsigned char* secret, size_t n, PwhashParams params);
inline SecretHash hash_chosen(Rng& rng, const unsigned char* secret, size_t n) {
  return hash_chosen(rng, secret, n, default_pwhash_params());
}

// True when `secret` hashes to `h` under h's kind, salt and recorded parameters. Compares in
// constant time. A malformed record (wrong sizes, parameters outside libsodium's bounds or above
// the SENSITIVE cost) never verifies. Never throws.
bool verify(const SecretHash& h, const unsigned char* secret, size_t n) noexcept;

// The work of verifying against one BLAKE2b slot, for a slot that is empty or a client that does
// not exist, so that those cost what a wrong secret costs. Always false.
bool dummy_verify(const unsigned char* secret, size_t n) noexcept;

#ifdef ORDS_SECURITY_TESTING
// Test build only: how many BLAKE2b / Argon2id digests this thread has computed (hashing,
// verification and dummy verification alike), so tests can show that an unknown client does the
// same work as a wrong secret.
struct HashCounts {
  uint64_t blake2b = 0;
  uint64_t argon2id = 0;
};
HashCounts hash_counts();
#endif

}  // namespace ords::crypto
