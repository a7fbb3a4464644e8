// crypto.cpp: see crypto.hpp.
#include "crypto.hpp"

#include <sodium.h>

#include <cstring>
#include <utility>

#include "error.hpp"

namespace ords::crypto {

namespace {

// BLAKE2b personalisation: exactly crypto_generichash_blake2b_PERSONALBYTES (16) bytes. The
// trailing digit versions the construction; a new one would get a new kind name.
const unsigned char kPersonal[crypto_generichash_blake2b_PERSONALBYTES] = {
    'o', 'r', 'd', 's', '_', 's', 'e', 'c', '.', 's', 'e', 'c', 'r', 'e', 't', '1'};
static_assert(sizeof kPersonal == 16, "BLAKE2b personalisation is 16 bytes");
static_assert(kSaltBytes == crypto_generichash_blake2b_SALTBYTES, "BLAKE2b salt is 16 bytes");
static_assert(kSaltBytes == crypto_pwhash_SALTBYTES, "Argon2id salt is 16 bytes");

#ifdef ORDS_SECURITY_TESTING
thread_local HashCounts t_counts;
#define ORDS_COUNT(field) (t_counts.field++)
#else
#define ORDS_COUNT(field) ((void)0)
#endif

// An empty secret may come as a null pointer (an empty std::string_view); libsodium's inputs must
// never be null, so it reads this instead.
const unsigned char kNoBytes[1] = {0};

bool blake2b(unsigned char out[kHashBytes], const unsigned char* secret, size_t n, const unsigned char* salt) {
  ORDS_COUNT(blake2b);
  if (!secret) secret = kNoBytes;
  return crypto_generichash_blake2b_salt_personal(out, kHashBytes, secret, n, nullptr, 0, salt, kPersonal) == 0;
}

// Verification refuses parameters no honest record holds: outside libsodium's bounds, or
// costlier than SENSITIVE (a tampered row must not make the token endpoint allocate gigabytes).
bool argon2id(unsigned char out[kHashBytes], const unsigned char* secret, size_t n, const unsigned char* salt,
              int64_t ops, int64_t mem) {
  ORDS_COUNT(argon2id);
  if (!secret) secret = kNoBytes;
  return crypto_pwhash(out, kHashBytes, reinterpret_cast<const char*>(secret), n, salt,
                       static_cast<unsigned long long>(ops), static_cast<size_t>(mem),
                       crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool pwhash_params_ok(int64_t ops, int64_t mem) {
  return ops >= static_cast<int64_t>(crypto_pwhash_OPSLIMIT_MIN) &&
         ops <= static_cast<int64_t>(crypto_pwhash_OPSLIMIT_SENSITIVE) &&
         mem >= static_cast<int64_t>(crypto_pwhash_MEMLIMIT_MIN) &&
         mem <= static_cast<int64_t>(crypto_pwhash_MEMLIMIT_SENSITIVE);
}

}  // namespace

// ---- SecretBuffer ------------------------------------------------------------------------------

SecretBuffer::SecretBuffer(size_t n) : p_(n ? new unsigned char[n]() : nullptr), n_(n) {}

SecretBuffer::SecretBuffer(const void* p, size_t n) : SecretBuffer(n) {
  if (n) std::memcpy(p_, p, n);
}

SecretBuffer::SecretBuffer(SecretBuffer&& o) noexcept : p_(o.p_), n_(o.n_) {
  o.p_ = nullptr;
  o.n_ = 0;
}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& o) noexcept {
  if (this != &o) {
    wipe();
    p_ = std::exchange(o.p_, nullptr);
    n_ = std::exchange(o.n_, 0);
  }
  return *this;
}

SecretBuffer::~SecretBuffer() { wipe(); }

void SecretBuffer::wipe() noexcept {
  if (p_) {
    sodium_memzero(p_, n_);
    delete[] p_;
  }
  p_ = nullptr;
  n_ = 0;
}

// ---- base64url ---------------------------------------------------------------------------------

size_t base64url_chars(size_t n) { return sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1; }

void base64url_into(char* out, size_t cap, const unsigned char* p, size_t n) {
  sodium_bin2base64(out, cap, p, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string base64url(const unsigned char* p, size_t n) {
  std::string out(base64url_chars(n) + 1, '\0');
  base64url_into(&out[0], out.size(), p, n);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// ---- ids ---------------------------------------------------------------------------------------

SecretBuffer new_ords_id(Rng& rng) {
  unsigned char raw[kIdRandomBytes];
  rng.fill(raw, sizeof raw);
  char b64[kIdChars - 2 + 1];  // 22 + NUL
  static_assert(sizeof b64 == sodium_base64_ENCODED_LEN(kIdRandomBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                "22 base64url characters and a NUL");
  base64url_into(b64, sizeof b64, raw, sizeof raw);
  sodium_memzero(raw, sizeof raw);
  SecretBuffer out(kIdChars);
  std::memcpy(out.data(), b64, kIdChars - 2);
  out.data()[kIdChars - 2] = '.';
  out.data()[kIdChars - 1] = '.';
  sodium_memzero(b64, sizeof b64);
  return out;
}

bool is_ords_format(const std::string& s) {
  if (s.size() != kIdChars || s.compare(kIdChars - 2, 2, "..") != 0) return false;
  unsigned char raw[kIdRandomBytes + 1];
  size_t len = 0;
  const char* end = nullptr;
  int rc = sodium_base642bin(raw, sizeof raw, s.data(), kIdChars - 2, nullptr, &len, &end,
                             sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  return rc == 0 && len == kIdRandomBytes && end == s.data() + (kIdChars - 2);
}

// ---- hashing -----------------------------------------------------------------------------------

const char* kind_name(HashKind k) { return k == HashKind::Argon2id ? "argon2id" : "blake2b"; }

bool kind_from_name(const std::string& name, HashKind* out) {
  if (name == "blake2b") { *out = HashKind::Blake2b; return true; }
  if (name == "argon2id") { *out = HashKind::Argon2id; return true; }
  return false;
}

PwhashParams default_pwhash_params() {
#ifdef ORDS_SECURITY_TESTING
  return {static_cast<int64_t>(crypto_pwhash_OPSLIMIT_MIN), static_cast<int64_t>(crypto_pwhash_MEMLIMIT_MIN)};
#else
  return {static_cast<int64_t>(crypto_pwhash_OPSLIMIT_INTERACTIVE),
          static_cast<int64_t>(crypto_pwhash_MEMLIMIT_INTERACTIVE)};
#endif
}

SecretHash hash_generated(Rng& rng, const unsigned char* secret, size_t n) {
  SecretHash h;
  h.kind = HashKind::Blake2b;
  unsigned char salt[kSaltBytes];
  unsigned char out[kHashBytes];
  rng.fill(salt, sizeof salt);
  if (!blake2b(out, secret, n, salt)) throw Error("internal error: the secret could not be hashed");
  h.salt.assign(reinterpret_cast<const char*>(salt), sizeof salt);
  h.hash.assign(reinterpret_cast<const char*>(out), sizeof out);
  sodium_memzero(out, sizeof out);
  return h;
}

SecretHash hash_chosen(Rng& rng, const unsigned char* secret, size_t n, PwhashParams params) {
  if (!pwhash_params_ok(params.opslimit, params.memlimit))
    throw Error("internal error: Argon2id parameters out of range");
  SecretHash h;
  h.kind = HashKind::Argon2id;
  h.opslimit = params.opslimit;
  h.memlimit = params.memlimit;
  unsigned char salt[kSaltBytes];
  unsigned char out[kHashBytes];
  rng.fill(salt, sizeof salt);
  if (!argon2id(out, secret, n, salt, params.opslimit, params.memlimit))
    throw Error("internal error: the secret could not be hashed (Argon2id ran out of memory)");
  h.salt.assign(reinterpret_cast<const char*>(salt), sizeof salt);
  h.hash.assign(reinterpret_cast<const char*>(out), sizeof out);
  sodium_memzero(out, sizeof out);
  return h;
}

bool verify(const SecretHash& h, const unsigned char* secret, size_t n) noexcept {
  if (h.salt.size() != kSaltBytes || h.hash.size() != kHashBytes) return false;
  if (n > kMaxSecretBytes) return false;
  const auto* salt = reinterpret_cast<const unsigned char*>(h.salt.data());
  unsigned char out[kHashBytes];
  bool computed = false;
  if (h.kind == HashKind::Blake2b) {
    computed = blake2b(out, secret, n, salt);
  } else if (h.kind == HashKind::Argon2id && pwhash_params_ok(h.opslimit, h.memlimit)) {
    computed = argon2id(out, secret, n, salt, h.opslimit, h.memlimit);
  }
  bool same = computed && sodium_memcmp(out, h.hash.data(), kHashBytes) == 0;
  sodium_memzero(out, sizeof out);
  return same;
}

bool dummy_verify(const unsigned char* secret, size_t n) noexcept {
  static const unsigned char kZeroSalt[kSaltBytes] = {0};
  static const unsigned char kNoHash[kHashBytes] = {0};
  unsigned char out[kHashBytes];
  bool computed = blake2b(out, secret, n > kMaxSecretBytes ? 0 : n, kZeroSalt);
  // The comparison runs as for a real slot; its result is discarded.
  volatile int r = sodium_memcmp(out, kNoHash, kHashBytes);
  (void)r;
  (void)computed;
  sodium_memzero(out, sizeof out);
  return false;
}

#ifdef ORDS_SECURITY_TESTING
HashCounts hash_counts() { return t_counts; }
#endif

}  // namespace ords::crypto
