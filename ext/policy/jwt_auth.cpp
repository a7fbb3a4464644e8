// jwt_auth.cpp: see jwt_auth.hpp.
#include "jwt_auth.hpp"

#include "../core/json_reader.hpp"
#include "../jwt/claims.hpp"
#include "../jwt/common.hpp"
#include "../jwt/jws.hpp"
#include "../jwt/verify.hpp"
#include "../core/token_codec.hpp"

namespace ords::policy {

namespace {

#ifdef ORDS_SECURITY_TESTING
thread_local uint64_t signature_checks = 0;
#endif

// A decoded part of the token as a JSON object, through the one strict reader (duplicate
// members, depth, UTF-8, NUL refused); its refusals never quote the input.
Value parse_part(const std::string& text, const std::string& what) {
  json::Limits limits;
  limits.max_bytes = jwt::kMaxTokenBytes;
  Value v = [&] {
    try {
      return json::parse(text, what, limits);
    } catch (const json::ParseError& e) {
      throw jwt::Refused(e.what());
    }
  }();
  if (v.kind != Value::Kind::Object) throw jwt::Refused(what + " is not a JSON object");
  return v;
}

Authenticated refused(std::string why) {
  Authenticated out;
  out.failure = std::move(why);
  return out;
}

Authenticated accepted(jwt::Identity id, int64_t schema_id) {
  Authenticated out;
  out.principal = jwt_principal(std::move(id), schema_id);
  return out;
}

}  // namespace

#ifdef ORDS_SECURITY_TESTING
uint64_t jwt_signature_checks() { return signature_checks; }
#endif

Principal jwt_principal(jwt::Identity id, int64_t schema_id) {
  Principal p;
  p.proof = Principal::Proof::Jwt;
  p.acting = id.user.empty() ? Principal::Acting::Client : Principal::Acting::User;
  p.schema_id = schema_id;
  p.client_id = std::move(id.client_id);
  if (!id.user.empty()) p.user = std::move(id.user);
  p.claimed_scopes = std::move(id.scopes);
  p.claimed_roles = std::move(id.roles);
  return p;
}

Authenticated principal_from_jwt(ConnState& s, DecisionData& dc, std::string_view token,
                                 const protection::SchemaRef& schema, int64_t now) {
  const JwtProfileEntry& entry = jwt_profile_of(s, dc, schema.id);
  const std::optional<jwt_profiles::Row>& row = entry.row;
  if (!row)
    return refused("no JWT profile in schema " + schema.name +
                   "; create one with create_jwt_profile(p_issuer, p_audience, p_jwk_url) and install the "
                   "provider's keys with set_jwt_profile_keys(p_jwks)");
  try {
    const jwt::Profile& profile = entry.effective;
    JwtMemory& memory = cache_of(s).verified;
    // The memory is keyed by the digest; a value too large to be a JWT is refused by split()
    // before anything is digested or decoded.
    bool small = token.size() <= jwt::kMaxTokenBytes;
    tokens::Digest digest{};
    if (small) {
      digest = tokens::digest(token);
      if (const VerifiedJwt* known = memory.find(digest)) {
        if (known->schema_id == schema.id && known->generation == row->generation) {
          try {
            return accepted(jwt::check_claims(known->header, known->claims, profile, now), schema.id);
          } catch (const jwt::Refused&) {
            memory.forget(digest);  // expired or too old now: it will not pass again
            throw;
          }
        }
      }
    }
    jwt::Jws jws = jwt::split(token);
    static const std::string kHeader = "the token header", kPayload = "the token payload";
    Value header = parse_part(jws.header, kHeader);
    auto keys = jwt_keys_of(s, schema.id, *row);
    const jwt::Key& key = jwt::select_key(*keys, header);
#ifdef ORDS_SECURITY_TESTING
    ++signature_checks;
#endif
    jwt::verify_signature(key, jws, header);
    Value claims = parse_part(jws.payload, kPayload);
    jwt::Identity id = jwt::check_claims(header, claims, profile, now);
    if (small && !s.db.in_write_transaction())
      memory.remember(digest, VerifiedJwt{schema.id, row->generation, std::move(header), std::move(claims)});
    return accepted(std::move(id), schema.id);
  } catch (const jwt::Refused& e) {
    return refused(std::string("the JWT is refused: ") + e.what());
  }
}

}  // namespace ords::policy
