// bind.cpp: binding of positional and named calls to Args (see fn.hpp and args.hpp).
#include <algorithm>

#include "error.hpp"
#include "fn.hpp"
#include "text.hpp"

namespace ords {

namespace {
const ParamSpec kSchemaParam{"schema", ParamType::Name, false, 0};
}

const ParamSpec* find_param(const FnSpec& spec, const std::string& name) {
  for (const auto& p : spec.params)
    if (name == p.name) return &p;
  for (const auto& p : spec.named_only)
    if (name == p.name) return &p;
  return nullptr;
}

std::vector<ParamSpec> named_params(const FnSpec& spec) {
  std::vector<ParamSpec> out = spec.params;
  out.insert(out.end(), spec.named_only.begin(), spec.named_only.end());
  if (!find_param(spec, "schema")) out.push_back(kSchemaParam);
  return out;
}

Args bind_positional(const FnSpec& spec, const std::vector<Value>& values) {
  return bind_positional(spec, std::vector<Value>(values));
}

Args bind_positional(const FnSpec& spec, std::vector<Value>&& values) {
  std::vector<const ParamSpec*> order;
  order.reserve(spec.params.size());
  for (const auto& p : spec.params) order.push_back(&p);
  for (const auto& shape : spec.shapes) {
    if (shape.size() == values.size()) {
      order.clear();
      for (const char* n : shape) order.push_back(find_param(spec, n));
      break;
    }
  }
  if (values.size() > order.size()) {
    std::string counts = std::to_string(spec.params.size());
    for (const auto& shape : spec.shapes) counts += " or " + std::to_string(shape.size());
    throw Error("takes at most " + counts + (counts == "1" ? " argument" : " arguments") + ", got " +
                std::to_string(values.size()));
  }
  Args args;
  args.reserve(order.size());
  for (size_t i = 0; i < order.size(); i++) {
    const ParamSpec& p = *order[i];
    Value v = i < values.size() ? std::move(values[i]) : Value::null();
    args.set(p.name, check_param(p, std::move(v)), i < values.size());
  }
  return args;
}

Args bind_named(const FnSpec& spec, const Value& object) { return bind_named(spec, Value(object)); }

Args bind_named(const FnSpec& spec, Value&& object) {
  // The accepted parameters are those of named_params(spec), in its order, without its copy: the
  // positional ones, the named-only ones, then the implied `schema` when the function has none.
  const ParamSpec* implied_schema = find_param(spec, "schema") ? nullptr : &kSchemaParam;
  auto accepted = [&](const std::string& k) -> const ParamSpec* {
    if (const ParamSpec* p = find_param(spec, k)) return p;
    return implied_schema && k == implied_schema->name ? implied_schema : nullptr;
  };
  std::vector<const ParamSpec*> seen;
  seen.reserve(object.members.size());
  Args args;
  args.reserve(spec.params.size() + spec.named_only.size() + 1);
  for (auto& [key, value] : object.members) {
    std::string k = normalize_param_name(key);
    const ParamSpec* p = accepted(k);
    if (!p) {
      if (spec.ignore_unknown_keys) continue;
      // Echo the key only when it looks like a parameter name (a typo worth showing). Anything
      // else could be a value put where a key belongs, a secret even, and is never repeated.
      throw Error("unknown parameter " + text::quote_key(key));
    }
    if (std::find(seen.begin(), seen.end(), p) != seen.end()) throw Error("parameter p_" + k + " is given twice");
    seen.push_back(p);
    args.set(p->name, check_param(*p, std::move(value)));
  }
  auto absent = [&](const ParamSpec& p) {
    if (std::find(seen.begin(), seen.end(), &p) != seen.end()) return;
    if (p.required) throw Error("p_" + std::string(p.name) + " must not be NULL");
    args.set(p.name, Value::null(), false);
  };
  for (const auto& p : spec.params) absent(p);
  for (const auto& p : spec.named_only) absent(p);
  if (implied_schema) absent(*implied_schema);
  return args;
}

}  // namespace ords
