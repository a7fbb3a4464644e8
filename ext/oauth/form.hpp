// form.hpp: the small pieces of HTTP form encoding the OAuth endpoints need: decoding the
// application/x-www-form-urlencoded parts of an HTTP Basic credential (RFC 6749 2.3.1), and
// encoding values into a redirect URI's query or fragment (RFC 3986 unreserved kept as is).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "../core/secret_text.hpp"

namespace ords::form {

// '+' -> space, %XX -> byte; nullopt on a malformed escape.
std::optional<SecretText> decode(std::string_view s);  // SecretText: it decodes client secrets

// Every byte outside ALPHA / DIGIT / "-" / "." / "_" / "~" becomes %XX.
std::string encode(std::string_view s);
// Appends the encoding of s to out (no temporary copy of s: it may be a token).
void encode_into(SecretText& out, std::string_view s);

}  // namespace ords::form
