// parser.cpp: see parser.hpp. A recursive-descent parser over the token list (lexer.hpp).
#include "parser.hpp"

#include <algorithm>
#include <set>

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "lexer.hpp"

namespace ords::plsql {

namespace {

// A name from the script as an error shows it: quoted (withheld when secret-shaped), and cut to
// 64 bytes so that no message grows with the script.
std::string shown(std::string_view name) {
  if (name.size() > 64) {
    size_t cut = 61;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) cut--;
    return text::quote_input(std::string(name.substr(0, cut)) + "...");
  }
  return text::quote_input(name);
}

const std::map<std::string, std::set<std::string>>& packages() {
  static const std::set<std::string> kOrds = {
      "enable_schema", "create_role", "delete_role", "rename_role", "create_privilege", "define_privilege",
      "delete_privilege", "rename_privilege", "create_privilege_mapping", "delete_privilege_mapping",
      "define_module", "define_template", "define_handler", "define_parameter", "define_service", "enable_object",
      "delete_module", "set_module_privilege"};
  static const std::set<std::string> kOauth = {
      "create_client", "import_client", "update_client", "delete_client", "rename_client", "grant_client_role",
      "revoke_client_role", "update_client_secret", "update_client_privileges", "update_client_logo",
      "create_jwt_profile", "delete_jwt_profile"};
  static const std::set<std::string> kSecurity = {
      "register_client", "import_client", "register_client_secret", "grant_client_role", "revoke_client_role",
      "update_client", "update_client_logo", "update_client_privileges", "update_client_token_duration",
      "rename_client", "rotate_client_secret", "delete_client", "revoke_client_secrets", "revoke_client_secret",
      "create_jwt_profile", "delete_jwt_profile"};
  static const std::map<std::string, std::set<std::string>> all = {
      {"ORDS", kOrds},
      {"ORDS_ADMIN", kOrds},
      {"OAUTH", kOauth},
      {"OAUTH_ADMIN", kOauth},
      {"ORDS_SECURITY", kSecurity},
      {"ORDS_SECURITY_ADMIN", kSecurity},
      {"ORDS_EXPORT", {"export_oauth_client", "export_schema"}},
      {"ORDS_TYPES", {"oauth_client_key", "oauth_client_secret"}},
      {"DBMS_OUTPUT", {"put_line", "enable", "disable"}},
  };
  return all;
}

// Record fields, by record type.
const std::vector<std::string>& fields_of(VarType t) {
  static const std::vector<std::string> kCred = {"client_key", "client_secret"};
  static const std::vector<std::string> kKey = {"id", "name", "client_id"};
  static const std::vector<std::string> kSecret = {"secret", "slot", "issued_on", "stored"};
  static const std::vector<std::string> kNone;
  switch (t) {
    case VarType::Credentials: return kCred;
    case VarType::ClientKey: return kKey;
    case VarType::ClientSecret: return kSecret;
    default: return kNone;
  }
}

// SQL functions a query of the views may use (anything else could reach past the views).
bool sql_function_allowed(const std::string& f) {
  static const std::set<std::string> k = {"COUNT", "UPPER", "LOWER", "LENGTH", "SUBSTR", "COALESCE", "NVL",
                                          "TRIM", "MIN", "MAX", "SUM", "AVG", "INSTR", "ROUND", "ABS"};
  return k.count(f) > 0;
}

struct Scope {
  int depth;
  std::vector<VarDecl>* vars;
};

class Parser {
 public:
  Parser(std::vector<Token> toks, const Catalog& cat) : t_(std::move(toks)), cat_(cat) {}

