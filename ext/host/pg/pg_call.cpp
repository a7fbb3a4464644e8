// pg_call.cpp: the one boundary between PostgreSQL's fmgr and the C++ model (the C++ side; the
// C entry points are pg_entry.cpp).
//
// Every SQL function of the install script is the C function ords_pg_fn; which FnSpec a call
// means is found by the called function's name (looked up once per call site, kept in
// fn_extra). Every view is a view over a set-returning function named <view>_rows, the C
// function ords_pg_view. Arguments are declared "any", so the same positional and named forms as
// the SQLite host arrive here: Datums become Values by their actual type (integers, boolean,
// numbers, text and unknown literals, json and jsonb (tagged JSON), bytea); one argument that is
// json/jsonb or text starting with `{` is the named form, exactly as host/sqlite_fn.cpp decides.
// Results are text (json for the functions whose result is JSON): PostgreSQL needs one return
// type per function and the core decides a result's kind when it runs. A json function whose result is
// plain text (a secret, in a positional form) returns it as a JSON string.
//
// The connection's state is one ConnState per backend; its current schema is the setting
// ords_security.schema (read before each call, written back when ords_set_schema changed it).
// Writers on a hot standby are refused before they start; readers (check_request, the views) and
// oauth_introspect run there.
//
// Everything runs inside host::guard (boundary.hpp is the SQLite host's; this file has its own
// catch ladder of the same shape, since the SQLite one reports through sqlite3 calls), and every
// PostgreSQL call goes through store::pg_run.
#include "pg_call.hpp"

extern "C" {
#include <access/xlog.h>
#include <catalog/pg_type.h>
#include <executor/spi.h>
#include <funcapi.h>
#include <utils/builtins.h>
#include <utils/guc.h>
#include <utils/lsyscache.h>
#include <utils/memutils.h>
#include <utils/tuplestore.h>
}

#include <sodium.h>

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "../../conn/bind_call.hpp"
#include "../../conn/call.hpp"
#include "../../core/error.hpp"
#include "../../core/json_reader.hpp"
#include "../../core/json_writer.hpp"
#include "../../core/text.hpp"
#include "../../model/schemas.hpp"
#include "../../store/db_pg.hpp"
#include "../../store/schema.hpp"
#include "../registry.hpp"

