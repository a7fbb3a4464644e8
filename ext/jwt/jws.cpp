// jws.cpp: splitting a compact JWS: size cap first, three parts, strict base64url.
#include "jws.hpp"

#include "common.hpp"

namespace ords::jwt {

bool looks_like_jws(std::string_view bearer) { return bearer.find('.') != std::string_view::npos; }

Jws split(std::string_view token) {
  if (token.size() > kMaxTokenBytes)
    throw Refused("the token is " + std::to_string(token.size()) + " bytes; a JWT may have at most " +
                  std::to_string(kMaxTokenBytes));
  size_t dots = 0;
  for (char c : token) dots += (c == '.');
  if (dots != 2)
    throw Refused("a compact JWS has three parts separated by '.'; this token has " + std::to_string(dots + 1));
  size_t d1 = token.find('.');
  size_t d2 = token.find('.', d1 + 1);
  const std::string_view parts[3] = {token.substr(0, d1), token.substr(d1 + 1, d2 - d1 - 1), token.substr(d2 + 1)};
  static const char* const names[3] = {"header", "payload", "signature"};
  Jws out;
  std::string* dest[3] = {&out.header, &out.payload, &out.signature};
  for (int i = 0; i < 3; ++i) {
    if (parts[i].empty()) throw Refused(std::string("the ") + names[i] + " part of the token is empty");
    if (!b64url_decode(parts[i], dest[i]))
      throw Refused(std::string("the ") + names[i] + " part of the token is not base64url without padding");
  }
  out.signing_input = token.substr(0, d2);
  return out;
}

}  // namespace ords::jwt
