// views.hpp: the user_ords_* views as data: a name, its columns, and the query that fills it for
// one schema (?1 is the schema id). The host turns each into an eponymous virtual table
// (host/sqlite_vtab.cpp); another host could turn them into real views.
#pragma once
#include <vector>

#include "../store/db.hpp"

namespace ords {

struct ViewSpec {
  const char* name;
  const char* columns;   // "id INTEGER, name TEXT": the declared columns, in order
  store::SqlLiteral query;  // ?1 = schema id; returns the columns in the same order
  int min_version;       // the schema version that has the tables the query reads
  // DIRECTONLY instead of INNOCUOUS: the view shows stored secrets, user names, scopes, roles or
  // mappings, which a trigger or view in an untrusted (ATTACHed) file must not copy out. Each
  // ViewSpec says why beside its value.
  bool direct_only;
  store::SqlLiteral unwritten = nullptr;  // query for a database never written (nullptr: no rows)
  bool binds_now = false;           // the query also takes ?2 = now (the clock seam), epoch seconds
};

// Each model file contributes its own list; registry.cpp gathers them.
const std::vector<ViewSpec>& security_views();  // model/views.cpp: roles, privileges, modules, schemas

}  // namespace ords