  Script script() {
    Script s;
    while (peek().kind != Tok::End) {
      const Token& tok = peek();
      if (tok.kind == Tok::Slash) { pos_++; continue; }
      if (tok.kind == Tok::Directive) {
        pos_++;
        if (tok.upper == "PROMPT") {
          Stmt st;
          st.kind = Stmt::Kind::Prompt;
          st.line = tok.line;
          st.text = tok.value;
          s.items.push_back(std::move(st));
        }
        continue;  // SET ..., REM ...: nothing to do
      }
      if (tok.kind == Tok::Symbol && tok.upper == ";") { pos_++; continue; }
      if (is_word("DECLARE") || is_word("BEGIN")) {
        Stmt st;
        st.kind = Stmt::Kind::Block;
        st.line = tok.line;
        st.block = block(0);
        s.items.push_back(std::move(st));
        if (peek().kind == Tok::Slash) pos_++;
        continue;
      }
      if (is_word("EXEC") || is_word("EXECUTE")) {
        // SQL*Plus EXEC proc(...): a block of one call, ended by `;` or the end of its line.
        int line = tok.line;
        pos_++;
        auto b = std::make_unique<Block>();
        b->depth = 0;
        scopes_.push_back({0, &b->vars});
        Stmt call = statement_from_name();
        scopes_.pop_back();
        if (peek().kind == Tok::Symbol && peek().upper == ";") pos_++;
        b->body.push_back(std::move(call));
        Stmt st;
        st.kind = Stmt::Kind::Block;
        st.line = line;
        st.block = std::move(b);
        s.items.push_back(std::move(st));
        continue;
      }
      if (is_word("SELECT")) {
        Stmt st = query_stmt(/*in_block=*/false);
        s.items.push_back(std::move(st));
        continue;
      }
      if (is_word("COMMIT") || is_word("ROLLBACK")) {
        s.items.push_back(commit_or_rollback());
        continue;
      }
      unsupported(tok, "at the top of a script (a script holds PL/SQL blocks, queries of the ORDS views or dual, "
                       "COMMIT, ROLLBACK, EXEC and the SQL*Plus commands SET, PROMPT and REM)");
    }
    s.max_depth = max_depth_;
    return s;
  }

 private:
  std::vector<Token> t_;
  const Catalog& cat_;
  size_t pos_ = 0;
  std::vector<Scope> scopes_;
  int max_depth_ = 0;

  const Token& peek(size_t ahead = 0) const {
    size_t i = std::min(pos_ + ahead, t_.size() - 1);
    return t_[i];
  }
  const Token& next() {
    const Token& tok = t_[pos_];
    if (pos_ + 1 < t_.size()) pos_++;
    return tok;
  }
  bool is_word(const char* w, size_t ahead = 0) const {
    return peek(ahead).kind == Tok::Ident && peek(ahead).upper == w;
  }
  bool is_sym(const char* s, size_t ahead = 0) const {
    return peek(ahead).kind == Tok::Symbol && peek(ahead).upper == s;
  }

  static std::string describe(const Token& tok) {
    switch (tok.kind) {
      case Tok::End: return "the end of the script";
      case Tok::Slash: return "a line holding /";
      case Tok::String: return "a string literal";
      case Tok::Number: return "the number " + tok.raw.substr(0, 40);
      case Tok::Directive: return tok.upper;
      case Tok::Symbol: return "'" + tok.upper + "'";
      default: return shown(tok.upper);
    }
  }
  [[noreturn]] static void fail(int line, const std::string& what) {
    throw Error("line " + std::to_string(line) + ": " + what);
  }
  [[noreturn]] static void unsupported(const Token& tok, const std::string& where) {
    fail(tok.line, describe(tok) + " is not supported " + where);
  }
  void expect_sym(const char* s, const char* what) {
    if (!is_sym(s)) fail(peek().line, std::string("expected '") + s + "' " + what + ", found " + describe(peek()));
    pos_++;
  }
  std::string ident(const char* what) {
    if (peek().kind != Tok::Ident && peek().kind != Tok::QuotedIdent)
      fail(peek().line, std::string("expected ") + what + ", found " + describe(peek()));
    return next().upper;
  }

