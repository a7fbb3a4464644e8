// canonical_test.cpp: the method check and the canonical path of check_request (policy/canonical),
// against every kind of URL path trick of SECURITY.md ("Attack areas") and R-26, R-28. Each case
// states the exact outcome: the canonical form, or a refusal (status 400) and why.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../core/text.hpp"
#include "../policy/canonical.hpp"

using ords::policy::canonicalize;
using ords::policy::canonicalize_path;
using ords::policy::check_method;
using ords::policy::kMaxPathBytes;

namespace {

// "alias:/path" when the path named a schema alias, "/path" when not, "400 <reason>" when refused.
std::string show(std::string_view raw) {
  auto r = canonicalize_path(raw);
  if (!r.ok()) return "400 " + r.error;
  return (r.alias ? *r.alias + ":" : std::string()) + r.path;
}

struct Case {
  std::string raw;
  std::string expect;  // a canonical form, or "400 <words the reason must contain>"
};

void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO("raw path: " << c.raw);
    std::string got = show(c.raw);
    if (c.expect.rfind("400 ", 0) == 0) {
      REQUIRE(got.rfind("400 p_path ", 0) == 0);
      CHECK_THAT(got, Catch::Matchers::Contains(c.expect.substr(4)));
    } else {
      CHECK(got == c.expect);
    }
  }
}

}  // namespace

TEST_CASE("plain paths are kept as they are", "[policy]") {
  check_cases({
      {"/", "/"},
      {"/example", "/example"},
      {"/example/", "/example/"},
      {"/example/resource", "/example/resource"},
      {"/example/a/b/c", "/example/a/b/c"},
      {"/example/x.json", "/example/x.json"},
      {"/example/caf\xC3\xA9", "/example/caf\xC3\xA9"},  // raw UTF-8 is fine
      {"/example/a b", "/example/a b"},                  // a raw space is a character like any other
      {"/example/a+b", "/example/a+b"},                  // "+" is not a space in a path
      {"/example/*", "/example/*"},                      // "*" in a path is a literal character
  });
}

TEST_CASE("dot segments are removed (RFC 3986 5.2.4), climbing above the root is refused", "[policy]") {
  check_cases({
      {"/example/./x", "/example/x"},
      {"/a/./b/../c", "/a/c"},
      {"/example/../example/x", "/example/x"},
      {"/public/../example/x", "/example/x"},
      {"/public/x/../../example/x", "/example/x"},
      {"/example/x/..", "/example/"},
      {"/example/x/.", "/example/x/"},
      {"/example/..", "/"},
      {"/example/.", "/example/"},
      {"/.", "/"},
      {"/./example", "/example"},
      {"/..", "400 climbs above the root"},
      {"/../example/x", "400 climbs above the root"},
      {"/a/../../example", "400 climbs above the root"},
      {"/example/../../example/x", "400 climbs above the root"},
      // Only "." and ".." are dot segments.
      {"/...", "/..."},
      {"/example/.../x", "/example/.../x"},
      {"/example/..x", "/example/..x"},
      {"/example/x..", "/example/x.."},
      {"/example/.x", "/example/.x"},
      {"/example/. ", "/example/. "},
      {"/example/.. /x", "/example/.. /x"},
  });
}

TEST_CASE("percent-encoding is decoded once, encoded dots are dots", "[policy]") {
  check_cases({
      {"/%65xample/x", "/example/x"},
      {"/ex%61mple/%78", "/example/x"},
      {"/example/a%20b", "/example/a b"},
      {"/example/caf%C3%A9", "/example/caf\xC3\xA9"},
      {"/example/caf%c3%a9", "/example/caf\xC3\xA9"},
      {"/public/%2e%2e/example/x", "/example/x"},
      {"/public/%2E%2E/example/x", "/example/x"},
      {"/public/%2e./example/x", "/example/x"},
      {"/public/.%2E/example/x", "/example/x"},
      {"/example/%2e/x", "/example/x"},
      {"/example/%2E/x", "/example/x"},
      {"/%2e%2e/example", "400 climbs above the root"},
      {"/example/%2e%2e/%2e%2e/x", "400 climbs above the root"},
      // Decoded "?", "#", ";" and "%" are ordinary characters of the segment.
      {"/example/%3F", "/example/?"},
      {"/example/%23x", "/example/#x"},
      {"/example/%3Bx", "/example/;x"},
      {"/example/..%3Bx", "/example/..;x"},
      {"/100%25", "/100%"},
      {"/example/%2A", "/example/*"},
  });
}

