// client_results.hpp: the JSON results of the client functions (API.md section 2): ORDS's
// t_client_key ({"id":7,"name":"CLIENT_TEST","client_id":"..."}) and t_client_credentials
// (client_key plus client_secret {secret, slot, issued_on}).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "client_key.hpp"

namespace ords::clients {

// {"id":7,"name":"CLIENT_TEST","client_id":"..."}
std::string client_key_json(const ClientRow& c);

// What the client_secret member of a credentials result says.
struct SecretOut {
  const SecretText* secret = nullptr;  // only where the call generated or received it
  std::optional<int64_t> slot;          // 1, 2, 3 (both) or NULL (none)
  std::optional<int64_t> issued_on;
};
// {"client_key":{...},"client_secret":{"secret":"...","slot":1,"issued_on":"...Z"}}
SecretText credentials_json(const ClientRow& c, const SecretOut& s);

}  // namespace ords::clients
