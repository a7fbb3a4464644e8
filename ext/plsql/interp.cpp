// interp.cpp: see interp.hpp.
#include "interp.hpp"

#include <cctype>
#include <optional>

#include "../core/error.hpp"
#include "../core/json_reader.hpp"
#include "../core/text.hpp"
#include "output.hpp"
#include "parser.hpp"

namespace ords::plsql {

namespace {

Value record(VarType t) {
  auto obj = [](std::initializer_list<const char*> names) {
    Value v;
    v.kind = Value::Kind::Object;
    for (const char* n : names) v.members.emplace_back(n, Value::null());
    return v;
  };
  switch (t) {
    case VarType::ClientKey: return obj({"id", "name", "client_id"});
    case VarType::ClientSecret: return obj({"secret", "slot", "issued_on", "stored"});
    case VarType::Credentials: {
      Value v;
      v.kind = Value::Kind::Object;
      v.members.emplace_back("client_key", record(VarType::ClientKey));
      v.members.emplace_back("client_secret", record(VarType::ClientSecret));
      return v;
    }
    case VarType::Table: {
      Value v;
      v.kind = Value::Kind::Array;
      return v;
    }
    default: return Value::null();
  }
}

Value* member(Value& obj, const std::string& name) {
  for (auto& [k, v] : obj.members)
    if (k == name) return &v;
  return nullptr;
}
const Value* member(const Value& obj, const std::string& name) {
  for (const auto& [k, v] : obj.members)
    if (k == name) return &v;
  return nullptr;
}

// A record assigned from a value: every field taken from the value's member of that name (NULL
// when it has none), nested records alike. A t_client_key record takes the client_key of a
// credentials value.
void assign_record(Value& loc, const Value& val) {
  const Value* src = &val;
  if (!member(loc, "client_key") && member(val, "client_key") && !member(val, "id")) src = member(val, "client_key");
  for (auto& [k, v] : loc.members) {
    const Value* from = src->kind == Value::Kind::Object ? member(*src, k) : nullptr;
    if (v.kind == Value::Kind::Object) {
      if (from && from->kind == Value::Kind::Object) assign_record(v, *from);
      else assign_record(v, Value{});
    } else {
      v = from ? *from : Value::null();
      if (v.kind == Value::Kind::Object || v.kind == Value::Kind::Array) v = Value::null();
    }
  }
}

// What a record or table becomes as an argument: a record its non-NULL fields (an object), a
// table its elements in index order (an array), NULL elements left out.
Value argument(const Value& v) {
  if (v.kind == Value::Kind::Object) {
    Value out;
    out.kind = Value::Kind::Object;
    for (const auto& [k, m] : v.members)
      if (!m.is_null()) out.members.emplace_back(k, argument(m));
    return out;
  }
  if (v.kind == Value::Kind::Array) {
    Value out;
    out.kind = Value::Kind::Array;
    for (const auto& m : v.items)
      if (!m.is_null()) out.items.push_back(m);
    return out;
  }
  return v;
}

class Interp {
 public:
  Interp(const Script& s, Environment& env) : script_(s), env_(env), frames_(static_cast<size_t>(s.max_depth) + 1) {}

  std::vector<std::string> run() {
    store::Db& db = env_.conn.db;
    if (!db.read_only()) {
      Call setup{*self_spec(), env_.conn, Args{}, false, 0};
      setup.begin_write();  // the tables exist before the first mark
    }
    mark_.emplace(db);
    for (const Stmt& st : script_.items) exec(st);
    mark_->commit();
    mark_.reset();
    return std::move(out_);
  }

 private:
  const Script& script_;
  Environment& env_;
  std::vector<std::vector<Value>> frames_;
  std::vector<std::string> out_;
  std::optional<store::Transaction> mark_;

  const FnSpec* self_spec() {
    static const FnSpec spec = fn("ords_plsql", nullptr).writer();
    return &spec;
  }

  [[noreturn]] static void fail(int line, const std::string& what, Code code = Code::Error) {
    throw Error("line " + std::to_string(line) + ": " + what, code);
  }

  // ---- statements -------------------------------------------------------------------------
  void exec(const Stmt& st) {
    switch (st.kind) {
      case Stmt::Kind::Block: return block(*st.block);
      case Stmt::Kind::Null: return;
      case Stmt::Kind::Prompt: out_.push_back(st.text); return;
      case Stmt::Kind::Commit:
        mark_->commit();
        mark_.reset();
        mark_.emplace(env_.conn.db);
        return;
      case Stmt::Kind::Rollback:
        mark_.reset();  // rolls back to the mark (and forgets what the caches read since)
        mark_.emplace(env_.conn.db);
        return;
      case Stmt::Kind::Assign: {
        Value v = eval(*st.value);
        assign(st.target, std::move(v), st.line);
        return;
      }
      case Stmt::Kind::Call: call(*st.value); return;
      case Stmt::Kind::Query: query(*st.query, st.line); return;
    }
  }

