// scope_test.cpp: OAuth scopes (oauth/scope, model/scope_token): splitting and joining, the scope
// a request is granted, and the rule that a scope names a privilege only exactly
// (policy/authorize scope_names), so approving one privilege never grants another.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../model/scope_token.hpp"
#include "../oauth/oauth_error.hpp"
#include "../oauth/scope.hpp"
#include "../policy/authorize.hpp"

using ords::is_scope_token;
using ords::oauth::grant_scope;
using ords::oauth::join_scope;
using ords::oauth::OAuthFailure;
using ords::oauth::split_scope;
using ords::policy::scope_names;
using V = std::vector<std::string>;

TEST_CASE("split_scope and join_scope", "[oauth][scope]") {
  CHECK(split_scope("").empty());
  CHECK(split_scope("   ").empty());
  CHECK(split_scope("a") == V{"a"});
  CHECK(split_scope("  a  b c ") == V{"a", "b", "c"});
  CHECK(split_scope("b a b a") == V{"b", "a"});  // duplicates dropped, order kept
  CHECK(split_scope("A a") == V{"A", "a"});      // case-sensitive
  CHECK(join_scope({}) == "");
  CHECK(join_scope({"a", "b"}) == "a b");
}

TEST_CASE("grant_scope: all allowed when none asked, else exactly the ones asked", "[oauth][scope]") {
  V allowed{"emp", "emp_priv", "Emp"};
  CHECK(grant_scope(std::nullopt, allowed) == std::optional<std::string>("emp emp_priv Emp"));
  CHECK(grant_scope(std::string("emp_priv"), allowed) == std::optional<std::string>("emp_priv"));
  CHECK(grant_scope(std::string(" Emp  emp Emp"), allowed) == std::optional<std::string>("Emp emp"));
  CHECK_FALSE(grant_scope(std::string(""), allowed).has_value());
  CHECK_FALSE(grant_scope(std::nullopt, V{}).has_value());
  for (const char* bad : {"EMP", "em", "emp_", "emp_priv2", "emp,emp_priv", "emp\temp_priv", "other"}) {
    INFO(bad);
    try {
      grant_scope(std::string(bad), allowed);
      FAIL("granted");
    } catch (const OAuthFailure& f) {
      CHECK(f.error == "invalid_scope");
    }
  }
}

TEST_CASE("grant_scope never grants a name that is not a scope token", "[oauth][scope]") {
  V allowed{"a b", "a", "q\"x", "ok"};
  CHECK(grant_scope(std::nullopt, allowed) == std::optional<std::string>("a ok"));
  CHECK_THROWS_AS(grant_scope(std::string("q\"x"), allowed), OAuthFailure);
}

TEST_CASE("OAuthFailure is an ordinary ords::Error", "[oauth][scope]") {
  try {
    throw OAuthFailure{"invalid_scope", "the requested scope is not allowed for this client"};
  } catch (const ords::Error& e) {
    CHECK(std::string(e.what()) == "invalid_scope: the requested scope is not allowed for this client");
  }
}

TEST_CASE("scope tokens are RFC 6749 3.3's: printable ASCII without space, \" and \\", "[oauth][scope]") {
  for (int c = 0; c < 256; c++) {
    bool expected = c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
    INFO(c);
    CHECK(is_scope_token(std::string(1, static_cast<char>(c))) == expected);
  }
  CHECK_FALSE(is_scope_token(""));
  CHECK(is_scope_token("emp_priv.v2:read"));
  CHECK_FALSE(is_scope_token("emp priv"));
  CHECK_FALSE(is_scope_token("\xC3\xA9"));
}

TEST_CASE("a scope names a privilege only by one whole, exact item", "[policy][scope]") {
  CHECK(scope_names("emp", "emp"));
  CHECK(scope_names("a emp b", "emp"));
  CHECK(scope_names("a b emp", "emp"));
  CHECK_FALSE(scope_names("emp_priv", "emp"));
  CHECK_FALSE(scope_names("emp", "emp_priv"));
  CHECK_FALSE(scope_names("Emp", "emp"));
  CHECK_FALSE(scope_names("EMP_PRIV", "emp_priv"));
  CHECK_FALSE(scope_names("em p", "emp"));
  CHECK_FALSE(scope_names("emp,x", "emp"));
  CHECK_FALSE(scope_names("", "emp"));
  CHECK_FALSE(scope_names("x", ""));
}
