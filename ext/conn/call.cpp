// call.cpp: the steps a handler takes through its Call: begin_write (read-only refusal, then the
// tables created or migrated inside the call's transaction) and the schema a call acts on.
#include "call.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "../store/schema.hpp"

namespace ords {

void Call::begin_write() {
  conn.writer_calls++;  // every writer passes here (model/client_memo.hpp relies on it)
  if (conn.db.read_only())
    throw Error("the database is read-only; open it read-write to change it", Code::ReadOnly);
  store::ensure_schema(conn.db, conn.clock.now());
}

std::string Call::schema_name() const {
  if (args.has("schema") && !find_param(spec, "schema")) return text::upper(args.get("schema").s);
  return conn.current_schema;
}

}  // namespace ords
