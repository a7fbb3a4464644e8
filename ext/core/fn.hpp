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

// Who may call it: the SQLite flags the host gives it (host/sqlite_fn.cpp, flags_for).
enum class FnKind {
  Pure,    // depends only on its arguments and the build: DETERMINISTIC | INNOCUOUS
  Reader,  // reads state, changes nothing, touches no secret: INNOCUOUS
  Writer,  // changes state or touches secrets/tokens: DIRECTONLY, and (Tx::Default) its own
           // transaction, so that a call failing part-way changes nothing
  Direct,  // reads or verifies secrets/tokens, or changes connection state (current schema,
           // test hooks), without writing the database: DIRECTONLY, no transaction
};

// How it runs: the transaction policy, separate from the flags. Default: Own for a Writer, None
// for the others.
enum class Tx { Default, None, Own };

struct Call;
using Handler = Value (*)(Call&);

// A function's registration. Written with the named builders, so that a spec reads:
//   fn("rotate_client_secret", rotate_client_secret)
//       .writer()
//       .params({{"name", ParamType::Name}, {"revoke_existing", ParamType::Bool}})
//       .named_only({kClientKey})
//       .returns_json()
// (The fields stay public, so a spec written as an aggregate still compiles.)
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
  Tx tx = Tx::Default;

  // Builders (each returns the spec, to chain).
  FnSpec& pure() { kind = FnKind::Pure; return *this; }
  FnSpec& reader() { kind = FnKind::Reader; return *this; }
  FnSpec& direct() { kind = FnKind::Direct; return *this; }
  FnSpec& writer() { kind = FnKind::Writer; return *this; }
  FnSpec& param(ParamSpec p) { params.push_back(p); return *this; }
  FnSpec& with_params(std::vector<ParamSpec> p) { params = std::move(p); return *this; }
  FnSpec& with_named_only(std::vector<ParamSpec> p) { named_only = std::move(p); return *this; }
  FnSpec& returns_json() { json_result = true; return *this; }
  FnSpec& also_positional(std::vector<const char*> shape) { shapes.push_back(std::move(shape)); return *this; }
  FnSpec& ignores_unknown_keys() { ignore_unknown_keys = true; return *this; }
  FnSpec& transaction(Tx t) { tx = t; return *this; }

  // The transaction policy in effect: does the host open a transaction (or savepoint) for a call?
  bool own_transaction() const { return tx == Tx::Own || (tx == Tx::Default && kind == FnKind::Writer); }
};

// A spec with its name and handler; a Reader until a builder says otherwise.
inline FnSpec fn(const char* name, Handler handler) { return FnSpec{name, {}, {}, FnKind::Reader, handler}; }

}  // namespace ords

namespace ords {

// Binds a positional call: values in the order of spec.params (or of the shape whose length
// matches), trailing ones optional. Throws Error on a wrong count or a bad value.
Args bind_positional(const FnSpec& spec, const std::vector<Value>& values);
// The same, taking the values over (no copy of each argument).
Args bind_positional(const FnSpec& spec, std::vector<Value>&& values);

// Binds a named call: `object` is the parsed JSON object. Keys map to spec.params,
// spec.named_only, and "schema" (every function). Throws Error on unknown or repeated keys.
Args bind_named(const FnSpec& spec, const Value& object);
Args bind_named(const FnSpec& spec, Value&& object);  // the object's values are moved into the Args

// The parameter list a spec accepts in its named form (params + named_only + schema).
std::vector<ParamSpec> named_params(const FnSpec& spec);

// Looks up a parameter's spec by (normalized) name in params and named_only; nullptr if none.
const ParamSpec* find_param(const FnSpec& spec, const std::string& name);

}  // namespace ords
