// fn.hpp: how a model function describes itself to the host, and what it receives when called.
//
// Each model file (model/*.cpp) exports a list of FnSpec: the SQL name, the parameters in
// positional order (the by-name PL/SQL overload), the parameters only the named (JSON) form takes,
// what kind of function it is (which decides its SQLite flags and whether it runs in a
// transaction), and the handler. The host registers every spec from one table (host/registry.cpp)
// and binds each call's arguments through args.hpp before the handler sees them. What a handler
// receives, Call, is conn/call.hpp (it carries the connection's state, a layer above core).
#pragma once
#include <string>
#include <vector>

#include "args.hpp"
#include "value.hpp"

namespace ords {

enum class FnKind {
  Pure,    // depends only on its arguments and the build: DETERMINISTIC | INNOCUOUS
  Reader,  // reads state, changes nothing, touches no secret: INNOCUOUS
  Writer,  // changes state or touches secrets/tokens: DIRECTONLY; runs inside a savepoint,
           // so that a call failing part-way changes nothing
  Direct,  // reads or verifies secrets/tokens, or changes connection state (current schema,
           // test hooks), without writing the database: DIRECTONLY, no savepoint
};

struct Call;
using Handler = Value (*)(Call&);

struct FnSpec {
  const char* name;
  std::vector<ParamSpec> params;      // positional order
  std::vector<ParamSpec> named_only;  // only in the JSON form (besides the implicit "schema")
  FnKind kind;
  Handler handler;
  bool json_result = false;           // result text is JSON (tagged for the host)
  // Other positional shapes, by argument count: update_client takes 7 or 11 arguments.
  std::vector<std::vector<const char*>> shapes = {};
  // The named form ignores keys it does not know instead of refusing them: the OAuth endpoints,
  // whose requests are HTTP forms (RFC 6749 3.1, 3.2: unrecognized parameters are ignored).
  bool ignore_unknown_keys = false;
};



}  // namespace ords

namespace ords {

// Binds a positional call: values in the order of spec.params (or of the shape whose length
// matches), trailing ones optional. Throws Error on a wrong count or a bad value.
Args bind_positional(const FnSpec& spec, const std::vector<Value>& values);

// Binds a named call: `object` is the parsed JSON object. Keys map to spec.params,
// spec.named_only, and "schema" (every function). Throws Error on unknown or repeated keys.
Args bind_named(const FnSpec& spec, const Value& object);

// The parameter list a spec accepts in its named form (params + named_only + schema).
std::vector<ParamSpec> named_params(const FnSpec& spec);

// Looks up a parameter's spec by (normalized) name in params and named_only; nullptr if none.
const ParamSpec* find_param(const FnSpec& spec, const std::string& name);

}  // namespace ords