  Stmt commit_or_rollback() {
    Stmt st;
    st.line = peek().line;
    st.kind = is_word("COMMIT") ? Stmt::Kind::Commit : Stmt::Kind::Rollback;
    pos_++;
    if (is_word("WORK")) pos_++;
    if (is_word("TO") || is_word("SAVEPOINT")) unsupported(peek(), "after ROLLBACK (savepoints are not part of the subset)");
    expect_sym(";", st.kind == Stmt::Kind::Commit ? "after COMMIT" : "after ROLLBACK");
    return st;
  }

  // ---- blocks -----------------------------------------------------------------------------
  std::unique_ptr<Block> block(int depth) {
    auto b = std::make_unique<Block>();
    b->depth = depth;
    max_depth_ = std::max(max_depth_, depth + 1);
    if (depth > 32) fail(peek().line, "blocks are nested more than 32 deep");
    scopes_.push_back({depth, &b->vars});
    if (is_word("DECLARE")) {
      pos_++;
      while (!is_word("BEGIN")) {
        if (peek().kind == Tok::End) fail(peek().line, "DECLARE has no BEGIN");
        declaration(*b);
      }
    }
    if (!is_word("BEGIN")) fail(peek().line, "expected BEGIN, found " + describe(peek()));
    pos_++;
    while (!is_word("END")) {
      if (is_word("EXCEPTION")) unsupported(peek(), "(exception handlers are not part of the subset: a failing call stops the script)");
      if (peek().kind == Tok::End || peek().kind == Tok::Slash)
        fail(peek().line, "the block has no END (found " + describe(peek()) + ")");
      b->body.push_back(statement(depth));
    }
    pos_++;  // END
    if (peek().kind == Tok::Ident && !is_sym(";")) pos_++;  // END label
    expect_sym(";", "after END");
    scopes_.pop_back();
    return b;
  }

  void declaration(Block& b) {
    VarDecl d;
    d.line = peek().line;
    if (is_word("PROCEDURE") || is_word("FUNCTION") || is_word("CURSOR") || is_word("TYPE") || is_word("PRAGMA"))
      unsupported(peek(), "in DECLARE (only variables are part of the subset)");
    d.name = ident("a variable name");
    for (const auto& v : b.vars)
      if (v.name == d.name) fail(d.line, shown(d.name) + " is declared twice");
    if (is_word("CONSTANT")) pos_++;
    type_of(d);
    if (is_word("NOT") && is_word("NULL", 1)) pos_ += 2;
    if (is_sym(":=") || is_word("DEFAULT")) {
      pos_++;
      d.init = expr();
    }
    expect_sym(";", "after the declaration");
    b.vars.push_back(std::move(d));
  }

  void skip_parens() {  // (n), (n CHAR), (p, s)
    if (!is_sym("(")) return;
    pos_++;
    while (!is_sym(")")) {
      if (peek().kind == Tok::End) fail(peek().line, "the type's '(' is never closed");
      pos_++;
    }
    pos_++;
  }

