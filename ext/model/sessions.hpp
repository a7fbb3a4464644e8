// sessions.hpp: token sessions (access tokens, refresh tokens, authorization codes) of OAuth
// clients. This header is the hook the client functions use to end a client's sessions
// (p_revoke_sessions, delete_client); the token endpoint that creates sessions fills it in.
#pragma once
#include <cstdint>

#include "../store/db.hpp"

namespace ords::sessions {

// Ends every session (access token, refresh token, code) of client `client_id` (the numeric id).
// Returns how many were ended. Safe on a database that has no session table yet.
int64_t end_client_sessions(store::Db& db, int64_t client_id);

}  // namespace ords::sessions
