// rng.hpp: the one randomness seam. Every random byte of the model (client ids, secrets, salts,
// tokens, codes) comes from Rng::fill(), which is libsodium's randombytes_buf (the OS CSPRNG).
//
// Test builds (-DORDS_SECURITY_TESTING) add seed(): after it, fill() returns a reproducible stream,
// block k being randombytes_buf_deterministic(seed32_k) with seed32_k = BLAKE2b(seed || k). This is
// per connection and never touches libsodium's process-wide implementation (other users of
// libsodium in the process are unaffected). The release build has no seed() at all.
#pragma once
#include <cstddef>
#include <cstdint>

namespace ords {

class Rng {
 public:
  void fill(unsigned char* buf, size_t n);

#ifdef ORDS_SECURITY_TESTING
  void seed(int64_t seed) { seeded_ = true; seed_ = seed; counter_ = 0; }
  void unseed() { seeded_ = false; }
  bool seeded() const { return seeded_; }

 private:
  bool seeded_ = false;
  int64_t seed_ = 0;
  uint64_t counter_ = 0;
#endif
};

}  // namespace ords
