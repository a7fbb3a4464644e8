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

// Where a reason is written, in pieces: the sentence's words, and the names it holds
// (privileges, roles, clients), which the reason shows between double quotes. The decision's
// answer writes each piece straight into its JSON (ISSUE 14); Verdict's reason is the same
// sentence as text.
class ReasonOut {
 public:
  // Words of authorize.cpp's sentences, as they are: never a character JSON escapes (no '"',
  // no '\\', no control character; the test build checks every word the answer writes).
  virtual void word(std::string_view w) = 0;
  virtual void name(std::string_view n) = 0;  // "n": a privilege's, a role's or a client's name
  virtual void text(std::string_view t) = 0;  // made of names: the SQL of a hint, as it is

 protected:
  ~ReasonOut() = default;
};

// What authorize decided, before its words: the status at once, the sentence when asked for
// (a writer that puts the status before the reason needs it in that order).
struct Judgement {
  enum class Why {
    HoldsRole,         // 200: the client holds one of the privilege's roles (`role`)
    NoRoles,           // 200: the privilege has no roles
    ScopeMissing,      // 403: the client's token was asked for with a scope that does not name it
    RoleMissing,       // 403: the client holds none of the privilege's roles
    UserScope,         // 200: the approved scope names the privilege
    UserScopeMissing,  // 403: it does not
    NoLongerListed,    // 403: the client no longer lists the privilege
    JwtScope,          // 200: the JWT's scope names the privilege
    JwtRole,           // 200: its role claim names one of the privilege's roles (`role`)
    JwtRefused,        // 403: neither
    OriginRefused,     // 403: the Origin is not in the client's origins_allowed
  } why;
  const std::string* role = nullptr;

  int status() const;
  // The reason, as authorize's Verdict has it, for the same Principal and privilege.
  void say(const Principal& who, const protection::Guard& deciding, ReasonOut& out) const;
};

Judgement judge(const Principal& who, const protection::Guard& deciding, std::optional<std::string_view> origin);

// True when the space-separated `scope` has `privilege` as one of its items.
bool scope_names(const std::string& scope, const std::string& privilege);

// True when `origin` is the allowed item or continues it with ":" (a port) or "/" right after it;
// "*" allows any origin. A trailing "/" of the item is ignored. Case-sensitive.
bool origin_matches(std::string_view allowed_item, std::string_view origin);

// True when the comma-separated origins_allowed list lets `origin` in (an empty list lets all in).
bool origin_allowed(const std::string& allowed_csv, std::string_view origin);

}  // namespace ords::policy
