// plsql_fn.cpp: ords_plsql(p_script): parse the whole script (parser.hpp), then run it
// (interp.hpp) inside the writer's transaction the host gives every writer, so a script that
// fails leaves nothing. Returns the printed lines joined by newlines, NULL when nothing was
// printed. DIRECTONLY (a writer): a trigger or view of a database file can never run a script.
#include "plsql_fn.hpp"

#include "../conn/call.hpp"
#include "../core/error.hpp"
#include "../core/text.hpp"
#include "../host/registry.hpp"
#include "interp.hpp"
#include "parser.hpp"

namespace ords::plsql {

namespace {

// The views a script may query, with their columns (from their declarations).
Catalog catalog() {
  Catalog c;
  for (const ViewSpec* v : host::all_views()) {
    std::vector<std::string> cols;
    std::string decl = v->columns, cur;
    bool in_name = true;
    for (size_t i = 0; i <= decl.size(); i++) {
      char ch = i < decl.size() ? decl[i] : ',';
      if (ch == ',') {
        if (!cur.empty()) cols.push_back(cur);
        cur.clear();
        in_name = true;
      } else if (ch == ' ') {
        if (!cur.empty()) in_name = false;
      } else if (in_name) {
        cur += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
    }
    c[v->name] = cols;
  }
  return c;
}

Value ords_plsql(Call& c) {
  // Text, or the blob readfile() returns: the same UTF-8 script either way.
  const Value& given = c.args.get("script");
  if (given.is_null()) throw Error("p_script must not be NULL");
  if (given.kind != Value::Kind::Text && given.kind != Value::Kind::Blob)
    throw Error(std::string("p_script must be text (or a blob of UTF-8 text), not ") + given.kind_name());
  std::string script(given.s);
  if (script.size() > (size_t{1} << 20)) throw Error("p_script is larger than 1048576 bytes");
  if (script.find('\0') != std::string::npos) throw Error("p_script must not contain a NUL character");
  if (!text::valid_utf8(script)) throw Error("p_script must be valid UTF-8");
  Script parsed = parse(script, catalog());
  Environment env{c.conn, host::all_functions()};
  std::vector<std::string> lines = run(parsed, env);
  if (lines.empty()) return Value::null();
  std::string out;
  for (size_t i = 0; i < lines.size(); i++) out += (i ? "\n" : "") + lines[i];
  return Value::text(SecretText(out));
}

}  // namespace

const std::vector<FnSpec>& plsql_functions() {
  static const std::vector<FnSpec> fns = {
      // Json: passes text and blobs through as given (readfile() gives a blob); ords_plsql checks it.
      fn("ords_plsql", ords_plsql).writer().with_params({{"script", ParamType::Json, true}}),
  };
  return fns;
}

}  // namespace ords::plsql
