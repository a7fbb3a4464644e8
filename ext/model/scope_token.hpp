// scope_token.hpp: the one rule for what may be an OAuth scope token (RFC 6749 3.3):
//   scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
// printable ASCII without space, '"' or '\'. Privilege names are scope tokens (a token's scope is
// the space-separated list of the privileges it may use): create_privilege, define_privilege and
// rename_privilege refuse other names, and the OAuth endpoints never put one into a scope.
#pragma once
#include <string>

namespace ords {

// What keeps `s` from being a scope token ("a space", "a double quote" ...), or nullptr when it is one.
inline const char* scope_token_flaw(const std::string& s) {
  if (s.empty()) return "nothing";
  for (unsigned char ch : s) {
    if (ch == ' ') return "a space";
    if (ch == '"') return "a double quote";
    if (ch == '\\') return "a backslash";
    if (ch >= 0x80) return "a non-ASCII character";
    if (ch < 0x21 || ch == 0x7F) return "a control character";
  }
  return nullptr;
}

inline bool is_scope_token(const std::string& s) { return scope_token_flaw(s) == nullptr; }

}  // namespace ords