TEST_CASE("double encoding decodes once, to a literal segment that stays where it is", "[policy]") {
  check_cases({
      {"/public/%252e%252e/example/x", "/public/%2e%2e/example/x"},
      {"/example/%252e%252e/public", "/example/%2e%2e/public"},
      {"/example/%252E%252E", "/example/%2E%2E"},
      {"/example%252fx", "/example%2fx"},
      {"/example%255cx", "/example%5cx"},
      {"/example%2500", "/example%00"},
      {"/%25252e", "/%252e"},
  });
}

TEST_CASE("malformed percent escapes are refused", "[policy]") {
  check_cases({
      {"/example/%", "400 malformed percent escape"},
      {"/example/%2", "400 malformed percent escape"},
      {"/example/x%", "400 malformed percent escape"},
      {"/example/%zz", "400 malformed percent escape"},
      {"/example/%2g", "400 malformed percent escape"},
      {"/example/%g2", "400 malformed percent escape"},
      {"/%%32%65", "400 malformed percent escape"},
      {"/example/% 2", "400 malformed percent escape"},
      {"/example/%-1", "400 malformed percent escape"},
      {"/example/%+2", "400 malformed percent escape"},
      {"/example/%/x", "400 malformed percent escape"},
  });
}

TEST_CASE("encoded slashes are refused", "[policy]") {
  check_cases({
      {"/example%2Fx", "400 encoded slash"},
      {"/example%2fx", "400 encoded slash"},
      {"/public%2F..%2Fexample%2Fx", "400 encoded slash"},
      {"/%2F", "400 encoded slash"},
      {"/example/%2f%2e%2e", "400 encoded slash"},
      // a "%2F" in the query or fragment is dropped with them
      {"/example/x?a=%2F", "/example/x"},
  });
}

TEST_CASE("repeated slashes collapse; '..' right after an empty segment is ambiguous", "[policy]") {
  check_cases({
      {"//example/x", "/example/x"},
      {"/example//x", "/example/x"},
      {"/example///x//", "/example/x/"},
      {"/example///", "/example/"},
      {"///", "/"},
      {"//", "/"},
      {"/example/.//x", "/example/x"},
      // Collapse-then-remove gives /x, RFC 3986 gives /example/x: routers differ, so refuse.
      {"/example//../x", "400 after an empty segment"},
      {"/example/x//..", "400 after an empty segment"},
      {"/a//./../b", "400 after an empty segment"},
      {"//../example", "400 after an empty segment"},
      {"/a/;x/../b", "400 after an empty segment"},
  });
}

TEST_CASE("case is kept: ORDS paths are case-sensitive", "[policy]") {
  check_cases({
      {"/EXAMPLE/x", "/EXAMPLE/x"},
      {"/Example/X", "/Example/X"},
      {"/example/%2e%2E/EXAMPLE", "/EXAMPLE"},
      {"/%45XAMPLE", "/EXAMPLE"},  // %45 is "E"
  });
}

TEST_CASE("a trailing slash is kept", "[policy]") {
  check_cases({
      {"/example/x/", "/example/x/"},
      {"/example/x/?q", "/example/x/"},
      {"/example/x/;p", "/example/x/"},
      {"/example/x/%2e", "/example/x/"},
      {"/example/x;p/", "/example/x/"},
  });
}

