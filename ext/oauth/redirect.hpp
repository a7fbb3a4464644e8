// redirect.hpp: comparing a redirect URI with the registered one (SECURITY.md R-08).
#pragma once
#include <string>

namespace ords::oauth {

// Exact, case-sensitive string equality; the one exception is a loopback http URI
// (http://127.0.0.1[:port]/... or http://[::1][:port]/...), whose port may differ (RFC 8252 7.3).
bool redirect_matches(const std::string& registered, const std::string& given);

}  // namespace ords::oauth
