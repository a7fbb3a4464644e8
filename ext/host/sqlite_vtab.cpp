// sqlite_vtab.cpp: one read-only, eponymous-only virtual table module per ViewSpec
// (model/views.hpp): `select * from user_ords_roles` lists the roles of the connection's current
// schema.
//
// How it works: xConnect declares the view's columns; xBestIndex uses no constraint (the tables
// behind a view are small and SQLite filters the rows); xFilter resolves the current schema and
// runs the view's query with the schema id bound; xColumn hands each column through. On a
// database never written (no ords_sec tables) or older than the view needs, a view has no rows
// (or the ViewSpec's `unwritten` rows), so a read-only connection can read every view.
//
// Flags: views without secrets are SQLITE_VTAB_INNOCUOUS (listing roles from a trigger harms
// nobody); a view that can show stored client secrets is SQLITE_VTAB_DIRECTONLY, so a trigger or
// view in an untrusted database file cannot copy secrets out.
#include "sqlite_vtab.hpp"

SQLITE_EXTENSION_INIT3

#include <new>
#include <optional>
#include <string>

#include "../core/error.hpp"
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
  std::optional<store::Stmt> stmt;
  bool eof = true;
  sqlite3_int64 rowid = 0;
};

Registration* reg_of(sqlite3_vtab_cursor* c) { return reinterpret_cast<ViewTab*>(c->pVtab)->reg; }

void set_vtab_error(sqlite3_vtab* tab, const std::string& msg) {
  sqlite3_free(tab->zErrMsg);
  tab->zErrMsg = sqlite3_mprintf("%s", msg.c_str());
}

int view_connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char** err) {
  auto* reg = static_cast<Registration*>(aux);
  std::string ddl = std::string("CREATE TABLE x(") + reg->view->columns + ")";
  int rc = sqlite3_declare_vtab(db, ddl.c_str());
  if (rc != SQLITE_OK) {
    *err = sqlite3_mprintf("%s: %s", reg->view->name, sqlite3_errmsg(db));
    return rc;
  }
  sqlite3_vtab_config(db, reg->view->shows_secrets ? SQLITE_VTAB_DIRECTONLY : SQLITE_VTAB_INNOCUOUS);
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

int view_filter(sqlite3_vtab_cursor* cur, int, const char*, int, sqlite3_value**) {
  auto* c = reinterpret_cast<ViewCursor*>(cur);
  Registration* reg = reg_of(cur);
  try {
    c->stmt.reset();
    c->eof = true;
    c->rowid = 0;
    reg->conn->ensure_cache();
    ConnState& s = reg->conn->state;
    int version = store::schema_version(s.db);
    std::optional<int64_t> schema = find_schema_id(s, s.current_schema);
    if (!schema) return SQLITE_OK;
    const char* query = version >= reg->view->min_version ? reg->view->query
                        : version == 0                     ? reg->view->unwritten
                                                           : nullptr;
    if (!query) return SQLITE_OK;
    c->stmt.emplace(s.db.prepare(query));
    c->stmt->bind(1, *schema);
    if (reg->view->binds_now) c->stmt->bind(2, s.clock.now());
    c->eof = !c->stmt->step();
    if (c->eof) c->stmt.reset();
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (const StoreError& e) {
    set_vtab_error(cur->pVtab, std::string(reg->view->name) + ": " + e.what());
    return SQLITE_ERROR;
  } catch (const std::exception& e) {
    set_vtab_error(cur->pVtab, std::string(reg->view->name) + ": " + e.what());
    return SQLITE_ERROR;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

int view_next(sqlite3_vtab_cursor* cur) {
  auto* c = reinterpret_cast<ViewCursor*>(cur);
  try {
    c->rowid++;
    c->eof = !c->stmt->step();
    if (c->eof) c->stmt.reset();
    return SQLITE_OK;
  } catch (const std::exception& e) {
    set_vtab_error(cur->pVtab, std::string(reg_of(cur)->view->name) + ": " + e.what());
    c->eof = true;
    c->stmt.reset();
    return SQLITE_ERROR;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

int view_eof(sqlite3_vtab_cursor* cur) { return reinterpret_cast<ViewCursor*>(cur)->eof; }

int view_column(sqlite3_vtab_cursor* cur, sqlite3_context* ctx, int col) {
  auto* c = reinterpret_cast<ViewCursor*>(cur);
  try {
    Value v = view_cell(*reg_of(cur)->view, col, c->stmt->value(col));
    switch (v.kind) {
      case Value::Kind::Int: sqlite3_result_int64(ctx, v.i); break;
      case Value::Kind::Real: sqlite3_result_double(ctx, v.r); break;
      case Value::Kind::Text:
        sqlite3_result_text64(ctx, v.s.data(), v.s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
      case Value::Kind::Blob: sqlite3_result_blob64(ctx, v.s.data(), v.s.size(), SQLITE_TRANSIENT); break;
      default: sqlite3_result_null(ctx);
    }
  } catch (...) {
    sqlite3_result_error_nomem(ctx);
  }
  return SQLITE_OK;
}

int view_rowid(sqlite3_vtab_cursor* cur, sqlite3_int64* r) {
  *r = reinterpret_cast<ViewCursor*>(cur)->rowid + 1;
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

}  // namespace

int register_view(Conn* conn, const ViewSpec& view, char** err) {
  Registration* reg = conn->add(nullptr, &view);
  int rc = sqlite3_create_module_v2(conn->db, view.name, &kViewModule, reg, release_registration);
  if (rc != SQLITE_OK && err && !*err)
    *err = sqlite3_mprintf("registering %s: %s", view.name, sqlite3_errmsg(conn->db));
  return rc;
}

}  // namespace ords::host