  void type_of(VarDecl& d) {
    int line = peek().line;
    std::vector<std::string> chain{ident("a type")};
    while (is_sym(".")) { pos_++; chain.push_back(ident("a type name after '.'")); }
    if (chain.size() > 1 && chain[0] == "ORDS_METADATA") chain.erase(chain.begin());
    if (is_sym("%")) {
      pos_++;
      std::string what = ident("TYPE after '%'");
      if (what != "TYPE") fail(line, "%" + what + " is not supported (only %TYPE)");
      if (chain.size() == 1) {
        const VarDecl* v = find_var(chain[0]).first;
        if (!v) fail(line, shown(chain[0]) + " is not a declared variable (for %TYPE)");
        d.type = v->type;
        d.is_boolean = v->is_boolean;
        return;
      }
      if (chain.size() == 2) {
        auto it = cat_.find(text::lower(chain[0]));
        if (it == cat_.end())
          fail(line, shown(chain[0]) + " is not one of the ORDS views (for %TYPE)");
        std::string col = text::lower(chain[1]);
        if (std::find(it->second.begin(), it->second.end(), col) == it->second.end())
          fail(line, "the view " + it->first + " has no column " + shown(col));
        d.type = VarType::Scalar;
        return;
      }
      fail(line, "this %TYPE is not supported");
    }
    std::string name;
    for (size_t i = 0; i < chain.size(); i++) name += (i ? "." : "") + chain[i];
    static const std::set<std::string> kScalars = {"VARCHAR2", "VARCHAR", "CHAR", "NVARCHAR2", "NCHAR", "NUMBER",
                                                   "INTEGER", "INT", "PLS_INTEGER", "BINARY_INTEGER", "NATURAL",
                                                   "POSITIVE", "CLOB", "NCLOB", "BLOB", "RAW", "DATE", "LONG",
                                                   "TIMESTAMP", "SIMPLE_INTEGER", "FLOAT"};
    if (chain.size() == 1 && name == "BOOLEAN") { d.type = VarType::Scalar; d.is_boolean = true; return; }
    if (chain.size() == 1 && kScalars.count(name)) {
      d.type = VarType::Scalar;
      skip_parens();
      if (name == "TIMESTAMP" && is_word("WITH")) {
        pos_++;
        if (is_word("LOCAL")) pos_++;
        if (!is_word("TIME") || !is_word("ZONE", 1)) fail(peek().line, "expected TIME ZONE");
        pos_ += 2;
      }
      if (is_word("CHARACTER") && is_word("SET", 1)) unsupported(peek(), "in a declaration");
      return;
    }
    if (name == "ORDS_TYPES.T_CLIENT_CREDENTIALS") { d.type = VarType::Credentials; return; }
    if (name == "ORDS_TYPES.T_CLIENT_KEY") { d.type = VarType::ClientKey; return; }
    if (name == "ORDS_TYPES.T_CLIENT_SECRET") { d.type = VarType::ClientSecret; return; }
    if (name == "OWA.VC_ARR" || name == "OWA_UTIL.VC_ARR" || name == "DBMS_SQL.VARCHAR2_TABLE" ||
        name == "DBMS_SQL.VARCHAR2A" || name == "APEX_APPLICATION_GLOBAL.VC_ARR2" || name == "OWA.NC_ARR") {
      d.type = VarType::Table;
      return;
    }
    fail(line, "the type " + shown(name) + " is not supported (VARCHAR2, NUMBER, BOOLEAN, CLOB, BLOB, "
               "%TYPE, ords_types.t_client_credentials, t_client_key, t_client_secret and OWA.VC_ARR are)");
  }

  // ---- statements -------------------------------------------------------------------------
  Stmt statement(int depth) {
    const Token& tok = peek();
    Stmt st;
    st.line = tok.line;
    if (is_word("BEGIN") || is_word("DECLARE")) {
      st.kind = Stmt::Kind::Block;
      st.block = block(depth + 1);
      return st;
    }
    if (is_word("NULL") && is_sym(";", 1)) {
      pos_ += 2;
      st.kind = Stmt::Kind::Null;
      return st;
    }
    if (is_word("COMMIT") || is_word("ROLLBACK")) return commit_or_rollback();
    if (is_word("SELECT")) return query_stmt(true);
    if (tok.kind == Tok::Ident) {
      static const std::set<std::string> kNot = {"IF", "LOOP", "FOR", "WHILE", "CASE", "GOTO", "RETURN", "RAISE",
                                                 "EXIT", "CONTINUE", "INSERT", "UPDATE", "DELETE", "MERGE",
                                                 "EXECUTE", "OPEN", "FETCH", "CLOSE", "SAVEPOINT", "LOCK",
                                                 "CREATE", "DROP", "ALTER", "GRANT", "REVOKE", "TRUNCATE", "WITH"};
      if (kNot.count(tok.upper)) unsupported(tok, "in a script block (the subset has calls, assignments, SELECT INTO, "
                                                  "nested blocks, NULL, COMMIT and ROLLBACK)");
      Stmt s = statement_from_name();
      expect_sym(";", "after the statement");
      return s;
    }
    unsupported(tok, "at the start of a statement");
  }