  void block(const Block& b) {
    auto& frame = frames_[static_cast<size_t>(b.depth)];
    frame.clear();
    for (const auto& d : b.vars) {
      frame.push_back(record(d.type));
      if (d.init) {
        Value v = eval(*d.init);
        Ref r;
        r.depth = b.depth;
        r.slot = static_cast<int>(frame.size() - 1);
        r.var = d.name;
        assign(r, std::move(v), d.line);
      }
    }
    for (const Stmt& st : b.body) exec(st);
  }

  // ---- variables ----------------------------------------------------------------------------
  Value& locate(const Ref& r, bool for_write, int line) {
    Value* v = &frames_[static_cast<size_t>(r.depth)][static_cast<size_t>(r.slot)];
    for (const auto& f : r.fields) {
      Value* m = member(*v, f);
      if (!m) fail(line, text::quote_input(r.var) + " has no field " + f);
      v = m;
    }
    if (r.index) {
      Value iv = eval(*r.index);
      int64_t i = 0;
      if (iv.kind == Value::Kind::Int) i = iv.i;
      else if (iv.kind == Value::Kind::Real && iv.r == static_cast<double>(static_cast<int64_t>(iv.r))) i = static_cast<int64_t>(iv.r);
      else fail(line, "the index of " + text::quote_input(r.var) + " must be a whole number");
      if (i < 1 || i > 10000) fail(line, "the index of " + text::quote_input(r.var) + " must be 1 to 10000");
      if (v->kind != Value::Kind::Array) fail(line, text::quote_input(r.var) + " is not a table");
      size_t idx = static_cast<size_t>(i - 1);
      if (idx >= v->items.size()) {
        if (!for_write) fail(line, "element " + std::to_string(i) + " of " + text::quote_input(r.var) + " does not exist (NO_DATA_FOUND)");
        v->items.resize(idx + 1);
      }
      v = &v->items[idx];
    }
    return *v;
  }

  void assign(const Ref& r, Value v, int line) {
    Value& loc = locate(r, true, line);
    if (loc.kind == Value::Kind::Object) {
      if (v.is_null()) { assign_record(loc, Value{}); return; }
      if (v.kind != Value::Kind::Object) fail(line, text::quote_input(r.var) + " is a record: a " + v.kind_name() + " cannot be assigned to it");
      assign_record(loc, v);
      return;
    }
    if (loc.kind == Value::Kind::Array) {
      if (v.kind != Value::Kind::Array) fail(line, text::quote_input(r.var) + " is a table: name an element, " + r.var + "(1)");
      loc = std::move(v);
      return;
    }
    if (v.kind == Value::Kind::Object || v.kind == Value::Kind::Array)
      fail(line, text::quote_input(r.var) + " holds one value: a record cannot be assigned to it");
    loc = std::move(v);
  }

  // ---- expressions --------------------------------------------------------------------------
  Value eval(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::Literal: return e.literal;
      case Expr::Kind::Ref: return locate(e.ref, false, e.line);
      case Expr::Kind::Call: return call(e);
      case Expr::Kind::Negate: {
        Value v = eval(*e.parts[0]);
        if (v.kind == Value::Kind::Int) return Value::integer(-v.i);
        if (v.kind == Value::Kind::Real) return Value::real(-v.r);
        if (v.is_null()) return v;
        fail(e.line, "'-' needs a number");
      }
      case Expr::Kind::Concat: {
        std::string s;
        for (const auto& p : e.parts) {
          Value v = eval(*p);
          try {
            s += to_text(v, "||");
          } catch (const Error& err) {
            fail(e.line, err.message());
          }
        }
        return Value::text(SecretText(s));
      }
      case Expr::Kind::Hextoraw: {
        Value v = eval(*e.parts[0]);
        if (v.is_null()) return v;
        if (v.kind != Value::Kind::Text) fail(e.line, "HEXTORAW needs text");
        std::string hex(v.s), bytes;
        if (hex.size() % 2) fail(e.line, "HEXTORAW: the text must hold an even number of hex digits");
        for (size_t i = 0; i < hex.size(); i += 2) {
          auto digit = [&](char c) -> int {
            if (std::isdigit(static_cast<unsigned char>(c))) return c - '0';
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            fail(e.line, "HEXTORAW: the text must hold only hex digits");
          };
          bytes += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
        }
        return Value::blob(SecretText(bytes));
      }
    }
    return Value::null();
  }

  // ---- calls --------------------------------------------------------------------------------
  Value constructor(const Expr& e, VarType t) {
    Value rec = record(t);
    std::vector<std::string> order;
    for (const auto& [k, v] : rec.members) order.push_back(k);
    size_t pos = 0;
    for (const auto& a : e.args) {
      std::string name = a.name.empty() ? (pos < order.size() ? order[pos++] : std::string())
                                        : normalize_param_name(a.name);
      Value* m = name.empty() ? nullptr : member(rec, name);
      if (!m) fail(e.line, e.package + "." + e.proc + ": " + (a.name.empty() ? "too many arguments" : "no parameter p_" + name));
      *m = eval(*a.value);
    }
    return rec;
  }

