// smoke_test.cpp: the unit-test binary can load the extension and call it.
#include <catch2/catch.hpp>

#include "db_fixture.hpp"

TEST_CASE("the extension loads through the auto-extension fixture", "[load]") {
  DbFixture f;
  CHECK(f.one("select ords_security_version()") == "0.1.0");
  CHECK(f.one("select create_role('r')") == "NULL");
  CHECK(f.one("select name from user_ords_roles") == "r");
}