  // A call (PKG.PROC(...), PKG.PROC) or an assignment (target := expr), without its `;`.
  Stmt statement_from_name() {
    Stmt st;
    st.line = peek().line;
    ExprPtr e = name_expr();
    if (e->kind == Expr::Kind::Call) {
      if (is_sym(":=")) fail(peek().line, "a call cannot be assigned to");
      st.kind = Stmt::Kind::Call;
      st.value = std::move(e);
      return st;
    }
    if (!is_sym(":=")) fail(peek().line, "expected ':=' after " + shown(e->ref.var) + ", found " + describe(peek()));
    pos_++;
    st.kind = Stmt::Kind::Assign;
    st.target = std::move(e->ref);
    st.value = expr();
    return st;
  }

  // ---- queries ------------------------------------------------------------------------------
  // Ends at `;` (consumed) or at a `/` line / end of text (top level).
  size_t query_end(bool in_block) const {
    size_t i = pos_;
    int depth = 0;
    while (i < t_.size()) {
      const Token& tok = t_[i];
      if (tok.kind == Tok::End || tok.kind == Tok::Slash || tok.kind == Tok::Directive) {
        if (in_block) fail(tok.line, "the SELECT statement is not ended by ';'");
        return i;
      }
      if (tok.kind == Tok::Symbol) {
        if (tok.upper == "(") depth++;
        if (tok.upper == ")") depth--;
        if (tok.upper == ";" && depth <= 0) return i;
      }
      i++;
    }
    return i;
  }

  Stmt query_stmt(bool in_block) {
    Stmt st;
    st.kind = Stmt::Kind::Query;
    st.line = peek().line;
    size_t end = query_end(in_block);
    auto q = std::make_unique<Query>();
    // Where are INTO and FROM (outside parentheses)?
    size_t into = 0, from = 0;
    int depth = 0;
    for (size_t i = pos_ + 1; i < end; i++) {
      const Token& tok = t_[i];
      if (tok.kind == Tok::Symbol && tok.upper == "(") depth++;
      if (tok.kind == Tok::Symbol && tok.upper == ")") depth--;
      if (depth == 0 && tok.kind == Tok::Ident) {
        if (tok.upper == "INTO" && !into && !from) into = i;
        if (tok.upper == "FROM" && !from) from = i;
      }
    }
    if (!from) fail(st.line, "the SELECT has no FROM (write FROM dual to select values)");
    if (in_block && !into) fail(st.line, "a SELECT inside a block needs INTO (as in PL/SQL)");
    bool dual = from + 1 < end && t_[from + 1].kind == Tok::Ident && t_[from + 1].upper == "DUAL";
    if (dual && from + 2 != end) {
      if (!(from + 2 < end && t_[from + 2].kind == Tok::Ident && t_[from + 2].upper == "WHERE"))
        unsupported(t_[from + 2], "after FROM dual");
      unsupported(t_[from + 2], "after FROM dual (a query of dual selects values)");
    }
    q->dual = dual;
    size_t list_end = into ? into : from;
    if (dual) {
      pos_++;  // SELECT
      while (pos_ < list_end) {
        size_t b = pos_;
        q->items.push_back(expr());
        std::string heading;
        if (is_word("AS")) pos_++;
        if (pos_ < list_end && (peek().kind == Tok::Ident || peek().kind == Tok::QuotedIdent) && !is_sym(",")) {
          heading = next().upper;
        } else {
          for (size_t i = b; i < pos_; i++) heading += t_[i].kind == Tok::String ? t_[i].raw : text::upper(t_[i].raw);
        }
        q->headings.push_back(heading);
        if (pos_ < list_end) expect_sym(",", "between the selected values");
      }
      if (pos_ != list_end) fail(peek().line, "unexpected " + describe(peek()) + " in the select list");
    } else {
      view_sql(*q, pos_, list_end, from, end);
    }
    if (into) {
      pos_ = into + 1;
      for (;;) {
        if (peek().kind != Tok::Ident) fail(peek().line, "expected a variable after INTO, found " + describe(peek()));
        ExprPtr e = name_expr();
        if (e->kind != Expr::Kind::Ref) fail(e->line, "INTO needs variables, not a call");
        q->into.push_back(std::move(e->ref));
        if (!is_sym(",")) break;
        pos_++;
      }
      if (pos_ != from) fail(peek().line, "unexpected " + describe(peek()) + " after INTO");
      size_t n = dual ? q->items.size() : 0;
      if (dual && q->into.size() != n)
        fail(st.line, "INTO names " + std::to_string(q->into.size()) + " variables for " + std::to_string(n) + " values");
    }
    pos_ = end;
    if (is_sym(";")) pos_++;
    st.query = std::move(q);
    return st;
  }

