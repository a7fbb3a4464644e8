// jwt_profiles.hpp: JWT bearer profiles (API.md section 6): create_jwt_profile,
// delete_jwt_profile, set_jwt_profile_keys and the view user_ords_jwt_profile, plus the two
// readers the request decision uses (the schema's profile, its installed keys).
//
// A schema has at most one profile: the identity provider whose access tokens it accepts (issuer,
// audience, allowed clock skew and age, the JSON pointer of the role claim) and the provider's
// public keys (a JWK Set installed with set_jwt_profile_keys: the database never fetches
// jwk_url). Verifying a token is ext/jwt/; turning it into a Principal is policy/jwt_auth.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../conn/call.hpp"
#include "../jwt/claims.hpp"
#include "../jwt/jwk.hpp"
#include "views.hpp"

namespace ords::jwt_profiles {

// A profile as stored. allowed_skew / allowed_age are NULL when the instance setting applies.
struct Row {
  int64_t id = 0;
  int64_t generation = 0;  // changes with every create_jwt_profile and set_jwt_profile_keys
  std::string issuer;
  std::string audience;
  std::optional<int64_t> allowed_skew;
  std::optional<int64_t> allowed_age;
  std::string role_claim_name;  // "" for none
  int64_t key_count = 0;
};

// The profile of schema `schema_id`, or nothing (also before the tables exist: `version` < 4).
// One statement.
std::optional<Row> find(store::Db& db, int version, int64_t schema_id);

// The keys installed for profile `profile_id`, built and checked again (jwt::keys_from_jwks);
// an empty set when none are installed. A stored key that no longer builds is damage.
jwt::KeySet read_keys(store::Db& db, int64_t profile_id);

// What ext/jwt checks the claims against: the row, with a NULL skew or age taken from the
// instance settings security.jwt.allowed.skew / security.jwt.allowed.age as they are now.
jwt::Profile effective(ConnState& s, const Row& row);

const std::vector<FnSpec>& jwt_profile_functions();
const std::vector<ViewSpec>& jwt_profile_views();  // user_ords_jwt_profile

}  // namespace ords::jwt_profiles
