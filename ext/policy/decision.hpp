// decision.hpp: check_request, the allow/deny decision for one HTTP request (see decision.cpp).
//
// Two ways in, one decision: the generic SQL function (decision_functions(), bound through
// core/args like every other function: the named JSON form, and any call a host does not take
// itself) and decide_request(), which a host calls with the request's parts as plain views (the
// SQLite host's fast entry for the plain positional call, host/sqlite_check.cpp). Both write the
// same answer, byte for byte (ext/tests/check_fast_test.cpp compares them).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../conn/call.hpp"
#include "../core/secret_text.hpp"

namespace ords::policy {

const std::vector<FnSpec>& decision_functions();

// One request, as the host read it: nullopt for an argument that is NULL or absent.
struct Request {
  std::optional<std::string_view> method, path, authorization, origin;
  // The named form's `schema` key, upper-cased; nullptr: the connection's current schema.
  const std::string* schema = nullptr;
};

// Decides `r` on connection `s` and writes the JSON answer into `out` (cleared first; its
// capacity kept, so a host can reuse one buffer per connection). Throws what the reads throw.
void decide_request(ConnState& s, const Request& r, SecretText& out);

}  // namespace ords::policy