  // The SQL of a query of the views: the tokens as written, without INTO, with each variable
  // replaced by a bound parameter. Refuses anything that could read past the views: a table that
  // is not a view of the catalog, a qualified name, a subquery, a function outside a small set.
  void view_sql(Query& q, size_t select, size_t list_end, size_t from, size_t end) {
    // Tables and aliases.
    std::set<std::string> tables, aliases, columns;
    bool in_from = false;
    bool expect_table = false;
    static const std::set<std::string> kEndFrom = {"WHERE", "GROUP", "ORDER", "HAVING", "ON", "UNION", "FETCH",
                                                   "LIMIT", "INTERSECT", "MINUS", "EXCEPT", "USING"};
    static const std::set<std::string> kJoinWords = {"JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS",
                                                     "NATURAL"};
    for (size_t i = from; i < end; i++) {
      const Token& tok = t_[i];
      if (tok.kind == Tok::Ident && tok.upper == "FROM") { in_from = expect_table = true; continue; }
      if (tok.kind == Tok::Ident && tok.upper == "JOIN") { in_from = expect_table = true; continue; }
      if (!in_from) continue;
      if (tok.kind == Tok::Ident && kEndFrom.count(tok.upper)) { in_from = false; continue; }
      if (tok.kind == Tok::Ident && kJoinWords.count(tok.upper)) continue;
      if (tok.kind == Tok::Symbol && tok.upper == ",") { expect_table = true; continue; }
      if (expect_table) {
        std::string name = text::lower(tok.upper);
        if (tok.kind != Tok::Ident || !cat_.count(name) || (i + 1 < end && t_[i + 1].kind == Tok::Symbol &&
                                                             (t_[i + 1].upper == "." || t_[i + 1].upper == "(")))
          fail(tok.line, "a script may query only the user_ords_* and dba_ords_* views and dual, not " +
                             (tok.kind == Tok::Ident || tok.kind == Tok::QuotedIdent ? shown(tok.raw)
                                                                                    : describe(tok)));
        tables.insert(name);
        for (const auto& c : cat_.at(name)) columns.insert(c);
        expect_table = false;
        continue;
      }
      if (tok.kind == Tok::Ident && tok.upper != "AS") aliases.insert(tok.upper);
    }
    std::string sql;
    for (size_t i = select; i < end; i++) {
      if (i >= list_end && i < from) continue;  // INTO ...
      const Token& tok = t_[i];
      if (i > select && tok.kind == Tok::Ident && tok.upper == "SELECT")
        unsupported(tok, "inside a query (no subqueries: a script may query only the ORDS views)");
      std::string piece = tok.raw;
      if (tok.kind == Tok::Ident) {
        bool called = i + 1 < end && t_[i + 1].kind == Tok::Symbol && t_[i + 1].upper == "(";
        bool after_dot = i > select && t_[i - 1].kind == Tok::Symbol && t_[i - 1].upper == ".";
        if (called) {
          if (!sql_function_allowed(tok.upper))
            unsupported(tok, "in a query (the functions a query may use are COUNT, UPPER, LOWER, LENGTH, SUBSTR, "
                             "COALESCE, NVL, TRIM, MIN, MAX, SUM, AVG, INSTR, ROUND, ABS)");
          if (tok.upper == "NVL") piece = "coalesce";
        } else if (!after_dot && !columns.count(text::lower(tok.upper)) && !aliases.count(tok.upper) &&
                   find_var(tok.upper).first) {
          // A variable (or a field of one): bound.
          size_t save = pos_;
          pos_ = i;
          ExprPtr e = name_expr();
          size_t after = pos_;
          pos_ = save;
          if (e->kind != Expr::Kind::Ref) fail(tok.line, "a call cannot appear in a query");
          q.binds.push_back(std::move(e->ref));
          sql += " ?" + std::to_string(q.binds.size());
          i = after - 1;
          continue;
        }
      }
      if (tok.kind == Tok::Symbol && (tok.upper == ":" || tok.upper == "@"))
        unsupported(tok, "in a query (bind variables are PL/SQL variables, written without ':')");
      sql += (sql.empty() ? "" : " ") + piece;
    }
    q.sql = sql;
  }

