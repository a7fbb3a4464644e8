// call.hpp: what a handler receives when its SQL function is called: the spec, the connection's
// state (conn_state.hpp), the bound arguments, and the two steps every writer takes (begin_write,
// the schema it acts on). Binding itself is core/bind.cpp; the host builds the Call.
#pragma once
#include <string>

#include "../core/fn.hpp"
#include "conn_state.hpp"

namespace ords {

struct Call {
  const FnSpec& spec;
  ConnState& conn;
  Args args;
  bool named = false;  // called with one JSON object
  int argc = 0;

  store::Db& db() { return conn.db; }
  int64_t now() { return conn.clock.now(); }
  // Call before the first write: creates or migrates the tables (inside the call's savepoint).
  // Every writer calls it (the connection counts them: ConnState::writer_calls).
  void begin_write();
  // The schema this call acts on: the named "schema" key, else the connection's current schema.
  std::string schema_name() const;
};

}  // namespace ords
