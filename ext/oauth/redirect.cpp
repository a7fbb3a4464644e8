// redirect.cpp: see redirect.hpp.
#include "redirect.hpp"

namespace ords::oauth {

namespace {
// For "http://127.0.0.1:8080/cb?x" returns "http://127.0.0.1/cb?x" (port dropped); "" if the URI
// is not a loopback http URI.
std::string without_loopback_port(const std::string& uri) {
  for (const char* host : {"http://127.0.0.1", "http://[::1]"}) {
    std::string h = host;
    if (uri.compare(0, h.size(), h) != 0) continue;
    size_t i = h.size();
    if (i < uri.size() && uri[i] != ':' && uri[i] != '/' && uri[i] != '?') return "";  // 127.0.0.1.evil.example
    if (i < uri.size() && uri[i] == ':') {
      size_t j = i + 1;
      while (j < uri.size() && uri[j] >= '0' && uri[j] <= '9') j++;
      if (j == i + 1) return "";
      return h + uri.substr(j);
    }
    return uri;
  }
  return "";
}
}  // namespace

bool redirect_matches(const std::string& registered, const std::string& given) {
  if (registered == given) return true;
  std::string a = without_loopback_port(registered), b = without_loopback_port(given);
  return !a.empty() && a == b;
}

}  // namespace ords::oauth