  // ---- expressions --------------------------------------------------------------------------
  // Expressions nest (parentheses, unary minus, HEXTORAW, arguments): bounded, so that no script
  // can exhaust the stack.
  struct Nest {
    Parser& p;
    explicit Nest(Parser& parser) : p(parser) {
      if (++p.nesting_ > 64) fail(p.peek().line, "the expression is nested more than 64 deep");
    }
    ~Nest() { p.nesting_--; }
  };
  int nesting_ = 0;

  ExprPtr expr() {
    Nest guard(*this);
    ExprPtr first = primary();
    if (!is_sym("||")) return first;
    auto cat = std::make_unique<Expr>();
    cat->kind = Expr::Kind::Concat;
    cat->line = first->line;
    cat->parts.push_back(std::move(first));
    while (is_sym("||")) {
      pos_++;
      cat->parts.push_back(primary());
    }
    return cat;
  }

  ExprPtr primary() {
    Nest guard(*this);
    const Token& tok = peek();
    auto e = std::make_unique<Expr>();
    e->line = tok.line;
    if (tok.kind == Tok::String) {
      pos_++;
      e->literal = Value::text(SecretText(tok.value));
      return e;
    }
    if (tok.kind == Tok::Number) {
      pos_++;
      e->literal = number(tok);
      return e;
    }
    if (tok.kind == Tok::Symbol && tok.upper == "-") {
      pos_++;
      e->kind = Expr::Kind::Negate;
      e->parts.push_back(primary());
      return e;
    }
    if (tok.kind == Tok::Symbol && tok.upper == "(") {
      pos_++;
      ExprPtr inner = expr();
      expect_sym(")", "to close '('");
      return inner;
    }
    if (tok.kind == Tok::Ident) {
      if (tok.upper == "TRUE" || tok.upper == "FALSE") {
        pos_++;
        e->literal = Value::boolean(tok.upper == "TRUE");
        return e;
      }
      if (tok.upper == "NULL") {
        pos_++;
        return e;
      }
      if (tok.upper == "HEXTORAW" && is_sym("(", 1)) {
        pos_ += 2;
        e->kind = Expr::Kind::Hextoraw;
        e->parts.push_back(expr());
        expect_sym(")", "to close HEXTORAW(");
        return e;
      }
      return name_expr();
    }
    if (tok.kind == Tok::Symbol && tok.upper == "..")
      fail(tok.line, "'...' is not a value (put the value itself there, e.g. HEXTORAW('89504E47') for a BLOB)");
    fail(tok.line, "expected a value, found " + describe(tok));
  }

  static Value number(const Token& tok) {
    const std::string& s = tok.value;
    bool integral = s.find_first_of(".eE") == std::string::npos;
    if (integral && s.size() <= 18) return Value::integer(std::stoll(s));
    try {
      return Value::real(std::stod(s));
    } catch (...) {
      fail(tok.line, "the number " + s.substr(0, 40) + " is out of range");
    }
  }

  std::pair<const VarDecl*, Ref> find_var(const std::string& name) const {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      for (size_t i = 0; i < it->vars->size(); i++) {
        if ((*it->vars)[i].name == name) {
          Ref r;
          r.depth = it->depth;
          r.slot = static_cast<int>(i);
          r.var = name;
          return {&(*it->vars)[i], std::move(r)};
        }
      }
    }
    return {nullptr, Ref{}};
  }

