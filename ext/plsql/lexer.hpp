// lexer.hpp: the tokens of an ORDS script (SQL*Plus / SQLcl text holding PL/SQL blocks).
//
// The whole script is tokenized before anything is parsed. Identifiers are case-insensitive
// (`upper` holds the folded form; "quoted" identifiers keep their case); string literals keep
// their case and their doubled quotes are undone; `--` and `/* */` comments are dropped. Two
// SQL*Plus forms are line-oriented and become one token each: a line holding only `/` (Slash:
// run the block before it) and a line starting with SET, PROMPT, REM or REMARK (Directive, with
// the rest of the line as its text). Every token carries its 1-based line and the exact source
// text it came from (queries are handed on as written).
#pragma once
#include <string>
#include <vector>

namespace ords::plsql {

enum class Tok { Ident, QuotedIdent, String, Number, Symbol, Slash, Directive, End };

struct Token {
  Tok kind = Tok::End;
  std::string upper;  // Ident: upper-cased; QuotedIdent: as written; Symbol: the symbol; Directive: the word
  std::string value;  // String: the literal's value; Directive: the rest of the line; Number: the digits
  std::string raw;    // the source text
  int line = 0;
};

// Throws Error("line N: ...") on an unterminated string, quoted identifier or comment, a NUL,
// or a character no script uses.
std::vector<Token> tokenize(const std::string& script);

}  // namespace ords::plsql
