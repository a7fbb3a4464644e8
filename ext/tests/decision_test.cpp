// decision_test.cpp: the request decision's steps, each on its own (policy/authenticate,
// policy/authorize), and the whole decision through the extension: its statuses, and that its hot
// path runs one SQL statement (decision_cache.hpp).
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <string>

#include "../model/principal.hpp"
#include "../model/protection.hpp"
#include "../model/sessions.hpp"
#include "../policy/authenticate.hpp"
#include "../policy/authorize.hpp"
#include "db_fixture.hpp"

using namespace ords;
using ords::policy::authorize;
using ords::policy::bearer;
using ords::policy::origin_allowed;
using ords::policy::origin_matches;
using ords::policy::principal_from_session;

namespace {

protection::Guard guard(const std::string& privilege, int64_t id, std::vector<protection::RoleRef> roles) {
  protection::Guard g;
  g.text = "/" + privilege + "/*";
  g.privilege_id = id;
  g.privilege = privilege;
  g.roles = std::move(roles);
  return g;
}

Principal client(std::vector<int64_t> role_ids, std::optional<std::string> scope = std::nullopt) {
  Principal p;
  p.acting = Principal::Acting::Client;
  p.client_id = "svc-id";
  p.client_name = "svc";
  p.role_ids = std::move(role_ids);
  p.scope = std::move(scope);
  return p;
}

Principal user(std::optional<std::string> scope, std::vector<int64_t> listed) {
  Principal p;
  p.acting = Principal::Acting::User;
  p.client_id = "app-id";
  p.client_name = "app";
  p.user = "alice";
  p.scope = std::move(scope);
  p.privilege_ids = std::move(listed);
  return p;
}

sessions::Found session(sessions::Kind kind, int64_t schema, int64_t expires_on, const std::string& grant_type) {
  sessions::Found f;
  f.kind = kind;
  f.schema_id = schema;
  f.expires_on = expires_on;
  f.client.name = "svc";
  f.client.client_id = "svc-id";
  f.client.grant_type = grant_type;
  f.client_role_ids = {3};
  f.client_privilege_ids = {11};
  f.scope = "p";
  f.user = "bob";
  return f;
}

}  // namespace

TEST_CASE("step 4: bearer() reads one Bearer token", "[policy][decision]") {
  CHECK(bearer("Bearer abc") == std::optional<std::string>("abc"));
  CHECK(bearer("  bEaReR   abc  ") == std::optional<std::string>("abc"));
  for (const char* bad : {"", "Bearer", "Bearer ", "Bearer a b", "Basic abc", "abc", "Bearerabc", "Token abc"}) {
    INFO(bad);
    CHECK_FALSE(bearer(bad).has_value());
  }
}

TEST_CASE("step 4: a session becomes a Principal only when it is a live access token of the deciding schema",
          "[policy][decision]") {
  const int64_t now = 1000;
  auto ok = principal_from_session(session(sessions::Kind::Access, 1, now + 1, "client_credentials"), 1, now);
  REQUIRE(ok.principal.has_value());
  CHECK(ok.principal->acting == Principal::Acting::Client);
  CHECK(ok.principal->proof == Principal::Proof::OpaqueToken);
  CHECK(ok.principal->client_id == "svc-id");
  CHECK(ok.principal->role_ids == std::vector<int64_t>{3});
  CHECK(ok.principal->privilege_ids == std::vector<int64_t>{11});
  CHECK(ok.principal->scope == std::optional<std::string>("p"));
  auto u = principal_from_session(session(sessions::Kind::Access, 1, now + 1, "authorization_code"), 1, now);
  REQUIRE(u.principal.has_value());
  CHECK(u.principal->acting == Principal::Acting::User);
  CHECK(u.principal->user == std::optional<std::string>("bob"));
  CHECK(principal_from_session(session(sessions::Kind::Access, 1, now + 1, "implicit"), 1, now).principal->acting ==
        Principal::Acting::User);

  auto consumed = session(sessions::Kind::Access, 1, now + 1, "client_credentials");
  consumed.consumed_on = now - 1;
  for (const auto& bad : {std::optional<sessions::Found>{},
                          std::optional<sessions::Found>{session(sessions::Kind::Access, 1, now, "client_credentials")},
                          std::optional<sessions::Found>{session(sessions::Kind::Refresh, 1, now + 1, "authorization_code")},
                          std::optional<sessions::Found>{session(sessions::Kind::Code, 1, now + 1, "authorization_code")},
                          std::optional<sessions::Found>{session(sessions::Kind::Access, 2, now + 1, "client_credentials")},
                          std::optional<sessions::Found>{consumed}}) {
    auto a = principal_from_session(bad, 1, now);
    CHECK_FALSE(a.principal.has_value());
    CHECK(a.failure == "the token is unknown, expired or revoked");
  }
}

