// client_auth_test.cpp: how a client authenticates at the token, revocation and introspection
// endpoints (oauth/client_auth): form fields or HTTP Basic (RFC 6749 2.3.1), never both, and
// every failure the same invalid_client.
#include <catch2/catch.hpp>

#include <string>

#include "../core/args.hpp"
#include "../oauth/client_auth.hpp"
#include "../oauth/oauth_error.hpp"
#include "../store/db.hpp"
#include "db_fixture.hpp"

using namespace ords;
using ords::oauth::OAuthFailure;

namespace {

Args request(std::initializer_list<std::pair<const char*, const char*>> kv) {
  Args a;
  for (const auto& [k, v] : kv) a.set(k, Value::text(v));
  return a;
}

// The OAuth error code presented_client throws, or "" when it returns.
std::string presented_error(const Args& a) {
  try {
    oauth::presented_client(a);
    return "";
  } catch (const OAuthFailure& f) {
    return f.error;
  }
}

// base64("SvcClientId0000000000A..:svc-secret-0123456789-abcdefghij")
const char* kBasic = "Basic U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq";

}  // namespace

TEST_CASE("presented_client: form fields", "[oauth][client_auth]") {
  auto p = oauth::presented_client(request({{"client_id", "id1"}, {"client_secret", "s1"}}));
  CHECK(p.client_id == "id1");
  CHECK(p.secret == std::optional<std::string>("s1"));
  auto no_secret = oauth::presented_client(request({{"client_id", "id1"}}));
  CHECK_FALSE(no_secret.secret.has_value());
  CHECK(presented_error(request({})) == "invalid_client");
  CHECK(presented_error(request({{"client_secret", "s1"}})) == "invalid_client");
  CHECK(presented_error(request({{"client_id", ""}, {"client_secret", "s1"}})) == "invalid_client");
}

TEST_CASE("presented_client: a Basic credential with an empty client id names no client", "[oauth][client_auth]") {
  // base64(":") and base64(":s"): found by fuzz/form_fuzz.cpp, which once saw an empty id returned
  for (const char* empty_id : {"Basic Og==", "Basic OnM="}) {
    INFO(empty_id);
    CHECK(presented_error(request({{"authorization", empty_id}})) == "invalid_client");
  }
}

TEST_CASE("presented_client: HTTP Basic, its parts form-decoded", "[oauth][client_auth]") {
  auto p = oauth::presented_client(request({{"authorization", kBasic}}));
  CHECK(p.client_id == "SvcClientId0000000000A..");
  CHECK(p.secret == std::optional<std::string>("svc-secret-0123456789-abcdefghij"));
  // The scheme in any case, spaces around the value.
  auto lower = oauth::presented_client(request({{"authorization", "  basic   U3ZjQ2xpZW50SWQwMDAwMDAwMDAwQS4uOnN2Yy1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWZnaGlq "}}));
  CHECK(lower.client_id == "SvcClientId0000000000A..");
  // base64("a%3Ab:c+d%25") -> id "a:b", secret "c d%"
  auto enc = oauth::presented_client(request({{"authorization", "Basic YSUzQWI6YytkJTI1"}}));
  CHECK(enc.client_id == "a:b");
  CHECK(enc.secret == std::optional<std::string>("c d%"));
  // The same client_id as a form field too is one method.
  CHECK(presented_error(request({{"authorization", kBasic}, {"client_id", "SvcClientId0000000000A.."}})) == "");
}

TEST_CASE("presented_client: two methods, or a malformed Basic value, is invalid_request", "[oauth][client_auth]") {
  CHECK(presented_error(request({{"authorization", kBasic}, {"client_secret", "x"}})) == "invalid_request");
  CHECK(presented_error(request({{"authorization", kBasic}, {"client_id", "other"}})) == "invalid_request");
  for (const char* bad : {"Bearer abc", "Basic", "Basic ", "Basic !!!", "Basic YWJj" /* "abc": no colon */,
                          "Basic JXp6OmI=" /* "%zz:b" */, "Basic YTolenq=" /* bad padding */, "Digest x"}) {
    INFO(bad);
    CHECK(presented_error(request({{"authorization", bad}})) == "invalid_request");
  }
  std::string huge = "Basic " + std::string(5000, 'A');
  Args a;
  a.set("authorization", Value::text(huge));
  CHECK(presented_error(a) == "invalid_request");
}

TEST_CASE("authenticate_client: every failure is the same invalid_client", "[oauth][client_auth]") {
  DbFixture f;
  store::Db db(f.db);
  REQUIRE(f.one("select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') "
                "->> 'client_id'") == "SvcClientId0000000000A..");
  REQUIRE(f.one("select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot'") == "1");
  auto who = oauth::presented_client(request({{"authorization", kBasic}}));
  auto rec = oauth::authenticate_client(db, who);
  CHECK(rec.name == "svc");
  CHECK(rec.grant_type == "client_credentials");
  auto failure = [&](std::initializer_list<std::pair<const char*, const char*>> kv) -> std::string {
    try {
      oauth::authenticate_client(db, oauth::presented_client(request(kv)));
      return "authenticated";
    } catch (const OAuthFailure& e) {
      return e.error + ": " + e.description;
    }
  };
  const std::string same = "invalid_client: client authentication failed";
  CHECK(failure({{"client_id", "SvcClientId0000000000A.."}, {"client_secret", "wrong"}}) == same);
  CHECK(failure({{"client_id", "SvcClientId0000000000A.."}}) == same);
  CHECK(failure({{"client_id", "NoSuchClient0000000000.."}, {"client_secret", "svc-secret-0123456789-abcdefghij"}}) == same);
  CHECK(failure({{"client_id", "svcclientid0000000000a.."}, {"client_secret", "svc-secret-0123456789-abcdefghij"}}) == same);
  CHECK(failure({{"client_id", "SvcClientId0000000000A.."}, {"client_secret", "svc-secret-0123456789-abcdefghi"}}) == same);
  CHECK(failure({{"client_id", "SvcClientId0000000000A.."}, {"client_secret", "svc-secret-0123456789-abcdefghij"}}) ==
        "authenticated");
}
