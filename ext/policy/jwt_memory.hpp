// jwt_memory.hpp: the JWTs a connection has verified lately, so that the same token checked again
// costs no signature verification (ORDS verifies every time).
//
// Bounded (kCapacity entries; the oldest goes first) and keyed by the token's digest
// (BLAKE2b-256, model/token_codec.hpp): the token itself is kept nowhere. An entry holds what the
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
#include <deque>
#include <unordered_map>
#include <utility>

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
  static constexpr size_t kCapacity = 1024;
  using Digest = std::array<unsigned char, 32>;

  const VerifiedJwt* find(const Digest& d) const {
    auto it = map_.find(d);
    return it == map_.end() ? nullptr : &it->second.v;
  }
  // Keeps `v` under `d` (replacing what was there); the oldest entries go when it is full.
  void remember(const Digest& d, VerifiedJwt v) {
    map_.erase(d);
    while (map_.size() >= kCapacity || order_.size() >= 2 * kCapacity) {
      auto [old, seq] = order_.front();
      order_.pop_front();
      auto it = map_.find(old);
      if (it != map_.end() && it->second.seq == seq) map_.erase(it);
    }
    ++seq_;
    map_.emplace(d, Entry{std::move(v), seq_});
    order_.emplace_back(d, seq_);
  }
  void forget(const Digest& d) { map_.erase(d); }
  void clear() {
    map_.clear();
    order_.clear();
  }
  size_t size() const { return map_.size(); }

 private:
  struct Entry {
    VerifiedJwt v;
    uint64_t seq;
  };
  struct Hash {
    size_t operator()(const Digest& d) const {
      size_t h;
      std::memcpy(&h, d.data(), sizeof h);  // a cryptographic digest: any 8 bytes are uniform
      return h;
    }
  };
  std::unordered_map<Digest, Entry, Hash> map_;
  std::deque<std::pair<Digest, uint64_t>> order_;  // insertion order, for eviction
  uint64_t seq_ = 0;
};

}  // namespace ords::policy
