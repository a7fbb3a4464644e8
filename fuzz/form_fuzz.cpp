// form_fuzz.cpp: libFuzzer harness for form decoding (oauth/form.cpp) and the client's
// credentials of the token, revocation and introspection endpoints (oauth/client_auth.cpp:
// form fields or an HTTP Basic Authorization value, RFC 6749 2.3.1).
//
//   tools/fuzz-check.sh BUILD                 builds and runs every fuzz/*_fuzz.cpp (make fuzz-check)
//   BUILD/fuzz/form_fuzz -max_total_time=300 fuzz/corpus/form
//
// Properties beyond not crashing: encode then decode gives the input back; a decoded value,
// encoded again, decodes to itself; presented_client either answers (a client_id, maybe a
// secret) or refuses with an OAuthFailure (invalid_request / invalid_client), never anything else.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../ext/core/args.hpp"
#include "../ext/oauth/client_auth.hpp"
#include "../ext/oauth/form.hpp"
#include "../ext/oauth/oauth_error.hpp"

using namespace ords;

namespace {
void require(bool ok) {
  if (!ok) abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // encode/decode round trip
  std::string enc = form::encode(in);
  auto back = form::decode(enc);
  require(back && std::string_view(*back) == in);
  if (auto dec = form::decode(in)) {
    auto again = form::decode(form::encode(*dec));
    require(again && *again == *dec);
  }
  // The whole input as an Authorization header value, then split at the first NUL into the two
  // form fields.
  for (int mode = 0; mode < 3; mode++) {
    Args a;
    if (mode == 0) {
      a.set("authorization", Value::text(SecretText(in)));
    } else {
      size_t nul = in.find('\0');
      std::string_view id = in.substr(0, nul), secret = nul == std::string_view::npos ? "" : in.substr(nul + 1);
      a.set("client_id", Value::text(SecretText(id)));
      if (mode == 2) a.set("client_secret", Value::text(SecretText(secret)));
      if (mode == 2 && !id.empty()) a.set("authorization", Value::text(SecretText("Basic " + std::string(secret))));
    }
    try {
      oauth::PresentedClient who = oauth::presented_client(a);
      require(!who.client_id.empty());  // an empty id is never a client
    } catch (const oauth::OAuthFailure& e) {
      std::string m = e.what();
      require(m.rfind("invalid_request", 0) == 0 || m.rfind("invalid_client", 0) == 0);
    }
  }
  return 0;
}
