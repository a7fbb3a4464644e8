// handlers.cpp: define_handler, define_parameter, define_service and enable_object (package
// ORDS; API.md section 11), so the scripts ORDS_EXPORT writes run as written.
//
// The database serves no REST handler: a handler is recorded (module, template, method, source
// type and source), shown in user_ords_handlers, and never run. What matters to security takes
// effect: define_service defines its module and template through define_module and
// define_template themselves (the same handlers, the same checks), so a privilege protecting the
// module protects it. define_parameter records a handler's parameter. enable_object checks its
// arguments and records nothing: AutoREST objects are not served here (docs/plsql.md).
#include "handlers.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "lookup.hpp"
#include "modules.hpp"
#include "patterns.hpp"
#include "schemas.hpp"

namespace ords {

namespace {

std::string method_of(Call& c) {
  std::string m = text::upper(c.args.opt_text("method").value_or("GET"));
  static const char* const kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
  for (const char* k : kMethods)
    if (m == k) return m;
  throw Error("p_method must be one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS");
}

// The template of a module: the pattern as define_template stores it.
int64_t require_template(Call& c, int64_t module_id, const SecretText& given) {
  std::string pattern = patterns::normalize_template("p_pattern", given);
  store::Stmt st = c.db().prepare("SELECT id FROM ords_sec_template WHERE module_id = ?1 AND pattern = ?2");
  st.bind(1, module_id).bind(2, pattern);
  if (!st.step()) throw Error("p_pattern: template " + text::quote_input(pattern) + " does not exist in module; define it first with define_template");
  return st.int64(0);
}

Value define_handler(Call& c) {
  SecretText module = c.args.name("module_name");
  SecretText pattern = c.args.text("pattern");
  std::string method = method_of(c);
  std::string source_type = c.args.opt_text("source_type").value_or("plsql/block");
  if (source_type.empty()) throw Error("p_source_type must not be empty");
  std::optional<int64_t> per_page = c.args.opt_int("items_per_page");
  if (per_page && *per_page < 0) throw Error("p_items_per_page must be 0 or more");
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t mid = lookup::require_module(c.db(), schema, module, "p_module_name");
  int64_t tid = require_template(c, mid, pattern);
  store::Stmt st = c.db().prepare(
      "INSERT INTO ords_sec_handler(template_id, method, source_type, source, items_per_page, mimes_allowed, comments, "
      "created_on, updated_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
      "ON CONFLICT(template_id, method) DO UPDATE SET source_type = excluded.source_type, source = excluded.source, "
      "items_per_page = excluded.items_per_page, mimes_allowed = excluded.mimes_allowed, comments = excluded.comments, "
      "updated_on = excluded.updated_on");
  st.bind(1, tid).bind(2, method).bind(3, source_type).bind_value(4, c.args.get("source"));
  st.bind_opt(5, per_page).bind_value(6, c.args.get("mimes_allowed")).bind_value(7, c.args.get("comments")).bind(8, c.now());
  st.run();
  return Value::null();
}

Value define_parameter(Call& c) {
  SecretText module = c.args.name("module_name");
  SecretText pattern = c.args.text("pattern");
  std::string method = method_of(c);
  SecretText name = c.args.name("name");
  std::string source = text::upper(c.args.opt_text("source_type").value_or("HEADER"));
  if (source != "HEADER" && source != "RESPONSE" && source != "URI")
    throw Error("p_source_type must be HEADER, RESPONSE or URI");
  std::string access = text::upper(c.args.opt_text("access_method").value_or("IN"));
  if (access != "IN" && access != "OUT" && access != "INOUT") throw Error("p_access_method must be IN, OUT or INOUT");
  c.begin_write();
  int64_t schema = schema_of(c);
  int64_t mid = lookup::require_module(c.db(), schema, module, "p_module_name");
  int64_t tid = require_template(c, mid, pattern);
  store::Stmt h = c.db().prepare("SELECT id FROM ords_sec_handler WHERE template_id = ?1 AND method = ?2");
  h.bind(1, tid).bind(2, method);
  if (!h.step()) throw Error("p_method: the template has no " + method + " handler; define it first with define_handler");
  int64_t hid = h.int64(0);
  store::Stmt st = c.db().prepare(
      "INSERT OR REPLACE INTO ords_sec_handler_parameter(handler_id, name, bind_variable_name, source_type, param_type, "
      "access_method, comments) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.bind(1, hid).bind(2, name).bind_value(3, c.args.get("bind_variable_name")).bind(4, source);
  st.bind_value(5, c.args.get("param_type")).bind(6, access).bind_value(7, c.args.get("comments"));
  st.run();
  return Value::null();
}

// Runs another function of the model on the same call's connection, with the same binding a
// named call gets (its own rules, nothing repeated here).
Value run_named(Call& c, const std::vector<FnSpec>& list, const char* name, Value obj) {
  for (const FnSpec& spec : list) {
    if (std::string(spec.name) != name) continue;
    if (c.args.has("schema")) obj.members.emplace_back("schema", c.args.get("schema"));
    Call inner{spec, c.conn, bind_named(spec, obj), true, 1};
    return spec.handler(inner);
  }
  throw Error(std::string("internal error: no function ") + name);
}

Value define_service(Call& c) {
  auto obj = [](std::initializer_list<std::pair<const char*, Value>> m) {
    Value v;
    v.kind = Value::Kind::Object;
    for (const auto& [k, val] : m)
      if (!val.is_null()) v.members.emplace_back(k, val);
    return v;
  };
  const Args& a = c.args;
  run_named(c, module_functions(), "define_module",
            obj({{"module_name", a.get("module_name")}, {"base_path", a.get("base_path")},
                 {"items_per_page", a.get("items_per_page")}, {"status", a.get("status")},
                 {"comments", a.get("module_comments")}}));
  if (!a.has("pattern")) return Value::null();
  run_named(c, module_functions(), "define_template",
            obj({{"module_name", a.get("module_name")}, {"pattern", a.get("pattern")}, {"priority", a.get("priority")},
                 {"etag_type", a.get("etag_type")}, {"etag_query", a.get("etag_query")},
                 {"comments", a.get("template_comments")}}));
  if (!a.has("source")) return Value::null();
  run_named(c, handler_functions(), "define_handler",
            obj({{"module_name", a.get("module_name")}, {"pattern", a.get("pattern")}, {"method", a.get("method")},
                 {"source_type", a.get("source_type")}, {"source", a.get("source")},
                 {"items_per_page", a.get("items_per_page")}, {"mimes_allowed", a.get("mimes_allowed")},
                 {"comments", a.get("handler_comments")}}));
  return Value::null();
}

Value enable_object(Call& c) {
  c.args.boolean("enabled", true);
  SecretText object = c.args.name("object");
  std::string type = text::upper(c.args.opt_text("object_type").value_or("TABLE"));
  if (type != "TABLE" && type != "VIEW" && type != "PROCEDURE" && type != "FUNCTION" && type != "PACKAGE" &&
      type != "MATERIALIZED VIEW")
    throw Error("p_object_type must be TABLE, VIEW, PROCEDURE, FUNCTION, PACKAGE or MATERIALIZED VIEW");
  c.args.boolean("auto_rest_auth", false);
  c.begin_write();
  schema_of(c);  // the schema must exist and be REST-enabled
  return Value::null();
}

}  // namespace

const std::vector<FnSpec>& handler_functions() {
  static const std::vector<FnSpec> fns = {
      fn("define_handler", define_handler)
          .writer()
          .with_params({{"module_name", ParamType::Name, true},
                        {"pattern", ParamType::Name, true},
                        {"method", ParamType::Name},
                        {"source_type", ParamType::Text, false, 255},
                        {"source", ParamType::Text, false, 1 << 20},
                        {"items_per_page", ParamType::Int},
                        {"mimes_allowed", ParamType::Text},
                        {"comments", ParamType::Text}}),
      fn("define_parameter", define_parameter)
          .writer()
          .with_params({{"module_name", ParamType::Name, true},
                        {"pattern", ParamType::Name, true},
                        {"method", ParamType::Name},
                        {"name", ParamType::Name, true},
                        {"bind_variable_name", ParamType::Name},
                        {"source_type", ParamType::Name},
                        {"param_type", ParamType::Name},
                        {"access_method", ParamType::Name},
                        {"comments", ParamType::Text}}),
      fn("define_service", define_service)
          .writer()
          .with_params({{"module_name", ParamType::Name, true},
                        {"base_path", ParamType::Name, true},
                        {"pattern", ParamType::Name},
                        {"method", ParamType::Name},
                        {"source_type", ParamType::Text, false, 255},
                        {"source", ParamType::Text, false, 1 << 20},
                        {"items_per_page", ParamType::Int},
                        {"status", ParamType::Name},
                        {"etag_type", ParamType::Name},
                        {"etag_query", ParamType::Text},
                        {"mimes_allowed", ParamType::Text},
                        {"module_comments", ParamType::Text},
                        {"template_comments", ParamType::Text},
                        {"handler_comments", ParamType::Text}}),
      fn("enable_object", enable_object)
          .writer()
          // (p_schema, ORDS's second parameter, is the named form's "schema" key here)
          .with_params({{"enabled", ParamType::Bool},
                        {"object", ParamType::Name, true},
                        {"object_type", ParamType::Text, false, 64},
                        {"object_alias", ParamType::Name},
                        {"auto_rest_auth", ParamType::Bool}}),
  };
  return fns;
}

const std::vector<ViewSpec>& handler_views() {
  static const std::vector<ViewSpec> v = {
      // DIRECTONLY: what the schema's REST services are (as the module views of other schemas'
      // callers must not copy out through a planted trigger)
      {"user_ords_handlers", "id INTEGER, template_id INTEGER, module_name TEXT, uri_template TEXT, method TEXT, source_type TEXT",
       "SELECT h.id, h.template_id, m.name, t.pattern, h.method, h.source_type FROM ords_sec_handler h "
       "JOIN ords_sec_template t ON t.id = h.template_id JOIN ords_sec_module m ON m.id = t.module_id "
       "WHERE m.schema_id = ?1 ORDER BY h.id",
       6, true},
  };
  return v;
}

}  // namespace ords
