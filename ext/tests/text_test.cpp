// text_test.cpp: core/text, the checks every caller-supplied text goes through: UTF-8 validity
// (overlong forms, surrogates, out of range, truncation), character counts, control characters
// (C0, DEL, C1), list splitting, trimming and ASCII case mapping.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../core/text.hpp"

using namespace ords;

namespace {
std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s += static_cast<char>(c);
  return s;
}
}  // namespace

TEST_CASE("valid_utf8 accepts well-formed UTF-8 of every width", "[text]") {
  CHECK(text::valid_utf8(""));
  CHECK(text::valid_utf8("plain ascii"));
  CHECK(text::valid_utf8("\xC3\xA9"));              // é, U+00E9
  CHECK(text::valid_utf8("\xE2\x82\xAC"));          // €, U+20AC
  CHECK(text::valid_utf8("\xF0\x9D\x84\x9E"));      // 𝄞, U+1D11E
  CHECK(text::valid_utf8("\xEF\xBF\xBF"));          // U+FFFF
  CHECK(text::valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
  CHECK(text::valid_utf8("\xED\x9F\xBF"));          // U+D7FF, just below the surrogates
  CHECK(text::valid_utf8("\xEE\x80\x80"));          // U+E000, just above them
  CHECK(text::valid_utf8(std::string("a\0b", 3)));  // NUL is valid UTF-8 (refused elsewhere)
}

TEST_CASE("valid_utf8 refuses every malformed sequence", "[text]") {
  CHECK_FALSE(text::valid_utf8(bytes({0xFF})));
  CHECK_FALSE(text::valid_utf8(bytes({0xFE})));
  CHECK_FALSE(text::valid_utf8(bytes({0x80})));                    // lone continuation byte
  CHECK_FALSE(text::valid_utf8(bytes({'a', 0xBF, 'b'})));
  CHECK_FALSE(text::valid_utf8(bytes({0xC0, 0xAF})));              // overlong "/"
  CHECK_FALSE(text::valid_utf8(bytes({0xC1, 0xBF})));              // overlong
  CHECK_FALSE(text::valid_utf8(bytes({0xE0, 0x80, 0xAF})));        // overlong, 3 bytes
  CHECK_FALSE(text::valid_utf8(bytes({0xE0, 0x9F, 0xBF})));        // overlong U+07FF
  CHECK_FALSE(text::valid_utf8(bytes({0xF0, 0x80, 0x80, 0xAF})));  // overlong, 4 bytes
  CHECK_FALSE(text::valid_utf8(bytes({0xF0, 0x8F, 0xBF, 0xBF})));  // overlong U+FFFF
  CHECK_FALSE(text::valid_utf8(bytes({0xED, 0xA0, 0x80})));        // U+D800, a surrogate
  CHECK_FALSE(text::valid_utf8(bytes({0xED, 0xBF, 0xBF})));        // U+DFFF
  CHECK_FALSE(text::valid_utf8(bytes({0xF4, 0x90, 0x80, 0x80})));  // U+110000
  CHECK_FALSE(text::valid_utf8(bytes({0xF5, 0x80, 0x80, 0x80})));  // lead byte above F4
  CHECK_FALSE(text::valid_utf8(bytes({0xE2, 0x82})));              // truncated
  CHECK_FALSE(text::valid_utf8(bytes({'a', 0xF0, 0x9D, 0x84})));   // truncated at the end
  CHECK_FALSE(text::valid_utf8(bytes({0xC3, 'a'})));               // continuation missing
  CHECK_FALSE(text::valid_utf8(bytes({0xE2, 0x82, 0x41})));
}

TEST_CASE("char_count counts code points, not bytes", "[text]") {
  CHECK(text::char_count("") == 0);
  CHECK(text::char_count("abc") == 3);
  CHECK(text::char_count("\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E") == 3);
  std::string e255;
  for (int i = 0; i < 255; i++) e255 += "\xC3\xA9";
  CHECK(e255.size() == 510);
  CHECK(text::char_count(e255) == 255);
}

TEST_CASE("has_control finds C0, DEL and C1 controls and nothing else", "[text]") {
  CHECK_FALSE(text::has_control(""));
  CHECK_FALSE(text::has_control("a b ~ \xC3\xA9"));
  CHECK_FALSE(text::has_control("\xC2\xA0"));           // U+00A0 no-break space: not a control
  CHECK_FALSE(text::has_control("\xE2\x80\xA8"));       // U+2028 line separator: a format char
  CHECK(text::has_control(std::string("a\0b", 3)));
  CHECK(text::has_control("a\tb"));
  CHECK(text::has_control("a\nb"));
  CHECK(text::has_control("a\rb"));
  CHECK(text::has_control("\x1B[31m"));                 // ESC
  CHECK(text::has_control("\x1F"));
  CHECK(text::has_control("a\x7F"));                    // DEL
  CHECK(text::has_control("a\xC2\x80"));                // U+0080
  CHECK(text::has_control("a\xC2\x85"));                // U+0085 next line
  CHECK(text::has_control("a\xC2\x9F"));                // U+009F
}

TEST_CASE("split_list trims items, drops empty ones and keeps order", "[text]") {
  using V = std::vector<std::string>;
  CHECK(text::split_list("") == V{});
  CHECK(text::split_list(" , ,\t") == V{});
  CHECK(text::split_list("a") == V{"a"});
  CHECK(text::split_list("a,b") == V{"a", "b"});
  CHECK(text::split_list(" a , b ,,c\t") == V{"a", "b", "c"});
  CHECK(text::split_list("a b, c") == V{"a b", "c"});
  CHECK(text::split_list("b,a,b") == V{"b", "a", "b"});  // repeats are the caller's business
  CHECK(text::split_list(",x,") == V{"x"});
}

TEST_CASE("trim and ASCII case mapping", "[text]") {
  CHECK(text::trim("  a b\t") == "a b");
  CHECK(text::trim("\t\t") == "");
  CHECK(text::trim("a\n") == "a\n");  // only spaces and tabs
  CHECK(text::lower("Role_NAME") == "role_name");
  CHECK(text::upper("hr$1#x") == "HR$1#X");
  CHECK(text::upper("\xC3\xA9t\xC3\xA9") == "\xC3\xA9T\xC3\xA9");  // non-ASCII bytes untouched
}
