// gateway_fuzz.cpp: libFuzzer harness of the gateway's own readers of untrusted input
// (gateway/request.cpp): routing of request paths, the Authorization scheme and the client_id of
// an HTTP Basic value, form fields delivered in pieces (repeats, the field cap), the arguments of
// check_request from X-Original-Method / X-Original-URI, the reason test of the JWKS refresher,
// and the log-safe text. Checks the promises of request.hpp on every input, not only "no crash".
//   make gateway-fuzz && build/gateway_fuzz -max_total_time=60 fuzz/corpus/gateway
// The input is split at the first two '\n': path, Authorization value, then a form body.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../gateway/request.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void check_log_safe(std::string_view s, size_t cap, bool spaces) {
  std::string out = gw::log_safe(s, cap, spaces);
  require(!out.empty() && out.size() <= std::max<size_t>(cap, 1));
  for (unsigned char ch : out) require((ch >= 0x21 && ch < 0x7f) || (spaces && ch == ' '));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t a = in.find('\n');
  std::string_view path = in.substr(0, a);
  std::string_view rest = a == std::string_view::npos ? std::string_view() : in.substr(a + 1);
  size_t b = rest.find('\n');
  std::string_view auth = rest.substr(0, b);
  std::string_view body = b == std::string_view::npos ? std::string_view() : rest.substr(b + 1);

  // Routing: an OAuth endpoint always has its alias, and the alias is a single segment.
  gw::Route r = gw::route(path);
  bool oauth = r.endpoint == gw::Endpoint::Token || r.endpoint == gw::Endpoint::Revoke ||
               r.endpoint == gw::Endpoint::Introspect || r.endpoint == gw::Endpoint::Authorize;
  require(oauth == !r.alias.empty());
  require(r.alias.find('/') == std::string::npos);
  if (oauth) require(path.find("/ords/" + r.alias + "/oauth/") == 0);
  for (const char* m : {"GET", "HEAD", "POST", "PUT"}) (void)gw::method_allowed(r.endpoint, m);

  // Basic: a client_id comes only from a Basic value, and holds no control character.
  auto id = gw::basic_client_id(auth);
  if (id) {
    require(gw::has_scheme(auth, "Basic"));
    for (unsigned char ch : *id) require(ch >= 0x20 && ch != 0x7f);
  }
  (void)gw::has_scheme(auth, "Bearer");

  // A form body in pieces: key=value pairs split at '&'; a value longer than 8 bytes is
  // delivered in two pieces, as the post processor may.
  gw::Form f;
  size_t pos = 0, fields = 0;
  bool refused = false;
  while (pos <= body.size() && !refused) {
    size_t amp = body.find('&', pos);
    std::string_view pair = body.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (value.size() > 8) {
      refused = !f.add(key, value.substr(0, 8), 0) || !f.add(key, value.substr(8), 8);
    } else {
      refused = !f.add(key, value, 0);
    }
    if (!refused) {
      ++fields;
      const std::string* got = f.get(key);
      require(got && *got == value);
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  if (refused) require(fields >= gw::Form::max_fields);

  // check_request arguments: present exactly when X-Original-URI is given.
  std::string m(auth), u(path);
  auto args = gw::check_args(m.c_str(), u.c_str());
  require(args.has_value() == (u.c_str()[0] != '\0'));
  if (args) require(!args->method.empty());
  require(!gw::check_args(m.c_str(), nullptr));

  (void)gw::reason_wants_keys(in);
  check_log_safe(in, 64, false);
  check_log_safe(in, 200, true);
  check_log_safe(in, 0, false);
  return 0;
}
