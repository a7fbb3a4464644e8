// jwt_auth.hpp: step 4 of the request decision for a bearer value shaped like a JWT: the token,
// verified by the deciding schema's JWT profile, becomes a Principal (Proof::Jwt).
//
// The order (docs/jwt.md gives each rule): the schema's profile (none: refused, saying how to make
// one); the memory of verified tokens (jwt_memory.hpp: same schema, same profile generation, and
// the claims checked again now); else jwt::split, the header parsed by the project's strict
// JSON reader (core/json_reader), jwt::select_key among the profile's keys, jwt::verify_signature,
// the payload parsed, jwt::check_claims with the profile (its skew and age, or the instance
// settings) and the clock's now. A verified token is remembered unless the connection is inside
// its own write transaction. Every refusal is the Authenticated's failure: which check failed,
// never the token.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "../conn/conn_state.hpp"
#include "../model/protection.hpp"
#include "authenticate.hpp"
#include "decision_cache.hpp"

namespace ords::policy {

Authenticated principal_from_jwt(ConnState& s, DecisionData& dc, std::string_view token,
                                 const protection::SchemaRef& schema, int64_t now);

// The Principal a verified token's identity makes (pure).
Principal jwt_principal(jwt::Identity id, int64_t schema_id);

#ifdef ORDS_SECURITY_TESTING
// Test build only: how many signatures this thread has verified for check_request, so a test can
// tell a token taken from the memory of verified JWTs from one verified again.
uint64_t jwt_signature_checks();
#endif

}  // namespace ords::policy
