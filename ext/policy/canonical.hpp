// canonical.hpp: the first step of the request decision (check_request, API.md section 7): the
// HTTP method is checked and the request path is made canonical, ONCE, before any pattern is
// matched (SECURITY.md ). Pure C++: no storage, no host.
//
// Accepted inputs for the path:
//   /example/resource                      relative to the schema alias (caller uses the current schema)
//   /ords/<alias>/example/resource          full ORDS path: the alias names the schema
//   https://host:8443/ords/<alias>/x?y#z    whole http(s) URL: scheme, userinfo, host and port ignored
// Steps, in order (docs/decision.md has the table of examples):
//   1. refuse more than kMaxPathBytes bytes, a control character, or invalid UTF-8 anywhere;
//   2. drop the scheme and authority of a whole URL; drop the query and the fragment;
//   3. refuse a raw backslash;
//   4. per segment: drop ";" parameters (servlet matrix parameters), then percent-decode once,
//      refusing a malformed escape, %2F (slash), %5C (backslash) and %00 (NUL), then refuse a
//      decoded control character or invalid / overlong UTF-8;
//   5. remove dot segments (RFC 3986 5.2.4) and collapse empty segments ("//"); a ".." that would
//      climb above the root or out of /ords/<alias>/, or that follows an empty segment ("//..",
//      ambiguous between routers), is refused;
//   6. a first segment "ords" (any case) followed by an alias splits off the schema alias.
// Refusals carry a fixed reason (never an echo of the input) and become status 400.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ords::policy {

// Longest accepted p_path, in bytes, checked before any other work.
inline constexpr std::size_t kMaxPathBytes = 8192;

// A canonical request path, or the reason it is refused.
struct CanonicalPath {
  std::string error;                // empty when accepted; else why (status 400)
  std::optional<std::string> alias; // schema alias named by /ords/<alias>/, ASCII lower case; none: current schema
  std::string path;                 // canonical path relative to the alias; starts with "/"
  bool ok() const { return error.empty(); }
};

// Canonical form of p_path (see the steps above). A path that is already canonical (the common
// request: "/example/resource") is recognised in one scan and kept; any other goes to the
// general pass below.
CanonicalPath canonicalize_path(std::string_view raw);

// The general pass, every step above in turn; canonicalize_path gives the same answer. Declared
// for the tests that compare the two.
CanonicalPath canonicalize_path_general(std::string_view raw);

// Empty when p_method is one of GET HEAD POST PUT PATCH DELETE OPTIONS (upper-case ASCII, exact);
// else the reason it is refused (status 400). The method does not change which privilege
// protects a path: HEAD follows GET's rule, as every method does.
std::string check_method(std::string_view method);

// Both of the above: the method's refusal first, then the path's.
CanonicalPath canonicalize(std::string_view method, std::string_view raw_path);

}  // namespace ords::policy
