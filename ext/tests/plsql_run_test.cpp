// plsql_run_test.cpp: ords_plsql on a connection: each call goes through the same binding and
// checks as the direct SQL call (same messages), and a script that fails part-way, even in a
// write the database refuses, leaves nothing.
#include <catch2/catch.hpp>

#include <string>

#include "db_fixture.hpp"

namespace {
// "fn: message" -> "message"
std::string reason(const std::string& err, const std::string& prefix) {
  REQUIRE(err.rfind(prefix, 0) == 0);
  return err.substr(prefix.size());
}
}  // namespace

TEST_CASE("a call in a script is refused exactly as the direct call is", "[plsql]") {
  DbFixture f;
  std::string direct = f.one("select register_client(json_object('p_name','c','p_grant_type','password','p_support_email','a@example.org'))");
  std::string script = f.one(
      "select ords_plsql('BEGIN ORDS_SECURITY.REGISTER_CLIENT(p_name => ''c'', p_grant_type => ''password'', "
      "p_support_email => ''a@example.org''); END;')");
  CHECK(reason(script, "ERROR: ords_plsql: line 1: ORDS_SECURITY.REGISTER_CLIENT: ") ==
        reason(direct, "ERROR: register_client: "));
  // Unknown parameter names: the same binding (bind_named) refuses them the same way.
  direct = f.one("select create_role(json_object('p_role_name','r','p_bogus',1))");
  script = f.one("select ords_plsql('BEGIN ORDS.CREATE_ROLE(p_role_name => ''r'', p_bogus => 1); END;')");
  CHECK(reason(script, "ERROR: ords_plsql: line 1: ORDS.CREATE_ROLE: ") == reason(direct, "ERROR: create_role: "));
  // Positional: bind_positional, the same count check.
  direct = f.one("select create_role('a', 'b')");
  script = f.one("select ords_plsql('BEGIN ORDS.CREATE_ROLE(''a'', ''b''); END;')");
  CHECK(reason(script, "ERROR: ords_plsql: line 1: ORDS.CREATE_ROLE: ") == reason(direct, "ERROR: create_role: "));
}

TEST_CASE("a write that fails inside the database mid-script leaves nothing, COMMIT or not", "[plsql]") {
  DbFixture f;
  REQUIRE(f.one("select create_role('before')") == "NULL");
  // The third write statement from now fails after writing (test hook): inside the script.
  REQUIRE(f.one("select ords_security_test_fail_after_writes(3)") != "");
  std::string r = f.one(
      "select ords_plsql('BEGIN ORDS.CREATE_ROLE(''a''); COMMIT; ORDS.CREATE_ROLE(''b''); ORDS.CREATE_ROLE(''c''); "
      "ORDS.CREATE_ROLE(''d''); END;')");
  CHECK(r.rfind("ERROR: ords_plsql: line 1: ORDS.CREATE_ROLE: ", 0) == 0);
  f.one("select ords_security_test_fail_after_writes(0)");
  CHECK(f.one("select group_concat(name) from user_ords_roles") == "before");
}

TEST_CASE("the printed text: PUT_LINE lines, query rows, NULL when nothing is printed", "[plsql]") {
  DbFixture f;
  CHECK(f.one("select ords_plsql('BEGIN NULL; END;')") == "NULL");
  CHECK(f.one("select ords_plsql('BEGIN DBMS_OUTPUT.PUT_LINE(''a'' || 1); SYS.DBMS_OUTPUT.PUT_LINE(''b''); END;')") == "a1\nb");
  CHECK(f.one("select ords_plsql('select 1 as one from dual;')") == "ONE\n---\n1\n");
}
