// privileges.cpp: create_privilege, define_privilege, delete_privilege, rename_privilege,
// create_privilege_mapping, delete_privilege_mapping (package ORDS; API.md section 4).
//
// ORDS rules kept here:
// - define_privilege is create-or-replace, and it replaces the role, pattern and module lists
//   with the ones given (a NULL list means an empty one). The privilege keeps its id.
// - A privilege's roles and modules must exist in its schema.
// - Deleting a privilege removes its mappings, role links and module links.
// Choices where ORDS is silent (docs/reference.md says the same):
// - A privilege name is an OAuth scope token (RFC 6749 3.3): no space, ", \ or character outside
//   printable ASCII, so a scope can never be read as naming another privilege.
// - A pattern protects through one privilege only: mapping a pattern that another privilege of the
//   schema already maps is an error, so which privilege decides a path is never ambiguous. The
//   same holds for a module (set_module_privilege moves a module between privileges).
// - create_privilege_mapping of a pattern the privilege already maps does nothing.
#include "privileges.hpp"

#include "../core/error.hpp"
#include "../core/json_reader.hpp"
#include "../core/text.hpp"
#include "../store/schema.hpp"
#include "builtins.hpp"
#include "lookup.hpp"
#include "patterns.hpp"
#include "schemas.hpp"
#include "scope_token.hpp"

