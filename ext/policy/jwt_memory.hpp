// jwt_memory.hpp: the JWTs a connection has verified lately, so that the same token checked again
// costs no signature verification (ORDS verifies every time).
//
// Bounded (kCapacity entries; when a digest's set is full, its oldest goes) and keyed by the
// token's digest (BLAKE2b-256, model/token_codec.hpp): the token itself is kept nowhere. An entry holds what the
// verification established: the schema and the profile generation it was verified for, and the
// parsed header and claims. Its owner (policy/jwt_auth.cpp) uses an entry only for the same
// schema and the same profile generation, and checks its claims again on every use
// (jwt::check_claims with the profile as it is now and the clock's now), so an entry is good
// until the token's exp (with the skew), its age limit, or any change of the schema's profile or
// keys, and a refusal then reads exactly as without the memory. Pure C++: no database.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "../core/value.hpp"

namespace ords::policy {

struct VerifiedJwt {
  int64_t schema_id = 0;
  int64_t generation = 0;  // of the schema's JWT profile when verified
  Value header;
  Value claims;
};

class JwtMemory {
 public:
  // Set-associative: a digest belongs to one of kSets sets (by its first bytes, uniform for a
  // cryptographic digest) of kWays entries each; when its set is full, the set's oldest entry
  // goes. A lookup reads one set, two cache lines of digests, with no allocation and no chain
  // of heap nodes to follow (a hash map of 1,024 nodes cost more than the JSON parse).
  static constexpr size_t kWays = 4;
  static constexpr size_t kSets = 256;
  static constexpr size_t kCapacity = kSets * kWays;
  using Digest = std::array<unsigned char, 32>;

  const VerifiedJwt* find(const Digest& d) const {
    if (sets_.empty()) return nullptr;
    const Set& set = sets_[index(d)];
    for (size_t w = 0; w < kWays; ++w)
      if (set.used[w] && set.digest[w] == d) return &set.entry[w];
    return nullptr;
  }
  // Keeps `v` under `d` (replacing what was there); the oldest entry of d's set goes when the
  // set is full.
  void remember(const Digest& d, VerifiedJwt v) {
    if (sets_.empty()) sets_.resize(kSets);  // allocated when a connection first verifies a JWT
    Set& set = sets_[index(d)];
    size_t way = kWays;
    for (size_t w = 0; w < kWays && way == kWays; ++w)
      if (set.used[w] && set.digest[w] == d) way = w;
    for (size_t w = 0; w < kWays && way == kWays; ++w)
      if (!set.used[w]) way = w;
    if (way == kWays) {
      way = 0;
      for (size_t w = 1; w < kWays; ++w)
        if (set.seq[w] < set.seq[way]) way = w;
    }
    if (!set.used[way]) ++size_;
    set.used[way] = true;
    set.digest[way] = d;
    set.seq[way] = ++seq_;
    set.entry[way] = std::move(v);
  }
  void forget(const Digest& d) {
    if (sets_.empty()) return;
    Set& set = sets_[index(d)];
    for (size_t w = 0; w < kWays; ++w)
      if (set.used[w] && set.digest[w] == d) {
        set.used[w] = false;
        set.entry[w] = VerifiedJwt{};
        --size_;
      }
  }
  void clear() {
    sets_.clear();
    size_ = 0;
  }
  size_t size() const { return size_; }

 private:
  struct Set {
    std::array<Digest, kWays> digest{};
    std::array<uint64_t, kWays> seq{};
    std::array<bool, kWays> used{};
    std::array<VerifiedJwt, kWays> entry;
  };
  static size_t index(const Digest& d) {
    uint64_t h;
    std::memcpy(&h, d.data(), sizeof h);  // a cryptographic digest: any 8 bytes are uniform
    return static_cast<size_t>(h % kSets);
  }
  std::vector<Set> sets_;
  size_t size_ = 0;
  uint64_t seq_ = 0;
};

}  // namespace ords::policy
