// json_reader_test.cpp: the one strict JSON reader (core/json_reader): values and nesting, member
// order, numbers (integer vs real), strings and escapes, UTF-8, and every refusal: duplicates,
// NUL (raw and escaped, nested), depth and size caps, RFC 8259 violations, hostile inputs.
#include <catch2/catch.hpp>

#include <string>

#include "../core/json_reader.hpp"

using namespace ords;

namespace {

std::string refusal(const std::string& text, json::Limits limits = {}) {
  try {
    json::parse(text, "p_x", limits);
  } catch (const json::ParseError& e) {
    return e.what();
  }
  return "";
}

json::Refusal why(const std::string& text, json::Limits limits = {}) {
  try {
    json::parse(text, "p_x", limits);
  } catch (const json::ParseError& e) {
    return e.why();
  }
  FAIL("parsed: " << text);
  return json::Refusal::NotJson;
}

}  // namespace

TEST_CASE("json reader: scalars, objects and arrays", "[json]") {
  CHECK(json::parse("null", "p").kind == Value::Kind::Null);
  CHECK(json::parse(" true ", "p").kind == Value::Kind::Bool);
  CHECK(json::parse("false", "p").i == 0);
  CHECK(json::parse("\"a\"", "p").s == "a");
  Value v = json::parse(R"({"b": 1, "a": [true, null, "x", {"c": {}}], "z": []})", "p");
  REQUIRE(v.kind == Value::Kind::Object);
  REQUIRE(v.members.size() == 3);
  CHECK(v.members[0].first == "b");  // order kept
  CHECK(v.members[1].first == "a");
  const Value& a = v.members[1].second;
  REQUIRE(a.kind == Value::Kind::Array);
  REQUIRE(a.items.size() == 4);
  CHECK(a.items[0].kind == Value::Kind::Bool);
  CHECK(a.items[1].kind == Value::Kind::Null);
  CHECK(a.items[2].s == "x");
  CHECK(a.items[3].members[0].second.kind == Value::Kind::Object);
  CHECK(v.members[2].second.kind == Value::Kind::Array);
  CHECK(v.members[2].second.items.empty());
  CHECK(json::parse("{}", "p").kind == Value::Kind::Object);
  CHECK(json::parse(" \t\r\n[ ] \n", "p").kind == Value::Kind::Array);
}

TEST_CASE("json reader: integers stay integers within int64, every other number is real", "[json]") {
  CHECK(json::parse("0", "p").kind == Value::Kind::Int);
  CHECK(json::parse("-0", "p").kind == Value::Kind::Int);
  CHECK(json::parse("42", "p").i == 42);
  CHECK(json::parse("-17", "p").i == -17);
  CHECK(json::parse("9223372036854775807", "p").i == INT64_MAX);
  CHECK(json::parse("-9223372036854775808", "p").i == INT64_MIN);
  Value big = json::parse("9223372036854775808", "p");
  CHECK(big.kind == Value::Kind::Real);
  CHECK(big.r == 9223372036854775808.0);
  CHECK(json::parse("1.0", "p").kind == Value::Kind::Real);
  CHECK(json::parse("1e3", "p").r == 1000.0);
  CHECK(json::parse("-2.5E-1", "p").r == -0.25);
  CHECK(json::parse("1.5", "p").r == 1.5);
  for (const char* bad : {"01", "-", "+1", ".5", "1.", "1e", "1e+", "0x10", "NaN", "Infinity", "-Infinity", "1_000"})
    CHECK(why(bad) == json::Refusal::NotJson);
  CHECK(why("1e400") == json::Refusal::NumberRange);
  CHECK(why("-1e400") == json::Refusal::NumberRange);
  CHECK(why("1e-400") == json::Refusal::NumberRange);
}

