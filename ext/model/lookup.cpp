// lookup.cpp: see lookup.hpp.
#include "lookup.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "builtins.hpp"

namespace ords::lookup {

namespace {
std::optional<int64_t> one(store::Stmt st, int64_t schema, std::string_view name) {
  st.bind(1, schema).bind(2, name);
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}
// create_role('x') for MAIN; create_role(json_object('role_name','x','schema','HR')) for another
// schema, so the hint is right whatever the current schema is; bare create_role when the name is
// withheld.
std::string create_role_sql(store::Db& db, int64_t schema, std::string_view name) {
  if (!text::showable(name)) return "create_role";
  if (schema == 1) return "create_role(" + text::sql_literal(name) + ")";
  store::Stmt st = db.prepare("SELECT name FROM ords_sec_schema WHERE id = ?1");
  st.bind(1, schema);
  std::string schema_name = st.step() ? st.text(0) : std::string();
  if (!text::showable(schema_name)) return "create_role";
  return "create_role(json_object('role_name'," + text::sql_literal(name) + ",'schema'," +
         text::sql_literal(schema_name) + "))";
}
}  // namespace

std::optional<int64_t> role(store::Db& db, int64_t schema, std::string_view name) {
  return one(db.prepare("SELECT id FROM ords_sec_role WHERE schema_id = ?1 AND name = ?2"), schema, name);
}
std::optional<int64_t> privilege(store::Db& db, int64_t schema, std::string_view name) {
  return one(db.prepare("SELECT id FROM ords_sec_privilege WHERE schema_id = ?1 AND name = ?2"), schema, name);
}
std::optional<int64_t> module(store::Db& db, int64_t schema, std::string_view name) {
  return one(db.prepare("SELECT id FROM ords_sec_module WHERE schema_id = ?1 AND name = ?2"), schema, name);
}

int64_t require_role(store::Db& db, int64_t schema, std::string_view name, const std::string& param,
                     bool to_use) {
  if (auto id = role(db, schema, name)) return *id;
  if (auto id = builtins::make_role(db, schema, name)) return *id;  // ORDS's own (builtins.hpp)
  std::string hint;
  if (to_use) hint = "; create it first with " + create_role_sql(db, schema, name);
  throw Error(param + ": role " + text::quote_input(name) + " does not exist" + hint);
}
int64_t require_privilege(store::Db& db, int64_t schema, std::string_view name, const std::string& param) {
  if (auto id = privilege(db, schema, name)) return *id;
  if (auto id = builtins::make_privilege(db, schema, name)) return *id;  // ORDS's own (builtins.hpp)
  throw Error(param + ": privilege " + text::quote_input(name) + " does not exist");
}
int64_t require_module(store::Db& db, int64_t schema, std::string_view name, const std::string& param) {
  if (auto id = module(db, schema, name)) return *id;
  throw Error(param + ": module " + text::quote_input(name) + " does not exist");
}

}  // namespace ords::lookup
