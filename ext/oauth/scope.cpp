// scope.cpp: see scope.hpp.
#include "scope.hpp"

#include <algorithm>

#include "../model/scope_token.hpp"
#include "oauth_error.hpp"

namespace ords::oauth {

std::vector<std::string> split_scope(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') i++;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') j++;
    if (j > i) {
      std::string item = s.substr(i, j - i);
      if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    }
    i = j;
  }
  return out;
}

std::string join_scope(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

std::optional<std::string> grant_scope(const std::optional<std::string>& requested,
                                       const std::vector<std::string>& allowed) {
  // A name that is not a scope token (a privilege made before names were checked) can never be
  // granted: written into a space-separated scope it would read as other privileges.
  std::vector<std::string> usable;
  for (const auto& a : allowed)
    if (is_scope_token(a) && std::find(usable.begin(), usable.end(), a) == usable.end()) usable.push_back(a);
  std::vector<std::string> granted;
  if (!requested) {
    granted = usable;
  } else {
    for (const auto& s : split_scope(*requested)) {
      if (std::find(usable.begin(), usable.end(), s) == usable.end())
        throw OAuthFailure{"invalid_scope", "the requested scope is not allowed for this client"};
      granted.push_back(s);
    }
  }
  if (granted.empty()) return std::nullopt;
  return join_scope(granted);
}

}  // namespace ords::oauth
