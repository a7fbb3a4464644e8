// sqlite_vtab.cpp: one read-only, eponymous-only virtual table module per ViewSpec
// (model/views.hpp): `select * from user_ords_roles` lists the roles of the connection's current
// schema.
//
// How it works: xConnect declares the view's columns; xBestIndex uses no constraint (the tables
// behind a view are small and SQLite filters the rows); xFilter resolves the current schema, runs
// the view's query with the schema id bound and takes ALL its rows then (materialized), so the
// scan never sees rows added while it runs: `select oauth_token(...) from user_ords_sessions`
// adds a session per row and still ends. xColumn hands each stored column through. On a database
// never written (no ords_sec tables) or older than the view needs, a view has no rows (or the
// ViewSpec's `unwritten` rows), so a read-only connection can read every view.
//
// Flags: each ViewSpec says (direct_only) whether it is SQLITE_VTAB_DIRECTONLY, with the reason
// beside it in the model: views that show stored secrets, user names, scopes, roles or mappings
// are, so a trigger or view in an untrusted (ATTACHed) database file cannot copy main's security
// metadata out; the others are SQLITE_VTAB_INNOCUOUS.
//
// Every callback runs its body through the host's one guard (boundary.hpp).
#include "sqlite_vtab.hpp"

SQLITE_EXTENSION_INIT3

#include <algorithm>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "../core/args.hpp"
#include "../core/error.hpp"
#include "boundary.hpp"
#include "../model/schemas.hpp"
#include "../store/schema.hpp"

namespace ords::host {

namespace {

struct ViewTab {
  sqlite3_vtab base;
  Registration* reg;
};

struct ViewCursor {
  sqlite3_vtab_cursor base;
  std::vector<std::vector<Value>> rows;  // taken at xFilter
  size_t row = 0;

  void clear() {
    rows.clear();  // the cells' text is SecretText: zeroed as it is freed
    row = 0;
  }
  ~ViewCursor() { clear(); }
};

Registration* reg_of(sqlite3_vtab_cursor* c) { return reinterpret_cast<ViewTab*>(c->pVtab)->reg; }
const char* name_of(sqlite3_vtab_cursor* c) { return reg_of(c)->view->name; }

int view_connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char** err) {
  auto* reg = static_cast<Registration*>(aux);
  std::string ddl = std::string("CREATE TABLE x(") + reg->view->columns + ")";
  int rc = sqlite3_declare_vtab(db, ddl.c_str());
  if (rc != SQLITE_OK) {
    *err = sqlite3_mprintf("%s: %s", reg->view->name, sqlite3_errmsg(db));
    return rc;
  }
  sqlite3_vtab_config(db, reg->view->direct_only ? SQLITE_VTAB_DIRECTONLY : SQLITE_VTAB_INNOCUOUS);
  auto* t = new (std::nothrow) ViewTab();
  if (!t) return SQLITE_NOMEM;
  t->reg = reg;
  *out = &t->base;
  return SQLITE_OK;
}

int view_disconnect(sqlite3_vtab* v) {
  delete reinterpret_cast<ViewTab*>(v);
  return SQLITE_OK;
}

int view_best_index(sqlite3_vtab*, sqlite3_index_info* info) {
  info->estimatedCost = 1000;
  info->estimatedRows = 100;
  return SQLITE_OK;
}

int view_open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
  auto* c = new (std::nothrow) ViewCursor();
  if (!c) return SQLITE_NOMEM;
  *out = &c->base;
  return SQLITE_OK;
}

int view_close(sqlite3_vtab_cursor* c) {
  delete reinterpret_cast<ViewCursor*>(c);
  return SQLITE_OK;
}