TEST_CASE("step 5: a client acts by its roles, limited by the scope it asked for", "[policy][decision]") {
  auto emp = guard("emp_priv", 11, {{3, "emp_role"}, {4, "boss_role"}});
  auto open = guard("open_priv", 12, {});
  CHECK(authorize(client({3}), emp, std::nullopt).status == 200);
  CHECK(authorize(client({4}), emp, std::nullopt).reason == "client \"svc\" holds role \"boss_role\" of privilege \"emp_priv\"");
  auto none = authorize(client({5}), emp, std::nullopt);
  CHECK(none.status == 403);
  CHECK(none.reason == "protected by privilege \"emp_priv\", which needs role \"emp_role\" or \"boss_role\"; client \"svc\" "
                       "holds none: grant_client_role('svc', 'emp_role')");
  CHECK(authorize(client({}), open, std::nullopt).status == 200);
  // With a scope: only what it names, and still only by the roles held.
  CHECK(authorize(client({3}, "emp_priv"), emp, std::nullopt).status == 200);
  CHECK(authorize(client({3}, "open_priv emp_priv"), emp, std::nullopt).status == 200);
  auto out_of_scope = authorize(client({3}, "open_priv"), emp, std::nullopt);
  CHECK(out_of_scope.status == 403);
  CHECK(out_of_scope.reason == "protected by privilege \"emp_priv\", which the token's scope does not name; ask for a "
                               "token with scope \"emp_priv\"");
  CHECK(authorize(client({3}, "emp_priv"), open, std::nullopt).status == 403);
  CHECK(authorize(client({}, "emp_priv"), emp, std::nullopt).status == 403);
  CHECK(authorize(client({3}, "emp"), emp, std::nullopt).status == 403);
  CHECK(authorize(client({3}, "EMP_PRIV"), emp, std::nullopt).status == 403);
}

TEST_CASE("step 5: a user acts by the approved scope, while the client lists the privilege", "[policy][decision]") {
  auto emp = guard("emp_priv", 11, {{3, "emp_role"}});
  CHECK(authorize(user("emp_priv", {11}), emp, std::nullopt).reason == "the token's approved scope names privilege \"emp_priv\"");
  CHECK(authorize(user("a emp_priv b", {11}), emp, std::nullopt).status == 200);
  CHECK(authorize(user("emp", {11}), emp, std::nullopt).status == 403);
  CHECK(authorize(user("Emp_priv", {11}), emp, std::nullopt).status == 403);
  CHECK(authorize(user(std::nullopt, {11}), emp, std::nullopt).status == 403);
  auto unlisted = authorize(user("emp_priv", {12}), emp, std::nullopt);
  CHECK(unlisted.status == 403);
  CHECK(unlisted.reason ==
        "protected by privilege \"emp_priv\", which client \"app\" no longer lists; give it back with update_client_privileges");
  // Roles do not matter for a user's token.
  Principal u = user("emp_priv", {11});
  u.role_ids = {};
  CHECK(authorize(u, emp, std::nullopt).status == 200);
}