TEST_CASE("';' parameters are removed from each segment before decoding", "[policy]") {
  check_cases({
      {"/a;jsessionid=x/b", "/a/b"},
      {"/example;x=1/y", "/example/y"},
      {"/example/x;y", "/example/x"},
      {"/example/x;y=1;z=2", "/example/x"},
      {"/public/..;/example/x", "/example/x"},
      {"/public/..;x=y/example/x", "/example/x"},
      {"/public/.;/example", "/public/example"},
      {"/;x/example", "/example"},
      {"/example/.;x/y", "/example/y"},
      {"/example;%2F/x", "/example/x"},      // the parameter goes before it is decoded
      {"/example;%zz/x", "/example/x"},      // likewise: its malformed escape is never looked at
      {"/ex;x/ample", "/ex/ample"},
      {"/x?a;b", "/x"},
  });
}

TEST_CASE("query and fragment are dropped", "[policy]") {
  check_cases({
      {"/example/x?y=1", "/example/x"},
      {"/example/x#frag", "/example/x"},
      {"/example/x?a#b", "/example/x"},
      {"/example/x#a?b", "/example/x"},
      {"/public?/../example/x", "/public"},
      {"/public#/../example/x", "/public"},
      {"/example/x?%zz", "/example/x"},
      {"/example/x?a\\b", "/example/x"},  // a backslash in the query is not part of the path
      {"/?x", "/"},
      {"/#", "/"},
      {"/example/x?", "/example/x"},
  });
}

TEST_CASE("overlong and invalid UTF-8 are refused, raw or encoded", "[policy]") {
  check_cases({
      {"/example/%C0%AE%C0%AE/x", "400 invalid or overlong UTF-8"},  // overlong "."
      {"/public/%C0%AE%C0%AE/example", "400 invalid or overlong UTF-8"},
      {"/%E0%80%AE", "400 invalid or overlong UTF-8"},
      {"/%F0%80%80%AE", "400 invalid or overlong UTF-8"},
      {"/example%C0%AFx", "400 invalid or overlong UTF-8"},          // overlong "/"
      {"/example%E0%80%AFx", "400 invalid or overlong UTF-8"},
      {"/example%C1%9Cx", "400 invalid or overlong UTF-8"},          // overlong "\"
      {"/%ED%A0%80", "400 invalid or overlong UTF-8"},               // surrogate
      {"/%F4%90%80%80", "400 invalid or overlong UTF-8"},            // above U+10FFFF
      {"/%FF", "400 invalid or overlong UTF-8"},
      {"/%FE", "400 invalid or overlong UTF-8"},
      {"/%80", "400 invalid or overlong UTF-8"},
      {"/%C3", "400 invalid or overlong UTF-8"},                     // truncated
      {"/%C3/x", "400 invalid or overlong UTF-8"},
      {"/%E2%82", "400 invalid or overlong UTF-8"},
      {"/a%C0/../b", "400 invalid or overlong UTF-8"},  // checked even in a segment ".." removes
      {"/example/\xC0\xAE", "400 not valid UTF-8"},
      {"/example/\xFF", "400 not valid UTF-8"},
      {"/example/\xED\xA0\x80", "400 not valid UTF-8"},
      {"/example/x?\xFF", "400 not valid UTF-8"},  // the whole input must be UTF-8
  });
}

TEST_CASE("backslashes are refused, raw or encoded", "[policy]") {
  check_cases({
      {"/example\\x", "400 backslash"},
      {"/public\\..\\example", "400 backslash"},
      {"\\example", "400 must start with"},
      {"/example%5Cx", "400 encoded backslash"},
      {"/example%5cx", "400 encoded backslash"},
      {"/public/..%5C..%5Cexample", "400 encoded backslash"},
      {"https://host\\@evil/ords/hr/x", "400 backslash"},
  });
}

