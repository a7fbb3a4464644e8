// secrets.hpp: the two secret slots of an OAuth client (API.md section 5, "Two-slot secrets").
//
// A client holds at most two secrets, in slots 1 and 2, each kept as a hash (core/crypto.hpp):
// - a new secret takes the slot asked for, else the lowest empty slot, else overwrites the oldest
//   (earliest issued_on; ties by issue order); p_revoke_existing clears the other slot;
// - either live slot authenticates the client (clients::authenticate, defined in secrets.cpp);
// - revoking by default removes the oldest; a filter selects slot 1, 2, 3 (both), the slots
//   holding a given value, or (alone) the secrets that are not stored.
// A secret is shown once, by the call that made or received it, unless it is stored: then its
// text is kept beside the hash and user_ords_clients shows it.
//
// The SQL functions: register_client_secret, update_client_secret (OAUTH, legacy),
// rotate_client_secret, revoke_client_secrets, revoke_client_secret. clients.cpp uses the
// internal API below for register_client's p_client_secret and create_client's stored secret.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../core/crypto.hpp"
#include "../conn/call.hpp"

namespace ords::secrets {

// What p_client_secret (t_client_secret) asks for. `given` is false when it asks for nothing
// (NULL or an object with no field set).
struct SecretSpec {
  bool given = false;
  std::optional<crypto::SecretBuffer> secret;  // a chosen secret; none: generate one
  std::optional<int64_t> slot;                 // 1 or 2; none: lowest empty, else oldest
  bool stored = false;
};

// Reads p_client_secret: an object {secret, slot, stored} (issued_on cannot be set), or, where
// `text_ok`, the secret itself as text. Validates everything; throws naming `param`.
SecretSpec secret_spec_arg(Call& c, const Value& v, const std::string& param, bool text_ok);

// Checks a chosen secret's text: not empty, at most crypto::kMaxSecretBytes bytes, no control
// characters. The message never contains the value.
void check_chosen_secret(const std::string& param, std::string_view secret);

struct Issued {
  int64_t slot = 0;
  int64_t issued_on = 0;
};
struct Made {
  crypto::SecretBuffer secret;  // the secret made or received: shown once, by the caller
  Issued issued;
};

// Issues a secret for `client` as `spec` says (generating one when spec.secret is empty).
Made issue(ConnState& s, int64_t client, SecretSpec spec, bool revoke_existing);

// Removes every secret of a client (delete_client).
void delete_all(store::Db& db, int64_t client);

const std::vector<FnSpec>& secret_functions();

}  // namespace ords::secrets