  // A dotted name: a package call (PKG.PROC [(args)]) or a variable reference
  // (var[.field...][(index)]).
  ExprPtr name_expr() {
    int line = peek().line;
    std::vector<std::string> chain{ident("a name")};
    while (is_sym(".") && (peek(1).kind == Tok::Ident || peek(1).kind == Tok::QuotedIdent)) {
      pos_++;
      chain.push_back(next().upper);
    }
    auto e = std::make_unique<Expr>();
    e->line = line;
    if (chain.size() >= 3 && (chain[0] == "SYS" || chain[0] == "ORDS_METADATA" || chain[0] == "PUBLIC"))
      chain.erase(chain.begin());
    if (chain.size() >= 2 && package_known(chain[0]) && !find_var(chain[0]).first) {
      if (chain.size() > 2) fail(line, "unexpected '." + text::lower(chain[2]) + "' after " + chain[0] + "." + chain[1]);
      e->kind = Expr::Kind::Call;
      e->package = chain[0];
      e->proc = chain[1];
      if (!procedure_known(chain[0], text::lower(chain[1])))
        fail(line, chain[0] + "." + chain[1] + ": package " + chain[0] + " has no procedure or function " +
                       shown(chain[1]) + " that a script can call");
      if (is_sym("(")) {
        pos_++;
        bool named_seen = false;
        if (!is_sym(")")) {
          for (;;) {
            Arg a;
            if ((peek().kind == Tok::Ident) && is_sym("=>", 1)) {
              a.name = next().upper;
              pos_++;
              named_seen = true;
              for (const auto& other : e->args)
                if (other.name == a.name) fail(line, chain[0] + "." + chain[1] + ": " + text::lower(a.name) + " is given twice");
            } else if (named_seen) {
              fail(peek().line, "a positional argument cannot follow a named one");
            }
            a.value = expr();
            e->args.push_back(std::move(a));
            if (is_sym(",")) { pos_++; continue; }
            break;
          }
        }
        expect_sym(")", "to close the argument list");
      }
      return e;
    }
    if (chain.size() >= 2 && package_known(chain[0]) == false && chain[0].size() > 0) {
      // fall through: a variable with fields
    }
    auto [decl, ref] = find_var(chain[0]);
    if (!decl) {
      if (chain.size() >= 2)
        fail(line, shown(chain[0] + "." + chain[1]) + " is not a known package procedure or declared variable");
      fail(line, shown(chain[0]) + " is not declared");
    }
    VarType t = decl->type;
    for (size_t i = 1; i < chain.size(); i++) {
      std::string f = text::lower(chain[i]);
      const auto& fs = fields_of(t);
      if (std::find(fs.begin(), fs.end(), f) == fs.end())
        fail(line, shown(chain[0]) + " has no field " + shown(f));
      ref.fields.push_back(f);
      t = f == "client_key" ? VarType::ClientKey : f == "client_secret" ? VarType::ClientSecret : VarType::Scalar;
    }
    if (is_sym("(")) {
      if (t != VarType::Table) fail(line, shown(chain[0]) + " is not a table: it takes no index");
      pos_++;
      ref.index = expr();
      expect_sym(")", "to close the index");
    }
    e->kind = Expr::Kind::Ref;
    e->ref = std::move(ref);
    return e;
  }
};

}  // namespace

bool package_known(const std::string& package) { return packages().count(package) > 0; }

bool procedure_known(const std::string& package, const std::string& procedure) {
  auto it = packages().find(package);
  return it != packages().end() && it->second.count(procedure) > 0;
}

Script parse(const std::string& text, const Catalog& catalog) {
  if (text.size() > (size_t{1} << 20)) throw Error("p_script is longer than 1 MiB");
  Parser p(tokenize(text), catalog);
  return p.script();
}

}  // namespace ords::plsql
