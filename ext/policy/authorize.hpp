// authorize.hpp: step 5 of the request decision: does a Principal satisfy the privilege that
// protects the path, and may it call from this Origin? Pure: no database, no clock.
//
// - Acting::Client (a client_credentials token): the client holds one of the privilege's roles
//   (a privilege without roles: any such token of the schema). When the token was asked for with
//   a scope, the scope must also name the privilege: a token of narrower scope never carries the
//   client's full power (RFC 6749 3.3).
// - Acting::User (authorization_code, implicit): the approved scope names the privilege, and the
//   client still lists it (taking a privilege from the client takes it from its tokens).
// - Proof::Jwt (a JWT accepted by the schema's profile): its `scope`/`scp` names the privilege,
//   or its role claim names one of the privilege's roles (a privilege without roles: the scope).
//   It has no client, so the Origin is not checked.
// - Then the Origin, when the request has one and the client lists origins_allowed: it must match
//   one item at a boundary (origin_matches), or an item is "*".
// A scope names a privilege only by an exact, case-sensitive match of one whole space-separated
// item: "emp" never grants "emp_priv", "Emp" never grants "emp".
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "../model/principal.hpp"
#include "../model/protection.hpp"

namespace ords::policy {

struct Verdict {
  int status = 200;    // 200 or 403
  std::string reason;  // one sentence; names privileges, roles and clients, never a token
};

Verdict authorize(const Principal& who, const protection::Guard& deciding, std::optional<std::string_view> origin);

// True when the space-separated `scope` has `privilege` as one of its items.
bool scope_names(const std::string& scope, const std::string& privilege);

// True when `origin` is the allowed item or continues it with ":" (a port) or "/" right after it;
// "*" allows any origin. A trailing "/" of the item is ignored. Case-sensitive.
bool origin_matches(std::string_view allowed_item, std::string_view origin);

// True when the comma-separated origins_allowed list lets `origin` in (an empty list lets all in).
bool origin_allowed(const std::string& allowed_csv, std::string_view origin);

}  // namespace ords::policy