TEST_CASE("step 5: the Origin matches origins_allowed at a boundary; * admits any", "[policy][decision][origin]") {
  const std::string app = "https://app.example.org";
  CHECK(origin_matches(app, "https://app.example.org"));
  CHECK(origin_matches(app, "https://app.example.org:8443"));
  CHECK(origin_matches(app, "https://app.example.org/x"));
  CHECK_FALSE(origin_matches(app, "https://app.example.org.evil.net"));
  CHECK_FALSE(origin_matches(app, "https://app.example.organ"));
  CHECK_FALSE(origin_matches(app, "https://app.example.or"));
  CHECK_FALSE(origin_matches(app, "http://app.example.org"));
  CHECK_FALSE(origin_matches(app, "https://APP.example.org"));
  CHECK(origin_matches("https://app.example.org/", "https://app.example.org"));
  CHECK(origin_matches("https://app.example.org/", "https://app.example.org:1"));
  CHECK_FALSE(origin_matches("https://app.example.org/", "https://app.example.org.evil.net"));
  CHECK_FALSE(origin_matches("/", "https://x"));
  CHECK_FALSE(origin_matches("", "https://x"));
  CHECK(origin_matches("*", "https://anything.example"));
  CHECK(origin_matches("*", "null"));
  CHECK(origin_allowed("", "https://x"));
  CHECK(origin_allowed(" https://a.example, *", "https://x"));
  CHECK(origin_allowed("https://a.example, https://b.example", "https://b.example:9"));
  CHECK_FALSE(origin_allowed("https://a.example, https://b.example", "https://b.example.evil"));

  auto emp = guard("emp_priv", 11, {});
  Principal p = client({});
  p.origins_allowed = app;
  CHECK(authorize(p, emp, std::nullopt).status == 200);
  CHECK(authorize(p, emp, std::string("https://app.example.org:8443")).status == 200);
  auto evil = authorize(p, emp, std::string("https://app.example.org.evil.net"));
  CHECK(evil.status == 403);
  CHECK(evil.reason == "protected by privilege \"emp_priv\"; the request's Origin is not in client \"svc\"'s origins_allowed");
  p.origins_allowed = "*";
  CHECK(authorize(p, emp, std::string("https://evil.example")).status == 200);
  // The origin is checked only once the privilege is satisfied: a 403 for roles says so, not the origin.
  Principal q = client({}, "other");
  q.origins_allowed = app;
  CHECK(authorize(q, emp, std::string("https://evil.example")).reason.find("scope") != std::string::npos);
}

namespace {
int count_statements(unsigned, void* ctx, void*, void*) {
  ++*static_cast<int*>(ctx);
  return 0;
}
}  // namespace

TEST_CASE("the decision, through the extension: one statement on the hot path", "[policy][decision]") {
  DbFixture f;
  REQUIRE(f.one("select create_role('r')") == "NULL");
  REQUIRE(f.one("select define_privilege('p', 'r', '/p/*')") == "NULL");
  REQUIRE(f.one("select import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') "
                "->> 'client_id'") == "SvcClientId0000000000A..");
  REQUIRE(f.one("select register_client_secret('svc', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot'") == "1");
  REQUIRE(f.one("select grant_client_role('svc', 'r')") == "NULL");
  REQUIRE(f.exec("create temp table tok(t text); insert into tok select oauth_token('client_credentials', "
                 "'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') ->> 'access_token'") == "");
  const std::string q = "select check_request('GET', '/p/1', 'Bearer ' || t) ->> 'status' from tok";
  CHECK(f.one(q) == "200");  // fills the cache
  int n = 0;
  sqlite3_trace_v2(f.db, SQLITE_TRACE_STMT, count_statements, &n);
  CHECK(f.one(q) == "200");
  sqlite3_trace_v2(f.db, 0, nullptr, nullptr);
  CHECK(n == 2);  // the query itself and the session's lookup
  // A change is seen by the next decision.
  REQUIRE(f.one("select revoke_client_role('svc', 'r')") == "NULL");
  CHECK(f.one(q) == "403");
  CHECK(f.one("select check_request('GET', '/p/1', 'Bearer x') ->> 'status'") == "401");
  CHECK(f.one("select check_request('GET', '/q/1', NULL) ->> 'status'") == "200");
  CHECK(f.one("select check_request('GET', '/ords/nosuch/p/1', NULL) ->> 'status'") == "404");
  CHECK(f.one("select check_request('GET', '/p%2F1', NULL) ->> 'status'") == "400");
}

