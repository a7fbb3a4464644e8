// common.hpp: what the JWT verification files share: the refusal exception, strict base64url,
// member lookup that refuses duplicates, and the quoting of token-supplied text in messages.
//
// ext/jwt/ is pure C++ over OpenSSL's libcrypto and libsodium: no SQLite, no JSON parsing (the
// caller parses the header and claims with the project's strict reader and hands over Values).
// docs/jwt.md gives the verification rules; each header here documents its part.
#pragma once
#include <string>
#include <string_view>

#include "../core/error.hpp"
#include "../core/value.hpp"

namespace ords::jwt {

// A token that fails a check. The message says which check failed in words a user can act on
// ("expired 130 s ago"); it never holds the token or any part of its encoding. The decision
// answers it as a 401 with the message as its reason. Errors in what an administrator installs
// (a JWK Set, a profile) are plain ords::Error instead.
class Refused : public Error {
 public:
  explicit Refused(const std::string& message) : Error(message) {}
};

// Strict base64url without padding (RFC 7515 section 2), through libsodium's
// sodium_base642bin(URLSAFE_NO_PADDING): the alphabet A-Z a-z 0-9 - _ only, no '=', no
// whitespace, no leftover bits (a length of 4k+1 or nonzero trailing bits is refused).
// Returns false, leaving *out unspecified, when `in` is not such an encoding.
bool b64url_decode(std::string_view in, std::string* out);

// The member `name` of the object `obj`, or nullptr when absent (or when obj is not an Object).
// Two members of that name (a parser that let a duplicate through) throw "<where> has two
// '<name>' members": a Refused when `from_token`, else an ords::Error.
const Value* member(const Value& obj, std::string_view name, std::string_view where, bool from_token);

// Text that came from a token or a key (a kid, an iss, an aud), made safe for a message:
// single-quoted, printable ASCII kept, anything else shown as '?', cut at 64 characters with
// "...". Values shaped like a secret or a token are never expected in these members, and a
// value quoted this way is bounded whatever the token holds.
std::string shown(std::string_view s);

}  // namespace ords::jwt