TEST_CASE("NULs are refused, raw or encoded", "[policy]") {
  check_cases({
      {std::string("/example\0/x", 11), "400 control character"},
      {std::string("/example/x\0", 11), "400 control character"},
      {std::string("/x?\0", 4), "400 control character"},
      {"/example%00/x", "400 encoded NUL"},
      {"/example/x%00.json", "400 encoded NUL"},
      {"/example/x%00", "400 encoded NUL"},
  });
}

TEST_CASE("control characters are refused, raw or encoded", "[policy]") {
  check_cases({
      {"/example/\tx", "400 control character"},
      {"/example/\nx", "400 control character"},
      {"/example/x\r\n", "400 control character"},
      {"/example/\x7F", "400 control character"},
      {"/example/\x1B[0m", "400 control character"},
      {"/example/\xC2\x85", "400 control character"},  // NEL, a C1 control
      {"/example/%09", "400 control character once percent-decoded"},
      {"/example/%0a", "400 control character once percent-decoded"},
      {"/example/%0D%0A", "400 control character once percent-decoded"},
      {"/example/%7F", "400 control character once percent-decoded"},
      {"/example/%1b", "400 control character once percent-decoded"},
      {"/example/%C2%85", "400 control character once percent-decoded"},
      {"/example/%C2%9F", "400 control character once percent-decoded"},
  });
}

TEST_CASE("huge paths are refused before any work; long valid ones are fine", "[policy]") {
  std::string at_cap = "/" + std::string(kMaxPathBytes - 1, 'a');
  CHECK(show(at_cap) == at_cap);
  CHECK(show(at_cap + "a") == "400 p_path is longer than 8192 bytes");
  CHECK(show(std::string(1 << 20, '/')) == "400 p_path is longer than 8192 bytes");
  CHECK(show("/x?" + std::string(kMaxPathBytes, 'q')) == "400 p_path is longer than 8192 bytes");

  std::string many_segments;
  while (many_segments.size() + 2 <= kMaxPathBytes) many_segments += "/a";
  CHECK(show(many_segments) == many_segments);

  std::string dots = "/example";
  while (dots.size() + 2 <= kMaxPathBytes) dots += "/.";
  CHECK(show(dots) == "/example/");

  std::string climb;
  for (int i = 0; i < 1000; i++) climb += "/a";
  for (int i = 0; i < 1000; i++) climb += "/..";
  CHECK(show(climb) == "/");
  CHECK(show(climb + "/..") == "400 p_path climbs above the root with \"..\"");

  std::string slashes = "/example" + std::string(8000, '/') + "x";
  CHECK(show(slashes) == "/example/x");

  std::string encoded = "/";
  while (encoded.size() + 3 <= kMaxPathBytes) encoded += "%41";
  CHECK(show(encoded) == "/" + std::string((kMaxPathBytes - 1) / 3, 'A'));
}

TEST_CASE("an empty path or one without a leading slash is refused", "[policy]") {
  check_cases({
      {"", "400 empty"},
      {"example/x", "400 must start with \"/\""},
      {"example", "400 must start with \"/\""},
      {" /example", "400 must start with \"/\""},
      {"?x", "400 must start with \"/\""},
      {"#x", "400 must start with \"/\""},
      {"*", "400 must start with \"/\""},
      {".", "400 must start with \"/\""},
      {"..", "400 must start with \"/\""},
      {"%2Fexample", "400 must start with \"/\""},
      {";/example", "400 must start with \"/\""},
      {"ords/hr/x", "400 must start with \"/\""},
  });
}

