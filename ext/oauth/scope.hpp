// scope.hpp: OAuth scopes are privilege names (as in ORDS), space-separated in requests
// (RFC 6749 3.3). These helpers split, check and join them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "../store/db.hpp"

namespace ords::oauth {

// "a b  c" -> {"a","b","c"}; duplicates dropped, order kept.
std::vector<std::string> split_scope(const std::string& s);
std::string join_scope(const std::vector<std::string>& v);

// The scope a request may be granted, out of `allowed`: all of them when nothing was requested,
// else the requested ones, each of which must be allowed (OAuthFailure invalid_scope otherwise).
// Matching is exact and case-sensitive; an allowed name that is not a scope token
// (model/scope_token.hpp) is never granted. nullopt when the result is empty.
std::optional<std::string> grant_scope(const std::optional<std::string>& requested,
                                       const std::vector<std::string>& allowed);

}  // namespace ords::oauth
