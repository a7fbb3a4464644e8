// protection.hpp: what the request decision reads of the security model, besides the token:
// which enabled schema an alias or a name denotes, and what protects a schema's paths (its
// privilege patterns and protected module base paths, each with its privilege and the
// privilege's roles), and the change log of protection that lets a cache of guards re-read only
// what changed. The decision (policy/decision.cpp) caches these per data version; this file
// only reads. Matching a path against them is policy/match.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../conn/conn_state.hpp"
#include "../store/db.hpp"

namespace ords::protection {

struct SchemaRef {
  int64_t id = 0;
  std::string name;  // "MAIN", "HR"
};

// The enabled schema whose alias this is (aliases compare without regard to case). `version` is
// the model's schema version: on a database never written (0), the alias main is MAIN (id 1).
std::optional<SchemaRef> enabled_schema_by_alias(store::Db& db, int version, const std::string& alias);

// The id of the enabled schema of this name (a disabled one serves nothing), or nothing.
std::optional<int64_t> enabled_schema_by_name(ConnState& s, int version, const std::string& name);

// True when schema `schema_id` exists and is enabled: a disabled schema's clients get no tokens.
bool schema_enabled(store::Db& db, int64_t schema_id);

struct RoleRef {
  int64_t id = 0;
  std::string name;
};

// One thing that protects paths: a privilege pattern or a protected module's base path.
struct Guard {
  bool module_base = false;     // false: a privilege pattern ("/emp/*"); true: a base path ("/hr/")
  std::string text;
  int64_t privilege_id = 0;
  std::string privilege;        // the privilege's name
  std::vector<RoleRef> roles;   // the privilege's roles, by name
};

// Everything that protects the paths of schema `schema_id` (two statements). Empty before the
// model's tables exist (version 0).
std::vector<Guard> read_guards(store::Db& db, int version, int64_t schema_id);

// The guards of one privilege (what read_guards gives for it, roles in the same order) and the
// schema it is in; nothing when it does not exist or protects nothing (two statements).
// Version 1 on.
struct PrivilegeGuards {
  int64_t schema_id = 0;
  std::vector<Guard> guards;
};
std::optional<PrivilegeGuards> read_privilege_guards(store::Db& db, int64_t privilege_id);

// One row of the change log of protection (store migration 9, ords_sec_protection_log): a write
// that moved the protection generation, and what it touched.
struct LogEntry {
  enum class Kind { Privilege, Module, Role, Unknown };
  int64_t id = 0;
  Kind kind = Kind::Unknown;
  std::optional<int64_t> old_id, new_id;  // before and after the write (NULL: an insert, a delete)
};
// The rows after position `after`, in order, at most `limit`. Version 9 on.
std::vector<LogEntry> read_log(store::Db& db, int64_t after, int64_t limit);
// The privileges that link module `module_id`, or hold role `role_id`, now.
std::vector<int64_t> privileges_of_module(store::Db& db, int64_t module_id);
std::vector<int64_t> privileges_of_role(store::Db& db, int64_t role_id);

}  // namespace ords::protection
