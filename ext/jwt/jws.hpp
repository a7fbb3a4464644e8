// jws.hpp: the compact JWS serialization (RFC 7515 section 7.1), taken apart strictly.
//
//   BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature)
//
// split() checks, in this order, and refuses with a jwt::Refused naming the check:
//   1. the size cap (kMaxTokenBytes) before anything is decoded;
//   2. exactly three parts (two '.');
//   3. no empty part (an unsigned token has an empty third part: refused here already);
//   4. each part strict base64url without padding (common.hpp b64url_decode).
// The JSON Serialization and JWE (five parts) are not accepted. split() does not parse JSON: the
// caller parses `header` (needed for alg and kid) with the project's strict reader, verifies the
// signature (verify.hpp), and only then parses `payload` and checks the claims (claims.hpp).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace ords::jwt {

// Larger bearer values are refused before decoding. 8 KiB is also what HTTP front ends pass
// in one header line by default (nginx large_client_header_buffers 8k).
constexpr size_t kMaxTokenBytes = 8192;

struct Jws {
  std::string header;         // decoded JOSE header: JSON text, not yet parsed
  std::string payload;        // decoded payload: JSON text (the claims), not yet parsed
  std::string signature;      // decoded signature bytes
  std::string_view signing_input;  // the first two parts as sent, with their '.': what was signed
                                   // (a view of the token given to split, which must outlive it)
};

// True when a bearer value is to be treated as a JWT at all: it holds a '.'. This extension's
// opaque tokens are 43 base64url characters and never hold one, so anything with a dot goes to
// the schema's JWT profile (and split() then says what is wrong with it).
bool looks_like_jws(std::string_view bearer);

// The three decoded parts of a compact JWS. Throws jwt::Refused (the message never holds the
// token): "the token is 9000 bytes; a JWT may have at most 8192", "a compact JWS has three parts
// separated by '.'; this token has 4", "the signature part of the token is empty", "the payload
// part of the token is not base64url without padding".
Jws split(std::string_view token);

}  // namespace ords::jwt
