// claims.hpp: the checks on a verified token's header and claims, and what it grants.
//
// check_claims(header, claims, profile, now) runs after verify_signature() and refuses (jwt::
// Refused, a message a user can act on, never the token) unless all of these hold:
//   header   no `crit` (RFC 7515 4.1.11: this verifier understands no extension, so it must
//            refuse any); jku, x5u, jwk, x5c are ignored
//   iss      a string equal to profile.issuer
//   aud      a string equal to profile.audience, or an array of strings containing it
//   exp      required; refused once now >= exp + skew
//   nbf      when present, refused while now < nbf - skew
//   iat      when present, refused while now < iat - skew (issued in the future); with
//            allowed_age > 0, required, and refused once now > iat + allowed_age + skew
//   numbers  exp, nbf and iat must be JSON integers (Kind::Int) from 0 to 253402300799
//            (9999-12-31): a real (1.5, 1e9), a string ("123"), a boolean is refused
//   sub      when present, a string: it becomes Identity::user
//   scope    when present, a space-separated string; scp a string (space-separated) or an
//            array of strings; together they become Identity::scopes
//   roles    profile.role_claim_name, an RFC 6901 JSON pointer into the claims ("/roles",
//            "/realm_access/roles", Auth0's "/https:~1~1example.com~1roles"), names an array of
//            strings or a space-separated string: Identity::roles. Nothing there means no roles.
// The skew is profile.allowed_skew seconds: 0 or less disables it, more than kMaxSkew counts as
// kMaxSkew. The age limit is profile.allowed_age seconds: 0 or less disables it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../core/value.hpp"

namespace ords::jwt {

constexpr int64_t kMaxSkew = 60;
constexpr int64_t kMaxTime = 253402300799;  // 9999-12-31T23:59:59Z

struct Profile {
  std::string issuer;
  std::string audience;
  int64_t allowed_skew = 0;     // seconds
  int64_t allowed_age = 0;      // seconds from iat
  std::string role_claim_name;  // JSON pointer; "" for none
};

struct Identity {
  std::string user;                 // sub ("" when the token has none)
  std::string client_id;            // client_id (RFC 9068) or else azp, when a string; else ""
  std::vector<std::string> scopes;  // scope and scp, in order, without repeats
  std::vector<std::string> roles;   // from the role claim, in order, without repeats
  int64_t exp = 0;                  // the token's exp (a cache may keep the result until then)
};

Identity check_claims(const Value& header, const Value& claims, const Profile& profile, int64_t now);

// An RFC 6901 JSON pointer split into its reference tokens, ~1 and ~0 unescaped. "" gives no
// tokens (no role claim). Throws ords::Error naming p_role_claim_name when `pointer` is not a
// JSON pointer (it must start with '/', '~' only as ~0 or ~1, at most 256 bytes): the model
// calls it to validate create_jwt_profile's argument.
std::vector<std::string> parse_json_pointer(std::string_view pointer);

// The value the tokens point to in `doc` (object members by name, array items by decimal index
// without leading zeros), or nullptr when there is none.
const Value* resolve_json_pointer(const Value& doc, const std::vector<std::string>& tokens);

}  // namespace ords::jwt
