// plsql_parser_test.cpp: the ORDS script lexer and parser (ext/plsql) on their own: tokens,
// lines, what parses into what, and every refusal naming its line.
#include <catch2/catch.hpp>

#include <string>

#include "../core/error.hpp"
#include "../plsql/lexer.hpp"
#include "../plsql/parser.hpp"

using namespace ords::plsql;

namespace {
const Catalog kCat = {{"user_ords_clients", {"id", "name", "client_id"}}, {"user_ords_roles", {"id", "name"}}};

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; i++) out += s;
  return out;
}

std::string refusal(const std::string& script) {
  try {
    parse(script, kCat);
  } catch (const ords::Error& e) {
    return e.what();
  }
  return "(parsed)";
}
}  // namespace

TEST_CASE("the lexer keeps string case and undoes doubled quotes, folds identifiers, knows / lines", "[plsql]") {
  auto t = tokenize("begin\n  x := 'It''s A';\nend;\n/\nPROMPT Hello There\n");
  REQUIRE(t[0].kind == Tok::Ident);
  CHECK(t[0].upper == "BEGIN");
  CHECK(t[3].kind == Tok::String);
  CHECK(t[3].value == "It's A");
  CHECK(t[3].line == 2);
  bool slash = false, prompt = false;
  for (const auto& k : t) {
    if (k.kind == Tok::Slash) slash = k.line == 4;
    if (k.kind == Tok::Directive) prompt = k.upper == "PROMPT" && k.value == "Hello There" && k.line == 5;
  }
  CHECK(slash);
  CHECK(prompt);
  // A "/" inside a line is not a block end.
  CHECK(refusal("BEGIN NULL; END; /\n") != "(parsed)");
}

TEST_CASE("blocks, nested blocks, declarations and calls parse; top-level items are counted", "[plsql]") {
  Script s = parse(
      "SET SERVEROUTPUT ON\nREM x\nDECLARE\n  l_cred ords_types.t_client_credentials;\n  l_id user_ords_clients.id%TYPE;\n"
      "  l_arr OWA.VC_ARR;\nBEGIN\n  l_arr(1) := 'a';\n  BEGIN\n    NULL;\n  END;\n"
      "  ORDS_METADATA.ORDS.CREATE_ROLE(p_role_name => 'r' || l_arr(1));\n"
      "  SELECT id INTO l_id FROM user_ords_clients WHERE name = 'x';\nEND;\n/\nCOMMIT;\nSELECT 1 FROM dual;\n",
      kCat);
  REQUIRE(s.items.size() == 3);
  CHECK(s.items[0].kind == Stmt::Kind::Block);
  CHECK(s.items[0].block->vars.size() == 3);
  CHECK(s.items[0].block->body.size() == 4);
  CHECK(s.items[1].kind == Stmt::Kind::Commit);
  CHECK(s.items[2].kind == Stmt::Kind::Query);
  CHECK(s.items[2].query->dual);
}

TEST_CASE("a query binds variables and leaves columns to SQL", "[plsql]") {
  Script s = parse("DECLARE\n  name VARCHAR2(10);\n  l_n VARCHAR2(10);\n  l_id NUMBER;\nBEGIN\n"
                   "  SELECT id INTO l_id FROM user_ords_clients WHERE name = l_n;\nEND;\n",
                   kCat);
  const Query& q = *s.items[0].block->body[0].query;
  CHECK(q.binds.size() == 1);           // l_n, not the column "name" (which a variable also names)
  CHECK(q.sql.find("?1") != std::string::npos);
  CHECK(q.sql.find("INTO") == std::string::npos);
  CHECK(q.into.size() == 1);
}

TEST_CASE("refusals name their line and what is not supported", "[plsql]") {
  CHECK(refusal("BEGIN\n  NULL;\n  IF x THEN NULL; END IF;\nEND;\n").rfind("line 3: \"IF\" is not supported", 0) == 0);
  CHECK(refusal("BEGIN\n  ORDS.CREATE_ROLE('a')\n  ORDS.CREATE_ROLE('b');\nEND;\n").rfind("line 3: expected ';'", 0) == 0);
  CHECK(refusal("BEGIN\n\n  ORDS.NOPE;\nEND;\n").rfind("line 3: ORDS.NOPE: package ORDS has no procedure", 0) == 0);
  CHECK(refusal("SELECT * FROM sqlite_master;").rfind("line 1: a script may query only", 0) == 0);
  CHECK(refusal("BEGIN\n  x := 1;\nEND;\n").rfind("line 2: \"X\" is not declared", 0) == 0);
  CHECK(refusal("BEGIN\n  NULL;\n").rfind("line 3: the block has no END", 0) == 0);
  CHECK(refusal("BEGIN 'abc").rfind("line 1: a string literal is never closed", 0) == 0);
  CHECK(refusal("DECLARE\n  l_k ords_types.t_client_key;\nBEGIN\n  l_k.secret := 'x';\nEND;\n").rfind("line 4:", 0) == 0);
  CHECK(refusal(std::string("BEGIN\n NULL;\nEND;\n") + std::string(1, '\0')).rfind("line 4: a NUL", 0) == 0);
}

TEST_CASE("an error never shows a secret-shaped name or grows with the script", "[plsql]") {
  std::string secret = "RaFhM690PA6cN1ffpkNx3Q..";
  CHECK(refusal("BEGIN\n  " + std::string("RaFhM690PA6cN1ffpkNx3Q") + " := 1;\nEND;\n").find("RaFhM690") == std::string::npos);
  std::string long_name(5000, 'a');
  CHECK(refusal("BEGIN " + long_name + " := 1; END;").size() < 200);
}

TEST_CASE("deep nesting is refused, never a stack overflow", "[plsql]") {
  CHECK(refusal("BEGIN DBMS_OUTPUT.PUT_LINE(" + std::string(100000, '(') + "1" + std::string(100000, ')') + "); END;")
            .find("nested more than 64 deep") != std::string::npos);
  CHECK(refusal("BEGIN DBMS_OUTPUT.PUT_LINE(" + repeat("- ", 50000) + "1); END;").find("nested") != std::string::npos);
  std::string blocks;
  for (int i = 0; i < 100; i++) blocks += "BEGIN ";
  CHECK(refusal(blocks).find("nested more than 32 deep") != std::string::npos);
}
