// secret_slots.hpp: the slot rows of ords_sec_client_secret as the secret functions and the
// verification see them (internal to secrets.cpp and secret_slots.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "../core/crypto.hpp"
#include "../store/db.hpp"
#include "clients.hpp"

namespace ords::secrets {

// One live slot as recorded.
struct Slot {
  int64_t slot = 0;
  bool kind_known = false;  // a kind this build can verify
  crypto::SecretHash hash;
  int64_t issued_on = 0;
  int64_t seq = 0;  // issue order among the client's slots
  bool stored = false;
};

std::vector<Slot> load_slots(store::Db& db, int64_t client);

// The oldest of the live slots (earliest issued_on, then earliest issued); nullptr when none.
const Slot* oldest(const std::vector<Slot>& slots);

// Verifies `secret` against both slots, doing the work of two slots whatever is there: an empty
// slot (or a record of unknown kind) runs the dummy verification. Returns the matching slots as
// a mask (1, 2, 3) without stopping at the first match.
int matching_slots(const std::vector<Slot>& slots, const unsigned char* secret, size_t n);

// What authentication reads of a client: its record (nothing: no such client) and its live
// slots, in one statement by client_id (read_client_slots; nothing on a database without
// clients). verified() runs the verification of `secret` over it, the same work whatever was
// found, and returns the record when a slot matches. refused_unread() is the answer to a
// secret longer than crypto::kMaxSecretBytes, given before any lookup (two dummy verifications).
struct ClientSlots {
  std::optional<clients::ClientRecord> rec;
  std::vector<Slot> slots;
};
ClientSlots read_client_slots(store::Db& db, std::string_view client_id);
std::optional<clients::ClientRecord> verified(const ClientSlots& read, std::string_view secret);
std::optional<clients::ClientRecord> refused_unread(std::string_view secret);

// Deletes the slots in `mask` (1, 2, 3); returns the mask of those that held a secret.
int64_t revoke_mask(store::Db& db, int64_t client, int64_t mask);

}  // namespace ords::secrets