// The rows of one view for the connection's current schema, read to the end now.
void read_rows(const Registration& reg, ViewCursor& c) {
  ConnState& s = reg.conn->state;
  int version = store::schema_version(s.db);
  std::optional<int64_t> schema = find_schema_id(s, s.current_schema);
  if (!schema) return;
  store::SqlLiteral query = view_query(*reg.view, version);
  if (!query) return;
  store::Stmt st = s.db.prepare(query);
  st.bind(1, *schema);
  if (reg.view->binds_now) st.bind(2, s.clock.now());
  while (st.step()) {
    std::vector<Value> row;
    int n = st.columns();
    row.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; i++) row.push_back(view_cell(*reg.view, i, st.value(i)));  // times as ISO 8601
    c.rows.push_back(std::move(row));
  }
}

int view_filter(sqlite3_vtab_cursor* cur, int, const char*, int, sqlite3_value**) {
  auto* c = reinterpret_cast<ViewCursor*>(cur);
  Registration* reg = reg_of(cur);
  c->clear();
  Failure f = guard([&] {
    reg->conn->ensure_cache();
    read_rows(*reg, *c);
  });
  if (!f.failed) return SQLITE_OK;
  c->clear();
  return fail_vtab(cur->pVtab, name_of(cur), f);
}

int view_next(sqlite3_vtab_cursor* cur) {
  reinterpret_cast<ViewCursor*>(cur)->row++;
  return SQLITE_OK;
}

int view_eof(sqlite3_vtab_cursor* cur) {
  auto* c = reinterpret_cast<ViewCursor*>(cur);
  return c->row >= c->rows.size();
}

int view_column(sqlite3_vtab_cursor* cur, sqlite3_context* ctx, int col) {
  auto* c = reinterpret_cast<ViewCursor*>(cur);
  const std::vector<Value>& row = c->rows[c->row];
  if (col < 0 || static_cast<size_t>(col) >= row.size()) {
    sqlite3_result_null(ctx);
    return SQLITE_OK;
  }
  const Value& v = row[static_cast<size_t>(col)];
  switch (v.kind) {
    case Value::Kind::Int: sqlite3_result_int64(ctx, v.i); break;
    case Value::Kind::Real: sqlite3_result_double(ctx, v.r); break;
    case Value::Kind::Text: sqlite3_result_text64(ctx, v.s.data(), v.s.size(), SQLITE_TRANSIENT, SQLITE_UTF8); break;
    case Value::Kind::Blob: sqlite3_result_blob64(ctx, v.s.data(), v.s.size(), SQLITE_TRANSIENT); break;
    default: sqlite3_result_null(ctx);
  }
  return SQLITE_OK;
}

int view_rowid(sqlite3_vtab_cursor* cur, sqlite3_int64* r) {
  *r = static_cast<sqlite3_int64>(reinterpret_cast<ViewCursor*>(cur)->row) + 1;
  return SQLITE_OK;
}

const sqlite3_module kViewModule = {
    /* iVersion    */ 0,
    /* xCreate     */ nullptr,  // eponymous only: no CREATE VIRTUAL TABLE
    /* xConnect    */ view_connect,
    /* xBestIndex  */ view_best_index,
    /* xDisconnect */ view_disconnect,
    /* xDestroy    */ nullptr,
    /* xOpen       */ view_open,
    /* xClose      */ view_close,
    /* xFilter     */ view_filter,
    /* xNext       */ view_next,
    /* xEof        */ view_eof,
    /* xColumn     */ view_column,
    /* xRowid      */ view_rowid,
    /* xUpdate     */ nullptr,  // read-only
    /* xBegin      */ nullptr,
    /* xSync       */ nullptr,
    /* xCommit     */ nullptr,
    /* xRollback   */ nullptr,
    /* xFindMethod */ nullptr,
    /* xRename     */ nullptr,
    /* xSavepoint  */ nullptr,
    /* xRelease    */ nullptr,
    /* xRollbackTo */ nullptr,
    /* xShadowName */ nullptr,
};

#ifdef ORDS_SECURITY_TESTING
// Test builds check each view's declared columns against its query once per process: the query
// is prepared on a scratch in-memory database with every migration applied, and must return as
// many columns as the view declares, and, when it returns the declared names, in the declared
// order (a column moved in one place and not the other). A mismatch fails the load.
std::vector<std::string> declared_names(const char* columns) {
  std::vector<std::string> out;
  std::string cur;
  bool in_name = true;
  for (const char* p = columns;; p++) {
    if (*p == ',' || *p == '\0') {
      out.push_back(cur);
      cur.clear();
      in_name = true;
      if (*p == '\0') break;
      continue;
    }
    if (*p == ' ') {
      if (!cur.empty()) in_name = false;
      continue;
    }
    if (in_name) cur += *p;
  }
  return out;
}