namespace ords::host::pg {

char* g_schema_setting = nullptr;

namespace {

std::string g_message;  // the last failure (a static: no destructor runs on the error path)
int g_sqlstate = 0;

// SQLSTATEs for the core's codes.
int sqlstate_of(const Error& e) {
  switch (e.code()) {
    case Code::Constraint: return ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION;
    case Code::ReadOnly: return ERRCODE_READ_ONLY_SQL_TRANSACTION;
    case Code::Busy: return ERRCODE_LOCK_NOT_AVAILABLE;
    case Code::TooBig: return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
    default: return ERRCODE_INVALID_PARAMETER_VALUE;
  }
}

// The catch ladder: runs body, records "<name>: <message>" and the SQLSTATE. Never throws.
template <class F>
bool guarded(const char* const& name, F&& body) noexcept {
  try {
    try {
      body();
      return true;
    } catch (const StoreError& e) {
      g_sqlstate = e.engine_code();
      g_message = std::string(name) + ": " + e.what();
    } catch (const Error& e) {
      g_sqlstate = sqlstate_of(e);
      g_message = std::string(name) + ": " + e.what();
    } catch (const std::bad_alloc&) {
      g_sqlstate = ERRCODE_OUT_OF_MEMORY;
      g_message = "out of memory";
    } catch (const std::exception& e) {
      g_sqlstate = ERRCODE_INTERNAL_ERROR;
      g_message = std::string(name) + ": internal error: " + e.what();
    } catch (...) {
      g_sqlstate = ERRCODE_INTERNAL_ERROR;
      g_message = std::string(name) + ": internal error";
    }
  } catch (...) {
    g_sqlstate = ERRCODE_OUT_OF_MEMORY;
    g_message.clear();
  }
  if (g_sqlstate == 0) g_sqlstate = ERRCODE_INTERNAL_ERROR;
  return false;
}

ConnState& state() {
  static ConnState* s = new ConnState(nullptr);  // one per backend, for the backend's life
  return *s;
}

// Before each call (after store::pg_new_call, which the entry functions below call first): the
// session's current schema.
void begin_state(ConnState& s) {
  const char* setting = g_schema_setting && *g_schema_setting ? g_schema_setting : "MAIN";
  s.current_schema = text::upper(setting);
}

// After a call that changed the current schema (ords_set_schema): the setting follows.
void end_state(ConnState& s) {
  const char* setting = g_schema_setting && *g_schema_setting ? g_schema_setting : "MAIN";
  if (s.current_schema == text::upper(setting)) return;
  const char* v = s.current_schema.c_str();
  store::pg_run([&] {
    set_config_option("ords_security.schema", v, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SET, true, 0, false);
  });
}

// The called function's name (once per call site: kept in fn_extra).
std::string called_name(FunctionCallInfo fcinfo) {
  char* name = nullptr;
  Oid oid = fcinfo->flinfo->fn_oid;
  store::pg_run([&] { name = get_func_name(oid); });
  if (!name) throw Error("internal error: the called function has no name");
  return name;
}

const FnSpec& spec_of(FunctionCallInfo fcinfo) {
  if (fcinfo->flinfo->fn_extra) return *static_cast<const FnSpec*>(fcinfo->flinfo->fn_extra);
  static std::unordered_map<std::string, const FnSpec*> by_name;
  if (by_name.empty())
    for (const FnSpec* f : all_functions()) by_name.emplace(f->name, f);
  auto it = by_name.find(called_name(fcinfo));
  if (it == by_name.end()) throw Error("internal error: this function is not one of this build's");
  fcinfo->flinfo->fn_extra = const_cast<FnSpec*>(it->second);
  return *it->second;
}

const ViewSpec& view_of(FunctionCallInfo fcinfo) {
  static std::unordered_map<std::string, const ViewSpec*> by_name;
  if (by_name.empty())
    for (const ViewSpec* v : all_views()) by_name.emplace(std::string(v->name) + "_rows", v);
  auto it = by_name.find(called_name(fcinfo));
  if (it == by_name.end()) throw Error("internal error: this view is not one of this build's");
  return *it->second;
}

// One argument as a Value, by its actual type.
Value from_datum(FunctionCallInfo fcinfo, int i) {
  if (PG_ARGISNULL(i)) return Value::null();
  Oid type = InvalidOid;
  Datum d = PG_GETARG_DATUM(i);
  FmgrInfo* flinfo = fcinfo->flinfo;
  store::pg_run([&] { type = get_fn_expr_argtype(flinfo, i); });
  switch (type) {
    case INT8OID: return Value::integer(DatumGetInt64(d));
    case INT4OID: return Value::integer(DatumGetInt32(d));
    case INT2OID: return Value::integer(DatumGetInt16(d));
    case BOOLOID: return Value::boolean(DatumGetBool(d));
    case FLOAT8OID: return Value::real(DatumGetFloat8(d));
    case FLOAT4OID: return Value::real(DatumGetFloat4(d));
    case UNKNOWNOID:
    case CSTRINGOID: {
      const char* s = DatumGetCString(d);
      return Value::text(SecretText(s, strlen(s)));
    }
    default: break;
  }
  const char* p = nullptr;
  size_t n = 0;
  char* out = nullptr;
  bool varlena = type == TEXTOID || type == VARCHAROID || type == BPCHAROID || type == JSONOID || type == BYTEAOID;
  store::pg_run([&] {
    if (varlena) {
      struct varlena* v = PG_DETOAST_DATUM_PACKED(d);
      p = VARDATA_ANY(v);
      n = VARSIZE_ANY_EXHDR(v);
    } else {
      Oid fn;
      bool isvarlena;
      getTypeOutputInfo(type, &fn, &isvarlena);
      out = OidOutputFunctionCall(fn, d);
    }
  });
  if (!varlena) {
    p = out;
    n = strlen(out);
  }
  if (type == BYTEAOID) return Value::blob(SecretText(p, n));
  if (type == NUMERICOID) {  // a whole number is an integer, as SQLite gives it
    std::string s(p, n);
    char* end = nullptr;
    long long v = strtoll(s.c_str(), &end, 10);
    if (end && *end == '\0' && !s.empty()) return Value::integer(v);
    return Value::real(strtod(s.c_str(), nullptr));
  }
  Value v = Value::text(SecretText(p, n));
  v.json = type == JSONOID || type == JSONBOID;
  return v;
}


// A result as text: numbers in decimal, a blob in PostgreSQL's hex form.
std::string result_text(const Value& r) {
  switch (r.kind) {
    case Value::Kind::Int:
    case Value::Kind::Bool: return std::to_string(r.i);
    case Value::Kind::Real: {
      char buf[32];
      snprintf(buf, sizeof buf, "%.15g", r.r);
      return buf;
    }
    case Value::Kind::Text: return std::string(r.s.data(), r.s.size());
    case Value::Kind::Blob: {
      static const char* hex = "0123456789abcdef";
      std::string out = "\\x";
      for (unsigned char ch : r.s) {
        out += hex[ch >> 4];
        out += hex[ch & 15];
      }
      return out;
    }
    default: throw Error("internal error: a result cannot be an object");
  }
}

void run_function(FunctionCallInfo fcinfo, MemoryContext cxt, Datum* result, bool* isnull) {
  const FnSpec& spec = spec_of(fcinfo);
  ConnState& s = state();
  begin_state(s);
  if (spec.kind == FnKind::Writer) {
    bool standby = false;
    store::pg_run([&] { standby = RecoveryInProgress(); });
    if (standby)
      throw Error("this server is a hot standby (in recovery, read-only): call writers on the primary; "
                  "check_request, oauth_introspect and the views work here",
                  Code::ReadOnly);
  }
  int argc = PG_NARGS();
  std::vector<Value> values;
  values.reserve(static_cast<size_t>(argc));
  for (int i = 0; i < argc; i++) values.push_back(from_datum(fcinfo, i));
  Call call{spec, s, Args{}, false, argc};
  bind_call(call, values);
  Value r = spec.handler(call);
  end_state(s);
  if (r.kind == Value::Kind::Null) {
    *isnull = true;
    return;
  }
  SecretText out(result_text(r));
  if (spec.json_result && r.kind == Value::Kind::Text && !r.json) {
    // The declared type is json: a plain text result (a secret in the positional form) is a
    // JSON string (`#>> '{}'` gives the text back).
    std::string quoted = JsonWriter::quote(out);
    out.assign(quoted.data(), quoted.size());
    sodium_memzero(quoted.data(), quoted.size());
  }
  const char* p = out.data();
  size_t n = out.size();
  Datum d = 0;
  store::pg_run([&] {
    MemoryContext old = MemoryContextSwitchTo(cxt);
    d = PointerGetDatum(cstring_to_text_with_len(p, static_cast<int>(n)));
    MemoryContextSwitchTo(old);
  });
  *result = d;
  *isnull = false;
}

void run_view(FunctionCallInfo fcinfo) {
  const ViewSpec& view = view_of(fcinfo);
  ConnState& s = state();
  begin_state(s);
  int version = store::schema_version(s.db);
  std::optional<int64_t> schema = find_schema_id(s, s.current_schema);
  if (!schema) return;
  store::SqlLiteral query = view_query(view, version);
  if (!query) return;
  std::vector<std::vector<Value>> rows;
  {
    store::Stmt st = s.db.prepare(query);
    st.bind(1, *schema);
    if (view.binds_now) st.bind(2, s.clock.now());
    while (st.step()) {
      std::vector<Value> row;
      int n = st.columns();
      for (int i = 0; i < n; i++) row.push_back(view_cell(view, i, st.value(i)));
      rows.push_back(std::move(row));
    }
  }
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  TupleDesc desc = rsinfo->setDesc;
  Tuplestorestate* store = rsinfo->setResult;
  int natts = desc->natts;
  std::vector<Datum> datums(static_cast<size_t>(natts));
  std::vector<bool> nulls(static_cast<size_t>(natts));
  std::unique_ptr<bool[]> nullv(new bool[static_cast<size_t>(natts) + 1]);
  for (const auto& row : rows) {
    std::vector<std::string> texts(static_cast<size_t>(natts));
    for (int c = 0; c < natts; c++) {
      const Value& v = static_cast<size_t>(c) < row.size() ? row[static_cast<size_t>(c)] : Value();
      nullv[c] = v.kind == Value::Kind::Null;
      if (!nullv[c]) texts[static_cast<size_t>(c)] = v.kind == Value::Kind::Blob ? std::string(v.s.data(), v.s.size())
                                                                                : result_text(v);
    }
    Datum* dv = datums.data();
    bool* nv = nullv.get();
    std::vector<std::string>* tv = &texts;
    store::pg_run([&] {
      MemoryContext old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
      for (int c = 0; c < natts; c++) {
        if (nv[c]) {
          dv[c] = 0;
          continue;
        }
        const std::string& t = (*tv)[static_cast<size_t>(c)];
        Oid type = TupleDescAttr(desc, c)->atttypid;
        if (type == BYTEAOID) {
          bytea* b = static_cast<bytea*>(palloc(VARHDRSZ + t.size()));
          SET_VARSIZE(b, VARHDRSZ + t.size());
          memcpy(VARDATA(b), t.data(), t.size());
          dv[c] = PointerGetDatum(b);
        } else if (type == TEXTOID) {
          dv[c] = PointerGetDatum(cstring_to_text_with_len(t.data(), static_cast<int>(t.size())));
        } else {
          Oid fn, ioparam;
          getTypeInputInfo(type, &fn, &ioparam);
          dv[c] = OidInputFunctionCall(fn, const_cast<char*>(t.c_str()), ioparam, -1);
        }
      }
      tuplestore_putvalues(store, desc, dv, nv);
      MemoryContextSwitchTo(old);
    });
  }
}

}  // namespace

bool call_function(FunctionCallInfo fcinfo, MemoryContext cxt, Datum* result, bool* isnull) noexcept {
  const char* name = "ords_security";
  if (fcinfo->flinfo->fn_extra) name = static_cast<const FnSpec*>(fcinfo->flinfo->fn_extra)->name;
  return guarded(name, [&] {
    store::pg_new_call();
    name = spec_of(fcinfo).name;
    run_function(fcinfo, cxt, result, isnull);
  });
}

bool call_view(FunctionCallInfo fcinfo) noexcept {
  const char* name = "ords_security view";
  return guarded(name, [&] {
    store::pg_new_call();
    const ViewSpec& v = view_of(fcinfo);
    name = v.name;
    run_view(fcinfo);
  });
}

bool read_only_call(FunctionCallInfo fcinfo) noexcept {
  const auto* spec = static_cast<const FnSpec*>(fcinfo->flinfo->fn_extra);
  return spec && spec->kind != FnKind::Writer;
}

bool call_poisoned() noexcept { return store::pg_poisoned(); }

const char* failure_message() noexcept { return g_message.c_str(); }
int failure_sqlstate() noexcept { return g_sqlstate; }

}  // namespace ords::host::pg
