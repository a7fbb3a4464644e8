// sqlite_fn.cpp: the one boundary between SQLite and the C++ model.
//
// Every SQL function of ords_security enters through dispatch(): it converts the sqlite3_value
// arguments to Values, decides positional or named form, binds them (core/args), runs the handler
// (inside a savepoint for writers), and turns the result back into an SQL value. Everything it
// calls may throw; dispatch catches everything, so no exception crosses into C. Errors become
//   sqlite3_result_error(ctx, "<function>: <what was wrong>") + sqlite3_result_error_code(...)
// (in that order: result_error resets the code to SQLITE_ERROR). Out-of-memory becomes
// sqlite3_result_error_nomem.
//
// Flags (why each kind gets what it gets):
//   Pure   UTF8 | DETERMINISTIC | INNOCUOUS: output depends on the arguments and the build only.
//   Reader UTF8 | INNOCUOUS: reads security metadata that any view shows anyway; harmless in a
//          view or trigger of an untrusted database file.
//   Writer UTF8 | DIRECTONLY: changes security state or mints secrets. A view or trigger planted
//          in a database file must never be able to call it (register a client, grant a role).
//   Direct UTF8 | DIRECTONLY: verifies or exposes secrets and tokens, or changes the connection's
//          state; same threat as Writer.
// Nothing that reads the clock, the RNG or the database is DETERMINISTIC.
#include "sqlite_fn.hpp"

SQLITE_EXTENSION_INIT3

#include <new>
#include <string>
#include <vector>

#include "../core/error.hpp"

#ifndef SQLITE_RESULT_SUBTYPE
#define SQLITE_RESULT_SUBTYPE 0x001000000
#endif

namespace ords::host {

namespace {

constexpr unsigned kJsonSubtype = 'J';  // the subtype SQLite's JSON functions use
constexpr size_t kMaxJsonArgument = 1u << 20;
constexpr int kMaxJsonDepth = 8;

Value from_sqlite(sqlite3_value* v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: return Value::integer(sqlite3_value_int64(v));
    case SQLITE_FLOAT: return Value::real(sqlite3_value_double(v));
    case SQLITE_TEXT: {
      const unsigned char* p = sqlite3_value_text(v);
      int n = sqlite3_value_bytes(v);
      Value out = Value::text(std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)));
      out.json = sqlite3_value_subtype(v) == kJsonSubtype;
      return out;
    }
    case SQLITE_BLOB: {
      const void* p = sqlite3_value_blob(v);
      int n = sqlite3_value_bytes(v);
      return Value::blob(std::string(static_cast<const char*>(p), static_cast<size_t>(n)));
    }
    default: return Value::null();
  }
}

