// principal.hpp: who a request's credentials prove it comes from, whatever the credential was.
//
// The request decision authenticates the bearer into a Principal (policy/authenticate.hpp) and
// then authorizes the Principal against the privilege that protects the path
// (policy/authorize.hpp); the second step never looks at the credential itself. Two kinds of
// credential make a Principal: an opaque access token of this extension (a session row:
// Proof::OpaqueToken, policy/authenticate.hpp), and a JWT accepted by the schema's profile
// (Proof::Jwt, policy/jwt_auth.hpp): its user from `sub`, its scopes from the `scope`/`scp`
// claims and its role names from the profile's role claim. A JWT has no client of this
// extension, so it holds no role or privilege ids and no origins_allowed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ords {

struct Principal {
  // How it was proven.
  enum class Proof { OpaqueToken, Jwt };
  // On whose behalf: a client for itself (client_credentials), or a user through a client that the
  // user approved (authorization_code, implicit).
  enum class Acting { Client, User };

  Proof proof = Proof::OpaqueToken;
  Acting acting = Acting::Client;
  int64_t schema_id = 0;               // the schema the credential was issued in
  std::string client_id;               // the client's public client_id
  std::string client_name;             // for reasons ("client \"svc\" holds ...")
  std::optional<std::string> user;     // Acting::User: the signed-in user
  // The privilege names it may use, space-separated (RFC 6749 3.3). Acting::User: the approved
  // scope (none: nothing approved). Acting::Client: the scope asked for at the token request,
  // or none when none was asked for (the client's roles alone decide then).
  std::optional<std::string> scope;
  std::vector<int64_t> role_ids;       // roles the client holds, as they are now
  std::vector<int64_t> privilege_ids;  // privileges the client lists, as they are now
  std::optional<std::string> origins_allowed;  // the client's comma-separated list, as registered
  // Proof::Jwt: what the verified claims name (each item once, in claim order).
  std::vector<std::string> claimed_scopes;  // `scope` (space-separated) and `scp`
  std::vector<std::string> claimed_roles;   // the profile's role claim
};

}  // namespace ords
