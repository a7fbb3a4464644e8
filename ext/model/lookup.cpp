// lookup.cpp: see lookup.hpp.
#include "lookup.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"

namespace ords::lookup {

namespace {
std::optional<int64_t> one(store::Stmt st, int64_t schema, const std::string& name) {
  st.bind(1, schema).bind(2, name);
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}
}  // namespace

std::optional<int64_t> role(store::Db& db, int64_t schema, const std::string& name) {
  return one(db.prepare("SELECT id FROM ords_sec_role WHERE schema_id = ?1 AND name = ?2"), schema, name);
}
std::optional<int64_t> privilege(store::Db& db, int64_t schema, const std::string& name) {
  return one(db.prepare("SELECT id FROM ords_sec_privilege WHERE schema_id = ?1 AND name = ?2"), schema, name);
}
std::optional<int64_t> module(store::Db& db, int64_t schema, const std::string& name) {
  return one(db.prepare("SELECT id FROM ords_sec_module WHERE schema_id = ?1 AND name = ?2"), schema, name);
}

int64_t require_role(store::Db& db, int64_t schema, const std::string& name, const std::string& param,
                     bool to_use) {
  if (auto id = role(db, schema, name)) return *id;
  std::string hint;
  if (to_use) hint = text::showable(name) ? "; create it first with create_role(" + text::sql_literal(name) + ")"
                                          : "; create it first with create_role";
  throw Error(param + ": role " + text::quote_input(name) + " does not exist" + hint);
}
int64_t require_privilege(store::Db& db, int64_t schema, const std::string& name, const std::string& param) {
  if (auto id = privilege(db, schema, name)) return *id;
  throw Error(param + ": privilege " + text::quote_input(name) + " does not exist");
}
int64_t require_module(store::Db& db, int64_t schema, const std::string& name, const std::string& param) {
  if (auto id = module(db, schema, name)) return *id;
  throw Error(param + ": module " + text::quote_input(name) + " does not exist");
}

}  // namespace ords::lookup