// Parses JSON text into a Value tree with SQLite's own JSON parser (json_each), never by hand.
Value parse_json(store::Db& db, const std::string& json, const std::string& what, int depth = 0) {
  if (depth > kMaxJsonDepth) throw Error(what + " is nested too deeply");
  if (json.size() > kMaxJsonArgument) throw Error(what + " is larger than 1048576 bytes");
  if (json.find('\0') != std::string::npos) throw Error(what + " is not valid JSON");
  // SQLite's json_each cuts a string at an escaped NUL ("a\u0000b" reads as "a"), which would
  // silently change the value; refuse it as a raw NUL is refused. (A backslash pair is skipped
  // whole, so the text \\u0000 - a backslash, then u0000 - is not mistaken for one.)
  for (size_t i = 0; i + 1 < json.size(); i++) {
    if (json[i] != '\\') continue;
    if (json.compare(i + 1, 5, "u0000") == 0) throw Error(what + " must not contain a NUL character");
    i++;
  }
  {
    // json_type() raises "malformed JSON" on bad input, so it only runs once json_valid() said yes.
    store::Stmt ok = db.prepare("SELECT json_valid(?1), CASE WHEN json_valid(?1) THEN json_type(?1) END");
    ok.bind(1, json);
    if (!ok.step() || ok.int64(0) != 1) throw Error(what + " is not valid JSON");
    std::string type = ok.text(1);
    if (type != "object" && type != "array") {
      // A scalar document: reuse json_extract for its value.
      store::Stmt sc = db.prepare("SELECT json_extract(?1, '$'), json_type(?1)");
      sc.bind(1, json);
      sc.step();
      std::string t = sc.text(1);
      if (t == "true" || t == "false") return Value::boolean(t == "true");
      return sc.value(0);
    }
  }
  Value out;
  store::Stmt st = db.prepare("SELECT key, type, atom, value, json_type(?1) FROM json_each(?1)");
  st.bind(1, json);
  bool first = true;
  while (st.step()) {
    if (first) {
      out.kind = st.text(4) == "object" ? Value::Kind::Object : Value::Kind::Array;
      first = false;
    }
    std::string type = st.text(1);
    Value item;
    if (type == "object" || type == "array")
      item = parse_json(db, st.text(3), what, depth + 1);
    else if (type == "true" || type == "false")
      item = Value::boolean(type == "true");
    else
      item = st.value(2);
    if (out.kind == Value::Kind::Object)
      out.members.emplace_back(st.text(0), std::move(item));
    else
      out.items.push_back(std::move(item));
  }
  if (first) {  // empty object or array
    store::Stmt t = db.prepare("SELECT json_type(?1)");
    t.bind(1, json);
    t.step();
    out.kind = t.text(0) == "object" ? Value::Kind::Object : Value::Kind::Array;
  }
  return out;
}

