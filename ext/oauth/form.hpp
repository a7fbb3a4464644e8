// form.hpp: the small pieces of HTTP form encoding the OAuth endpoints need: decoding the
// application/x-www-form-urlencoded parts of an HTTP Basic credential (RFC 6749 2.3.1), and
// encoding values into a redirect URI's query or fragment (RFC 3986 unreserved kept as is).
#pragma once
#include <optional>
#include <string>

namespace ords::form {

// '+' -> space, %XX -> byte; nullopt on a malformed escape.
std::optional<std::string> decode(const std::string& s);

// Every byte outside ALPHA / DIGIT / "-" / "." / "_" / "~" becomes %XX.
std::string encode(const std::string& s);

}  // namespace ords::form
