// client_key.hpp: how a client function names its client (API.md section 2): p_name (or
// p_client_name) positionally, or the named form's client_key {id|name|client_id} (ORDS's
// t_client_key); the client row it names within the schema; and the rule that a client's name is
// free in its schema. Messages withhold secret-shaped values (a client_id is one).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "../conn/call.hpp"

namespace ords::clients {

// How a call names its client: p_<name_param> or the named form's client_key object.
struct ClientKey {
  std::optional<int64_t> id;
  // SecretText: a secret given where the client's name goes is wiped with the rest.
  std::optional<SecretText> name, client_id;
  std::string param;  // "p_name", "p_client_name" or "p_client_key", for messages
};

// Reads the key from c.args (before any write): exactly one of p_<name_param> and p_client_key.
ClientKey client_key_arg(const Call& c, const char* name_param);

// The client a call acts on, within `schema`.
struct ClientRow {
  int64_t id = 0;
  std::string name, client_id, grant_type;
};
ClientRow require_client(store::Db& db, int64_t schema, const ClientKey& key);

// A client name that is free in the schema (new names, renames); throws naming `param`.
void require_free_name(store::Db& db, int64_t schema, const std::string& name, const std::string& param,
                       int64_t except_id = 0);

}  // namespace ords::clients
