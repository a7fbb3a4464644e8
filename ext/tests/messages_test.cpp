// messages_test.cpp: what an error message may repeat of a caller's value (core/text.hpp,
// secret_shaped and the quoting built on it; SECURITY.md R-25). The rule itself on samples and on
// thousands of random (seeded) secrets and tokens, whole, cut short and with suffixes; then every message
// path of the model that echoes a value, driven through SQL with those values, asserting that no
// error (and no OAuth answer) contains any 12-character stretch of them. Also the SQL hints
// (sql_literal), the pattern rules of full paths and ";", and view_cell's time formatting.
#include <catch2/catch.hpp>
#include <sodium.h>

#include <random>
#include <string>
#include <vector>

#include "../core/text.hpp"
#include "../model/clients.hpp"
#include "../model/views.hpp"
#include "db_fixture.hpp"

using namespace ords;

namespace {

std::string sql_text(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

// Random bytes from a fixed seed, so every run checks the same values (the rule is a property of
// shapes: a random run of 16 characters looks like joined words about once in 20000).
std::mt19937_64& rng() {
  static std::mt19937_64 r(20261201);
  return r;
}

// n random bytes in base64url without padding (a token is 32 bytes: 43 characters).
std::string random_b64url(size_t n) {
  std::vector<unsigned char> b(n);
  for (auto& x : b) x = static_cast<unsigned char>(rng()());
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(&out[0], out.size(), b.data(), n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

// An ORDS-format secret or client_id: 16 random bytes, base64url, ".." for the padding.
std::string random_ords_secret() { return random_b64url(16) + ".."; }

// The shapes a secret or token reaches a message in by mistake.
std::vector<std::string> variants(const std::string& secret) {
  std::string core = secret.substr(0, secret.find(".."));
  std::vector<std::string> v = {secret, core, secret + "x", secret + ".extra", core + "!", "Bearer " + secret,
                                "https://" + secret, "/" + secret, "a " + core + " b"};
  for (size_t n = 16; n < core.size(); n += 3) v.push_back(core.substr(0, n));  // cut short
  v.push_back(core.substr(core.size() - 16));                                    // its tail
  return v;
}

// True when some 12-character stretch of a base64url run of `value` appears in `msg`.
bool leaks(const std::string& msg, const std::string& value) {
  auto b64 = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  };
  for (size_t i = 0; i < value.size();) {
    if (!b64(value[i])) { i++; continue; }
    size_t j = i;
    while (j < value.size() && b64(value[j])) j++;
    for (size_t k = i; k + 12 <= j; k++)
      if (msg.find(value.substr(k, 12)) != std::string::npos) return true;
    i = j;
  }
  return false;
}

}  // namespace

TEST_CASE("secret_shaped: ORDS secrets, client_ids and tokens, whole or not", "[messages]") {
  CHECK(text::secret_shaped("RaFhM690PA6cN1ffpkNx3Q.."));       // the ORDS format
  CHECK(text::secret_shaped("RaFhM690PA6cN1ffpkNx3Q"));         // without its ".."
  CHECK(text::secret_shaped("RaFhM690PA6cN1ff"));               // cut to 16
  CHECK(text::secret_shaped("RaFhM690PA6cN1ffpkNx3Q..extra"));  // with a suffix
  CHECK(text::secret_shaped("https://RaFhM690PA6cN1ffpkNx3Q.."));
  CHECK(text::secret_shaped("Bearer AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"));
  CHECK(text::secret_shaped("svc-secret-0123456789-abcdefghij"));  // a 32-character run
  CHECK(text::secret_shaped("abcdefghijabcdef.."));                // 16 and ".."
  CHECK(text::secret_shaped(std::string(32, 'a')));
  CHECK(text::secret_shaped("ExampleClientName2024"));  // long CamelCase with digits: withheld too
  CHECK(text::secret_shaped("Ab_CdEfGhIjKlMnOpQr"));    // joined, but not words

  SECTION("random secrets and tokens, in every variant") {
    for (int i = 0; i < 2000; i++) {
      for (const auto& v : variants(random_ords_secret())) {
        INFO(v);
        REQUIRE(text::secret_shaped(v));
      }
      for (const auto& v : variants(random_b64url(32))) {
        INFO(v);
        REQUIRE(text::secret_shaped(v));
      }
    }
  }
}

TEST_CASE("secret_shaped: ordinary names and values are shown", "[messages]") {
  for (const char* s : {"", "reader", "CLIENT_TEST", "CLIENT_TEST_ROLE", "CLIENT_TEST_RENAMED", "oracle.dbtools.sqldev",
                        "/example/*", "/ords/main/example/*", "example role", "MAIN", "HR", "emp_priv", "p1",
                        "https://app.example.org:8443", "https://example.org/my_redirect/", "test@example.org",
                        "the value from the other environment", "no_such_role", "exmaple_role", "employees/:id",
                        "security.oauth.tokenLifetime", "hr-client", "abcdefghijklmnopqrstuvwxyz_abcd",
                        "p_Include_Security_Definitions", "CLIENT_TEST_ROLE_2024", "hr-client-2", "oracle_dbtools_sqldev_2",
                        "Payroll_Service_Client", "ClientTest"}) {
    INFO(s);
    CHECK_FALSE(text::secret_shaped(s));
    CHECK(text::quote_input(s) == "\"" + std::string(s) + "\"");
    CHECK(text::show_input(s) == s);
  }
}

TEST_CASE("quote_input, show_input, sql_literal and quote_key apply the one rule", "[messages]") {
  const std::string w = text::kWithheld;
  CHECK(text::quote_input("RaFhM690PA6cN1ffpkNx3Q") == w);
  CHECK(text::show_input("RAFHM690PA6CN1FFPKNX3Q") == w);
  CHECK(text::sql_literal("RaFhM690PA6cN1ffpkNx3Q..") == w);
  CHECK(text::sql_literal("reader") == "'reader'");
  CHECK(text::sql_literal("it's") == "'it''s'");
  CHECK(text::sql_literal("") == "''");
  CHECK(text::quote_key("role_nme") == "\"role_nme\"");
  CHECK(text::quote_key("RaFhM690PA6cN1ffpkNx3Q") == "\"?\"");  // plain, but shaped like a secret
  CHECK(text::quote_key("a b") == "\"?\"");
  CHECK(text::quote_key(std::string(33, 'a')) == "\"?\"");
  CHECK(text::quote_key("") == "\"?\"");
}

TEST_CASE("no error message repeats a secret-shaped value, on any path", "[messages][secrets]") {
  DbFixture f;
  REQUIRE(f.exec("select ords_security_test_seed(4711);") == "");  // the same secret and token every run
  REQUIRE(f.exec("select create_role('r1'); select create_privilege('p1', 'r1'); select define_module('m1', '/m1/');"
                 "select register_client('c', 'client_credentials', 'ops@example.org');"
                 "select grant_client_role('c', 'r1');") == "");
  // A real secret of client c, and a real token made with it.
  std::string secret = f.one("select rotate_client_secret('c')");
  REQUIRE(secret.size() == 24);
  std::string cid = f.one("select client_id from user_ords_clients where name = 'c'");
  std::string token = f.one("select oauth_token('client_credentials', " + sql_text(cid) + ", " + sql_text(secret) +
                            ") ->> 'access_token'");
  REQUIRE(token.size() == 43);

  std::vector<std::string> inputs;
  for (const std::string& s : {secret, token, cid, random_ords_secret(), random_b64url(32),
                               std::string("RaFhM690PA6cN1ffpkNx3Q.."), std::string("q7Yv3Rk9wT2mXb8LpZs4Nw_Jx5Hd1Gc6Ef0Ua-Ki2Ol")})
    for (const auto& v : variants(s)) inputs.push_back(v);

  // Each call fails (or answers an OAuth error) with the value where a name, a key, a pattern, an
  // origin or another value goes. %s is the value as an SQL literal.
  const std::vector<std::string> calls = {
      "select delete_role(%s)",
      "select create_privilege('px', %s)",
      "select grant_client_role('c', %s)",
      "select revoke_client_role('c', %s)",
      "select delete_privilege(%s)",
      "select define_privilege('p2', 'r1', '/x/*', %s)",
      "select delete_module(%s)",
      "select set_module_privilege('m1', %s)",
      "select rename_client(%s, 'x')",
      "select update_client_logo(%s, 'image/png', x'00')",
      "select rotate_client_secret(%s)",
      // (client c, when its own client_id is the value, is found and then refused for the privilege)
      "select update_client_privileges(json_object('client_key', json_object('client_id', %s), 'privilege_names', 'nope'))",
      "select update_client_privileges(json_object('client_key', json_object('name', %s), 'privilege_names', 'nope'))",
      "select delete_client(json_object('client_key', json_object(%s, 1)))",
      "select create_role(json_object(%s, 'x'))",
      "select create_role(json_object('role_name', 'x', 'schema', %s))",
      "select ords_set_schema(%s)",
      "select revoke_client_secrets('c', json_object(%s, 1))",
      "select register_client(json_object('name', 'z', 'grant_type', 'client_credentials', 'support_email', "
      "'a@example.org', 'client_secret', json_object(%s, 1)))",
      // (an origin that is valid gets to the name, which client c already has)
      "select register_client('c', 'client_credentials', 'a@example.org', NULL, NULL, %s)",
      "select register_client('c', 'client_credentials', 'a@example.org', NULL, NULL, 'https://ok.example.org, ' || %s)",
      "select create_privilege_mapping('p1', '/ords/main/' || %s)",
      "select create_privilege_mapping('p1', %s || ';x')",
      "select delete_privilege_mapping('p1', '/' || %s)",
      "select define_module('m2', '/ords/main/' || %s)",
      "select define_template('m1', 'ords/main/m1/' || %s)",
      "select define_template('m1', '/ords/main/' || %s || '/x')",
      "select ords_security_config(%s)",
      "select oauth_token('client_credentials', %s, %s)",
      "select oauth_token(json_object('grant_type', %s, 'client_id', %s))",
      "select oauth_introspect(%s, NULL, %s, 'x')",
      "select oauth_revoke(json_object('token', %s, 'client_id', %s, 'client_secret', 'x'))",
      "select oauth_authorize(json_object('response_type', 'code', 'client_id', %s, 'user', 'u'))",
      "select check_request('GET', '/' || %s, 'Bearer ' || %s)",
      "select check_request('GET', %s, NULL)",
  };
  size_t checked = 0;
  for (const auto& call : calls) {
    for (const auto& v : inputs) {
      std::string sql = call;
      for (size_t at; (at = sql.find("%s")) != std::string::npos;) sql.replace(at, 2, sql_text(v));
      std::string out = f.one(sql);
      bool error = out.compare(0, 7, "ERROR: ") == 0;
      bool oauth_answer = out.find("\"error\"") != std::string::npos || out.find("\"reason\"") != std::string::npos;
      INFO(sql);
      INFO(out);
      // Every call above is refused; a success would have changed the model under the other calls.
      CHECK((error || oauth_answer || out == "{\"active\":false}"));
      CHECK_FALSE(leaks(out, v));
      checked++;
    }
  }
  CHECK(checked == calls.size() * inputs.size());
  // A client_id that another client holds.
  std::string dup = f.one("select import_client('o2', 'client_credentials', 'a@example.org', NULL, " + sql_text(cid) + ")");
  CHECK(dup.compare(0, 7, "ERROR: ") == 0);
  CHECK_FALSE(leaks(dup, cid));
  // Nothing of all that changed the model.
  CHECK(f.one("select group_concat(name) from (select name from user_ords_roles order by id)") == "r1");
  CHECK(f.one("select count(*) from user_ords_clients") == "1");
  CHECK(f.one("select count(*) from user_ords_privilege_mappings") == "0");
  CHECK(f.one("select count(*) from dba_ords_schemas") == "1");
}

TEST_CASE("patterns: full ORDS paths and ';' are refused with what to write", "[messages][policy]") {
  DbFixture f;
  REQUIRE(f.exec("select create_privilege('p1'); select define_module('hr', '/hr/');") == "");
  CHECK(f.one("select create_privilege_mapping('p1', '/ords/main/example/*')") ==
        "ERROR: create_privilege_mapping: p_pattern '/ords/main/example/*' is a full path; patterns are relative to "
        "the schema alias: write '/example/*'");
  CHECK(f.one("select define_privilege('p1', NULL, '/a/*, /ords/hr/x')") ==
        "ERROR: define_privilege: p_patterns '/ords/hr/x' is a full path; patterns are relative to the schema alias: "
        "write '/x'");
  CHECK(f.one("select define_module('m', 'ords/main/sales')") ==
        "ERROR: define_module: p_base_path 'ords/main/sales' is a full path; base paths are relative to the schema "
        "alias: write '/sales/'");
  CHECK(f.one("select define_template('hr', '/ords/main/hr/employees/:id')") ==
        "ERROR: define_template: p_pattern '/ords/main/hr/employees/:id' is a full path; templates are relative to the "
        "module's base path '/hr/': write 'employees/:id'");
  CHECK(f.one("select create_privilege_mapping('p1', '/ords/*')") ==
        "ERROR: create_privilege_mapping: p_pattern '/ords/*' is a full path; patterns are relative to the schema alias");
  CHECK(f.one("select create_privilege_mapping('p1', '/a;b/*')").find("p_pattern must not contain \";\"") !=
        std::string::npos);
  CHECK(f.one("select define_module('m', '/m;v=1/')").find("p_base_path must not contain \";\"") != std::string::npos);
  CHECK(f.one("select define_template('hr', 'x;y')").find("p_pattern must not contain \";\"") != std::string::npos);
  // Refused definitions changed nothing; the relative forms are accepted.
  CHECK(f.one("select count(*) from user_ords_privilege_mappings") == "0");
  CHECK(f.one("select count(*) from user_ords_modules") == "1");
  CHECK(f.one("select count(*) from user_ords_templates") == "0");
  CHECK(f.one("select create_privilege_mapping('p1', '/example/*')") == "NULL");
  CHECK(f.one("select check_request('GET', '/ords/main/example/1', NULL) ->> 'status'") == "401");
}

TEST_CASE("view_cell formats time columns as strftime did, for every year SQLite shows", "[messages][views]") {
  ViewSpec v{"v", "a TEXT, b TEXT", "SELECT 1", 1, false, nullptr, false, view_col(1)};
  CHECK(view_cell(v, 0, Value::integer(1795000000)).i == 1795000000);  // not a time column: as it is
  auto shown = [&](Value x) {
    Value out = view_cell(v, 1, std::move(x));
    return out.is_null() ? std::string("NULL") : std::string(out.s);
  };
  DbFixture f;
  for (int64_t t : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{59}, int64_t{86399}, int64_t{86400},
                    int64_t{951782400} /* 2000-02-29 */, int64_t{1795000000}, int64_t{4102444800},
                    int64_t{-62167219200} /* 0000-01-01 */, int64_t{-30610224000} /* 1000-01-01 */,
                    int64_t{-59011459201}, int64_t{253402300799} /* 9999-12-31T23:59:59 */}) {
    INFO(t);
    CHECK(shown(Value::integer(t)) ==
          f.one("select strftime('%Y-%m-%dT%H:%M:%SZ', " + std::to_string(t) + ", 'unixepoch')"));
  }
  for (int i = 0; i < 2000; i++) {
    int64_t t = static_cast<int64_t>(rng()() % 0x7fffffff) * 118 - int64_t{62167219200};
    INFO(t);
    REQUIRE(shown(Value::integer(t)) == f.one("select strftime('%Y-%m-%dT%H:%M:%SZ', " + std::to_string(t) +
                                              ", 'unixepoch')"));
  }
  CHECK(shown(Value::integer(253402300800)) == "NULL");  // after 9999
  CHECK(shown(Value::integer(-62167219201)) == "NULL");  // before 0000
  CHECK(shown(Value::null()) == "NULL");
  CHECK(shown(Value::text("2026")) == "NULL");
  CHECK(shown(Value::real(1.5)) == "1970-01-01T00:00:01Z");
}

TEST_CASE("no view query formats times in SQL (strftime is SQLite's own)", "[messages][views]") {
  DbFixture f;  // hands the SQLite API to the store before the lists are read
  for (const auto* list : {&security_views(), &clients::client_views()})
    for (const auto& v : *list) {
      INFO(v.name);
      CHECK(std::string(v.query.c_str()).find("strftime") == std::string::npos);
    }
}
