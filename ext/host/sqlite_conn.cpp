// sqlite_conn.cpp: Conn and the statement-cache anchor (see sqlite_conn.hpp).
//
// ords_security_statements is also a small diagnostic view: one row per cached statement, with
// its SQL text (never a bound value). It is eponymous-only, read-only, and INNOCUOUS. Its one
// callback that can throw runs through the host's guard (boundary.hpp).
#include "sqlite_conn.hpp"

SQLITE_EXTENSION_INIT3

#include <new>
#include <string>

#include "boundary.hpp"

namespace ords::host {

Registration* Conn::add(const FnSpec* fn, const ViewSpec* view) {
  registrations.push_back(std::unique_ptr<Registration>(new Registration{this, fn, view}));
  retain();
  return registrations.back().get();
}

void release_registration(void* p) { static_cast<Registration*>(p)->conn->release(); }

void Conn::ensure_cache() noexcept {
  if (anchor != Anchor::NotTried) return;
  anchor = Anchor::Lost;  // unless xConnect below says otherwise
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM ords_security_statements LIMIT 0", -1, &st, nullptr) == SQLITE_OK) {
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  // A failed prepare (locked schema, a user table of that name) leaves caching off for good.
}

namespace {

struct AnchorTab {
  sqlite3_vtab base;
  Conn* conn;
};
struct AnchorCursor {
  sqlite3_vtab_cursor base;
  size_t row;
};

int anchor_connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
  auto* reg = static_cast<Registration*>(aux);
  int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(sql TEXT)");
  if (rc != SQLITE_OK) return rc;
  auto* t = new (std::nothrow) AnchorTab();
  if (!t) return SQLITE_NOMEM;
  t->conn = reg->conn;
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (t->conn->anchor != Conn::Anchor::Connected) {
    t->conn->anchor = Conn::Anchor::Connected;
    t->conn->state.db.enable_cache(true);
  }
  *out = &t->base;
  return SQLITE_OK;
}

int anchor_disconnect(sqlite3_vtab* v) {
  auto* t = reinterpret_cast<AnchorTab*>(v);
  // The connection is closing (or the module is being replaced): finalize every cached
  // statement now, and cache nothing from here on.
  t->conn->state.db.clear_cache();
  t->conn->state.db.enable_cache(false);
  t->conn->anchor = Conn::Anchor::Lost;
  delete t;
  return SQLITE_OK;
}

int anchor_best_index(sqlite3_vtab*, sqlite3_index_info* info) {
  info->estimatedCost = 10;
  return SQLITE_OK;
}
int anchor_open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
  auto* c = new (std::nothrow) AnchorCursor();
  if (!c) return SQLITE_NOMEM;
  *out = &c->base;
  return SQLITE_OK;
}
int anchor_close(sqlite3_vtab_cursor* c) {
  delete reinterpret_cast<AnchorCursor*>(c);
  return SQLITE_OK;
}
Conn* conn_of(sqlite3_vtab_cursor* c) { return reinterpret_cast<AnchorTab*>(c->pVtab)->conn; }
int anchor_filter(sqlite3_vtab_cursor* c, int, const char*, int, sqlite3_value**) {
  reinterpret_cast<AnchorCursor*>(c)->row = 0;
  return SQLITE_OK;
}
int anchor_next(sqlite3_vtab_cursor* c) {
  reinterpret_cast<AnchorCursor*>(c)->row++;
  return SQLITE_OK;
}
int anchor_eof(sqlite3_vtab_cursor* c) {
  return reinterpret_cast<AnchorCursor*>(c)->row >= conn_of(c)->state.db.cached_statements();
}
int anchor_column(sqlite3_vtab_cursor* c, sqlite3_context* ctx, int) {
  Failure f = guard([&] {
    std::string sql = conn_of(c)->state.db.cached_sql(reinterpret_cast<AnchorCursor*>(c)->row);
    sqlite3_result_text(ctx, sql.c_str(), static_cast<int>(sql.size()), SQLITE_TRANSIENT);
  });
  if (f.failed) fail_function(ctx, "ords_security_statements", f);
  return SQLITE_OK;
}
int anchor_rowid(sqlite3_vtab_cursor* c, sqlite3_int64* r) {
  *r = static_cast<sqlite3_int64>(reinterpret_cast<AnchorCursor*>(c)->row) + 1;
  return SQLITE_OK;
}

const sqlite3_module kAnchorModule = {
    /* iVersion    */ 0,
    /* xCreate     */ nullptr,  // eponymous only
    /* xConnect    */ anchor_connect,
    /* xBestIndex  */ anchor_best_index,
    /* xDisconnect */ anchor_disconnect,
    /* xDestroy    */ nullptr,
    /* xOpen       */ anchor_open,
    /* xClose      */ anchor_close,
    /* xFilter     */ anchor_filter,
    /* xNext       */ anchor_next,
    /* xEof        */ anchor_eof,
    /* xColumn     */ anchor_column,
    /* xRowid      */ anchor_rowid,
    /* xUpdate     */ nullptr,
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

int register_cache_anchor(Conn* conn, char** err) {
  Registration* reg = conn->add(nullptr, nullptr);
  int rc = sqlite3_create_module_v2(conn->db, "ords_security_statements", &kAnchorModule, reg,
                                    release_registration);
  if (rc != SQLITE_OK && err) *err = sqlite3_mprintf("registering ords_security_statements: %s", sqlite3_errstr(rc));
  return rc;
}

}  // namespace ords::host
