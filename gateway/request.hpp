// request.hpp: what the gateway reads from untrusted HTTP input before any SQL runs: which
// endpoint a path names, which scheme an Authorization value uses, the client_id inside an HTTP
// Basic value (for the access log and the schema check only: the extension checks the secret),
// the form fields of the OAuth endpoints (duplicates refused, RFC 6749 3.2), the arguments of
// check_request for /auth, and text made safe for a log line. Pure functions, no I/O, no SQLite:
// fuzz/gateway_fuzz.cpp drives all of them.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gw {

enum class Endpoint { None, Token, Revoke, Introspect, Authorize, Auth, Healthz };

struct Route {
  Endpoint endpoint = Endpoint::None;
  std::string alias;  // the schema alias of /ords/<alias>/oauth/..., empty otherwise
};

// The endpoint a request path (without its query) names; Endpoint::None for anything else.
Route route(std::string_view path);

// The HTTP method an endpoint answers (POST for the OAuth form endpoints, GET otherwise;
// HEAD is accepted where GET is).
bool method_allowed(Endpoint e, std::string_view method);

// True when an Authorization value uses the scheme (case-insensitive, RFC 7235 2.1), followed by
// at least one space.
bool has_scheme(std::string_view authorization, std::string_view scheme);

// The client_id carried by an HTTP Basic value (`Basic base64(urlencode(id):urlencode(secret))`,
// RFC 6749 2.3.1), form-decoded; nullopt when the value is not well-formed Basic. The secret is
// never decoded here.
std::optional<std::string> basic_client_id(std::string_view authorization);

// The fields of an OAuth form body, as the post processor hands them over: a field given twice is
// remembered (RFC 6749 3.2: parameters must not be repeated) and fields are capped in size.
class Form {
 public:
  static constexpr size_t max_fields = 32;
  // Appends a piece of field `key` at offset `off` (the post processor delivers long values in
  // pieces); false when the form is now refused (too many fields).
  bool add(std::string_view key, std::string_view piece, uint64_t off);
  const std::string* get(std::string_view key) const;
  // The first repeated field name, if any.
  const std::optional<std::string>& repeated() const { return repeated_; }

 private:
  std::map<std::string, std::string, std::less<>> fields_;
  std::optional<std::string> repeated_;
};

// The arguments of check_request for GET /auth: the original request's method and URI from the
// proxy's X-Original-Method / X-Original-URI headers. nullopt when X-Original-URI is missing; an
// absent method is GET (nginx's auth_request subrequest always names one).
struct CheckArgs {
  std::string method;
  std::string uri;
};
std::optional<CheckArgs> check_args(const char* original_method, const char* original_uri);

// True when a check_request reason says the token names a key the profile does not hold (an
// unknown kid, or no keys installed yet): the JWKS refresher should fetch the profile's keys.
bool reason_wants_keys(std::string_view reason);

// Text safe for one log line: printable ASCII only (others become '?'; spaces too unless
// `spaces`, so an access-log field stays one field), at most `cap` bytes, never empty ("-").
std::string log_safe(std::string_view s, size_t cap = 128, bool spaces = false);

}  // namespace gw
