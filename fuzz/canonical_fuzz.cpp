// canonical_fuzz.cpp: libFuzzer harness for the request-path canonicalizer and the privilege
// glob (ext/policy). Outside ext/ on purpose: the extension's build compiles every ext/**/*.cpp.
//
//   make B=build fuzz                              builds build/canonical_fuzz (clang++, ASan, UBSan)
//   make B=build fuzz-run FUZZ_TIME=300            runs it with fuzz/canonical.dict on the corpus
//                                                  folder build/fuzz-corpus (made if missing)
//
// The first input byte picks the mode; the rest is the input:
//   even: a raw path for canonicalize_path. Beyond not crashing, an accepted result must be
//         canonical: starts with "/", no "//", no "." or ".." segment, no backslash, no control
//         character, valid UTF-8, no longer than the input, a valid lower-case alias; and it must
//         be stable: canonicalized again (under its /ords/<alias>/) it gives itself, unless it holds
//         a character that one decode produced and that means something raw (% ; ? #). The
//         one-scan path for input already canonical must answer as the general pass does.
//   odd:  "pattern NUL path": glob_match must agree with a plain dynamic-programming matcher,
//         and pattern_specificity with the "/*" rule.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "../ext/core/text.hpp"
#include "../ext/policy/canonical.hpp"
#include "../ext/policy/match.hpp"

namespace {

void require(bool ok) {
  if (!ok) abort();
}

bool ieq_ords(std::string_view s) {
  return s.size() == 4 && (s[0] | 0x20) == 'o' && (s[1] | 0x20) == 'r' && (s[2] | 0x20) == 'd' && (s[3] | 0x20) == 's';
}

void check_canonical(std::string_view raw) {
  using namespace ords::policy;
  CanonicalPath r = canonicalize_path(raw);
  CanonicalPath g = canonicalize_path_general(raw);
  require(r.error == g.error && r.alias == g.alias && r.path == g.path);
  if (!r.ok()) {
    require(r.path.empty() && !r.alias);
    return;
  }
  const std::string& p = r.path;
  require(!p.empty() && p[0] == '/');
  require(p.size() <= raw.size() || p == "/");
  require(p.find("//") == std::string::npos);
  require(p.find('\\') == std::string::npos);
  require(ords::text::valid_utf8(p) && !ords::text::has_control(p));
  size_t start = 1;
  std::vector<std::string_view> segs;
  while (start <= p.size()) {
    size_t slash = p.find('/', start);
    if (slash == std::string::npos) slash = p.size();
    std::string_view seg = std::string_view(p).substr(start, slash - start);
    require(seg != "." && seg != "..");
    if (!seg.empty()) segs.push_back(seg);
    start = slash + 1;
  }
  if (r.alias) {
    require(!r.alias->empty() && r.alias->size() <= 128);
    for (char ch : *r.alias) require(!(ch >= 'A' && ch <= 'Z'));
  } else {
    require(segs.empty() || !ieq_ords(segs[0]));
  }
  if (p.find_first_of("%;?#") == std::string::npos) {
    std::string again_raw = r.alias ? "/ords/" + *r.alias + p : p;
    CanonicalPath again = canonicalize_path(again_raw);
    require(again.ok() && again.path == p && again.alias == r.alias);
  }
}

// Reference glob: O(n*m) dynamic programming, "*" matches any run.
bool dp_glob(std::string_view pat, std::string_view s) {
  std::vector<char> prev(s.size() + 1, 0), cur(s.size() + 1, 0);
  prev[0] = 1;
  for (size_t j = 1; j <= s.size(); j++) prev[j] = 0;
  for (size_t i = 1; i <= pat.size(); i++) {
    cur[0] = prev[0] && pat[i - 1] == '*';
    for (size_t j = 1; j <= s.size(); j++)
      cur[j] = pat[i - 1] == '*' ? (prev[j] || cur[j - 1]) : (prev[j - 1] && pat[i - 1] == s[j - 1]);
    prev.swap(cur);
  }
  return prev[s.size()];
}

void check_glob(std::string_view in) {
  using namespace ords::policy;
  size_t nul = in.find('\0');
  if (nul == std::string_view::npos) return;
  std::string_view pat = in.substr(0, nul), path = in.substr(nul + 1);
  if (pat.size() > 256 || path.size() > 512) return;
  bool g = glob_match(pat, path);
  require(g == dp_glob(pat, path));
  auto spec = pattern_specificity(pat, path);
  bool alt = pat.size() >= 2 && pat.substr(pat.size() - 2) == "/*" && dp_glob(pat.substr(0, pat.size() - 2), path);
  require(spec.has_value() == (g || alt));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0)
    check_canonical(in);
  else
    check_glob(in);
  return 0;
}
