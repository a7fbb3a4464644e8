// principal.hpp: who a request's credentials prove it comes from, whatever the credential was.
//
// The request decision authenticates the bearer into a Principal (policy/authenticate.hpp) and
// then authorizes the Principal against the privilege that protects the path
// (policy/authorize.hpp); the second step never looks at the credential itself. Today one kind of
// credential makes a Principal: an opaque access token of this extension (a session row). A JWT
// accepted by a schema's profile is the next: it makes a Principal with Proof::Jwt, its scope
// from the `scope`/`scp` claim and its roles from the role claim, and the authorization rules
// stay as they are.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ords {

struct Principal {
  // How it was proven.
  enum class Proof { OpaqueToken /* , Jwt: next */ };
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
};

}  // namespace ords
