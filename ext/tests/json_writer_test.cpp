// json_writer_test.cpp: the JSON writer of results (core/json_writer): escaping per RFC 8259,
// commas between members and items however they nest, and that what it writes reads back as the
// same value through the project's one JSON reader (core/json_reader).
#include <catch2/catch.hpp>

#include <string>

#include "../core/json_reader.hpp"
#include "../core/json_writer.hpp"

using namespace ords;

TEST_CASE("json writer: escapes what RFC 8259 requires and nothing else", "[json][writer]") {
  CHECK(JsonWriter::quote("plain") == "\"plain\"");
  CHECK(JsonWriter::quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(JsonWriter::quote("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(JsonWriter::quote(std::string("\x01\x1f", 2)) == "\"\\u0001\\u001f\"");
  CHECK(JsonWriter::quote("/ é €") == "\"/ é €\"");  // '/' and UTF-8 stay as they are
  CHECK(JsonWriter::quote("") == "\"\"");
}

TEST_CASE("json writer: commas between members and items, however they nest", "[json][writer]") {
  JsonWriter w;
  w.begin_object()
      .kv("a", int64_t{1})
      .kv("b", "x")
      .kv_bool("c", true)
      .kv_null("d")
      .key("e")
      .begin_array()
      .num(1)
      .str("two")
      .begin_object()
      .end_object()
      .begin_array()
      .end_array()
      .null()
      .end_array()
      .key("f")
      .raw("{\"g\":[1,2]}")
      .end_object();
  CHECK(std::string(w.text()) ==
        "{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":null,\"e\":[1,\"two\",{},[],null],\"f\":{\"g\":[1,2]}}");
}

TEST_CASE("json writer: what it writes reads back as the same values", "[json][writer]") {
  const std::string hostile = std::string("q\"uote\\ back\nline\x7f tab\t ") + "\xc3\xa9";
  JsonWriter w;
  w.begin_object().kv("text", hostile).kv("n", int64_t{-9007199254740993}).kv(hostile, "as a key").end_object();
  Value v = json::parse(w.text(), "the written JSON");
  REQUIRE(v.kind == Value::Kind::Object);
  REQUIRE(v.members.size() == 3);
  CHECK(v.members[0].second.s == hostile);
  CHECK(v.members[1].second.kind == Value::Kind::Int);
  CHECK(v.members[1].second.i == -9007199254740993);
  CHECK(v.members[2].first == hostile);
}

TEST_CASE("json writer: a large answer grows its buffer without losing text", "[json][writer]") {
  JsonWriter w;
  w.begin_array();
  for (int i = 0; i < 5000; i++) w.str("item-" + std::to_string(i));
  w.end_array();
  Value v = json::parse(w.text(), "the written JSON");
  REQUIRE(v.items.size() == 5000);
  CHECK(v.items[4999].s == "item-4999");
}

// append_escaped scans eight bytes at a time while none needs an escape: every byte value, at
// every offset within a word, in strings of every length up to 40, against a byte-by-byte escape.
TEST_CASE("json writer: the word-at-a-time scan escapes every byte as the plain loop does", "[json][writer]") {
  auto plain = [](std::string_view s) {
    std::string o;
    for (unsigned char c : s) {
      if (c == '"') o += "\\\"";
      else if (c == '\\') o += "\\\\";
      else if (c == '\n') o += "\\n";
      else if (c == '\r') o += "\\r";
      else if (c == '\t') o += "\\t";
      else if (c == '\b') o += "\\b";
      else if (c == '\f') o += "\\f";
      else if (c < 0x20) {
        static const char kHex[] = "0123456789abcdef";
        o += "\\u00";
        o += kHex[c >> 4];
        o += kHex[c & 15];
      } else o += static_cast<char>(c);
    }
    return o;
  };
  size_t checked = 0;
  for (size_t len = 1; len <= 40; len++)
    for (size_t at = 0; at < len; at++)
      for (int b = 0; b < 256; b++) {
        std::string s(len, 'a');
        s[at] = static_cast<char>(b);
        if (len > 20) s[len - 1 - at / 2] = static_cast<char>(255 - b);  // a second byte elsewhere
        SecretText o;
        JsonWriter::append_escaped(o, s);
        if (std::string(o.data(), o.size()) != plain(s)) {
          FAIL("escape differs, length " << len << " offset " << at << " byte " << b);
        }
        checked++;
      }
  CHECK(checked == 256 * 820);
}
