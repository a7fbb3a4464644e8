// redirect_fuzz.cpp: libFuzzer harness for the redirect URI comparison (oauth/redirect.cpp:
// exact match, and RFC 8252 7.3's any-port rule for loopback hosts).
//
//   tools/fuzz-check.sh BUILD                 builds and runs every fuzz/*_fuzz.cpp (make fuzz-check)
//   BUILD/fuzz/redirect_fuzz -max_total_time=300 fuzz/corpus/redirect
//
// The input is "registered NUL given" (no NUL: the input is both). Beyond not crashing: the
// answer is stable (same inputs, same answer); an exact copy of a registered URI always
// matches; a match of different strings happens only for a loopback http URI and differs only
// in the port.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../ext/oauth/redirect.hpp"

namespace {
void require(bool ok) {
  if (!ok) abort();
}
bool loopback_http(const std::string& s) {
  for (const char* p : {"http://127.0.0.1", "http://localhost", "http://[::1]"})
    if (s.rfind(p, 0) == 0) return true;
  return false;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  size_t nul = in.find('\0');
  std::string reg = in.substr(0, nul), given = nul == std::string::npos ? in : in.substr(nul + 1);
  bool m = ords::oauth::redirect_matches(reg, given);
  require(m == ords::oauth::redirect_matches(reg, given));
  require(ords::oauth::redirect_matches(reg, reg));
  if (m && reg != given) require(loopback_http(reg) && loopback_http(given));
  return 0;
}
