// oauth_error.hpp: OAuth failures, which the endpoints answer instead of raising.
//
// Where RFC 6749 5.2 (or 4.1.2.1, 7009, 7662) says the server answers with an error, endpoint
// code throws OAuthFailure; the endpoint catches it and returns the error body
//   {"error":"invalid_grant","error_description":"..."}
// OAuthFailure is an ordinary ords::Error (its message is "<error>: <description>"), so code that
// knows nothing of OAuth handles it as any other error: the host boundary turns one that escapes
// into an SQL error like every other, never into a crash or a silent success.
// A malformed SQL call (wrong argument types, not a JSON object) is a plain ords::Error and raises.
// Descriptions never carry a token, a secret or a hash.
#pragma once
#include <string>

#include "../core/error.hpp"
#include "../core/json_writer.hpp"

namespace ords::oauth {

class OAuthFailure : public Error {
 public:
  OAuthFailure(std::string error_code, std::string text)
      : Error(error_code + ": " + text), error(std::move(error_code)), description(std::move(text)) {}
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
