// form_test.cpp: form decoding and encoding (oauth/form): the application/x-www-form-urlencoded
// parts of an HTTP Basic credential (RFC 6749 2.3.1) and the values written into a redirect URI.
#include <catch2/catch.hpp>

#include <string>

#include "../oauth/form.hpp"

using ords::form::decode;
using ords::form::encode;

TEST_CASE("form::decode: + is a space, %XX a byte, anything else itself", "[oauth][form]") {
  CHECK(decode("") == std::optional<std::string>(""));
  CHECK(decode("abc") == std::optional<std::string>("abc"));
  CHECK(decode("a+b") == std::optional<std::string>("a b"));
  CHECK(decode("a%20b") == std::optional<std::string>("a b"));
  CHECK(decode("%2B") == std::optional<std::string>("+"));        // an encoded + stays a +
  CHECK(decode("%3a%3A") == std::optional<std::string>("::"));    // hex in either case
  CHECK(decode("%25") == std::optional<std::string>("%"));
  CHECK(decode("%2525") == std::optional<std::string>("%25"));    // decoded once only
  CHECK(decode("%00") == std::optional<std::string>(std::string("\0", 1)));  // a byte, kept
  CHECK(decode("%C3%A9") == std::optional<std::string>("\xC3\xA9"));
  CHECK(decode("id.-_~") == std::optional<std::string>("id.-_~"));
}

TEST_CASE("form::decode refuses a malformed escape", "[oauth][form]") {
  for (const char* bad : {"%", "%2", "a%", "a%2", "%zz", "%2g", "%g2", "100%", "%%20"}) {
    INFO(bad);
    CHECK_FALSE(decode(bad).has_value());
  }
}

TEST_CASE("form::encode keeps the RFC 3986 unreserved characters and escapes every other byte", "[oauth][form]") {
  CHECK(encode("AZaz09-._~") == "AZaz09-._~");
  CHECK(encode(" ") == "%20");
  CHECK(encode("a b&c=d") == "a%20b%26c%3Dd");
  CHECK(encode("/?#[]@!$'()*+,;") == "%2F%3F%23%5B%5D%40%21%24%27%28%29%2A%2B%2C%3B");
  CHECK(encode("%") == "%25");
  CHECK(encode("\xC3\xA9") == "%C3%A9");
  CHECK(encode(std::string("\0\x7f\xff", 3)) == "%00%7F%FF");
  // decode(encode(x)) == x for every byte
  std::string all;
  for (int i = 0; i < 256; i++) all += static_cast<char>(i);
  CHECK(decode(encode(all)) == std::optional<std::string>(all));
}