bool looks_like_json_object(const Value& v) {
  if (v.kind != Value::Kind::Text) return false;
  for (char c : v.s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{';
  }
  return false;
}
bool looks_like_json_array(const Value& v) {
  if (v.kind != Value::Kind::Text) return false;
  for (char c : v.s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '[';
  }
  return false;
}

// Lists and objects may arrive as JSON text (from json_array()/json_object() or typed by hand).
Value prepare_param(store::Db& db, const ParamSpec* p, Value v) {
  if (!p) return v;
  std::string what = "p_" + std::string(p->name);
  if (p->type == ParamType::List && looks_like_json_array(v)) return parse_json(db, v.s, what);
  if (p->type == ParamType::Object && (v.json || looks_like_json_object(v))) return parse_json(db, v.s, what);
  return v;
}

void set_result(sqlite3_context* ctx, const Value& r) {
  switch (r.kind) {
    case Value::Kind::Null: sqlite3_result_null(ctx); break;
    case Value::Kind::Int:
    case Value::Kind::Bool: sqlite3_result_int64(ctx, r.i); break;
    case Value::Kind::Real: sqlite3_result_double(ctx, r.r); break;
    case Value::Kind::Text:
      sqlite3_result_text64(ctx, r.s.data(), r.s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      if (r.json) sqlite3_result_subtype(ctx, kJsonSubtype);
      break;
    case Value::Kind::Blob: sqlite3_result_blob64(ctx, r.s.data(), r.s.size(), SQLITE_TRANSIENT); break;
    default: sqlite3_result_error(ctx, "internal error: a result cannot be an object", -1);
  }
}

void set_error(sqlite3_context* ctx, const char* fn, const std::string& msg, int code) {
  std::string full = std::string(fn) + ": " + msg;
  sqlite3_result_error(ctx, full.c_str(), static_cast<int>(full.size()));
  if (code != SQLITE_ERROR) sqlite3_result_error_code(ctx, code);
}

Value run(Registration* reg, int argc, sqlite3_value** argv) {
  const FnSpec& spec = *reg->fn;
  Conn& conn = *reg->conn;
  conn.ensure_cache();
  store::Db& db = conn.state.db;

  Call call{spec, conn.state, Args{}, false, argc};
  std::vector<Value> values;
  Value obj;
  // However the call ends, the copies of its arguments (secrets, tokens) are zeroed before their
  // memory is freed.
  struct Wipe {
    std::vector<Value>& values;
    Value& obj;
    Args& args;
    ~Wipe() {
      for (auto& v : values) wipe(v);
      wipe(obj);
      args.wipe();
    }
  } wipe_on_exit{values, obj, call.args};
  values.reserve(static_cast<size_t>(argc));
  for (int i = 0; i < argc; i++) values.push_back(from_sqlite(argv[i]));

  bool named = argc == 1 && (values[0].json || looks_like_json_object(values[0]));
  if (named) {
    obj = parse_json(db, values[0].s, "the named-argument object");
    if (obj.kind != Value::Kind::Object) throw Error("a single JSON argument must be an object of named parameters");
    // A function whose first parameter is itself a JSON document (a JWK Set, a filter) takes a
    // lone object positionally unless every key names one of its parameters.
    if (!spec.params.empty() &&
        (spec.params[0].type == ParamType::Object || spec.params[0].type == ParamType::Json)) {
      auto params = named_params(spec);
      for (const auto& [key, value] : obj.members) {
        std::string k = normalize_param_name(key);
        bool known = false;
        for (const auto& p : params) known = known || k == p.name;
        if (!known) named = false;
      }
    }
  }
  if (named) {
    for (auto& [key, value] : obj.members) {
      value = prepare_param(db, find_param(spec, normalize_param_name(key)), std::move(value));
    }
    call.args = bind_named(spec, obj);
    call.named = true;
  } else {
    for (size_t i = 0; i < values.size(); i++) {
      const ParamSpec* p = i < spec.params.size() ? &spec.params[i] : nullptr;
      for (const auto& shape : spec.shapes)
        if (shape.size() == values.size()) p = find_param(spec, shape[i]);
      values[i] = prepare_param(db, p, std::move(values[i]));
    }
    call.args = bind_positional(spec, values);
  }

  if (spec.kind == FnKind::Writer) {
    store::Transaction tx(db);
    Value r = spec.handler(call);
    tx.commit();
    return r;
  }
  return spec.handler(call);
}

void dispatch(sqlite3_context* ctx, int argc, sqlite3_value** argv) noexcept {
  auto* reg = static_cast<Registration*>(sqlite3_user_data(ctx));
  const char* name = reg->fn->name;
  try {
    Value r = run(reg, argc, argv);
    set_result(ctx, r);  // SQLite keeps its own copy
    wipe(r);             // results carry secrets and tokens: zero ours before it is freed
  } catch (const StoreError& e) {
    set_error(ctx, name, e.what(), e.engine_code());
  } catch (const Error& e) {
    set_error(ctx, name, e.what(), e.sqlite_code());
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  } catch (const std::exception& e) {
    set_error(ctx, name, std::string("internal error: ") + e.what(), SQLITE_INTERNAL);
  } catch (...) {
    set_error(ctx, name, "internal error", SQLITE_INTERNAL);
  }
}

}  // namespace

Value parse_json_text(store::Db& db, const std::string& json, const std::string& what) {
  return parse_json(db, json, what);
}

int flags_for(const FnSpec& spec) {
  int f = SQLITE_UTF8;
  switch (spec.kind) {
    case FnKind::Pure: f |= SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS; break;
    case FnKind::Reader: f |= SQLITE_INNOCUOUS; break;
    case FnKind::Writer:
    case FnKind::Direct: f |= SQLITE_DIRECTONLY; break;
  }
  if (spec.json_result) f |= SQLITE_RESULT_SUBTYPE;
  return f;
}

int register_function(Conn* conn, const FnSpec& spec, char** err) {
  Registration* reg = conn->add(&spec, nullptr);
  int rc = sqlite3_create_function_v2(conn->db, spec.name, -1, flags_for(spec), reg, dispatch, nullptr,
                                      nullptr, release_registration);
  if (rc != SQLITE_OK && err && !*err)
    *err = sqlite3_mprintf("registering %s: %s", spec.name, sqlite3_errmsg(conn->db));
  return rc;
}

}  // namespace ords::host
