// schemas.hpp: REST-enabled schemas (API.md section 3): enable_schema, ords_set_schema, and the
// lookups every other model file uses to find the schema a call acts on.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../conn/call.hpp"

namespace ords {

// The id of schema `name` (case-insensitive), or nothing. On a database never written, MAIN is 1.
std::optional<int64_t> find_schema_id(ConnState& s, const std::string& name);

// The schema a call acts on (its "schema" key or the current schema); throws if it does not exist.
// Writers call c.begin_write() first.
int64_t schema_of(Call& c);

const std::vector<FnSpec>& schema_functions();

}  // namespace ords
