// lexer.cpp: see lexer.hpp.
#include "lexer.hpp"

#include <cctype>

#include "../core/error.hpp"
#include "../core/text.hpp"

namespace ords::plsql {

namespace {

[[noreturn]] void fail(int line, const std::string& what) {
  throw Error("line " + std::to_string(line) + ": " + what);
}

bool ident_start(unsigned char c) { return std::isalpha(c) || c >= 0x80; }
bool ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c == '#' || c >= 0x80; }

// The SQL*Plus commands that take the rest of their line.
bool directive_word(const std::string& w) { return w == "SET" || w == "PROMPT" || w == "REM" || w == "REMARK"; }

}  // namespace

std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0, n = s.size();
  int line = 1;
  bool line_start = true;  // nothing but blanks since the last newline
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') { line++; i++; line_start = true; continue; }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') { i++; continue; }
    if (c == 0) fail(line, "a NUL character is not allowed in a script");
    // Comments.
    if (c == '-' && i + 1 < n && s[i + 1] == '-') {
      while (i < n && s[i] != '\n') i++;
      continue;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      int start = line;
      i += 2;
      while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) { if (s[i] == '\n') line++; i++; }
      if (i + 1 >= n) fail(start, "the comment /* is never closed");
      i += 2;
      continue;
    }
    Token t;
    t.line = line;
    size_t b = i;
    // A line holding only "/".
    if (c == '/' && line_start) {
      size_t j = i + 1;
      while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) j++;
      if (j >= n || s[j] == '\n') {
        t.kind = Tok::Slash;
        t.raw = "/";
        out.push_back(t);
        i = j;
        continue;
      }
    }
    bool was_line_start = line_start;
    line_start = false;
    if (ident_start(c)) {
      while (i < n && ident_char(static_cast<unsigned char>(s[i]))) i++;
      t.kind = Tok::Ident;
      t.raw = s.substr(b, i - b);
      t.upper = text::upper(t.raw);
      if (was_line_start && directive_word(t.upper) && (i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) {
        size_t e = i;
        while (e < n && s[e] != '\n') e++;
        t.kind = Tok::Directive;
        t.value = text::trim(s.substr(i, e - i));
        if (!t.value.empty() && t.value.back() == '\r') t.value.pop_back();
        t.raw = s.substr(b, e - b);
        i = e;
      }
      out.push_back(t);
      continue;
    }
    if (std::isdigit(c) || (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      while (i < n && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) i++;
      if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (s[j] == '+' || s[j] == '-')) j++;
        if (j < n && std::isdigit(static_cast<unsigned char>(s[j]))) {
          i = j;
          while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) i++;
        }
      }
      t.kind = Tok::Number;
      t.raw = t.value = s.substr(b, i - b);
      out.push_back(t);
      continue;
    }
    if (c == '\'' || ((c == 'q' || c == 'Q') && false)) {
      i++;
      std::string v;
      for (;;) {
        if (i >= n) fail(t.line, "a string literal is never closed");
        if (s[i] == '\'') {
          if (i + 1 < n && s[i + 1] == '\'') { v += '\''; i += 2; continue; }
          i++;
          break;
        }
        if (s[i] == '\n') line++;
        if (s[i] == 0) fail(line, "a NUL character is not allowed in a script");
        v += s[i++];
      }
      t.kind = Tok::String;
      t.value = v;
      t.raw = s.substr(b, i - b);
      out.push_back(t);
      continue;
    }
    if (c == '"') {
      i++;
      size_t e = s.find('"', i);
      if (e == std::string::npos || s.find('\n', i) < e) fail(t.line, "a quoted identifier is never closed");
      t.kind = Tok::QuotedIdent;
      t.upper = s.substr(i, e - i);
      if (t.upper.empty()) fail(t.line, "a quoted identifier must not be empty");
      t.raw = s.substr(b, e + 1 - b);
      i = e + 1;
      out.push_back(t);
      continue;
    }
    static const char* const kTwo[] = {":=", "=>", "||", "<=", ">=", "<>", "!=", ".."};
    t.kind = Tok::Symbol;
    bool two = false;
    if (i + 1 < n)
      for (const char* sym : kTwo)
        if (s[i] == sym[0] && s[i + 1] == sym[1]) { t.upper = sym; two = true; break; }
    if (two) {
      i += 2;
    } else if (std::string("();,.%=<>+-*/:@").find(static_cast<char>(c)) != std::string::npos) {
      t.upper = std::string(1, static_cast<char>(c));
      i++;
    } else {
      fail(line, "the character " + (std::isprint(c) ? "'" + std::string(1, static_cast<char>(c)) + "'"
                                                       : std::string("with code ") + std::to_string(c)) +
                     " is not part of the supported script language");
    }
    t.raw = t.upper;
    out.push_back(t);
  }
  Token end;
  end.kind = Tok::End;
  end.line = line;
  out.push_back(end);
  return out;
}

}  // namespace ords::plsql
