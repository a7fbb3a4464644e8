// redirect_test.cpp: comparing a redirect URI with the registered one (oauth/redirect, SECURITY.md
// exact string equality, the loopback port exception of RFC 8252 7.3, nothing looser.
#include <catch2/catch.hpp>

#include "../oauth/redirect.hpp"

using ords::oauth::redirect_matches;

TEST_CASE("a redirect URI matches the registered one exactly", "[oauth][redirect]") {
  const char* reg = "https://app.example.org/cb";
  CHECK(redirect_matches(reg, "https://app.example.org/cb"));
  for (const char* other : {"https://app.example.org/cb/", "https://app.example.org/CB", "https://APP.example.org/cb",
                            "https://app.example.org/cb?x=1", "https://app.example.org/cb#f", "http://app.example.org/cb",
                            "https://app.example.org:443/cb", "https://app.example.org/cb/../cb",
                            "https://app.example.org/c%62", "https://app.example.org.evil.net/cb",
                            "https://evil.net/?https://app.example.org/cb", " https://app.example.org/cb", ""}) {
    INFO(other);
    CHECK_FALSE(redirect_matches(reg, other));
  }
}

TEST_CASE("a loopback http redirect URI may differ in its port only (RFC 8252 7.3)", "[oauth][redirect]") {
  CHECK(redirect_matches("http://127.0.0.1/cb", "http://127.0.0.1:51234/cb"));
  CHECK(redirect_matches("http://127.0.0.1:8080/cb", "http://127.0.0.1:9090/cb"));
  CHECK(redirect_matches("http://127.0.0.1:8080/cb", "http://127.0.0.1/cb"));
  CHECK(redirect_matches("http://[::1]:1/cb?x", "http://[::1]:65535/cb?x"));
  CHECK_FALSE(redirect_matches("http://127.0.0.1:8080/cb", "http://127.0.0.1:9090/other"));
  CHECK_FALSE(redirect_matches("http://127.0.0.1/cb", "http://127.0.0.1.evil.example/cb"));
  CHECK_FALSE(redirect_matches("http://127.0.0.1/cb", "http://127.0.0.1:/cb"));        // no digits
  CHECK_FALSE(redirect_matches("http://127.0.0.1/cb", "http://127.0.0.1:80x/cb"));
  CHECK_FALSE(redirect_matches("http://127.0.0.1/cb", "https://127.0.0.1:8443/cb"));  // https: exact only
  CHECK_FALSE(redirect_matches("http://127.0.0.1/cb", "http://[::1]/cb"));            // another host
  CHECK_FALSE(redirect_matches("http://localhost/cb", "http://localhost:8080/cb"));   // a name, not loopback IP
  CHECK_FALSE(redirect_matches("https://app.example.org/cb", "http://127.0.0.1/cb"));
}
