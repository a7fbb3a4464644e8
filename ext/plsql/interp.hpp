// interp.hpp: runs a parsed ORDS script (ast.hpp) on one connection.
//
// Each package call goes to the SQL function of the same name through the same binding and
// checks as a direct call (core/args: bind_positional for an all-positional call, bind_named
// otherwise) and runs the same handler, in a savepoint of its own when the function is a writer,
// exactly as the host runs a direct call. Nothing here knows a rule of the model.
//
// COMMIT and ROLLBACK: the caller runs the whole script inside one transaction (the writer's
// transaction ords_plsql gets from the host); inside it the interpreter keeps a "mark" savepoint.
// COMMIT releases the mark (the work since the last mark is kept) and opens a new one; ROLLBACK
// rolls back to the mark. The work is committed when ords_plsql returns (or with the caller's
// transaction); a failure anywhere rolls back everything, COMMITted parts included.
#pragma once
#include <string>
#include <vector>

#include "../conn/call.hpp"
#include "ast.hpp"

namespace ords::plsql {

struct Environment {
  ConnState& conn;
  std::vector<const FnSpec*> functions;  // the registration table (host/registry.cpp)
};

// Runs the script; returns the printed lines (DBMS_OUTPUT, PROMPT, query results). Throws
// Error("line N: PKG.PROC: reason") on the first failure.
std::vector<std::string> run(const Script& script, Environment& env);

}  // namespace ords::plsql