TEST_CASE("/ords/<alias>/ names the schema; the alias is case-insensitive, the rest is not", "[policy]") {
  check_cases({
      {"/ords/hr/example/x", "hr:/example/x"},
      {"/ords/HR/Example/X", "hr:/Example/X"},
      {"/ORDS/hr/x", "hr:/x"},
      {"/Ords/hr/x", "hr:/x"},
      {"/ords/hr", "hr:/"},
      {"/ords/hr/", "hr:/"},
      {"/ords/hr/x/", "hr:/x/"},
      {"/ords/hr/./x", "hr:/x"},
      {"/ords/hr/x/../y", "hr:/y"},
      {"/ords//hr//x", "hr:/x"},
      {"/ords;x/hr;y/x", "hr:/x"},
      {"/%6Frds/hr/x", "hr:/x"},
      {"/ords/%68r/x", "hr:/x"},
      {"/x/../ords/hr/y", "hr:/y"},
      {"/ords/my-app_1.v~2/x", "my-app_1.v~2:/x"},
      {"/ords/hr?x", "hr:/"},
      {"/ords/", "400 without a schema alias"},
      {"/ords", "400 without a schema alias"},
      {"/ords?/hr/x", "400 without a schema alias"},
      {"/ords/hr/..", "400 climbs out of /ords/<alias>/"},
      {"/ords/hr/../other/x", "400 climbs out of /ords/<alias>/"},
      {"/ords/hr/%2e%2e/other/x", "400 climbs out of /ords/<alias>/"},
      {"/ords/hr/..;/other/x", "400 climbs out of /ords/<alias>/"},
      {"/ords/../x", "400 climbs out of /ords/<alias>/"},
      {"/ords/h%20r/x", "400 an alias that is not"},
      {"/ords/h*r/x", "400 an alias that is not"},
      {"/ords/" + std::string(129, 'a') + "/x", "400 an alias that is not"},
      // Only a first segment "ords" names a schema.
      {"/ordsx/hr", "/ordsx/hr"},
      {"/example/ords/hr", "/example/ords/hr"},
  });
}

TEST_CASE("whole URLs: scheme, userinfo, host and port are dropped; /ords/<alias>/ is required", "[policy]") {
  check_cases({
      {"https://host/ords/hr/example/x", "hr:/example/x"},
      {"https://host:8443/ords/hr/x?y#z", "hr:/x"},
      {"http://user:pw@host:8443/ords/hr/x", "hr:/x"},
      {"HTTPS://HOST/ords/HR/x", "hr:/x"},
      {"https://host/ords/hr", "hr:/"},
      {"https://host/ords/hr/", "hr:/"},
      {"https://[::1]:8443/ords/hr/x", "hr:/x"},
      {"https://a@b/ords/hr/x@c", "hr:/x@c"},
      {"https://host//ords/hr/x", "hr:/x"},
      {"https://host/ords/hr/public/../example/x", "hr:/example/x"},
      {"https://host/ords/hr/example%2Fx", "400 encoded slash"},
      {"https://host/ords/hr/%2e%2e/x", "400 climbs out of /ords/<alias>/"},
      {"https://host", "400 URL that does not name /ords/<alias>/"},
      {"https://host/", "400 URL that does not name /ords/<alias>/"},
      {"https://host/example/x", "400 URL that does not name /ords/<alias>/"},
      {"https://host?/ords/hr/x", "400 URL that does not name /ords/<alias>/"},
      {"https://host#/ords/hr/x", "400 URL that does not name /ords/<alias>/"},
      {"https://host/ords", "400 without a schema alias"},
      {"ftp://host/ords/hr/x", "400 scheme is not http or https"},
      {"javascript://x/ords/hr/x", "400 scheme is not http or https"},
      {"file:///ords/hr/x", "400 scheme is not http or https"},
      {"http:/ords/hr/x", "400 must start with \"/\""},
      {"http:ords/hr/x", "400 must start with \"/\""},
      {"1http://host/ords/hr/x", "400 must start with \"/\""},
      // A path starting "//" is a path (origin-form), not a URL without a scheme.
      {"//host/ords/hr/x", "/host/ords/hr/x"},
  });
}

