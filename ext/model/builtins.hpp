// builtins.hpp: ORDS's built-in roles and privileges (role "SQL Developer", privilege
// oracle.dbtools.sqldev, ...), which exist in every REST-enabled schema as ORDS has them, so
// the ORDS documentation's examples run as printed. They are rows of ords_sec_role and
// ords_sec_privilege whose ids ords_sec_ords_builtin marks, made the first time a schema names one (lookup.cpp),
// and cannot be deleted or renamed.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "../store/db.hpp"

namespace ords::builtins {

bool is_role(std::string_view name);
bool is_privilege(std::string_view name);

// The row of the built-in role or privilege `name` in `schema`, made now if the schema has none
// yet; nullopt when `name` is not built in (or the tables are older than version 6).
std::optional<int64_t> make_role(store::Db& db, int64_t schema, std::string_view name);
std::optional<int64_t> make_privilege(store::Db& db, int64_t schema, std::string_view name);

// Throws "<param>: role "SQL Developer" is built into ORDS and cannot be <verb>" for a built-in row.
void refuse_role(store::Db& db, int64_t id, std::string_view name, const char* param, const char* verb);
void refuse_privilege(store::Db& db, int64_t id, std::string_view name, const char* param, const char* verb);

}  // namespace ords::builtins
