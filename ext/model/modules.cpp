// modules.cpp: define_module, define_template, delete_module, set_module_privilege
// (package ORDS; API.md section 4).
//
// A module is a base path under the schema alias (/ords/<alias>/<base path>); a privilege that
// protects a module protects its base path and everything under it. The database serves no
// handlers, so a module here carries what security needs: name, base path, status, templates.
// - define_module is create-or-replace, as in ORDS: attributes are replaced and the module's
//   templates deleted. It keeps its id and its privilege, so redefining a protected module
//   never makes it public, not even for a moment.
// - Base paths are stored as /path/ (a missing leading or trailing "/" is added), unique within
//   the schema. p_status is PUBLISHED or NOT_PUBLISHED; p_items_per_page is 0 or more (25).
// - set_module_privilege replaces the privilege that protects the module; NULL removes it.
#include "modules.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "lookup.hpp"
#include "patterns.hpp"
#include "schemas.hpp"

namespace ords {

namespace {

Value define_module(Call& c) {
  SecretText name = c.args.name("module_name");
  std::string base = patterns::normalize_base_path("p_base_path", c.args.text("base_path"));
  int64_t per_page = c.args.opt_int("items_per_page").value_or(25);
  if (per_page < 0) throw Error("p_items_per_page must be 0 or more");
  std::string status = text::upper(c.args.opt_text("status").value_or("PUBLISHED"));
  if (status != "PUBLISHED" && status != "NOT_PUBLISHED") throw Error("p_status must be PUBLISHED or NOT_PUBLISHED");
  c.begin_write();
  store::Db& db = c.db();
  int64_t schema = schema_of(c);
  store::Stmt clash = db.prepare("SELECT name FROM ords_sec_module WHERE schema_id = ?1 AND base_path = ?2 AND name <> ?3");
  clash.bind(1, schema).bind(2, base).bind(3, name);
  if (clash.step())
    throw Error("p_base_path: base path " + text::quote_input(base) + " is already used by module " +
                    text::quote_input(clash.text(0)),
                Code::Constraint);
  if (auto id = lookup::module(db, schema, name)) {
    store::Stmt up = db.prepare(
        "UPDATE ords_sec_module SET base_path = ?2, items_per_page = ?3, status = ?4, comments = ?5, updated_on = ?6 "
        "WHERE id = ?1");
    up.bind(1, *id).bind(2, base).bind(3, per_page).bind(4, status).bind_value(5, c.args.get("comments")).bind(6, c.now());
    up.run();
    store::Stmt handlers = db.prepare(
        "DELETE FROM ords_sec_handler WHERE template_id IN (SELECT id FROM ords_sec_template WHERE module_id = ?1)");
    handlers.bind(1, *id);
    handlers.run();
    store::Stmt extras = db.prepare(
        "DELETE FROM ords_sec_template_extra WHERE template_id IN (SELECT id FROM ords_sec_template WHERE module_id = ?1)");
    extras.bind(1, *id);
    extras.run();
    store::Stmt del = db.prepare("DELETE FROM ords_sec_template WHERE module_id = ?1");
    del.bind(1, *id);
    del.run();
  } else {
    store::Stmt ins = db.prepare(
        "INSERT INTO ords_sec_module(schema_id, name, base_path, items_per_page, status, comments, created_on, updated_on) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
    ins.bind(1, schema).bind(2, name).bind(3, base).bind(4, per_page).bind(5, status);
    ins.bind_value(6, c.args.get("comments")).bind(7, c.now());
    ins.run();
  }
  return Value::null();
}

Value define_template(Call& c) {
  SecretText module = c.args.name("module_name");
  SecretText given = c.args.text("pattern");
  // A full path (ords/<alias>/<base path>/...) is refused once the module's base path is known,
  // so the message can say what to write instead; every other rule is checked before any write.
  bool full = patterns::is_full_path(given);
  std::string pattern = full ? std::string() : patterns::normalize_template("p_pattern", given);
  int64_t priority = c.args.opt_int("priority").value_or(0);
  if (priority < 0 || priority > 9) throw Error("p_priority must be 0 to 9");
  std::string etag_type = text::upper(c.args.opt_text("etag_type").value_or("HASH"));
  if (etag_type != "HASH" && etag_type != "QUERY" && etag_type != "NONE")
    throw Error("p_etag_type must be HASH, QUERY or NONE");
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t id = lookup::require_module(c.db(), schema, module, "p_module_name");
  if (full) {
    store::Stmt base = c.db().prepare("SELECT base_path FROM ords_sec_module WHERE id = ?1");
    base.bind(1, id);
    patterns::normalize_template("p_pattern", given, base.step() ? base.text(0) : std::string());  // throws
  }
  // ORDS.DEFINE_TEMPLATE's other parameters (issue 11: export scripts) are kept as given.
  store::Stmt st = c.db().prepare("INSERT INTO ords_sec_template(module_id, pattern) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  st.bind(1, id).bind(2, pattern);
  st.run();
  store::Stmt extra = c.db().prepare(
      "INSERT OR REPLACE INTO ords_sec_template_extra(template_id, priority, etag_type, etag_query, comments) "
      "SELECT id, ?3, ?4, ?5, ?6 FROM ords_sec_template WHERE module_id = ?1 AND pattern = ?2");
  extra.bind(1, id).bind(2, pattern).bind(3, priority).bind(4, etag_type);
  extra.bind_value(5, c.args.get("etag_query")).bind_value(6, c.args.get("comments"));
  extra.run();
  return Value::null();
}

Value delete_module(Call& c) {
  SecretText module = c.args.name("module_name");
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t id = lookup::require_module(c.db(), schema, module, "p_module_name");
  for (store::SqlLiteral sql : std::initializer_list<store::SqlLiteral>{
                          "DELETE FROM ords_sec_handler WHERE template_id IN (SELECT id FROM ords_sec_template WHERE module_id = ?1)",
                          "DELETE FROM ords_sec_template_extra WHERE template_id IN (SELECT id FROM ords_sec_template WHERE module_id = ?1)",
                          "DELETE FROM ords_sec_template WHERE module_id = ?1",
                          "DELETE FROM ords_sec_privilege_module WHERE module_id = ?1",
                          "DELETE FROM ords_sec_module WHERE id = ?1"}) {
    store::Stmt st = c.db().prepare(sql);
    st.bind(1, id);
    st.run();
  }
  return Value::null();
}

Value set_module_privilege(Call& c) {
  SecretText module = c.args.name("module_name");
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t id = lookup::require_module(c.db(), schema, module, "p_module_name");
  std::optional<int64_t> priv;
  if (c.args.has("privilege_name"))
    priv = lookup::require_privilege(c.db(), schema, c.args.name("privilege_name"), "p_privilege_name");
  store::Stmt del = c.db().prepare("DELETE FROM ords_sec_privilege_module WHERE module_id = ?1");
  del.bind(1, id);
  del.run();
  if (priv) {
    store::Stmt ins = c.db().prepare("INSERT INTO ords_sec_privilege_module(privilege_id, module_id) VALUES (?1, ?2)");
    ins.bind(1, *priv).bind(2, id);
    ins.run();
  }
  return Value::null();
}

}  // namespace

const std::vector<FnSpec>& module_functions() {
  static const std::vector<FnSpec> fns = {
      fn("define_module", define_module)
          .writer()
          .with_params({{"module_name", ParamType::Name, true},
                        {"base_path", ParamType::Name, true},
                        {"items_per_page", ParamType::Int},
                        {"status", ParamType::Name},
                        {"comments", ParamType::Text}}),
      fn("define_template", define_template)
          .writer()
          .with_params({{"module_name", ParamType::Name, true},
                        {"pattern", ParamType::Name, true},
                        {"priority", ParamType::Int},
                        {"etag_type", ParamType::Name},
                        {"etag_query", ParamType::Text},
                        {"comments", ParamType::Text}}),
      fn("delete_module", delete_module)
          .writer()
          .with_params({{"module_name", ParamType::Name, true}}),
      fn("set_module_privilege", set_module_privilege)
          .writer()
          .with_params({{"module_name", ParamType::Name, true}, {"privilege_name", ParamType::Name}}),
  };
  return fns;
}

}  // namespace ords