// Every sentence authorize says, word for word (the decision's answer writes the same pieces into
// its JSON: policy/decision.cpp's Answer; the regress suite checks those answers).
TEST_CASE("step 5: every reason, word for word, names in double quotes", "[policy][decision]") {
  auto two = guard("emp_priv", 11, {{3, "emp_role"}, {4, "boss_role"}});
  auto three = guard("emp_priv", 11, {{3, "a"}, {4, "b"}, {5, "c"}});
  auto open = guard("open_priv", 12, {});
  auto reason = [](const Principal& p, const protection::Guard& g, std::optional<std::string_view> origin = std::nullopt) {
    auto v = authorize(p, g, origin);
    return std::to_string(v.status) + " " + v.reason;
  };
  CHECK(reason(client({4}), two) == "200 client \"svc\" holds role \"boss_role\" of privilege \"emp_priv\"");
  CHECK(reason(client({}), open) == "200 privilege \"open_priv\" has no roles: any valid token of the schema satisfies it");
  CHECK(reason(client({3}, "x"), two) ==
        "403 protected by privilege \"emp_priv\", which the token's scope does not name; ask for a token with scope \"emp_priv\"");
  CHECK(reason(client({9}), three) == "403 protected by privilege \"emp_priv\", which needs role \"a\", \"b\" or \"c\"; client "
                                      "\"svc\" holds none: grant_client_role('svc', 'a')");
  CHECK(reason(user("emp_priv", {11}), two) == "200 the token's approved scope names privilege \"emp_priv\"");
  CHECK(reason(user("x", {11}), two) == "403 protected by privilege \"emp_priv\", which the token's approved scope does not "
                                        "name; ask for scope \"emp_priv\" when authorizing");
  CHECK(reason(user("emp_priv", {}), two) == "403 protected by privilege \"emp_priv\", which client \"app\" no longer lists; "
                                             "give it back with update_client_privileges");
  Principal cors = client({3});
  cors.origins_allowed = "https://a.example";
  CHECK(reason(cors, two, "https://b.example") ==
        "403 protected by privilege \"emp_priv\"; the request's Origin is not in client \"svc\"'s origins_allowed");
  CHECK(reason(cors, two, "https://a.example").rfind("200 client \"svc\" holds role \"emp_role\"", 0) == 0);
  // A refusal by role comes before the Origin.
  CHECK(reason(client({9}), two, "https://b.example").rfind("403 protected by privilege \"emp_priv\", which needs role", 0) == 0);
  Principal jwt;
  jwt.proof = Principal::Proof::Jwt;
  jwt.claimed_scopes = {"emp_priv"};
  CHECK(reason(jwt, two) == "200 the JWT's scope names privilege \"emp_priv\"");
  jwt.claimed_scopes = {};
  jwt.claimed_roles = {"x", "boss_role"};
  CHECK(reason(jwt, two) == "200 the JWT's role claim names role \"boss_role\" of privilege \"emp_priv\"");
  jwt.claimed_roles = {};
  CHECK(reason(jwt, two) == "403 protected by privilege \"emp_priv\", which the JWT's scope does not name and whose role "
                            "\"emp_role\" or \"boss_role\" are not in its role claim; the identity provider must issue scope "
                            "\"emp_priv\" or one of those roles");
  CHECK(reason(jwt, guard("emp_priv", 11, {{3, "emp_role"}})) ==
        "403 protected by privilege \"emp_priv\", which the JWT's scope does not name and whose role \"emp_role\" is not in "
        "its role claim; the identity provider must issue scope \"emp_priv\" or one of those roles");
  CHECK(reason(jwt, open) == "403 protected by privilege \"open_priv\", which the JWT's scope does not name; the identity "
                             "provider must issue scope \"open_priv\"");
  // A name that holds a quote or a backslash is shown as it is, between the quotes.
  Principal odd = client({});
  odd.client_name = "a\"b\\c";
  CHECK(reason(odd, guard("p\"q", 1, {{3, "r'"}})) ==
        "403 protected by privilege \"p\"q\", which needs role \"r'\"; client \"a\"b\\c\" holds none: "
        "grant_client_role('a\"b\\c', 'r''')");
}

// The answer's reason is the same sentence, JSON-escaped: names holding a quote and a backslash.
TEST_CASE("the decision's answer holds authorize's sentence, escaped as JSON", "[policy][decision]") {
  DbFixture f;
  REQUIRE(f.one("select create_role('r\"1\\')") == "NULL");
  REQUIRE(f.one("select define_privilege('px', 'r\"1\\', '/p/*')") == "NULL");
  REQUIRE(f.one("select import_client('s\"v\\c', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..') "
                "->> 'client_id'") == "SvcClientId0000000000A..");
  REQUIRE(f.one("select register_client_secret('s\"v\\c', 'svc-secret-0123456789-abcdefghij') ->> '$.client_secret.slot'") == "1");
  REQUIRE(f.exec("create temp table tok(t text); insert into tok select oauth_token('client_credentials', "
                 "'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij') ->> 'access_token'") == "");
  const std::string q = "select check_request('GET', '/p/1', 'Bearer ' || t) ->> 'reason' from tok";
  CHECK(f.one(q) == "protected by privilege \"px\", which needs role \"r\"1\\\"; client \"s\"v\\c\" holds none: "
                    "grant_client_role('s\"v\\c', 'r\"1\\')");
  REQUIRE(f.one("select grant_client_role('s\"v\\c', 'r\"1\\')") == "NULL");
  CHECK(f.one(q) == "client \"s\"v\\c\" holds role \"r\"1\\\" of privilege \"px\"");
  CHECK(f.one("select json_valid(check_request('GET', '/p/1', 'Bearer ' || t)) from tok") == "1");
}
