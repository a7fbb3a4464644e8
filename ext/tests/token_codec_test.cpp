// token_codec_test.cpp: access tokens, refresh tokens and codes (model/token_codec) and what the
// token endpoint issues: SECURITY.md R-01 (entropy), R-02 (only digests kept), RFC 7636 (PKCE S256).
#include <sodium.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "../core/token_codec.hpp"
#include "db_fixture.hpp"

using namespace ords;

namespace {
std::vector<unsigned char> decode(const std::string& t) {
  std::vector<unsigned char> bin(64);
  size_t n = 0;
  REQUIRE(sodium_base642bin(bin.data(), bin.size(), t.data(), t.size(), nullptr, &n, nullptr,
                            sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0);
  bin.resize(n);
  return bin;
}
}  // namespace

TEST_CASE("R-01: 10,000 tokens from the CSPRNG: 32 random bytes each, no duplicate, bytes evenly spread",
          "[tokens][crypto]") {
  REQUIRE(sodium_init() >= 0);
  Rng rng;  // unseeded: libsodium's randombytes_buf
  std::set<std::string> seen;
  std::vector<long> histogram(256, 0);
  const int n = 10000;
  for (int i = 0; i < n; i++) {
    tokens::TokenText t = tokens::new_token(rng);
    REQUIRE(t.str().size() == tokens::kTokenChars);
    REQUIRE(tokens::well_formed(t.str()));
    auto bytes = decode(t.str());
    REQUIRE(bytes.size() == tokens::kTokenBytes);
    for (unsigned char b : bytes) histogram[b]++;
    seen.insert(t.str());
  }
  CHECK(seen.size() == static_cast<size_t>(n));
  // Chi-square over 256 bins, 320,000 bytes: 255 degrees of freedom, mean 255, sd ~22.6. A loose
  // bound (mean + 7 sd) that a working CSPRNG passes always and a broken one (a constant, a
  // counter, a 7-bit alphabet) fails by far.
  const double expected = n * tokens::kTokenBytes / 256.0;
  double chi = 0;
  for (long count : histogram) chi += (count - expected) * (count - expected) / expected;
  CHECK(chi < 255 + 7 * 22.6);
  CHECK(chi > 255 - 7 * 22.6);
}

TEST_CASE("digests: one per token, 32 bytes, and no token is its own digest", "[tokens][crypto]") {
  Rng rng;
  tokens::TokenText a = tokens::new_token(rng), b = tokens::new_token(rng);
  auto da = tokens::digest(a.str()), db = tokens::digest(b.str());
  CHECK(da != db);
  CHECK(da == tokens::digest(a.str()));
  CHECK(std::string(da.begin(), da.end()).find(a.str()) == std::string::npos);
}

TEST_CASE("well_formed accepts only 43 base64url characters", "[tokens]") {
  CHECK(tokens::well_formed(std::string(43, 'A')));
  CHECK_FALSE(tokens::well_formed(std::string(42, 'A')));
  CHECK_FALSE(tokens::well_formed(std::string(44, 'A')));
  CHECK_FALSE(tokens::well_formed(std::string(42, 'A') + "+"));
  CHECK_FALSE(tokens::well_formed(std::string(42, 'A') + "="));
  CHECK_FALSE(tokens::well_formed(std::string(42, 'A') + std::string(1, '\0')));
}

TEST_CASE("PKCE S256 matches RFC 7636 appendix B, and verifiers are checked", "[tokens][pkce]") {
  const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  CHECK(tokens::s256_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  CHECK(tokens::valid_verifier(verifier));
  CHECK_FALSE(tokens::valid_verifier(std::string(42, 'a')));   // too short
  CHECK(tokens::valid_verifier(std::string(128, 'a')));
  CHECK_FALSE(tokens::valid_verifier(std::string(129, 'a')));  // too long
  CHECK_FALSE(tokens::valid_verifier(std::string(43, 'a') + "+"));
  CHECK(tokens::equal_ct("abc", "abc"));
  CHECK_FALSE(tokens::equal_ct("abc", "abd"));
  CHECK_FALSE(tokens::equal_ct("abc", "abcd"));
}

TEST_CASE("R-01/R-02 through SQL: 2,000 tokens issued in one transaction are distinct, and no table holds one",
          "[tokens]") {
  DbFixture f;
  REQUIRE(f.one("select register_client('svc', 'client_credentials', 'ops@example.org') is not null") == "1");
  REQUIRE(f.exec("create temp table s as select rotate_client_secret('svc') as secret;"
                 "create temp table c as select client_id from user_ords_clients where name = 'svc';") == "");
  const std::string issue =
      "select oauth_token('client_credentials', (select client_id from c), (select secret from s)) ->> 'access_token'";
  std::set<std::string> tokens;
  REQUIRE(f.exec("begin") == "");
  for (int i = 0; i < 2000; i++) tokens.insert(f.one(issue));
  REQUIRE(f.exec("commit") == "");
  CHECK(tokens.size() == 2000);
  for (const auto& t : tokens) REQUIRE(tokens::well_formed(t));
  CHECK(f.one("select count(*) from ords_sec_session") == "2000");
  // No stored column of any session holds a token's text (only its digest is kept).
  REQUIRE(f.exec("create temp table t(tok text)") == "");
  for (const auto& t : tokens) REQUIRE(f.exec("insert into t values ('" + t + "')") == "");  // base64url: safe
  CHECK(f.one("select count(*) from t join ords_sec_session s on instr(s.digest, t.tok) > 0 "
              "or instr(coalesce(s.scope, ''), t.tok) > 0 or instr(coalesce(s.user_name, ''), t.tok) > 0") == "0");
}