namespace ords {

namespace {

// Tables holding links to a privilege; ?1 = privilege id. Later versions append theirs.
struct PrivilegeLink {
  store::SqlLiteral delete_sql;
  int min_version;
  bool defined_here;  // one of the lists define_privilege replaces
};
const PrivilegeLink kPrivilegeLinks[] = {
    {"DELETE FROM ords_sec_privilege_role WHERE privilege_id = ?1", 1, true},
    {"DELETE FROM ords_sec_privilege_pattern WHERE privilege_id = ?1", 1, true},
    {"DELETE FROM ords_sec_privilege_module WHERE privilege_id = ?1", 1, true},
    {"DELETE FROM ords_sec_client_privilege WHERE privilege_id = ?1", 2, false},
};

void add_role(store::Db& db, int64_t priv, int64_t role) {
  store::Stmt st = db.prepare("INSERT INTO ords_sec_privilege_role(privilege_id, role_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  st.bind(1, priv).bind(2, role);
  st.run();
}

void add_pattern(store::Db& db, int64_t schema, int64_t priv, const std::string& pattern, const std::string& param) {
  patterns::check_privilege_pattern(param, pattern);
  store::Stmt other = db.prepare(
      "SELECT p.name FROM ords_sec_privilege_pattern m JOIN ords_sec_privilege p ON p.id = m.privilege_id "
      "WHERE p.schema_id = ?1 AND m.pattern = ?2 AND p.id <> ?3");
  other.bind(1, schema).bind(2, pattern).bind(3, priv);
  if (other.step())
    throw Error(param + ": pattern " + text::quote_input(pattern) + " is already mapped to privilege " +
                    text::quote_input(other.text(0)) + "; delete that mapping first",
                Code::Constraint);
  store::Stmt st = db.prepare("INSERT INTO ords_sec_privilege_pattern(privilege_id, pattern) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  st.bind(1, priv).bind(2, pattern);
  st.run();
}

void add_module(store::Db& db, int64_t priv, int64_t module, const std::string& module_name, const std::string& param) {
  store::Stmt other = db.prepare(
      "SELECT p.name FROM ords_sec_privilege_module pm JOIN ords_sec_privilege p ON p.id = pm.privilege_id "
      "WHERE pm.module_id = ?1 AND p.id <> ?2");
  other.bind(1, module).bind(2, priv);
  if (other.step())
    throw Error(param + ": module " + text::quote_input(module_name) + " is already protected by privilege " +
                    text::quote_input(other.text(0)) + "; use set_module_privilege to move it",
                Code::Constraint);
  store::Stmt st = db.prepare("INSERT INTO ords_sec_privilege_module(privilege_id, module_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  st.bind(1, priv).bind(2, module);
  st.run();
}

// p_pattern is one pattern, or a JSON array of them (the positional form of ORDS's p_patterns
// overload: create_privilege_mapping('p', json_array('/a/*', '/b/*'))). A pattern starts with
// "/", so text starting with "[" can only be the array. The one JSON reader (core/json_reader)
// reads it, with its guards (a NUL in an item is refused, never cut short).
std::vector<std::string> pattern_or_array(const std::string& value) {
  if (!json::starts_with(value, '[')) return {value};
  Value arr;
  try {
    arr = json::parse(value, "p_pattern");
  } catch (const json::ParseError& e) {
    if (e.why() != json::Refusal::NotJson) throw;
    throw Error("p_pattern must be a pattern or a JSON array of patterns");
  }
  if (arr.kind != Value::Kind::Array) throw Error("p_pattern must be a pattern or a JSON array of patterns");
  std::vector<std::string> out;
  for (const auto& item : arr.items) {
    if (item.kind != Value::Kind::Text) throw Error("p_pattern items must be text");
    check_name("p_pattern", item.s);
    bool seen = false;
    for (const auto& have : out) seen = seen || have == item.s;
    if (!seen) out.push_back(item.s);
  }
  return out;
}

// A privilege name is an OAuth scope token: tokens carry the privileges they were approved for as
// a space-separated scope (RFC 6749 3.3), so a name holding a space would read as two privileges
// and approving it would grant others. scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
void check_privilege_name(const std::string& param, const std::string& name) {
  if (const char* what = scope_token_flaw(name))
    throw Error(param + " contains " + what + "; a privilege name is an OAuth scope (RFC 6749 3.3): printable "
                "ASCII without spaces, \" or \\, since a token's scope lists privilege names separated by spaces");
}

int64_t insert_privilege(Call& c, int64_t schema, const std::string& name) {
  store::Stmt st = c.db().prepare(
      "INSERT INTO ords_sec_privilege(schema_id, name, label, description, comments, created_on, updated_on) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
  st.bind(1, schema).bind(2, name);
  st.bind_value(3, c.args.get("label")).bind_value(4, c.args.get("description")).bind_value(5, c.args.get("comments"));
  st.bind(6, c.now());
  st.run();
  return c.db().last_insert_id();
}

Value create_privilege(Call& c) {
  SecretText name = c.args.name("name");
  check_privilege_name("p_name", name);
  c.begin_write();
  int64_t schema = schema_of(c);
  if (lookup::privilege(c.db(), schema, name))
    throw Error("p_name: " + already_exists("privilege", name).message(), Code::Constraint);
  std::optional<int64_t> role;
  if (c.args.has("role_name")) role = lookup::require_role(c.db(), schema, c.args.name("role_name"), "p_role_name");
  int64_t id = insert_privilege(c, schema, name);
  if (role) add_role(c.db(), id, *role);
  return Value::null();
}

Value define_privilege(Call& c) {
  SecretText name = c.args.name("privilege_name");
  auto roles = c.args.opt_list("roles").value_or(std::vector<std::string>{});
  auto pats = c.args.opt_list("patterns").value_or(std::vector<std::string>{});
  auto mods = c.args.opt_list("modules").value_or(std::vector<std::string>{});
  for (const auto& p : pats) patterns::check_privilege_pattern("p_patterns", p);
  c.begin_write();
  store::Db& db = c.db();
  int64_t schema = schema_of(c);
  std::vector<int64_t> role_ids, module_ids;
  for (const auto& r : roles) role_ids.push_back(lookup::require_role(db, schema, r, "p_roles"));
  for (const auto& m : mods) module_ids.push_back(lookup::require_module(db, schema, m, "p_modules"));

  int64_t id;
  if (auto existing = lookup::privilege(db, schema, name)) {
    id = *existing;
    store::Stmt up = db.prepare(
        "UPDATE ords_sec_privilege SET label = ?2, description = ?3, comments = ?4, updated_on = ?5 WHERE id = ?1");
    up.bind(1, id).bind_value(2, c.args.get("label")).bind_value(3, c.args.get("description"));
    up.bind_value(4, c.args.get("comments")).bind(5, c.now());
    up.run();
    for (const auto& link : kPrivilegeLinks) {
      if (!link.defined_here) continue;
      store::Stmt del = db.prepare(link.delete_sql);
      del.bind(1, id);
      del.run();
    }
  } else {
    // Only a new privilege must have a scope-token name: one made before the rule existed can
    // still be redefined (and renamed to a valid name).
    check_privilege_name("p_privilege_name", name);
    id = insert_privilege(c, schema, name);
  }
  for (int64_t r : role_ids) add_role(db, id, r);
  for (const auto& p : pats) add_pattern(db, schema, id, p, "p_patterns");
  for (size_t i = 0; i < module_ids.size(); i++) add_module(db, id, module_ids[i], mods[i], "p_modules");
  return Value::null();
}

Value delete_privilege(Call& c) {
  SecretText name = c.args.name("name");
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t id = lookup::require_privilege(c.db(), schema, name, "p_name");
  builtins::refuse_privilege(c.db(), id, name, "p_name", "deleted");
  delete_privilege_row(c.db(), id);
  return Value::null();
}

Value rename_privilege(Call& c) {
  SecretText name = c.args.name("name");
  SecretText new_name = c.args.name("new_name");
  check_privilege_name("p_new_name", new_name);
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t id = lookup::require_privilege(c.db(), schema, name, "p_name");
  builtins::refuse_privilege(c.db(), id, name, "p_name", "renamed");
  if (new_name == name) return Value::null();
  if (lookup::privilege(c.db(), schema, new_name))
    throw Error("p_new_name: " + already_exists("privilege", new_name).message(), Code::Constraint);
  store::Stmt st = c.db().prepare("UPDATE ords_sec_privilege SET name = ?2, updated_on = ?3 WHERE id = ?1");
  st.bind(1, id).bind(2, new_name).bind(3, c.now());
  st.run();
  return Value::null();
}

Value create_privilege_mapping(Call& c) {
  SecretText name = c.args.name("privilege_name");
  std::vector<std::string> pats;
  if (c.args.has("pattern") && c.args.has("patterns")) throw Error("give p_pattern or p_patterns, not both");
  if (c.args.has("pattern")) pats = pattern_or_array(c.args.text("pattern"));
  else if (c.args.has("patterns")) pats = *c.args.opt_list("patterns");
  else throw Error("p_pattern must not be NULL");
  const char* param = c.args.has("pattern") ? "p_pattern" : "p_patterns";
  for (const auto& p : pats) patterns::check_privilege_pattern(param, p);
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t id = lookup::require_privilege(c.db(), schema, name, "p_privilege_name");
  for (const auto& p : pats) add_pattern(c.db(), schema, id, p, param);
  return Value::null();
}

Value delete_privilege_mapping(Call& c) {
  SecretText name = c.args.name("privilege_name");
  SecretText pattern = c.args.text("pattern");
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t id = lookup::require_privilege(c.db(), schema, name, "p_privilege_name");
  store::Stmt st = c.db().prepare("DELETE FROM ords_sec_privilege_pattern WHERE privilege_id = ?1 AND pattern = ?2");
  st.bind(1, id).bind(2, pattern);
  st.run();
  if (c.db().changes() == 0)
    throw Error("p_pattern: pattern " + text::quote_input(pattern) + " is not mapped to privilege " + text::quote_input(name));
  return Value::null();
}

}  // namespace

void delete_privilege_row(store::Db& db, int64_t id) {
  int version = store::schema_version(db);
  for (const auto& link : kPrivilegeLinks) {
    if (version < link.min_version) continue;
    store::Stmt del = db.prepare(link.delete_sql);
    del.bind(1, id);
    del.run();
  }
  store::Stmt st = db.prepare("DELETE FROM ords_sec_privilege WHERE id = ?1");
  st.bind(1, id);
  st.run();
}

const std::vector<FnSpec>& privilege_functions() {
  static const std::vector<FnSpec> fns = {
      fn("create_privilege", create_privilege)
          .writer()
          .with_params({{"name", ParamType::Name, true},
                        {"role_name", ParamType::Name},
                        {"label", ParamType::Text},
                        {"description", ParamType::Text}}),
      fn("define_privilege", define_privilege)
          .writer()
          .with_params({{"privilege_name", ParamType::Name, true},
                        {"roles", ParamType::List},
                        {"patterns", ParamType::List},
                        {"modules", ParamType::List},
                        {"label", ParamType::Text},
                        {"description", ParamType::Text},
                        {"comments", ParamType::Text}}),
      fn("delete_privilege", delete_privilege)
          .writer()
          .with_params({{"name", ParamType::Name, true}}),
      fn("rename_privilege", rename_privilege)
          .writer()
          .with_params({{"name", ParamType::Name, true}, {"new_name", ParamType::Name, true}}),
      fn("create_privilege_mapping", create_privilege_mapping)
          .writer()
          .with_params({{"privilege_name", ParamType::Name, true}, {"pattern", ParamType::Name}})
          .with_named_only({{"patterns", ParamType::List}}),
      fn("delete_privilege_mapping", delete_privilege_mapping)
          .writer()
          .with_params({{"privilege_name", ParamType::Name, true}, {"pattern", ParamType::Name, true}}),
  };
  return fns;
}

}  // namespace ords
