// rng.cpp: see rng.hpp.
#include "rng.hpp"

#include <sodium.h>

namespace ords {

void Rng::fill(unsigned char* buf, size_t n) {
#ifdef ORDS_SECURITY_TESTING
  if (seeded_) {
    unsigned char input[16];
    for (int b = 0; b < 8; b++) input[b] = static_cast<unsigned char>(static_cast<uint64_t>(seed_) >> (8 * b));
    for (int b = 0; b < 8; b++) input[8 + b] = static_cast<unsigned char>(counter_ >> (8 * b));
    counter_++;
    unsigned char seed32[randombytes_SEEDBYTES];
    crypto_generichash(seed32, sizeof seed32, input, sizeof input, nullptr, 0);
    randombytes_buf_deterministic(buf, n, seed32);
    sodium_memzero(seed32, sizeof seed32);
    return;
  }
#endif
  randombytes_buf(buf, n);
}

}  // namespace ords
