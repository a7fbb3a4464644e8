// ast.hpp: the parsed form of an ORDS script (parser.cpp builds it, interp.cpp runs it).
//
// A Script is a list of top-level items: PL/SQL blocks, queries, COMMIT/ROLLBACK and SQL*Plus
// PROMPTs. Variables are resolved when the script is parsed: every reference names a slot in
// the frame of the block that declared it, so nothing unknown is discovered while running.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "../core/value.hpp"

namespace ords::plsql {

// What a variable holds.
enum class VarType {
  Scalar,       // VARCHAR2, NUMBER, BOOLEAN, CLOB, BLOB, DATE, %TYPE of a column
  Credentials,  // ords_types.t_client_credentials: {client_key, client_secret}
  ClientKey,    // ords_types.t_client_key: {id, name, client_id}
  ClientSecret, // ords_types.t_client_secret: {secret, slot, issued_on, stored}
  Table,        // OWA.VC_ARR and other tables of strings, indexed from 1
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Arg {
  std::string name;  // upper case, empty for a positional argument
  ExprPtr value;
};

// A variable reference: the slot, then field names and (for tables) an index.
struct Ref {
  int depth = 0;  // frame: 0 the script's outermost block ... (absolute block nesting)
  int slot = 0;
  std::string var;                  // the name as declared (upper case), for messages
  std::vector<std::string> fields;  // lower case record fields: client_key, client_id ...
  ExprPtr index;                    // l_roles(1)
};

struct Expr {
  enum class Kind { Literal, Ref, Call, Concat, Hextoraw, Negate } kind = Kind::Literal;
  int line = 0;
  Value literal;
  Ref ref;
  std::string package, proc;  // Call: upper case (ORDS_SECURITY, REGISTER_CLIENT)
  std::vector<Arg> args;
  std::vector<ExprPtr> parts;  // Concat operands; Hextoraw / Negate: one
};

struct Block;
struct Query;

struct Stmt {
  enum class Kind { Block, Assign, Call, Query, Commit, Rollback, Null, Prompt } kind = Kind::Null;
  int line = 0;
  std::unique_ptr<Block> block;
  Ref target;     // Assign
  ExprPtr value;  // Assign; Call (an Expr of kind Call)
  std::unique_ptr<Query> query;
  std::string text;  // Prompt
};

struct VarDecl {
  std::string name;  // upper case
  VarType type = VarType::Scalar;
  bool is_boolean = false;
  ExprPtr init;
  int line = 0;
};

struct Block {
  int depth = 0;
  std::vector<VarDecl> vars;
  std::vector<Stmt> body;
};

// A query: either of `dual` (its select list is expressions the interpreter evaluates) or of the
// views (the SQL is handed to the database as written, variables replaced by bound parameters).
struct Query {
  bool dual = false;
  std::vector<ExprPtr> items;        // dual: the select list
  std::vector<std::string> headings; // dual: the headings (alias or the expression's text)
  std::string sql;                   // views: the statement without its INTO clause
  std::vector<Ref> binds;            // views: ?1, ?2 ... in order
  std::vector<Ref> into;             // SELECT ... INTO: the targets (empty: print the rows)
};

struct Script {
  std::vector<Stmt> items;  // top level: Block, Query, Commit, Rollback, Prompt
  int max_depth = 0;
};

}  // namespace ords::plsql
