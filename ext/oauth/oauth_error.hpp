// oauth_error.hpp: OAuth failures, which the endpoints answer instead of raising.
//
// An endpoint throws OAuthFailure where RFC 6749 5.2 (or 4.1.2.1, 7009, 7662) says the server
// answers with an error; the endpoint catches it and returns the error body
//   {"error":"invalid_grant","error_description":"..."}
// A malformed SQL call (wrong argument types, not a JSON object) is an ords::Error and raises.
// Descriptions never carry a token, a secret or a hash.
#pragma once
#include <string>

#include "../core/json_writer.hpp"

namespace ords::oauth {

struct OAuthFailure {
  std::string error;        // invalid_request, invalid_client, invalid_grant, unauthorized_client,
                            // unsupported_grant_type, invalid_scope, unsupported_response_type ...
  std::string description;  // for the developer; no secret, token or hash
};

inline std::string error_body(const OAuthFailure& f) {
  JsonWriter w;
  w.begin_object().kv("error", f.error).kv("error_description", f.description).end_object();
  return w.text();
}

}  // namespace ords::oauth