TEST_CASE("methods: upper-case ASCII, one of seven", "[policy]") {
  for (const char* m : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    INFO(m);
    CHECK(check_method(m).empty());
    CHECK(canonicalize(m, "/x").ok());
  }
  for (std::string m : {std::string(""), std::string("get"), std::string("Get"), std::string("head"),
                        std::string(" GET"), std::string("GET "), std::string("GET\n"), std::string("GET\0", 4),
                        std::string("TRACE"), std::string("CONNECT"), std::string("PROPFIND"),
                        std::string("G ET"), std::string("GETX"), std::string("GE"),
                        std::string("\xEF\xBC\xA7\xEF\xBC\xA5\xEF\xBC\xB4"),  // fullwidth GET
                        std::string("*"), std::string(100000, 'G')}) {
    INFO("method: " << m);
    std::string why = check_method(m);
    CHECK_THAT(why, Catch::Matchers::StartsWith("p_method "));
    auto r = canonicalize(m, "/x");
    CHECK_FALSE(r.ok());
    CHECK(r.error == why);
  }
  CHECK(check_method("") == "p_method is empty: it must be GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS");
  // The method is checked first; a good method still needs a good path.
  CHECK_THAT(canonicalize("get", "/a\\b").error, Catch::Matchers::StartsWith("p_method "));
  CHECK_THAT(canonicalize("GET", "/a\\b").error, Catch::Matchers::StartsWith("p_path "));
}

TEST_CASE("reasons never echo the input", "[policy]") {
  const std::string secret = "s3cr3tT0ken";
  for (std::string raw : {"/x/%zz" + secret, "/x\\" + secret, "/x%2F" + secret, "ftp://" + secret + "/x",
                          "/x/" + secret + "%00", "/ords/" + secret + "%20/x", "/" + secret + "%C0%AE"}) {
    auto r = canonicalize_path(raw);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error.find(secret) == std::string::npos);
  }
}

namespace {
// The ways a segment can be spelled so that a router reads it as `seg`.
std::vector<std::string> spellings(const std::string& seg) {
  std::vector<std::string> out = {seg, seg + ";p", seg + ";jsessionid=1;a=b"};
  static const char* hex = "0123456789ABCDEF";
  static const char* lhex = "0123456789abcdef";
  for (size_t i = 0; i < seg.size(); i++) {
    unsigned char ch = static_cast<unsigned char>(seg[i]);
    out.push_back(seg.substr(0, i) + "%" + hex[ch >> 4] + hex[ch & 15] + seg.substr(i + 1));
    out.push_back(seg.substr(0, i) + "%" + lhex[ch >> 4] + lhex[ch & 15] + seg.substr(i + 1));
  }
  std::string all;
  for (unsigned char ch : seg) all += std::string("%") + hex[ch >> 4] + hex[ch & 15];
  out.push_back(all);
  return out;
}
// Detours that lead back to where they started.
const std::vector<std::string> kDetours = {"",       "/.",          "/%2e",      "/%2E;x",       "/public/..",
                                            "/a/b/../..", "/public/%2e%2e", "/public/..;x", "/.;x",          "/public;a/.%2E",
                                            "/public//.."};  // the last is ambiguous: always refused
const std::vector<std::string> kSeparators = {"/", "//", "///", "/./", "/;/"};
const std::vector<std::string> kEnds = {"", "?q=1", "#f", "?a=/../../public#/..", ";p", ";p?q"};
}  // namespace

TEST_CASE("every spelling of a protected path canonicalizes to it, or is refused", "[policy]") {
  // /example/secret spelled in many ways. None may canonicalize to any other path: that would be
  // the decision deciding about a path the router does not serve.
  size_t n = 0, refused = 0;
  for (const std::string& a : spellings("example"))
    for (const std::string& b : spellings("secret"))
      for (const std::string& d : kDetours)
        for (const std::string& s : kSeparators)
          for (const std::string& e : kEnds) {
            std::string raw = d + "/" + a + s + b + e;
            auto r = canonicalize_path(raw);
            n++;
            if (!r.ok()) {
              refused++;
              continue;
            }
            INFO("raw path: " << raw);
            CHECK_FALSE(r.alias);
            CHECK(r.path == "/example/secret");
            // The same under /ords/<alias>/ and as a whole URL.
            auto full = canonicalize_path("/ords/HR" + raw);
            auto url = canonicalize_path("https://u:p@h:1/ords/hr" + raw);
            REQUIRE(full.ok());
            REQUIRE(url.ok());
            CHECK((*full.alias == "hr" && full.path == "/example/secret"));
            CHECK((*url.alias == "hr" && url.path == "/example/secret"));
          }
  CHECK(n > 10000);
  CHECK(refused == n / kDetours.size());  // exactly the "/public//.." detour
}

