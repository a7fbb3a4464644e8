// sessions.hpp: token sessions (access tokens, refresh tokens, authorization codes).
//
// A session row holds the digest of one token (never the token), its client and schema, the user
// and scope it carries, and its times. Sessions made from one authorization code share a family
// (the code's id): replaying the code or a consumed refresh token ends the whole family.
// Codes and refresh tokens are consumed by a compare-and-set write, so two callers racing on one
// of them cannot both win. Expired sessions are purged by the writers (the token endpoint), a few
// at a time, so nobody has to remember to clean up and no reader ever writes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../conn/conn_state.hpp"
#include "../store/db.hpp"
#include "../core/token_codec.hpp"
#include "views.hpp"

namespace ords::sessions {

enum class Kind { Access, Refresh, Code };
const char* kind_name(Kind k);

struct NewSession {
  int64_t schema_id = 0;
  int64_t client_id = 0;
  Kind kind = Kind::Access;
  std::optional<int64_t> family;  // the code this grant came from
  std::optional<std::string> user, scope, redirect_uri, code_challenge;
  int64_t issued_on = 0;
  int64_t expires_on = 0;
};

// One session's row, as find_grant() reads it.
struct Session {
  int64_t id = 0, schema_id = 0, client_id = 0, issued_on = 0, expires_on = 0;
  Kind kind = Kind::Access;
  std::optional<int64_t> family, consumed_on;
  std::optional<std::string> user, scope, redirect_uri, code_challenge;
  // A live access token at `now`: not consumed, not expired (expires_on <= now is expired).
  bool live_access(int64_t now) const { return kind == Kind::Access && !consumed_on && expires_on > now; }
};

// One session as read by find(): the row, and what the decision and the endpoints need of its
// client (the client record, the ids of the roles it holds and of the privileges it lists), read
// in the same statement.
struct Found : Session {
  struct Client {
    std::string client_id, name, grant_type;  // the public client_id, the client's name and grant type
    std::optional<std::string> origins_allowed;
  } client;                                   // the session's client (its numeric id is client_id)
  std::vector<int64_t> client_role_ids;       // roles the client holds, as they are now
  std::vector<int64_t> client_privilege_ids;  // privileges the client lists (p_privilege_names)
};

// Creates a session and returns its token (the only time the token exists in clear).
tokens::TokenText issue(ConnState& s, const NewSession& n, int64_t* id_out = nullptr);

// The session whose token this is, whatever its state (expired and consumed ones included), with
// its client. The one reader of sessions by token: the token endpoint, revocation, introspection
// and the request decision all use it (one statement, a lookup by digest). Nothing for a token
// that is not well formed. The caller knows the session table exists (schema version >= 3).
std::optional<Found> find(store::Db& db, std::string_view token);

// The same session without its client's fields, roles and privileges (ISSUE 14: what the code
// and refresh grants need, which authenticate the client themselves). One statement over the
// session table alone, by digest: unlike find(), a session whose client is gone is found too, and
// its callers refuse it by comparing client_id with the client they have just authenticated
// (which exists, so a session of a deleted client never matches it: the same answer as a join).
std::optional<Session> find_grant(store::Db& db, std::string_view token);

// What the request decision needs of a session (ISSUE 14: the hot path reads the session alone,
// and takes its client from the connection's cache, policy/decision_cache.hpp).
struct Access {
  int64_t schema_id = 0, client_id = 0, expires_on = 0;
  bool is_access = false, consumed = false;
  std::optional<std::string> user, scope;
  bool live_access(int64_t now) const { return is_access && !consumed && expires_on > now; }
};
// The session whose token this is (one statement over the session table alone, by digest);
// nothing for an unknown token, nor for a session that is not an access token or is consumed
// (is_access is then always true, consumed false). The caller knows the table exists (version >= 3) and has checked
// the token is well formed (tokens::well_formed; a malformed one is unknown anyway: no digest
// stored is its digest).
std::optional<Access> find_access(store::Db& db, std::string_view token);

// What the decision needs of a client: the Found::Client fields and its role and privilege ids.
struct ClientView {
  Found::Client client;
  std::vector<int64_t> role_ids, privilege_ids;
};
// Client `client_id` (the numeric id), or nothing when it no longer exists. One statement.
std::optional<ClientView> read_client(store::Db& db, int64_t client_id);

// Marks a code or refresh token consumed if nobody has; true when this call did it.
bool consume(store::Db& db, int64_t id, int64_t now);

// Ends one session / every session of a family (the family's code included).
void end_session(store::Db& db, int64_t id);
int64_t end_family(store::Db& db, int64_t family);

// Sweeps the next few sessions in id order (wrapping around at the end) and deletes those that
// expired at or before `now`: every endpoint call that writes does a little (4 rows a call while
// it finds expired ones, 32 rows every eighth call while it does not), so the whole table is
// swept again and again and nobody has to remember to clean up. Expired sessions waiting for the
// sweep are never valid (every check compares expires_on with the clock). The sweep position is
// kept in the connection's ConnState. With the setting security.oauth.sweepOnRequest at 0 it
// does nothing: the application sweeps off the request path with purge_expired_oldest
// (ords_purge_expired_sessions).
int64_t purge_expired(ConnState& s, int64_t now);

// Deletes the oldest (by id) sessions that expired at or before `now`, at most `max_rows` of them,
// in one statement; returns how many. It reads the table from its oldest row until it has found
// max_rows expired ones or reached the end. Nothing on a database without the session table.
int64_t purge_expired_oldest(store::Db& db, int64_t now, int64_t max_rows);

// Ends every session (access token, refresh token, code) of client `client_id` (the numeric id).
// Returns how many were ended. Safe on a database that has no session table yet.
int64_t end_client_sessions(store::Db& db, int64_t client_id);

// user_ords_sessions: the live sessions of the current schema, never a token or digest.
const std::vector<ViewSpec>& session_views();

}  // namespace ords::sessions
