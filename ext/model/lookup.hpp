// lookup.hpp: finding roles, privileges and modules by name within a schema. Every "does not
// exist" error of the model comes from here, so they read the same everywhere.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "../store/db.hpp"

namespace ords::lookup {

std::optional<int64_t> role(store::Db& db, int64_t schema, std::string_view name);
std::optional<int64_t> privilege(store::Db& db, int64_t schema, std::string_view name);
std::optional<int64_t> module(store::Db& db, int64_t schema, std::string_view name);

// As above, but throw "<param>: role "x" does not exist" naming the parameter (the name quoted by
// text::quote_input, so a secret-shaped one is withheld).
// `to_use`: the caller wants to use the role (grant it, protect with it): the message then says
// how to create it, as SQL to paste (create_role('x'), or with json_object and the schema
// outside MAIN). Deleting, renaming or revoking a missing
// role gets no such hint.
int64_t require_role(store::Db& db, int64_t schema, std::string_view name, const std::string& param,
                     bool to_use = true);
int64_t require_privilege(store::Db& db, int64_t schema, std::string_view name, const std::string& param);
int64_t require_module(store::Db& db, int64_t schema, std::string_view name, const std::string& param);

}  // namespace ords::lookup
