// args_test.cpp: argument binding (core/args, core/call): check_param for every ParamType, name
// validation, parameter-name normalisation, positional and named binding (defaults, counts,
// unknown and repeated keys, the implicit "schema" key, given()), and, through a real connection,
// that the boundary turns these into "function: message" errors with the right SQLite codes.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "../core/args.hpp"
#include "../core/error.hpp"
#include "../conn/call.hpp"
#include "db_fixture.hpp"

using namespace ords;

namespace {

std::string error_of(const ParamSpec& p, const Value& v) {
  try {
    check_param(p, v);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

Value object(std::vector<std::pair<std::string, Value>> members) {
  Value v;
  v.kind = Value::Kind::Object;
  v.members = std::move(members);
  return v;
}

Value array(std::vector<Value> items) {
  Value v;
  v.kind = Value::Kind::Array;
  v.items = std::move(items);
  return v;
}

Value no_handler(Call&) { return Value::null(); }

const FnSpec kSpec{"f",
                   {{"name", ParamType::Name, true}, {"count", ParamType::Int}, {"flag", ParamType::Bool}},
                   {{"extra", ParamType::Text}},
                   FnKind::Writer,
                   no_handler};

std::string bind_error(const std::vector<Value>& values) {
  try {
    bind_positional(kSpec, values);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string named_error(const Value& obj) {
  try {
    bind_named(kSpec, obj);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("NULL: required parameters refuse it, optional ones take it", "[args]") {
  for (ParamType t : {ParamType::Name, ParamType::Text, ParamType::Int, ParamType::Bool, ParamType::List,
                      ParamType::Object, ParamType::Blob, ParamType::Json}) {
    CHECK(error_of({"x", t, true}, Value::null()) == "p_x must not be NULL");
    CHECK(check_param({"x", t, false}, Value::null()).is_null());
  }
}

TEST_CASE("Name: text of 1..255 characters, valid UTF-8, no control characters", "[args]") {
  ParamSpec p{"role_name", ParamType::Name, true};
  CHECK(check_param(p, Value::text("reader")).s == "reader");
  CHECK(error_of(p, Value::integer(1)) == "p_role_name must be text, not integer");
  CHECK(error_of(p, Value::real(1.5)) == "p_role_name must be text, not real");
  CHECK(error_of(p, Value::blob("a")) == "p_role_name must be text, not blob");
  CHECK(error_of(p, Value::boolean(true)) == "p_role_name must be text, not boolean");
  CHECK(error_of(p, object({})) == "p_role_name must be text, not object");
  CHECK(error_of(p, array({})) == "p_role_name must be text, not array");
  CHECK(error_of(p, Value::text("")) == "p_role_name must not be empty");
  CHECK(error_of(p, Value::text(std::string("a\0b", 3))) == "p_role_name must not contain control characters");
  CHECK(error_of(p, Value::text("\xFF")) == "p_role_name is not valid UTF-8");
  CHECK(error_of(p, Value::text(" a")) == "p_role_name must not begin or end with a space");
  CHECK(error_of(p, Value::text(std::string(255, 'a'))) == "");
  CHECK(error_of(p, Value::text(std::string(256, 'a'))) == "p_role_name is longer than 255 characters");
  std::string e255, e256;
  for (int i = 0; i < 255; i++) e255 += "\xC3\xA9";
  e256 = e255 + "\xC3\xA9";
  CHECK(error_of(p, Value::text(e255)) == "");
  CHECK(error_of(p, Value::text(e256)) == "p_role_name is longer than 255 characters");
}

TEST_CASE("check_name is the rule every model name follows", "[args]") {
  auto err = [](const std::string& s) {
    try {
      check_name("p_new_name", s);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(err("ok name") == "");
  CHECK(err("") == "p_new_name must not be empty");
  CHECK(err("a\x7F") == "p_new_name must not contain control characters");
  CHECK(err("a\xC2\x85") == "p_new_name must not contain control characters");
  CHECK(err("a\t") == "p_new_name must not contain control characters");
  CHECK(err("a ") == "p_new_name must not begin or end with a space");
  CHECK(err("\xED\xA0\x80") == "p_new_name is not valid UTF-8");
}

TEST_CASE("Text: at most max_chars characters (4000 by default), no NUL", "[args]") {
  ParamSpec p{"label", ParamType::Text};
  CHECK(check_param(p, Value::text("line one\nline two\ttab")).s == "line one\nline two\ttab");
  CHECK(error_of(p, Value::text(std::string(4000, 'x'))) == "");
  CHECK(error_of(p, Value::text(std::string(4001, 'x'))) == "p_label is longer than 4000 characters");
  CHECK(error_of(p, Value::text(std::string("a\0", 2))) == "p_label must not contain a NUL character");
  CHECK(error_of(p, Value::text("\xC0\xAF")) == "p_label is not valid UTF-8");
  CHECK(error_of(p, Value::integer(5)) == "p_label must be text, not integer");
  CHECK(error_of(p, Value::blob("x")) == "p_label must be text, not blob");
  ParamSpec small{"note", ParamType::Text, false, 3};
  CHECK(error_of(small, Value::text("\xC3\xA9\xC3\xA9\xC3\xA9")) == "");
  CHECK(error_of(small, Value::text("abcd")) == "p_note is longer than 3 characters");
}

TEST_CASE("Int: integers, and reals that are whole numbers", "[args]") {
  ParamSpec p{"items_per_page", ParamType::Int};
  CHECK(check_param(p, Value::integer(-7)).i == -7);
  Value whole = check_param(p, Value::real(7.0));
  CHECK(whole.kind == Value::Kind::Int);
  CHECK(whole.i == 7);
  CHECK(error_of(p, Value::real(2.5)) == "p_items_per_page must be a whole number, not real");
  CHECK(error_of(p, Value::real(1e300)) == "p_items_per_page must be a whole number, not real");
  CHECK(error_of(p, Value::real(std::numeric_limits<double>::infinity())) != "");
  CHECK(error_of(p, Value::real(std::nan(""))) != "");
  CHECK(error_of(p, Value::text("10")) == "p_items_per_page must be a whole number, not text");
  CHECK(error_of(p, Value::blob("\x0a")) == "p_items_per_page must be a whole number, not blob");
  CHECK(error_of(p, Value::boolean(true)) == "p_items_per_page must be a whole number, not boolean");
}

TEST_CASE("Bool: 0/1, true/false, 'TRUE'/'FALSE' in any case", "[args]") {
  ParamSpec p{"enabled", ParamType::Bool};
  CHECK(check_param(p, Value::integer(1)).i == 1);
  CHECK(check_param(p, Value::integer(0)).i == 0);
  CHECK(check_param(p, Value::boolean(true)).kind == Value::Kind::Bool);
  CHECK(check_param(p, Value::text("true")).i == 1);
  CHECK(check_param(p, Value::text("FALSE")).i == 0);
  CHECK(check_param(p, Value::text("True")).i == 1);
  const std::string msg = "p_enabled must be TRUE or FALSE (1/0, true/false)";
  CHECK(error_of(p, Value::integer(2)) == msg);
  CHECK(error_of(p, Value::integer(-1)) == msg);
  CHECK(error_of(p, Value::text("yes")) == msg);
  CHECK(error_of(p, Value::text(" true")) == msg);
  CHECK(check_param(p, Value::real(1.0)).i == 1);  // a whole-number real (better-sqlite3 binds REAL)
  CHECK(check_param(p, Value::real(0.0)).i == 0);
  CHECK(error_of(p, Value::real(1.5)) == msg);
  CHECK(error_of(p, Value::blob("\x01")) == msg);
}

TEST_CASE("List: comma-separated text or an array of text; items are names", "[args]") {
  ParamSpec p{"roles", ParamType::List};
  Value a = check_param(p, Value::text(" r1, r2 ,,r1"));
  REQUIRE(a.kind == Value::Kind::Array);
  REQUIRE(a.items.size() == 2);
  CHECK(a.items[0].s == "r1");
  CHECK(a.items[1].s == "r2");
  Value b = check_param(p, array({Value::text("a,b"), Value::text("c")}));
  REQUIRE(b.items.size() == 2);
  CHECK(b.items[0].s == "a,b");  // a JSON item is one name, commas and all
  CHECK(check_param(p, Value::text(" , ")).items.empty());
  CHECK(check_param(p, array({})).items.empty());
  CHECK(error_of(p, array({Value::integer(1)})) == "p_roles items must be text");
  CHECK(error_of(p, array({array({Value::text("x")})})) == "p_roles items must be text");
  CHECK(error_of(p, Value::integer(7)) == "p_roles must be comma-separated text or a JSON array, not integer");
  CHECK(error_of(p, Value::blob("r1")) == "p_roles must be comma-separated text or a JSON array, not blob");
  CHECK(error_of(p, Value::text(std::string("r1\0", 3))) == "p_roles must not contain a NUL character");
  CHECK(error_of(p, Value::text("r1,\xFF")) == "p_roles is not valid UTF-8");
  CHECK(error_of(p, Value::text("r1,a\x1B")) == "p_roles must not contain control characters");
  CHECK(error_of(p, Value::text("r1," + std::string(256, 'r'))) == "p_roles is longer than 255 characters");
  CHECK(error_of(p, Value::text(std::string(65537, 'a'))) == "p_roles is longer than 65536 bytes");
  std::vector<Value> many(1001, Value::text("r"));
  CHECK(error_of(p, array(many)) == "p_roles has more than 1000 items");
}

TEST_CASE("Object, Blob and Json parameters", "[args]") {
  ParamSpec obj{"client_key", ParamType::Object};
  CHECK(check_param(obj, object({{"id", Value::integer(7)}})).members.size() == 1);
  CHECK(error_of(obj, Value::text("{\"id\":7}")) == "p_client_key must be a JSON object");  // host parses first
  CHECK(error_of(obj, array({})) == "p_client_key must be a JSON object");
  CHECK(error_of(obj, Value::integer(7)) == "p_client_key must be a JSON object");

  ParamSpec blob{"logo", ParamType::Blob};
  CHECK(check_param(blob, Value::blob(std::string("\x89PNG\0", 5))).s.size() == 5);
  CHECK(error_of(blob, Value::text("png")) == "p_logo must be a blob, not text");
  CHECK(error_of(blob, Value::integer(1)) == "p_logo must be a blob, not integer");
  CHECK(error_of(blob, Value::blob(std::string((1u << 20) + 1, 'x'))) == "p_logo is larger than 1048576 bytes");
  ParamSpec small_blob{"logo", ParamType::Blob, false, 4};
  CHECK(error_of(small_blob, Value::blob("12345")) == "p_logo is larger than 4 bytes");

  ParamSpec json{"jwks", ParamType::Json};
  CHECK(check_param(json, Value::text("{\"keys\":[]}")).s == "{\"keys\":[]}");
  CHECK(check_param(json, object({})).kind == Value::Kind::Object);
  CHECK(check_param(json, Value::integer(3)).i == 3);
  CHECK(error_of(json, Value::text(std::string((1u << 20) + 1, ' '))) == "p_jwks is larger than 1048576 bytes");
}

TEST_CASE("normalize_param_name: p_ prefix optional, any case", "[args]") {
  CHECK(normalize_param_name("p_role_name") == "role_name");
  CHECK(normalize_param_name("ROLE_NAME") == "role_name");
  CHECK(normalize_param_name("P_Role_Name") == "role_name");
  CHECK(normalize_param_name("p_p_role_name") == "p_role_name");  // one prefix only
  CHECK(normalize_param_name("p_") == "p_");
  CHECK(normalize_param_name("") == "");
}

TEST_CASE("positional binding: order, trailing defaults, counts", "[args]") {
  Args all = bind_positional(kSpec, {Value::text("n"), Value::integer(3), Value::integer(1)});
  CHECK(all.name("name") == "n");
  CHECK(all.opt_int("count") == 3);
  CHECK(all.boolean("flag", false));
  CHECK(all.given("flag"));

  Args some = bind_positional(kSpec, {Value::text("n")});
  CHECK_FALSE(some.has("count"));
  CHECK_FALSE(some.given("count"));
  CHECK(some.boolean("flag", true));
  CHECK_FALSE(some.has("extra"));  // named-only parameters are not positional

  Args nulls = bind_positional(kSpec, {Value::text("n"), Value::null()});
  CHECK(nulls.given("count"));  // written as NULL: given, not present
  CHECK_FALSE(nulls.has("count"));

  CHECK(bind_error({}) == "p_name must not be NULL");
  CHECK(bind_error({Value::null(), Value::integer(1)}) == "p_name must not be NULL");
  CHECK(bind_error({Value::text("n"), Value::text("x")}) == "p_count must be a whole number, not text");
  CHECK(bind_error({Value::text("n"), Value::null(), Value::null(), Value::null()}) ==
        "takes at most 3 arguments, got 4");
}

TEST_CASE("positional shapes pick the parameter order by argument count", "[args]") {
  FnSpec spec{"g",
              {{"a", ParamType::Name, true}, {"b", ParamType::Int}},
              {{"c", ParamType::Text}},
              FnKind::Writer,
              no_handler,
              false,
              {{"a", "c", "b"}}};
  Args two = bind_positional(spec, {Value::text("x"), Value::integer(2)});
  CHECK(two.opt_int("b") == 2);
  Args three = bind_positional(spec, {Value::text("x"), Value::text("see"), Value::integer(3)});
  CHECK(three.opt_text("c").value_or(SecretText()) == "see");
  CHECK(three.opt_int("b") == 3);
  try {
    bind_positional(spec, {Value::text("x"), Value::null(), Value::null(), Value::null()});
    FAIL("four arguments were accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "takes at most 2 or 3 arguments, got 4");
  }
}

TEST_CASE("named binding: keys with or without p_, any case; unknown and repeated keys refused", "[args]") {
  Args a = bind_named(kSpec, object({{"P_NAME", Value::text("n")}, {"Count", Value::integer(2)},
                                     {"p_extra", Value::text("e")}, {"schema", Value::text("hr")}}));
  CHECK(a.name("name") == "n");
  CHECK(a.opt_int("count") == 2);
  CHECK(a.opt_text("extra").value_or(SecretText()) == "e");
  CHECK(a.name("schema") == "hr");
  CHECK(a.given("count"));
  CHECK_FALSE(a.given("flag"));

  Args n = bind_named(kSpec, object({{"name", Value::text("n")}, {"count", Value::null()}}));
  CHECK(n.given("count"));
  CHECK_FALSE(n.has("count"));

  CHECK(named_error(object({{"name", Value::text("n")}, {"bogus", Value::integer(1)}})) ==
        "unknown parameter \"bogus\"");
  CHECK(named_error(object({{"name", Value::text("n")}, {"p_name", Value::text("m")}})) ==
        "parameter p_name is given twice");
  CHECK(named_error(object({{"name", Value::text("n")}, {"name", Value::text("m")}})) ==
        "parameter p_name is given twice");
  CHECK(named_error(object({})) == "p_name must not be NULL");
  CHECK(named_error(object({{"name", Value::text("n")}, {"schema", Value::integer(1)}})) ==
        "p_schema must be text, not integer");
  // An unknown key that is not printable is not echoed.
  CHECK(named_error(object({{"a\nb", Value::integer(1)}})) == "unknown parameter \"?\"");
  CHECK(named_error(object({{std::string(65, 'k'), Value::integer(1)}})) == "unknown parameter \"?\"");
  CHECK(named_error(object({{"\xFF", Value::integer(1)}})) == "unknown parameter \"?\"");
  // Nor is anything that does not look like a parameter name: it may be a value put in the wrong
  // place, a secret even (a generated secret has "..", a hash is 64 characters).
  CHECK(named_error(object({{"chosen-secret-value-42", Value::integer(1)}})) == "unknown parameter \"?\"");
  CHECK(named_error(object({{"0123456789abcdef0123456789abcdef0", Value::integer(1)}})) == "unknown parameter \"?\"");
  CHECK(named_error(object({{"q7Yv3Rk9wT2mXb8LpZs4Nw..", Value::integer(1)}})) == "unknown parameter \"?\"");
  CHECK(named_error(object({{"", Value::integer(1)}})) == "unknown parameter \"?\"");
  CHECK(named_error(object({{"p_Include_Security_Definitions", Value::integer(1)}})) ==
        "unknown parameter \"p_Include_Security_Definitions\"");
}

TEST_CASE("Args accessors", "[args]") {
  Args a;
  a.set("name", Value::text("n"));
  a.set("none", Value::null(), false);
  a.set("list", array({Value::text("x"), Value::text("y")}));
  CHECK(a.has("name"));
  CHECK_FALSE(a.has("none"));
  CHECK_FALSE(a.has("missing"));
  CHECK(a.get("missing").is_null());
  CHECK(a.opt_text("none") == std::nullopt);
  CHECK(a.opt_list("list") == std::vector<std::string>{"x", "y"});
  CHECK(a.object("none") == nullptr);
  CHECK_THROWS_WITH(a.name("none"), "p_none must not be NULL");
  CHECK_THROWS_AS(a.name("missing"), Error);
}

TEST_CASE("through SQL: messages start with the function's name; codes are SQLite's", "[args][host]") {
  DbFixture f;
  CHECK(f.one("select create_role(1)") == "ERROR: create_role: p_role_name must be text, not integer");
  CHECK(f.one("select create_role('{bad')") == "ERROR: create_role: the named-argument object is not valid JSON");
  CHECK(f.one("select define_privilege('p', '[\"r\\u0000\"]')") ==
        "ERROR: define_privilege: p_roles must not contain a NUL character");
  CHECK(f.one("select create_role('r')") == "NULL");
  CHECK(f.one("select create_role('r')") == "ERROR: create_role: p_role_name: role \"r\" already exists");
  CHECK(sqlite3_errcode(f.db) == SQLITE_CONSTRAINT);
  CHECK(f.one("select create_role(NULL)") == "ERROR: create_role: p_role_name must not be NULL");
  CHECK(sqlite3_errcode(f.db) == SQLITE_ERROR);
  // Positional and named calls reach the same state.
  CHECK(f.one("select create_role(json_object('p_role_name', 'r2'))") == "NULL");
  CHECK(f.one("select group_concat(name, ',') from (select name from user_ords_roles order by id)") == "r,r2");
}

// check_param accepts plain text without building the parameter's name (ISSUE 14); every value
// on either side of each text and name rule must still get the generic answer.
TEST_CASE("check_param: text and name rules at each boundary", "[args]") {
  const ParamSpec name{"role_name", ParamType::Name};
  const ParamSpec text{"description", ParamType::Text};
  const ParamSpec short_text{"label", ParamType::Text, false, 3};
  auto err = [](const ParamSpec& p, const std::string& s) { return error_of(p, Value::text(SecretText(s))); };
  CHECK(err(name, "ok name") == "");
  CHECK(err(name, std::string(255, 'n')) == "");
  CHECK(err(name, "caf\xc3\xa9") == "");
  CHECK(err(name, "") == "p_role_name must not be empty");
  CHECK(err(name, " lead") == "p_role_name must not begin or end with a space");
  CHECK(err(name, "trail ") == "p_role_name must not begin or end with a space");
  CHECK(err(name, "\ttab") == "p_role_name must not contain control characters");
  CHECK(err(name, "del\x7f") == "p_role_name must not contain control characters");
  CHECK(err(name, "c1\xc2\x85") == "p_role_name must not contain control characters");
  CHECK(err(name, std::string(256, 'n')) == "p_role_name is longer than 255 characters");
  CHECK(err(name, "bad\xff") == "p_role_name is not valid UTF-8");
  CHECK(err(name, std::string("a\0b", 3)) == "p_role_name must not contain control characters");
  CHECK(err(text, std::string(4000, 't')) == "");
  CHECK(err(text, " spaces and\ttabs ") == "");
  CHECK(err(text, std::string(4001, 't')) == "p_description is longer than 4000 characters");
  CHECK(err(text, std::string("a\0b", 3)) == "p_description must not contain a NUL character");
  CHECK(err(text, "bad\xc3") == "p_description is not valid UTF-8");
  CHECK(err(short_text, "\xc3\xa9\xc3\xa9\xc3\xa9") == "");  // three characters, six bytes
  CHECK(err(short_text, "abcd") == "p_label is longer than 3 characters");
  CHECK(error_of(name, Value::integer(3)) == "p_role_name must be text, not integer");
  CHECK(error_of(text, Value::blob(SecretText("x"))) == "p_description must be text, not blob");
  Value ok = check_param(text, Value::json_text(SecretText("{\"a\":1}")));
  CHECK(ok.kind == Value::Kind::Text);
  CHECK_FALSE(ok.json);
  CHECK(std::string_view(ok.s) == "{\"a\":1}");
}