TEST_CASE("json reader: strings, escapes and UTF-8", "[json]") {
  CHECK(json::parse(R"("a\"b\\c\/d\b\f\n\r\t")", "p").s == "a\"b\\c/d\b\f\n\r\t");
  CHECK(json::parse(R"("\u0041\u00e9\u20ac")", "p").s == "A\xc3\xa9\xe2\x82\xac");
  CHECK(json::parse(R"("\uD834\uDD1E")", "p").s == "\xf0\x9d\x84\x9e");  // a surrogate pair
  CHECK(json::parse("\"\xc3\xa9\xf0\x9d\x84\x9e\"", "p").s == "\xc3\xa9\xf0\x9d\x84\x9e");
  CHECK(json::parse(R"("a\\u0000b")", "p").s == "a\\u0000b");  // an escaped backslash, then text
  // lone or unpaired surrogates stand for no character
  CHECK(why(R"("\ud800")") == json::Refusal::NotUtf8);
  CHECK(why(R"("\udc00")") == json::Refusal::NotUtf8);
  CHECK(why(R"("\ud800\u0041")") == json::Refusal::NotUtf8);
  CHECK(why(R"("\ud800x")") == json::Refusal::NotUtf8);
  // invalid UTF-8 anywhere: a lone continuation byte, an overlong form, an encoded surrogate, > U+10FFFF
  for (const char* bad : {"\"\x80\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "{\"\xff\": 1}"})
    CHECK(why(bad) == json::Refusal::NotUtf8);
  // raw control characters must be escaped; unknown escapes and short \u are not JSON
  for (const char* bad : {"\"a\nb\"", "\"a\tb\"", R"("\x41")", R"("\u12")", R"("\u12G4")", "\"abc", "\"abc\\"})
    CHECK(why(bad) == json::Refusal::NotJson);
}

TEST_CASE("json reader: a NUL is refused anywhere, raw or escaped, however deep", "[json]") {
  CHECK(refusal(R"({"secret": "abc\u0000def"})") == "p_x must not contain a NUL character");
  CHECK(why(R"({"a": {"b": ["x", "y\u0000"]}})") == json::Refusal::Nul);
  CHECK(why(R"({"ke\u0000y": 1})") == json::Refusal::Nul);
  CHECK(why(std::string("{\"a\": \"x\0y\"}", 12)) == json::Refusal::Nul);
  CHECK(why(std::string("{} \0", 4)) == json::Refusal::Nul);
}

TEST_CASE("json reader: a member named twice is refused, at every depth", "[json]") {
  CHECK(refusal(R"({"a": 1, "a": 2})") == "p_x names \"a\" twice");
  CHECK(why(R"({"a": 1, "\u0061": 2})") == json::Refusal::Duplicate);  // equal once unescaped
  CHECK(why(R"({"x": {"b": 1, "c": 2, "b": 3}})") == json::Refusal::Duplicate);
  CHECK(why(R"([{"a": 1}, {"a": 1, "a": 1}])") == json::Refusal::Duplicate);
  // the same name in different objects, or differing only in case, is fine
  CHECK(json::parse(R"([{"a": 1}, {"a": 2}, {"A": 3, "a": 4}])", "p").items.size() == 3);
  // a key that could be a secret is not echoed
  std::string secret = "RaFhM690PA6cN1ffpkNx3Q..";
  std::string msg = refusal("{\"" + secret + "\": 1, \"" + secret + "\": 2}");
  CHECK(msg == "p_x names a member twice");
  // many members: found without quadratic work
  std::string many = "{";
  for (int i = 0; i < 20000; i++) many += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
  CHECK(json::parse(many + "\"end\": 0}", "p").members.size() == 20001);
  CHECK(why(many + "\"k7\": 0}") == json::Refusal::Duplicate);
}

TEST_CASE("json reader: depth and size caps", "[json]") {
  std::string eight = "[[[[[[[[1]]]]]]]]";
  CHECK(json::parse(eight, "p").kind == Value::Kind::Array);
  CHECK(refusal("[" + eight + "]") == "p_x is nested too deeply");
  CHECK(why(R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}})") == json::Refusal::TooDeep);
  CHECK(json::parse(R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":1}}}}}}}})", "p").kind == Value::Kind::Object);
  // hostile nesting is refused at the cap, without recursing through it
  CHECK(why(std::string(500000, '[')) == json::Refusal::TooDeep);
  // size: checked before parsing, so even valid text over the cap is refused
  std::string big = "\"" + std::string((1u << 20) - 2, 'a') + "\"";
  CHECK(big.size() == (1u << 20));
  CHECK(json::parse(big, "p").s.size() == (1u << 20) - 2);
  CHECK(refusal(big + " ") == "p_x is larger than 1048576 bytes");
  CHECK(why(std::string(2u << 20, '[')) == json::Refusal::TooLarge);
  json::Limits small;
  small.max_bytes = 10;
  small.max_depth = 2;
  CHECK(why("[1,2,3,4,5,6]", small) == json::Refusal::TooLarge);
  CHECK(why("[[[1]]]", small) == json::Refusal::TooDeep);
  CHECK(json::parse("[[1]]", "p", small).kind == Value::Kind::Array);
}

TEST_CASE("json reader: what RFC 8259 does not allow is refused", "[json]") {
  for (const char* bad : {"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a': 1}", "{a: 1}", "[1 2]", "{\"a\" 1}",
                          "{\"a\":}", "// c\n{}", "{} /* c */", "{}{}", "[] x", "tru", "nul", "True", "[1]]",
                          "\"a\" \"b\"", "{,}", "[,1]", "{\"a\":1 \"b\":2}", "\xef\xbb\xbf{}"})
    CHECK(why(bad) == json::Refusal::NotJson);
  // the message never quotes the input
  CHECK(refusal("{\"secret\": RaFhM690PA6cN1ffpkNx3Q..}") == "p_x is not valid JSON");
}

TEST_CASE("json reader: starts_with looks past JSON whitespace only", "[json]") {
  CHECK(json::starts_with(" \n\t{", '{'));
  CHECK(json::starts_with("[1]", '['));
  CHECK_FALSE(json::starts_with("x{", '{'));
  CHECK_FALSE(json::starts_with("", '{'));
  CHECK_FALSE(json::starts_with("\v{", '{'));
}
