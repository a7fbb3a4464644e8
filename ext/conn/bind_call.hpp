// bind_call.hpp: a host's arguments bound to a Call, the one way every host does it (the SQLite
// functions in host/sqlite_fn.cpp and the PostgreSQL ones in host/pg/pg_call.cpp): one argument
// that is JSON-tagged text or text starting with `{` is the named form, anything else positional;
// JSON parameters are parsed here, through the one strict reader (core/json_reader).
#pragma once
#include <vector>

#include "../core/value.hpp"
#include "call.hpp"

namespace ords {

// The prepared value of one parameter (see bind_call.cpp for how a JSON argument is recognised).
Value prepare_param(const ParamSpec* p, Value v);

// Binds `values` (the host's arguments, in order, as Values) to call.args and sets call.named.
// Throws an ords::Error naming what was wrong.
void bind_call(Call& call, std::vector<Value>& values);

// The same for a spec alone: binds `values` to `out` and sets `out_named`. `fast` = false skips
// the one-pass path for the plainest named calls (core/bind_fast.hpp), so that a test can compare
// the two; every host calls bind_call.
void bind_values(const FnSpec& spec, std::vector<Value>& values, Args& out, bool& out_named, bool fast = true);

}  // namespace ords