TEST_CASE("canonical output is canonical: no //, no dot segment, stable when canonicalized again", "[policy]") {
  std::vector<std::string> inputs = {"/a//b/./c/../d/",  "/a;x/%62/./", "/%2e/x",    "/x/..",
                                     "/ords/Hr/a//b",    "/a/b/c/../../d", "/caf%C3%A9/", "///",
                                     "/example/..x/.x/"};
  for (const std::string& raw : inputs) {
    auto r = canonicalize_path(raw);
    INFO("raw path: " << raw);
    REQUIRE(r.ok());
    CHECK(r.path.rfind("/", 0) == 0);
    CHECK(r.path.find("//") == std::string::npos);
    CHECK(r.path.find("/./") == std::string::npos);
    CHECK(r.path.find("/../") == std::string::npos);
    CHECK(ords::text::valid_utf8(r.path));
    auto again = canonicalize_path(r.path);
    REQUIRE(again.ok());
    CHECK(again.path == r.path);
  }
}

// The one-scan path for a path already canonical (canonicalize_path) against the general pass
// (canonicalize_path_general): every string of up to 5 bytes, alone and after a "/", over an
// alphabet of the characters that matter (slash, dot, the letters of "ords" in both cases, the
// escape, ";", "?", "#", the backslash, a space, a control character, a UTF-8 lead and
// continuation byte), and long ones.
TEST_CASE("the one-scan path for canonical input answers as the general pass, on every short input", "[policy]") {
  using ords::policy::CanonicalPath;
  using ords::policy::canonicalize_path_general;
  static const std::string alphabet = std::string("/.oRdS%2f;?#\\ a") + '\x01' + '\x7f' + '\xc3' + '\xa9';
  size_t compared = 0, plain = 0;
  std::string raw;
  auto same = [&](const std::string& in) {
    CanonicalPath fast = canonicalize_path(in), general = canonicalize_path_general(in);
    compared++;
    if (fast.ok() && !fast.alias && fast.path == in) plain++;
    if (fast.error != general.error || fast.alias != general.alias || fast.path != general.path) {
      FAIL_CHECK("differs for \"" << in << "\": \"" << fast.error << "\" \"" << fast.path << "\" vs \""
                                   << general.error << "\" \"" << general.path << "\"");
      return false;
    }
    return true;
  };
  // Odometer over the alphabet, lengths 0 to 5 after a leading byte that is "/" or the alphabet.
  std::vector<size_t> digit;
  for (size_t len = 0; len <= 5; len++) {
    digit.assign(len, 0);
    for (;;) {
      raw.clear();
      for (size_t d : digit) raw += alphabet[d];
      if (!same(raw) || !same("/" + raw)) return;
      size_t k = 0;
      while (k < len && ++digit[k] == alphabet.size()) digit[k++] = 0;
      if (k == len) break;
    }
  }
  for (std::string long_one : {std::string("/a").append(8190, 'b'), std::string("/a").append(8191, 'b'),
                               "/" + std::string(4000, 'x') + "/" + std::string(4100, 'y') + "/",
                               std::string("/ords"), std::string("/ORDS/"), std::string("/ordsx/y"), std::string("/")})
    if (!same(long_one)) return;
  CHECK(compared > 1000000);
  CHECK(plain > 10000);  // the one-scan path was taken, and agreed, many times
}