std::string check_query(sqlite3* scratch, const ViewSpec& view, const char* query) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(scratch, query, -1, &st, nullptr) != SQLITE_OK) {
    std::string e = std::string("its query does not prepare: ") + sqlite3_errmsg(scratch);
    sqlite3_finalize(st);
    return e;
  }
  std::vector<std::string> names = declared_names(view.columns);
  int n = sqlite3_column_count(st);
  std::string e;
  if (static_cast<size_t>(n) != names.size()) {
    e = "it declares " + std::to_string(names.size()) + " columns and its query returns " + std::to_string(n);
  } else {
    // Names: when the query returns exactly the declared names (as a set), they must come in
    // the declared order. A query whose columns carry other names (p.name for privilege_name)
    // is checked by count only.
    std::vector<std::string> got;
    for (int i = 0; i < n; i++) got.push_back(sqlite3_column_name(st, i) ? sqlite3_column_name(st, i) : "");
    std::vector<std::string> a = got, b = names;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a == b && got != names) {
      for (int i = 0; i < n && e.empty(); i++)
        if (got[static_cast<size_t>(i)] != names[static_cast<size_t>(i)])
          e = "its query returns \"" + got[static_cast<size_t>(i)] + "\" as column " + std::to_string(i + 1) +
              ", which it declares as \"" + names[static_cast<size_t>(i)] + "\"";
    }
  }
  sqlite3_finalize(st);
  return e;
}

bool g_checking = false;  // the scratch connection loads the extension again (auto-extension)

// "" when the view's columns and queries agree; computed once per view and process.
const std::string& view_check(const ViewSpec& view) {
  static std::vector<std::pair<const ViewSpec*, std::string>> done;
  static const std::string kOk;
  for (const auto& [v, e] : done)
    if (v == &view) return e;
  if (g_checking) return kOk;
  done.emplace_back(&view, check_view_columns(view));
  return done.back().second;
}
#endif

}  // namespace

#ifdef ORDS_SECURITY_TESTING
std::string check_view_columns(const ViewSpec& view) {
  struct Flag {
    bool was = g_checking;
    Flag() { g_checking = true; }
    ~Flag() { g_checking = was; }
  } flag;
  std::string e;
  sqlite3* scratch = nullptr;
  if (sqlite3_open_v2(":memory:", &scratch, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK) {
    Failure f = guard([&] {
      store::Db db(scratch);
      store::Transaction tx(db);
      store::ensure_schema(db, 0);
      tx.commit();
      e = check_query(scratch, view, view.query.c_str());
      if (e.empty() && view.unwritten) e = check_query(scratch, view, view.unwritten.c_str());
      if (e.empty() && view.older) e = check_query(scratch, view, view.older.c_str());
    });
    if (f.failed) e = "the check could not run: " + f.message;
  } else {
    e = "the check could not open a scratch database";
  }
  sqlite3_close(scratch);
  return e;
}
#endif

int register_view(Conn* conn, const ViewSpec& view, char** err) {
#ifdef ORDS_SECURITY_TESTING
  const std::string& bad = view_check(view);
  if (!bad.empty()) {
    if (err && !*err) *err = sqlite3_mprintf("registering %s: %s", view.name, bad.c_str());
    return SQLITE_ERROR;
  }
#endif
  Registration* reg = conn->add(nullptr, &view);
  int rc = sqlite3_create_module_v2(conn->db, view.name, &kViewModule, reg, release_registration);
  if (rc != SQLITE_OK && err && !*err)
    *err = sqlite3_mprintf("registering %s: %s", view.name, sqlite3_errmsg(conn->db));
  return rc;
}

}  // namespace ords::host
