// client_auth.hpp: who is calling the token, revocation and introspection endpoints.
//
// A client authenticates with its client_id and one of its live secrets, either as form fields
// (client_id, client_secret) or as an HTTP Basic Authorization value whose user and password are
// form-encoded (RFC 6749 2.3.1). Using both at once is invalid_request (RFC 6749 2.3). Every
// failure is invalid_client with the same description, whether the client is unknown or the
// secret wrong, and both cost one secret verification (clients::authenticate runs a dummy one).
#pragma once
#include <optional>
#include <string>

#include "../core/args.hpp"
#include "../conn/conn_state.hpp"
#include "../model/clients.hpp"
#include "../store/db.hpp"

namespace ords::oauth {

struct PresentedClient {
  SecretText client_id;
  std::optional<SecretText> secret;
  PresentedClient() = default;
  PresentedClient(const PresentedClient&) = delete;
  PresentedClient(PresentedClient&&) = default;
  ~PresentedClient();
};

// Reads the client's credentials from the request (form fields or `authorization`).
// Throws OAuthFailure invalid_request (both methods, malformed header) or invalid_client (none).
PresentedClient presented_client(const Args& request);

// The authenticated client; throws OAuthFailure invalid_client. The ConnState form goes through
// the connection's memo of clients (model/client_memo.hpp): the same answer and verification.
clients::ClientRecord authenticate_client(store::Db& db, const PresentedClient& who);
clients::ClientRecord authenticate_client(ConnState& s, const PresentedClient& who);

}  // namespace ords::oauth