  Value call(const Expr& e) {
    std::string proc = text::lower(e.proc);
    std::string label = e.package + "." + e.proc;
    if (e.package == "ORDS_TYPES") return constructor(e, proc == "oauth_client_key" ? VarType::ClientKey : VarType::ClientSecret);
    if (e.package == "DBMS_OUTPUT") {
      if (proc != "put_line") return Value::null();
      if (e.args.size() != 1) fail(e.line, label + ": takes one argument");
      Value v = eval(*e.args[0].value);
      try {
        out_.push_back(to_text(v, label));
      } catch (const Error& err) {
        fail(e.line, err.message());
      }
      return Value::null();
    }
    const FnSpec* spec = nullptr;
    for (const FnSpec* f : env_.functions)
      if (proc == f->name) spec = f;
    if (!spec) fail(e.line, label + ": no SQL function " + proc + " is registered");
    // The arguments, evaluated in order.
    bool all_positional = true;
    std::vector<std::pair<std::string, Value>> given;
    bool key_form = false;
    for (const auto& a : e.args) {
      Value v = argument(eval(*a.value));
      if (!a.name.empty()) {
        all_positional = false;
        if (normalize_param_name(a.name) == "client_key") key_form = true;
      }
      given.emplace_back(a.name, std::move(v));
    }
    Value result;
    try {
      Call c{*spec, env_.conn, Args{}, false, static_cast<int>(given.size())};
      if (all_positional) {
        std::vector<Value> values;
        for (auto& g : given) values.push_back(std::move(g.second));
        c.args = bind_positional(*spec, values);
      } else {
        Value obj;
        obj.kind = Value::Kind::Object;
        for (size_t i = 0; i < given.size(); i++) {
          std::string name = given[i].first;
          if (name.empty()) {
            if (i >= spec->params.size()) throw Error("too many arguments");
            name = spec->params[i].name;
          }
          obj.members.emplace_back(text::lower(name), std::move(given[i].second));
        }
        c.args = bind_named(*spec, obj);
        c.named = true;
      }
      if (spec->own_transaction()) {
        store::Transaction tx(env_.conn.db);
        result = spec->handler(c);
        tx.commit();
      } else {
        result = spec->handler(c);
      }
      if (spec->json_result && result.kind == Value::Kind::Text) result = json::parse(result.s, "the result");
    } catch (const Error& err) {
      fail(e.line, label + ": " + err.message(), err.code());
    }
    // ORDS's p_name overload of ROTATE_CLIENT_SECRET returns the new secret's text.
    if (proc == "rotate_client_secret" && !key_form && result.kind == Value::Kind::Object) {
      const Value* cs = member(result, "client_secret");
      const Value* sec = cs ? member(*cs, "secret") : nullptr;
      return sec ? *sec : Value::null();
    }
    return result;
  }

  // ---- queries ------------------------------------------------------------------------------
  void query(const Query& q, int line) {
    std::vector<std::string> headings;
    std::vector<std::vector<Value>> rows;
    if (q.dual) {
      std::vector<Value> row;
      for (const auto& item : q.items) row.push_back(eval(*item));
      for (const auto& v : row)
        if (v.kind == Value::Kind::Object || v.kind == Value::Kind::Array)
          fail(line, "a query selects values, not records");
      headings = q.headings;
      rows.push_back(std::move(row));
    } else {
      try {
        store::Stmt st = env_.conn.db.prepare_built(q.sql);
        for (size_t i = 0; i < q.binds.size(); i++) {
          Value v = locate(q.binds[i], false, line);
          if (v.kind == Value::Kind::Object || v.kind == Value::Kind::Array)
            fail(line, "a record cannot be compared in a query; name one of its fields");
          st.bind_value(static_cast<int>(i + 1), v);
        }
        for (int c = 0; c < st.columns(); c++) headings.push_back(text::upper(st.column_name(c) ? st.column_name(c) : ""));
        while (st.step()) {
          std::vector<Value> row;
          for (int c = 0; c < st.columns(); c++) row.push_back(st.value(c));
          rows.push_back(std::move(row));
          if (!q.into.empty() && rows.size() > 1) break;
          if (rows.size() > 100000) fail(line, "the query returns more than 100000 rows");
        }
      } catch (const Error& err) {
        if (std::string(err.what()).rfind("line ", 0) == 0) throw;
        fail(line, "query: " + err.message(), err.code());
      }
    }
    if (q.into.empty()) {
      print_rows(headings, rows, out_);
      return;
    }
    if (rows.empty()) fail(line, "SELECT INTO: the query returned no row (NO_DATA_FOUND)");
    if (rows.size() > 1) fail(line, "SELECT INTO: the query returned more than one row (TOO_MANY_ROWS)");
    if (rows[0].size() != q.into.size())
      fail(line, "SELECT INTO: the query returns " + std::to_string(rows[0].size()) + " columns for " +
                     std::to_string(q.into.size()) + " variables");
    for (size_t i = 0; i < q.into.size(); i++) assign(q.into[i], std::move(rows[0][i]), line);
  }
};

}  // namespace

std::vector<std::string> run(const Script& script, Environment& env) {
  Interp in(script, env);
  return in.run();
}

}  // namespace ords::plsql
