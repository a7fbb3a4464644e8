// bind_call.cpp: a host's arguments bound to a Call (bind_call.hpp): the named or positional form
// and the preparation of JSON parameters, the same for every host.
#include "bind_call.hpp"

#include <string>

#include "../core/bind_fast.hpp"
#include "../core/error.hpp"
#include "../core/json_reader.hpp"

namespace ords {

// How a JSON argument is recognised. Text means the same with or without SQLite's JSON subtype
// (text read from a table has none): the first character decides, and the subtype only adds that
// text tagged as JSON is parsed even when it does not start with `{`. Every parse goes through
// the one strict reader (core/json_reader: size, depth, NUL, duplicate members, UTF-8).
//   List    text starting with `[` is a JSON array of names (else: comma-separated text)
//   Object  text starting with `{`, or tagged JSON, is parsed (anything but an object is then
//           refused by check_param)
//   Json    as Object; a tagged value that is not an object (json('[1]'), json_quote('x')) stays
//           JSON text for the model to judge
Value prepare_param(const ParamSpec* p, Value v) {
  if (!p || v.kind != Value::Kind::Text) return v;
  bool parse = false;
  switch (p->type) {
    case ParamType::List: parse = json::starts_with(v.s, '['); break;
    case ParamType::Object:
    case ParamType::Json: parse = v.json || json::starts_with(v.s, '{'); break;
    default: break;
  }
  if (!parse) return v;
  Value parsed = json::parse(v.s, "p_" + std::string(p->name));
  if (p->type == ParamType::Json && parsed.kind != Value::Kind::Object) {
    return v;
  }
  return parsed;
}

void bind_call(Call& call, std::vector<Value>& values) { bind_values(call.spec, values, call.args, call.named); }

void bind_values(const FnSpec& spec, std::vector<Value>& values, Args& out, bool& out_named, bool fast) {
  bool named = values.size() == 1 && values[0].kind == Value::Kind::Text &&
               (values[0].json || json::starts_with(values[0].s, '{'));
  // The plainest named calls (a flat object of short ASCII strings) in one pass, without the
  // parsed object (core/bind_fast.hpp); everything else, errors included, the generic way below.
  if (fast && named && bind_named_fast(spec, values[0].s, out)) {
    out_named = true;
    return;
  }
  Value obj;
  if (named) {
    obj = json::parse(values[0].s, "the named-argument object");
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
    for (auto& [key, value] : obj.members)
      value = prepare_param(find_param(spec, normalize_param_name(key)), std::move(value));
    out = bind_named(spec, std::move(obj));
    out_named = true;
    return;
  }
  for (size_t i = 0; i < values.size(); i++) {
    const ParamSpec* p = i < spec.params.size() ? &spec.params[i] : nullptr;
    for (const auto& shape : spec.shapes)
      if (shape.size() == values.size()) p = find_param(spec, shape[i]);
    values[i] = prepare_param(p, std::move(values[i]));
  }
  out = bind_positional(spec, std::move(values));  // the caller's values are not used again
}

}  // namespace ords
