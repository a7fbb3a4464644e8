// client_writes.hpp: the writes on a client's rows that several client functions share: its
// privilege list (by name, each checked to exist in the schema) and its updated_on. (An optional
// value is bound with Stmt::bind_opt, store/db.hpp.)
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "../store/db.hpp"

namespace ords::clients {

// Privilege names (p_privilege_names) to ids; each must exist in the schema.
std::vector<int64_t> privilege_ids(store::Db& db, int64_t schema, const std::vector<std::string>& names,
                                   const std::string& param);
// Replaces the client's privilege list.
void set_privileges(store::Db& db, int64_t client, const std::vector<int64_t>& ids);

// Sets the client's updated_on.
void touch(store::Db& db, int64_t client, int64_t now);

}  // namespace ords::clients
