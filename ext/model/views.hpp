// views.hpp: the user_ords_* views as data: a name, its columns, and the query that fills it for
// one schema (?1 is the schema id). The host turns each into an eponymous virtual table
// (host/sqlite_vtab.cpp); another host could turn them into real views.
//
// A query returns stored values only; what a column shows that SQL would have to compute in a
// host's own dialect (a time as ISO 8601 text) is done in C++ by view_cell, per column, so the
// queries stay portable (no strftime).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "../store/db.hpp"
#include "../core/value.hpp"

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
  // Columns (bit i: column i, from 0) whose query value is epoch seconds, shown as ISO 8601 UTC
  // text ("2026-11-22T07:33:06Z"); NULL stays NULL. Declare them TEXT.
  uint32_t time_columns = 0;
  // For a database between older_version and min_version - 1 (one a reader has not migrated):
  // the same columns from the tables it has (nullptr: no rows there).
  store::SqlLiteral older = nullptr;
  int older_version = 1;
};

// The query a view runs on a database at schema `version` (0: never written): query, older or
// unwritten; a null SqlLiteral when the view has no rows there. The one choice, for every host.
store::SqlLiteral view_query(const ViewSpec& view, int version);

// Bit for column i of ViewSpec::time_columns.
constexpr uint32_t view_col(int i) { return uint32_t{1} << i; }

// What column `col` of a view shows for the value its query returned there: the value itself, or
// for a time column the ISO 8601 UTC text (exactly what strftime('%Y-%m-%dT%H:%M:%SZ', v,
// 'unixepoch') gives for years 0000 to 9999; NULL outside them, and for NULL).
Value view_cell(const ViewSpec& view, int col, Value raw);

// Epoch seconds as ISO 8601 UTC text, years 0000..9999 (nothing outside them).
bool iso8601_utc(int64_t epoch_seconds, std::string& out);

// Each model file contributes its own list; registry.cpp gathers them.
const std::vector<ViewSpec>& security_views();  // model/views.cpp: roles, privileges, modules, schemas

}  // namespace ords
