// authenticate.hpp: step 4 of the request decision: the Authorization value -> a Principal.
//
// bearer() reads "Bearer <token>" (the scheme in any case, spaces around it ignored, exactly one
// token after it). principal_from_session() turns the session the token names (sessions::find)
// into a Principal, or says why it cannot: not an access token, consumed, expired
// (expires_on <= now), or issued in another schema than the one deciding. Both are pure: the one
// read (the session) is the caller's, so each step can be tested on its own. A JWT would be a
// second function returning the same Authenticated.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "../core/secret_text.hpp"

#include "../model/principal.hpp"
#include "../model/sessions.hpp"

namespace ords::policy {

// "Bearer <token>" -> the token; nullopt for another scheme or a malformed value.
std::optional<SecretText> bearer(std::string_view header);
// The same without a copy: a view into `header`.
std::optional<std::string_view> bearer_view(std::string_view header);

// A Principal, or (principal empty) the 401 reason's tail: "the token is unknown, expired or revoked".
struct Authenticated {
  std::optional<Principal> principal;
  std::string failure;
};

// Takes the session by value: its strings and id lists move into the Principal.
Authenticated principal_from_session(std::optional<sessions::Found> session, int64_t deciding_schema_id, int64_t now);

// The same for the decision's hot path (ISSUE 14): the session read alone (sessions::find_access)
// and its client from the connection's cache, as the Principal client_principal made; `client`
// nullptr when the client no longer exists (the token is then unknown, as it was when the
// session was read joined to its client). Returns `client` itself when the session names no
// user and no scope (nothing is copied), else a copy with them, kept in `own`; nullptr, with
// own.failure saying why, when the token cannot pass.
const Principal* principal_from_access(const std::optional<sessions::Access>& session, const Principal* client,
                                       int64_t deciding_schema_id, int64_t now, Authenticated& own);

// A client's Principal for its sessions in `schema_id`: acting as itself for client_credentials,
// for a user otherwise; no user and no scope (a session adds them).
Principal client_principal(sessions::ClientView v, int64_t schema_id);

}  // namespace ords::policy
