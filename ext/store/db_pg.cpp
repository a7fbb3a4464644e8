// db_pg.cpp: Db and Stmt over PostgreSQL's SPI (the seam described in db.hpp), for the
// PostgreSQL host (ext/host/pg/). Built only by `make pg` (pg/Makefile), never into the SQLite
// library.
//
// The one error boundary: every PostgreSQL call from here goes through pg_protect (db_pg.hpp),
// which turns a PostgreSQL error into a StoreError carrying its SQLSTATE and message (never its
// detail or context, which can repeat the values of a row).
//
// The dialect, translated here once per literal so that the model keeps one SQL text:
//   - parameters ?1, ?2 ... become $1, $2 ... (outside quotes);
//   - a parameter's type is the type of the value bound to it (bigint, double precision, text,
//     bytea); a NULL's type is inferred by PostgreSQL from where the parameter stands (text when
//     nothing says). A plan is prepared once per literal and types, generic (never planned
//     again for a call's values), and kept (SPI_keepplan);
//   - migrations' DDL (exec) is mapped: INTEGER -> BIGINT (SQLite integers are 64-bit),
//     INTEGER PRIMARY KEY -> an identity column, BLOB -> BYTEA, `value ANY` -> BIGINT (the
//     only values stored there are whole numbers), WITHOUT ROWID dropped, COLLATE NOCASE -> the
//     extension's case-insensitive ICU collation, CHECK (c IN (...)) -> c = ANY ('{...}'), one
//     constant (check_in_for_pg), the session table's kind CHECK a domain (kSessionKindDomain);
//     migration 5's policy-generation triggers become PostgreSQL row triggers
//     (policy_triggers_for_pg);
//   - a few literals are replaced whole (kReplaced below): the insert of schema MAIN with its
//     fixed id 1, which must take that id from the identity sequence, and the two INSERT OR
//     REPLACE of issue 11 (upserts on their keys here);
//   - group_concat(x [, sep]) becomes an ARRAY sublink or string_agg (group_concat_for_pg);
//   - typeof, sqlite_version and sqlite_master are the extension's own compatibility objects,
//     defined by the install script (pg/compat.sql), so they need no translation.
//
// Not statements (ISSUE 15 speed), each the same answer as its statement: the data version's
// one row (read_generation_direct), the sweep's read of the sessions (sweep_read_direct), the
// insert of a session (session_insert_direct), and
// the kept rows of reads of the model's tables per data version ("the result cache").
//
// Transactions: PostgreSQL functions run inside the caller's transaction. The host opens a
// subtransaction around every call (host/pg/pg_entry.cpp) and rolls it back when the call fails;
// a Transaction of the model (ords_plsql's marks) is an internal subtransaction inside it (the
// SQLite host's SAVEPOINT), at the end of this file.
// Serialization of racing writers comes from PostgreSQL's row locks: the compare-and-set updates
// that consume codes and refresh tokens (UPDATE ... WHERE consumed_on IS NULL) wait for the
// other writer's commit and then see its row (READ COMMITTED), so exactly one wins.
#include "db.hpp"
#include "db_pg.hpp"

extern "C" {
#include <postgres.h>

#include <access/genam.h>
#include <access/heapam.h>
#include <access/relscan.h>
#include <access/stratnum.h>
#include <access/htup_details.h>
#include <access/table.h>
#include <access/tableam.h>
#include <access/xact.h>
#include <catalog/dependency.h>
#include <catalog/namespace.h>
#include <catalog/pg_am.h>
#include <catalog/pg_class.h>
#include <access/xlog.h>
#include <catalog/pg_type.h>
#include <executor/spi.h>
#include <executor/tuptable.h>
#include <nodes/nodeFuncs.h>
#include <nodes/pg_list.h>
#include <optimizer/optimizer.h>
#include <parser/parser.h>
#include <tcop/tcopprot.h>
#include <utils/acl.h>
#include <utils/builtins.h>
#include <utils/rls.h>
#include <miscadmin.h>
#include <utils/fmgroids.h>
#include <utils/inval.h>
#include <utils/relcache.h>
#include <utils/reltrigger.h>
#include <commands/sequence.h>
#include <commands/trigger.h>
#include <executor/executor.h>
#include <utils/lsyscache.h>
#include <utils/memutils.h>
#include <utils/plancache.h>
#include <utils/rel.h>
#include <utils/snapmgr.h>
}

#include <cstring>
#include <exception>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "../core/error.hpp"

namespace ords::store {

// ---- the one PostgreSQL -> C++ error boundary ----

namespace {
struct Trampoline {
  void (*fn)(void*);
  void* arg;
  std::exception_ptr cxx;  // a C++ exception thrown by fn: rethrown after PG_END_TRY
};
void trampoline(Trampoline* t) noexcept {
  try {
    t->fn(t->arg);
  } catch (...) {
    t->cxx = std::current_exception();
  }
}
}  // namespace

namespace {
// Set when a PostgreSQL error was caught in this call: nothing more of PostgreSQL may run until
// the host rolls the call's subtransaction back (even if C++ code above catches the StoreError
// and goes on). pg_new_call clears it.
bool g_poisoned = false;
int g_poison_code = 0;
}  // namespace

void pg_protect(void (*fn)(void*), void* arg) {
  if (g_poisoned)
    throw StoreError("an earlier PostgreSQL error ended this call", g_poison_code);
  Trampoline t{fn, arg, nullptr};
  MemoryContext cxt = CurrentMemoryContext;
  ErrorData* volatile edata = nullptr;
  PG_TRY();
  {
    trampoline(&t);
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    edata = CopyErrorData();
    FlushErrorState();
  }
  PG_END_TRY();
  if (edata) {
    std::string msg = edata->message ? edata->message : "PostgreSQL error";
    int code = edata->sqlerrcode;
    FreeErrorData(edata);
    g_poisoned = true;
    g_poison_code = code;
    throw StoreError(msg, code);
  }
  if (t.cxx) std::rethrow_exception(t.cxx);
}

namespace {
uint32_t g_call = 1;        // bumped by pg_new_call (one per call)
uint32_t g_dv_call = 0;     // the call in which g_dv was read
uint32_t g_dv = 0;          // ords_generation's value, as read in that call
int64_t g_changes = 0;      // rows changed by the last INSERT, UPDATE or DELETE
int64_t g_direct_insert_id = 0;  // the id of the last statement when it was a direct insert, else 0

// The result cache (see "the result cache" below).
std::unordered_map<SPIPlanPtr, std::vector<Oid>> g_cacheable_plans;  // plan -> the tables it reads
std::map<SecretText, std::vector<std::vector<Value>>> g_results;  // key: plan + bound values
uint32_t g_results_dv = 0;
constexpr size_t kMaxCachedResults = 512;
void drop_results() { g_results.clear(); }
}  // namespace

bool pg_poisoned() { return g_poisoned; }

void pg_new_call() {
  g_call++;
  g_poisoned = false;
}

// ---- the dialect ----

namespace {

// Literals replaced whole (compared by text, once per literal address).
struct Replaced {
  const char* sqlite;
  const char* pg;
};
const Replaced kReplaced[] = {
    {"INSERT INTO ords_sec_schema(id, name, alias, created_on, updated_on) VALUES (1, 'MAIN', 'main', ?1, ?1)",
     "INSERT INTO ords_sec_schema(id, name, alias, created_on, updated_on) "
     "VALUES (nextval(pg_get_serial_sequence('ords_security.ords_sec_schema', 'id')), 'MAIN', 'main', ?1, ?1)"},
    // SQLite's INSERT OR REPLACE (issue 11's records of export scripts) as an upsert on the key.
    {"INSERT OR REPLACE INTO ords_sec_template_extra(template_id, priority, etag_type, etag_query, comments) "
     "SELECT id, ?3, ?4, ?5, ?6 FROM ords_sec_template WHERE module_id = ?1 AND pattern = ?2",
     "INSERT INTO ords_sec_template_extra(template_id, priority, etag_type, etag_query, comments) "
     "SELECT id, ?3, ?4, ?5, ?6 FROM ords_sec_template WHERE module_id = ?1 AND pattern = ?2 "
     "ON CONFLICT (template_id) DO UPDATE SET priority = excluded.priority, etag_type = excluded.etag_type, "
     "etag_query = excluded.etag_query, comments = excluded.comments"},
    {"INSERT OR REPLACE INTO ords_sec_handler_parameter(handler_id, name, bind_variable_name, source_type, param_type, "
     "access_method, comments) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
     "INSERT INTO ords_sec_handler_parameter(handler_id, name, bind_variable_name, source_type, param_type, "
     "access_method, comments) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
     "ON CONFLICT (handler_id, name) DO UPDATE SET bind_variable_name = excluded.bind_variable_name, "
     "source_type = excluded.source_type, param_type = excluded.param_type, "
     "access_method = excluded.access_method, comments = excluded.comments"},
};

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}

// ?N -> $N outside quotes and comments; `params` receives the highest N.
std::string numbered_params(const std::string& in, int& params) {
  std::string out;
  out.reserve(in.size() + 8);
  params = 0;
  for (size_t i = 0; i < in.size(); i++) {
    char ch = in[i];
    if (ch == '\'' || ch == '"') {
      size_t j = in.find(ch, i + 1);
      if (j == std::string::npos) j = in.size() - 1;
      out.append(in, i, j - i + 1);
      i = j;
      continue;
    }
    if (ch == '-' && i + 1 < in.size() && in[i + 1] == '-') {
      size_t j = in.find('\n', i);
      if (j == std::string::npos) j = in.size() - 1;
      out.append(in, i, j - i + 1);
      i = j;
      continue;
    }
    if (ch == '?') {
      size_t j = i + 1;
      int n = 0;
      while (j < in.size() && in[j] >= '0' && in[j] <= '9') n = n * 10 + (in[j++] - '0');
      if (j == i + 1) throw Error("internal error: a bare ? parameter (the store needs ?1, ?2 ...)");
      if (n > params) params = n;
      out += '$';
      out.append(in, i + 1, j - i - 1);
      i = j - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

// Migration 5's policy-generation triggers (store/schema.cpp: one per table and statement kind,
// each `CREATE TRIGGER n AFTER OP ON t BEGIN UPDATE ords_sec_meta SET value = value + 1 WHERE
// key = 'policy_generation'; END;`) become row triggers calling ords_bump_policy_generation
// (pg/compat.sql, SECURITY DEFINER like the data version's): FOR EACH ROW as SQLite's are, so a
// statement that changes no row moves nothing. Migration 8's protection-generation triggers
// (the same text with key = 'protection_generation', OP possibly `UPDATE OF c1, c2`, which
// PostgreSQL writes alike) call ords_bump_protection_generation; one with `WHEN EXISTS (SELECT 1
// FROM t2 WHERE c = NEW.id)` passes t2 and c to it, which asks the same (PostgreSQL's WHEN takes
// no subquery). Migration 9's change-log triggers (`ords_sec_pl_*`) are left out: the decision
// reads the log only when the schema cookie is unchanged after a policy change, which here,
// where the cookie is the data version, never happens, so PostgreSQL's writers need not write
// it (the table is made, and stays empty). Any other CREATE TRIGGER is refused: it would need a
// mapping of its own.
std::string policy_triggers_for_pg(const std::string& in) {
  static const std::string kBody =
      " BEGIN UPDATE ords_sec_meta SET value = value + 1 WHERE key = 'policy_generation'; END;";
  static const std::string kProtectionBody =
      " BEGIN UPDATE ords_sec_meta SET value = value + 1 WHERE key = 'protection_generation'; END;";
  static const std::string kWhen = " WHEN EXISTS (SELECT 1 FROM ", kWhere = " WHERE ", kNew = " = NEW.id)";
  static const std::string kStart = "CREATE TRIGGER ";
  static const std::string kLogStart = "CREATE TRIGGER ords_sec_pl_";
  std::string out;
  size_t pos = 0;
  for (size_t p = in.find(kStart); p != std::string::npos; p = in.find(kStart, pos)) {
    size_t eol = in.find('\n', p);
    std::string line = in.substr(p, eol == std::string::npos ? std::string::npos : eol - p);
    if (line.compare(0, kLogStart.size(), kLogStart) == 0) {  // migration 9's change log: not kept here
      out.append(in, pos, p - pos);
      pos = p + line.size();
      continue;
    }
    bool protection = false;
    size_t body = line.find(kBody);
    if (body == std::string::npos) {
      body = line.find(kProtectionBody);
      protection = true;
    }
    if (body == std::string::npos || body + (protection ? kProtectionBody : kBody).size() != line.size())
      throw Error("internal error: a migration's trigger has no PostgreSQL mapping");
    std::string head = line.substr(0, body), args;  // CREATE TRIGGER name AFTER OP ON table [WHEN ...]
    size_t when = head.find(kWhen);
    if (when != std::string::npos) {
      size_t where = head.find(kWhere, when + kWhen.size());
      if (!protection || where == std::string::npos || head.size() < kNew.size() ||
          head.compare(head.size() - kNew.size(), kNew.size(), kNew) != 0)
        throw Error("internal error: a migration's trigger has no PostgreSQL mapping");
      std::string table = head.substr(when + kWhen.size(), where - when - kWhen.size());
      std::string column = head.substr(where + kWhere.size(), head.size() - kNew.size() - where - kWhere.size());
      args = "'" + table + "', '" + column + "'";
      head.resize(when);
    }
    out.append(in, pos, p - pos);
    out += head;
    out += protection ? " FOR EACH ROW EXECUTE FUNCTION ords_security.ords_bump_protection_generation(" + args + ");"
                      : " FOR EACH ROW EXECUTE FUNCTION ords_security.ords_bump_policy_generation();";
    pos = p + line.size();
  }
  out.append(in, pos, std::string::npos);
  return out;
}

// A column's CHECK (c IN ('a', 'b') or c IN (1, 2)) as one array constant:
// CHECK (c = ANY ('{a,b}'::text[])). PostgreSQL would keep the list as an ARRAY[...] of
// constants, read back (stringToNode) and folded for every INSERT's executor: a tenth of a
// session row's insert (ISSUE 15 speed). The same rows pass; the constraint keeps its name.
// Only lists of plain words or whole numbers are rewritten; any other CHECK is left as it is.
std::string check_in_for_pg(const std::string& in) {
  static const std::string kStart = "CHECK (";
  std::string out;
  size_t pos = 0;
  for (size_t p = in.find(kStart); p != std::string::npos; p = in.find(kStart, p + 1)) {
    size_t col = p + kStart.size(), sp = in.find(" IN (", col);
    if (sp == std::string::npos) continue;
    std::string name = in.substr(col, sp - col);
    bool ident = !name.empty();
    for (char ch : name) ident = ident && (isalnum(static_cast<unsigned char>(ch)) || ch == '_');
    size_t list = sp + 5, close = in.find("))", list);
    if (!ident || close == std::string::npos) continue;
    std::string items, body = in.substr(list, close - list);
    bool text = false, number = false, ok = true;
    size_t i = 0;
    while (ok && i < body.size()) {
      while (i < body.size() && body[i] == ' ') i++;
      std::string item;
      if (i < body.size() && body[i] == '\'') {
        size_t e = body.find('\'', i + 1);
        if (e == std::string::npos) { ok = false; break; }
        item = body.substr(i + 1, e - i - 1);
        text = true;
        i = e + 1;
        for (char ch : item) ok = ok && (isalnum(static_cast<unsigned char>(ch)) || ch == '_');
      } else {
        while (i < body.size() && isdigit(static_cast<unsigned char>(body[i]))) item += body[i++];
        number = true;
      }
      ok = ok && !item.empty();
      items += (items.empty() ? "" : ",") + item;
      while (i < body.size() && body[i] == ' ') i++;
      if (i < body.size() && body[i] != ',') ok = false;
      i++;
    }
    if (!ok || text == number) continue;
    out.append(in, pos, p - pos);
    out += kStart + name + " = ANY ('{" + items + "}'::" + (text ? "text" : "bigint") + "[]))";
    pos = close + 2;
    p = close + 1;
  }
  out.append(in, pos, std::string::npos);
  return out;
}

// The session table's kind column (migration 3) takes the domain of pg/compat.sql, which checks
// the same three values once per backend instead of once per INSERT (ISSUE 15 speed).
const char* const kSessionKindColumn = "kind           TEXT NOT NULL CHECK (kind = 'access' OR kind = 'refresh' OR kind = 'code')";
const char* const kSessionKindDomain = "kind           ords_security.ords_session_kind NOT NULL";

// Migrations' DDL, SQLite -> PostgreSQL (see the top of this file).
std::string ddl_for_pg(const char* sqlite_ddl) {
  std::string s = sqlite_ddl;
  replace_all(s, kSessionKindColumn, kSessionKindDomain);
  replace_all(s, "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  replace_all(s, "INTEGER", "BIGINT");
  replace_all(s, " BLOB", " BYTEA");
  replace_all(s, "value ANY", "value BIGINT");
  replace_all(s, ") WITHOUT ROWID", ")");
  replace_all(s, "COLLATE NOCASE", "COLLATE ords_security.nocase");
  return policy_triggers_for_pg(check_in_for_pg(s));
}

// group_concat, the one aggregate the model uses, in PostgreSQL's terms:
//   (SELECT group_concat(x [, sep]) FROM ...)  ->  NULLIF(array_to_string(ARRAY(SELECT (x)::text FROM ...), sep), '')
//     a scalar subquery of one aggregate (the decision's session statement): an ARRAY sublink
//     has no aggregate node to start, which is a seventh of the decision's time in the server;
//     NULLIF keeps group_concat's NULL for no rows;
//   group_concat(x [, sep])  ->  string_agg((x)::text, sep)  anywhere else.
// The default separator is ','. (The compat aggregate of pg/compat.sql calls an SQL function per
// row: it is for people's own SQL, not the model's.)
size_t matching_paren(const std::string& in, size_t open) {  // in[open] == '('
  int depth = 0;
  for (size_t i = open; i < in.size(); i++) {
    if (in[i] == '\'') {
      size_t j = in.find('\'', i + 1);
      if (j == std::string::npos) break;
      i = j;
      continue;
    }
    if (in[i] == '(') depth++;
    if (in[i] == ')' && --depth == 0) return i;
  }
  throw Error("internal error: unbalanced parentheses in SQL");
}

std::string group_concat_for_pg(const std::string& in) {
  static const std::string kName = "group_concat(";
  static const std::string kScalar = "(SELECT ";
  std::string out;
  size_t pos = 0;
  for (size_t p = in.find(kName); p != std::string::npos; p = in.find(kName, pos)) {
    size_t open = p + kName.size() - 1;
    size_t close = matching_paren(in, open);
    size_t comma = std::string::npos;
    int depth = 0;
    for (size_t i = open + 1; i < close; i++) {
      if (in[i] == '(') depth++;
      else if (in[i] == ')') depth--;
      else if (in[i] == ',' && depth == 0) {
        comma = i;
        break;
      }
    }
    std::string arg = in.substr(open + 1, (comma == std::string::npos ? close : comma) - open - 1);
    std::string sep = comma == std::string::npos ? "','" : in.substr(comma + 1, close - comma - 1);
    bool scalar = p >= kScalar.size() && in.compare(p - kScalar.size(), kScalar.size(), kScalar) == 0 &&
                  p - kScalar.size() >= pos;
    if (scalar) {
      size_t sub_open = p - kScalar.size();
      size_t sub_close = matching_paren(in, sub_open);
      out.append(in, pos, sub_open - pos);
      out += "NULLIF(array_to_string(ARRAY(SELECT (" + arg + ")::text" + in.substr(close + 1, sub_close - close - 1) +
             "), " + sep + "), '')";
      pos = sub_close + 1;
    } else {
      out.append(in, pos, p - pos);
      out += "string_agg((" + arg + ")::text, " + sep + ")";
      pos = close + 1;
    }
  }
  out.append(in, pos, std::string::npos);
  return out;
}

struct Translated {
  std::string sql;
  int params = 0;
  // A literal's plans, by parameter types (a literal's Translated lives as long as the Db).
  mutable std::map<std::string, SPIPlanPtr> plans;
  // The last plan used and the types it was asked for (the usual case: the same types every
  // call, found without building the map's key), and the result's column names, read once.
  mutable std::vector<Oid> last_types;
  mutable SPIPlanPtr last_plan = nullptr;
  mutable std::vector<std::string> names;
  mutable bool has_names = false;
  // The sweep's read of the sessions (kSweepRead): run by a direct index scan (sweep_read_direct).
  bool sweep = false;
  // The insert of a session (kSessionInsert): run without the executor (session_insert_direct).
  bool session_insert = false;
};

// The sweep of expired sessions (model/sessions.cpp purge_expired), at every token call: read by
// an index scan of the primary key without SPI (ISSUE 15 speed: executor start and end for four
// rows were a tenth of oauth_token's time in the server). The same rows in the same order under
// the snapshot the statement would take; the statement runs instead when the table or its key is
// not the expected shape or the limit is out of range.
const char* const kSweepRead = "SELECT id, expires_on FROM ords_sec_session WHERE id > ?1 ORDER BY id LIMIT ?2";

// The insert of a session (model/sessions.cpp issue), at every token call: a heap insert and its
// index entries without the executor (ISSUE 15 speed: executor start and end, the plan cache's
// check and the projection of eleven parameters were a seventh of a token call in the server).
// The same row, the same locks, the same checks (see session_insert_direct); the statement runs
// instead whenever the table is not exactly what migration 3 made (a trigger, a rule, a CHECK,
// a default, row security, a column more or less, a deferred or exclusion index, ...).
const char* const kSessionInsert =
    "INSERT INTO ords_sec_session(digest, schema_id, client_id, kind, family, user_name, scope, redirect_uri, "
    "code_challenge, issued_on, expires_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

Translated translate(const char* sqlite_sql) {
  std::string s = sqlite_sql;
  for (const auto& r : kReplaced)
    if (s == r.sqlite) s = r.pg;
  replace_all(s, "main.sqlite_master", "sqlite_master");
  if (s.find("group_concat(") != std::string::npos) s = group_concat_for_pg(s);
  Translated t;
  t.sql = numbered_params(s, t.params);
  t.sweep = strcmp(sqlite_sql, kSweepRead) == 0;
  t.session_insert = strcmp(sqlite_sql, kSessionInsert) == 0;
  return t;
}

bool starts_with_word(const char* sql, const char* word) {
  while (*sql == ' ' || *sql == '\n' || *sql == '\t') sql++;
  return strncasecmp(sql, word, strlen(word)) == 0;
}

}  // namespace

// ---- the statement and its cache ----

struct Stmt::Entry {};  // nothing is handed out twice here: every Stmt owns its state

struct Db::Cache {
  std::unordered_map<const char*, Translated> by_literal;
  std::map<std::string, SPIPlanPtr> plans;  // key: translated SQL + '\0' + parameter types
  std::vector<std::string> order;
};

namespace {
struct PgStmt {
  const Translated* tr = nullptr;  // a cached literal's translation
  Translated built;                // or SQL made at run time
  std::vector<Value> binds;        // 1-based index - 1
  std::vector<std::string> names;
  std::vector<Oid> types;          // each column's type
  std::vector<std::vector<Value>> rows;
  mutable std::string view_buf;    // text_view of a number: valid until the next step
  bool executed = false;
  bool described = false;          // names were read from the plan (before running)
  size_t cur = 0;  // 1-based current row (0: before the first)
  const Translated& t() const { return tr ? *tr : built; }
};
inline PgStmt* P(void* h) { return static_cast<PgStmt*>(h); }

Oid type_of(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Int:
    case Value::Kind::Bool: return INT8OID;
    case Value::Kind::Real: return FLOAT8OID;
    case Value::Kind::Text: return TEXTOID;
    case Value::Kind::Blob: return BYTEAOID;
    default: return InvalidOid;  // NULL: inferred
  }
}

// A column's value as the model reads it (the SQLite kinds: Null, Int, Real, Text, Blob).
Value from_datum(Datum d, Oid type, HeapTuple tup, TupleDesc desc, int col) {
  switch (type) {
    case INT8OID: return Value::integer(DatumGetInt64(d));
    case INT4OID: return Value::integer(DatumGetInt32(d));
    case INT2OID: return Value::integer(DatumGetInt16(d));
    case BOOLOID: return Value::integer(DatumGetBool(d) ? 1 : 0);
    case FLOAT8OID: return Value::real(DatumGetFloat8(d));
    case FLOAT4OID: return Value::real(DatumGetFloat4(d));
    case BYTEAOID: {
      bytea* b = DatumGetByteaPP(d);
      return Value::blob(SecretText(VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b)));
    }
    case TEXTOID:
    case VARCHAROID:
    case BPCHAROID: {
      struct varlena* x = PG_DETOAST_DATUM_PACKED(d);
      return Value::text(SecretText(VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x)));
    }
    default: {
      char* s = SPI_getvalue(tup, desc, col);
      std::string out = s ? s : "";
      if (type == NUMERICOID) {  // count(), sum(): whole numbers as integers, like SQLite
        char* end = nullptr;
        long long v = strtoll(out.c_str(), &end, 10);
        if (end && *end == '\0' && !out.empty()) return Value::integer(v);
        return Value::real(strtod(out.c_str(), nullptr));
      }
      return Value::text(SecretText(out.data(), out.size()));
    }
  }
}
}  // namespace

Db::Db(void* host_handle) : h_(host_handle), cache_(new Cache) {}

// At backend exit there is no SPI to free plans with: the process's memory goes with it.
Db::~Db() = default;

void Db::fail(const char* what) const {
  throw StoreError(std::string("internal error: ") + what, ERRCODE_INTERNAL_ERROR);
}

void Db::enable_cache(bool) {}  // plans are always kept (SPI_keepplan): nothing to finalize

void Db::clear_cache() {
  for (auto& [key, plan] : cache_->plans) {
    SPIPlanPtr p = plan;
    pg_run([&] { SPI_freeplan(p); });
  }
  for (auto& [sql, t] : cache_->by_literal) {
    for (auto& [key, plan] : t.plans) {
      SPIPlanPtr p = plan;
      pg_run([&] { SPI_freeplan(p); });
    }
    t.plans.clear();
    t.last_plan = nullptr;
    t.last_types.clear();
  }
  cache_->plans.clear();
  cache_->order.clear();
  g_cacheable_plans.clear();
  drop_results();
}

size_t Db::cached_statements() const { return cache_->order.size(); }
std::string Db::cached_sql(size_t i) const { return i < cache_->order.size() ? cache_->order[i] : std::string(); }
size_t Db::cached_in_use() const { return 0; }

Stmt Db::prepare(SqlLiteral literal) {
  const char* sql = literal.c_str();
  if (!sql) throw Error("internal error: no SQL to prepare");
  auto it = cache_->by_literal.find(sql);
  if (it == cache_->by_literal.end()) it = cache_->by_literal.emplace(sql, translate(sql)).first;
  auto* st = new PgStmt();
  st->tr = &it->second;
  return Stmt(this, st, nullptr);
}

Stmt Db::prepare_built(const std::string& sql) {
  auto* st = new PgStmt();
  st->built = translate(sql.c_str());
  return Stmt(this, st, nullptr);
}

void Db::release(Stmt::Entry*) {}

void Db::exec(const char* sql) {
  // SPI runs no transaction control: the host's subtransaction is the call's atomicity, and a
  // savepoint of the model's own (export's read snapshot) is refused here, as SQLite refuses
  // one inside a writing statement.
  for (const char* w : {"SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT"})
    if (starts_with_word(sql, w))
      throw StoreError("transaction control is not available inside a PostgreSQL function", ERRCODE_INTERNAL_ERROR);
  std::string ddl = ddl_for_pg(sql);
  int rc = 0;
  pg_run([&] { rc = SPI_execute(ddl.c_str(), false, 0); });
  if (rc < 0) throw StoreError(std::string("SPI_execute: ") + SPI_result_code_string(rc), ERRCODE_INTERNAL_ERROR);
  // New tables get the generation trigger, and the generation moves (the tables changed).
  Stmt attach = prepare("SELECT ords_security.ords_attach_generation()");
  attach.run();
}

int64_t Db::last_insert_id() const {
  if (g_direct_insert_id != 0) return g_direct_insert_id;  // the session just inserted (session_insert_direct)
  Stmt st = const_cast<Db*>(this)->prepare("SELECT lastval()");
  return st.step() ? st.int64(0) : 0;
}
int64_t Db::changes() const { return g_changes; }

bool Db::table_exists(const char* name) {
  Stmt st = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  st.bind(1, name);
  return st.step();
}

bool Db::rewrite_table_definition(const char*, std::string_view, std::string_view) { return false; }

bool Db::read_only() const {
  bool ro = false;
  pg_run([&] { ro = RecoveryInProgress() || XactReadOnly; });
  return ro;
}

void Db::control(SqlLiteral sql) { exec(sql.c_str()); }

// The schema cookie is the data version: DDL of the migrations moves it (ords_attach_generation).
int64_t Db::schema_cookie() { return data_version(); }

bool Db::in_write_transaction() const { return GetTopTransactionIdIfAny() != InvalidTransactionId; }

// ords_generation's value, read once per call (compat.sql says what moves it). Read before what
// the call caches, in an earlier or the same snapshot, so a value is never cached under a
// generation newer than what it was read from.
//
// Read without SPI (ISSUE 15 speed: a statement through SPI was half of check_request's time in
// the server): the counter's one row by a heap scan under the snapshot a statement of SPI's would
// take now (CommandCounterIncrement, then GetTransactionSnapshot: READ COMMITTED sees every commit
// so far, REPEATABLE READ its transaction's snapshot; the call's own earlier writes are visible).
// The table is world-readable (pg/compat.sql grants SELECT to PUBLIC), so no privilege check is
// skipped that would refuse anyone. When the table is not the expected one (no such table, another
// shape), the statement is used instead.
namespace {
// A table of the extension's schema by name (InvalidOid when there is none), for the reads and
// the insert made without SPI. Call inside pg_run.
Oid model_table(const char* name) {
  Oid nsp = get_namespace_oid(kPgSchema, true);
  return OidIsValid(nsp) ? get_relname_relid(name, nsp) : InvalidOid;
}

// The checks a statement on `rel` would make first (the functions run with the caller's rights):
// `mode` on the whole table and no row security. When they fail, the statement runs instead (and
// refuses, or works through column grants). Call inside pg_run.
bool caller_may(Oid rel, AclMode mode) {
  return pg_class_aclcheck(rel, GetUserId(), mode) == ACLCHECK_OK && check_enable_rls(rel, InvalidOid, true) == RLS_NONE;
}

bool read_generation_direct(int64_t& value) {
  bool found = false;
  pg_run([&] {
    Oid rel = model_table("ords_generation");
    if (!OidIsValid(rel)) return;
    Relation r = table_open(rel, AccessShareLock);
    TupleDesc desc = RelationGetDescr(r);
    if (r->rd_rel->relkind != RELKIND_RELATION || desc->natts != 2 || TupleDescAttr(desc, 1)->atttypid != INT8OID ||
        strcmp(NameStr(TupleDescAttr(desc, 1)->attname), "value") != 0) {
      table_close(r, AccessShareLock);
      return;
    }
    CommandCounterIncrement();
    Snapshot snap = RegisterSnapshot(GetTransactionSnapshot());
    TableScanDesc scan = table_beginscan(r, snap, 0, NULL);
    HeapTuple tup = heap_getnext(scan, ForwardScanDirection);
    if (tup) {
      bool isnull = true;
      Datum d = heap_getattr(tup, 2, desc, &isnull);
      if (!isnull) {
        value = DatumGetInt64(d);
        found = true;
      }
    }
    table_endscan(scan);
    UnregisterSnapshot(snap);
    table_close(r, AccessShareLock);
  });
  return found;
}
}  // namespace

uint32_t Db::data_version() {
  if (g_dv_call == g_call) return g_dv;
  int64_t v = 0;
  if (read_generation_direct(v)) {
    g_dv = static_cast<uint32_t>(v);
  } else {
    Stmt st = prepare("SELECT value FROM ords_security.ords_generation");
    g_dv = st.step() ? static_cast<uint32_t>(st.int64(0)) : 0;
  }
  g_dv_call = g_call;
  return g_dv;
}

// ---- Stmt ----

Stmt::Stmt(Db* db, void* handle, Entry* entry) : db_(db), h_(handle), entry_(entry) {}

Stmt::Stmt(Stmt&& o) noexcept : db_(o.db_), h_(o.h_), entry_(o.entry_) {
  o.h_ = nullptr;
  o.entry_ = nullptr;
}

// Touches nothing of PostgreSQL (it may run while a PostgreSQL error unwinds): the rows were
// copied into C++ memory when the statement ran, and their text is SecretText (zeroed).
Stmt::~Stmt() { delete P(h_); }

namespace {
Value& slot(void* h, int idx) {
  if (idx < 1 || idx > 999) throw Error("internal error: parameter index out of range");
  PgStmt* st = P(h);
  if (st->binds.size() < static_cast<size_t>(idx)) st->binds.resize(static_cast<size_t>(idx));
  st->executed = false;
  return st->binds[static_cast<size_t>(idx) - 1];
}
}  // namespace

Stmt& Stmt::bind(int idx, int64_t v) { slot(h_, idx) = Value::integer(v); return *this; }
Stmt& Stmt::bind(int idx, std::string_view v) {
  slot(h_, idx) = Value::text(SecretText(v.data(), v.size()));
  return *this;
}
Stmt& Stmt::bind(int idx, const char* v) {
  if (!v) return bind_null(idx);
  return bind(idx, std::string_view(v));
}
Stmt& Stmt::bind_blob(int idx, const void* p, size_t n) {
  slot(h_, idx) = Value::blob(SecretText(static_cast<const char*>(p), n));
  return *this;
}
Stmt& Stmt::bind_blob_in_place(int idx, const void* p, size_t n) { return bind_blob(idx, p, n); }
Stmt& Stmt::bind_null(int idx) { slot(h_, idx) = Value::null(); return *this; }
Stmt& Stmt::bind_value(int idx, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null: return bind_null(idx);
    case Value::Kind::Int:
    case Value::Kind::Bool: return bind(idx, v.i);
    case Value::Kind::Real: slot(h_, idx) = Value::real(v.r); return *this;
    case Value::Kind::Text: return bind(idx, std::string_view(v.s));
    case Value::Kind::Blob: return bind_blob(idx, v.s.data(), v.s.size());
    default: throw Error("internal error: cannot bind a JSON object or array");
  }
}

// kSweepRead by an index scan (see there): the ids greater than `after` in order, at most
// `limit` of them, with their expires_on. False (nothing read) when the statement must run.
bool sweep_read_direct(int64_t after, int64_t limit, std::vector<std::vector<Value>>& rows) {
  if (limit < 0 || limit > 1024) return false;
  int64_t* got = nullptr;  // id, expires_on pairs
  int count = 0;
  bool done = false;
  pg_run([&] {
    Oid rel = model_table("ords_sec_session");
    if (!OidIsValid(rel) || !caller_may(rel, ACL_SELECT)) return;
    Relation heap = table_open(rel, AccessShareLock);
    TupleDesc desc = RelationGetDescr(heap);
    AttrNumber id_att = get_attnum(rel, "id"), exp_att = get_attnum(rel, "expires_on");
    Oid pk = RelationGetPrimaryKeyIndex(heap);
    bool shape = heap->rd_rel->relkind == RELKIND_RELATION && id_att > 0 && exp_att > 0 && OidIsValid(pk) &&
                 TupleDescAttr(desc, id_att - 1)->atttypid == INT8OID &&
                 TupleDescAttr(desc, exp_att - 1)->atttypid == INT8OID;
    Relation idx = shape ? index_open(pk, AccessShareLock) : nullptr;
    if (idx && (idx->rd_rel->relam != BTREE_AM_OID || idx->rd_index->indnatts != 1 ||
                idx->rd_index->indkey.values[0] != id_att)) {
      index_close(idx, AccessShareLock);
      idx = nullptr;
    }
    if (!idx) {
      table_close(heap, AccessShareLock);
      return;
    }
    got = static_cast<int64_t*>(palloc(sizeof(int64_t) * 2 * (limit > 0 ? limit : 1)));
    CommandCounterIncrement();
    Snapshot snap = RegisterSnapshot(GetTransactionSnapshot());
    ScanKeyData key;
    ScanKeyInit(&key, 1, BTGreaterStrategyNumber, F_INT8GT, Int64GetDatum(after));
    IndexScanDesc scan = index_beginscan(heap, idx, snap, 1, 0);
    index_rescan(scan, &key, 1, NULL, 0);
    TupleTableSlot* slot = table_slot_create(heap, NULL);
    while (count < limit && index_getnext_slot(scan, ForwardScanDirection, slot)) {
      bool null_id = false, null_exp = false;
      Datum a = slot_getattr(slot, id_att, &null_id);
      Datum b = slot_getattr(slot, exp_att, &null_exp);
      got[2 * count] = null_id ? 0 : DatumGetInt64(a);
      got[2 * count + 1] = null_exp ? 0 : DatumGetInt64(b);
      count++;
    }
    ExecDropSingleTupleTableSlot(slot);
    index_endscan(scan);
    UnregisterSnapshot(snap);
    index_close(idx, AccessShareLock);
    table_close(heap, AccessShareLock);
    done = true;
  });
  if (!done) return false;
  rows.clear();
  for (int i = 0; i < count; i++) rows.push_back({Value::integer(got[2 * i]), Value::integer(got[2 * i + 1])});
  pg_run([&] { pfree(got); });
  return true;
}

// kSessionInsert without the executor (see there). The row is the statement's: the columns of
// migration 3 by name, `id` from its identity sequence (nextval without a privilege check, as the
// executor's), the kind through its domain's check, NOT NULL refused by the statement. The checks
// of the statement (the functions run with the caller's rights): INSERT on the table, no row
// security, a writable transaction. The unique digest is checked by the index insert, which raises
// PostgreSQL's own error. False (nothing written) when the statement must run.
// The identity sequence of the session table's id, kept per backend: finding it reads pg_depend
// (a twentieth of a token call). Forgotten at any invalidation of that table's relcache entry,
// which every ALTER TABLE (an identity dropped or added) and DROP sends, committed or rolled back.
Oid g_identity_rel = InvalidOid;
Oid g_identity_seq = InvalidOid;
void forget_identity(Datum, Oid relid) {
  if (!OidIsValid(relid) || relid == g_identity_rel) g_identity_rel = g_identity_seq = InvalidOid;
}
Oid identity_sequence(Oid rel, AttrNumber att) {
  static bool registered = false;
  if (!registered) {
    CacheRegisterRelcacheCallback(forget_identity, 0);
    registered = true;
  }
  if (rel != g_identity_rel) {
    g_identity_seq = getIdentitySequence(rel, att, true);
    g_identity_rel = rel;
  }
  return g_identity_seq;
}

bool session_insert_direct(const std::vector<Value>& b, int64_t& id_out) {
  using K = Value::Kind;
  auto is = [&](size_t i, K k, bool null_ok) { return b[i].kind == k || (null_ok && b[i].kind == K::Null); };
  if (b.size() != 11 || !is(0, K::Blob, false) || !is(1, K::Int, false) || !is(2, K::Int, false) ||
      !is(3, K::Text, false) || !is(4, K::Int, true) || !is(9, K::Int, false) || !is(10, K::Int, false))
    return false;
  for (size_t i = 5; i <= 8; i++)
    if (!is(i, K::Text, true)) return false;
  // The table's columns: name, type (the kind's: its domain or text) and the bind that fills it
  // (-1: the identity, -2: NULL, consumed_on).
  struct Col {
    const char* name;
    Oid type;
    int bind;
  };
  static const Col kCols[] = {{"id", INT8OID, -1},         {"digest", BYTEAOID, 0},        {"schema_id", INT8OID, 1},
                              {"client_id", INT8OID, 2},   {"kind", TEXTOID, 3},           {"family", INT8OID, 4},
                              {"user_name", TEXTOID, 5},   {"scope", TEXTOID, 6},          {"redirect_uri", TEXTOID, 7},
                              {"code_challenge", TEXTOID, 8}, {"issued_on", INT8OID, 9},   {"expires_on", INT8OID, 10},
                              {"consumed_on", INT8OID, -2}};
  constexpr int kNCols = sizeof kCols / sizeof kCols[0];
  bool done = false;
  pg_run([&] {
    if (XactReadOnly || RecoveryInProgress() || IsInParallelMode()) return;
    Oid rel = model_table("ords_sec_session");
    if (!OidIsValid(rel) || !caller_may(rel, ACL_INSERT)) return;
    Relation r = table_open(rel, RowExclusiveLock);  // the executor's lock, kept to the end (NoLock below)
    TupleDesc desc = RelationGetDescr(r);
    TupleConstr* constr = desc->constr;
    bool shape = r->rd_rel->relkind == RELKIND_RELATION && r->trigdesc == nullptr && !r->rd_rel->relhasrules &&
                 !(constr && (constr->num_check > 0 || constr->has_generated_stored));
    int filled = 0;
    int attnum_of[kNCols] = {};
    Oid kind_type = InvalidOid;
    for (int a = 0; shape && a < desc->natts; a++) {
      Form_pg_attribute att = TupleDescAttr(desc, a);
      if (att->attisdropped) continue;
      int c = 0;
      while (c < kNCols && strcmp(NameStr(att->attname), kCols[c].name) != 0) c++;
      if (c == kNCols || attnum_of[c] != 0) { shape = false; break; }
      attnum_of[c] = a + 1;
      filled++;
      Oid base = att->atttypid;
      if (c == 4 && get_typtype(base) == TYPTYPE_DOMAIN) {
        kind_type = base;
        base = getBaseType(base);
      }
      bool is_id = kCols[c].bind == -1;
      shape = base == kCols[c].type && att->attgenerated == '\0' &&
              (is_id ? att->attidentity != '\0' : !att->atthasdef && att->attidentity == '\0');
      // A NULL bound to a NOT NULL column: the statement's own error.
      if (shape && att->attnotnull && (kCols[c].bind == -2 || (kCols[c].bind >= 0 && b[kCols[c].bind].kind == K::Null)))
        shape = false;
    }
    shape = shape && filled == kNCols;
    Oid seq = shape ? identity_sequence(rel, static_cast<AttrNumber>(attnum_of[0])) : InvalidOid;
    EState* estate = nullptr;
    ResultRelInfo* rri = nullptr;
    if (OidIsValid(seq)) {
      estate = CreateExecutorState();
      rri = makeNode(ResultRelInfo);
      InitResultRelInfo(rri, r, 1, nullptr, 0);
      ExecOpenIndices(rri, false);
      for (int i = 0; i < rri->ri_NumIndices; i++) {
        IndexInfo* ii = rri->ri_IndexRelationInfo[i];
        Relation ix = rri->ri_IndexRelationDescs[i];
        if (ii->ii_ExclusionOps != nullptr || (ii->ii_Unique && !ix->rd_index->indimmediate) || !ii->ii_ReadyForInserts)
          shape = false;
      }
    } else {
      shape = false;
    }
    if (shape) {
      Datum values[kNCols];
      bool nulls[kNCols];
      for (int c = 0; c < kNCols; c++) {
        int k = kCols[c].bind;
        nulls[c] = k == -2 || (k >= 0 && b[k].kind == K::Null);
        values[c] = 0;
        if (nulls[c] || k < 0) continue;
        const Value& v = b[k];
        if (kCols[c].type == INT8OID) {
          values[c] = Int64GetDatum(v.i);
        } else if (kCols[c].type == BYTEAOID) {
          bytea* x = static_cast<bytea*>(palloc(VARHDRSZ + v.s.size()));
          SET_VARSIZE(x, VARHDRSZ + v.s.size());
          memcpy(VARDATA(x), v.s.data(), v.s.size());
          values[c] = PointerGetDatum(x);
        } else {
          values[c] = PointerGetDatum(cstring_to_text_with_len(v.s.data(), static_cast<int>(v.s.size())));
        }
      }
      if (OidIsValid(kind_type)) domain_check(values[4], false, kind_type, nullptr, CurrentMemoryContext);
      int64 id = nextval_internal(seq, false);
      values[0] = Int64GetDatum(id);
      TupleTableSlot* slot = ExecInitExtraTupleSlot(estate, desc, &TTSOpsVirtual);
      ExecClearTuple(slot);
      for (int a = 0; a < desc->natts; a++) {
        slot->tts_values[a] = 0;
        slot->tts_isnull[a] = true;  // dropped columns
      }
      for (int c = 0; c < kNCols; c++) {
        slot->tts_values[attnum_of[c] - 1] = values[c];
        slot->tts_isnull[attnum_of[c] - 1] = nulls[c];
      }
      ExecStoreVirtualTuple(slot);
      table_tuple_insert(r, slot, GetCurrentCommandId(true), 0, nullptr);
      List* recheck = ExecInsertIndexTuples(rri, slot, estate, false, false, nullptr, NIL);
      list_free(recheck);
      id_out = id;
      done = true;
    }
    if (rri) ExecCloseIndices(rri);
    if (estate) {
      ExecResetTupleTable(estate->es_tupleTable, false);
      FreeExecutorState(estate);
    }
    table_close(r, NoLock);
  });
  return done;
}

// ---- the result cache (ISSUE 15 speed: oauth_token's client authentication) ----
//
// The rows of a read whose answer depends only on its parameters and on tables that move the
// data version (pg/compat.sql: every model table but the sessions'), kept for the data version
// they were read at and handed out again while it is unchanged, as DataVersionCache's rules say
// (store/data_version_cache.hpp):
//  - the data version is read in every call (Db::data_version), before any cached read; rows
//    are kept only when it is read again, unchanged, after the statement (so they are exactly
//    that version's, even when another session committed in between); another session's commit
//    to one of those tables moves it, and nothing kept before is used again (the whole cache is
//    dropped);
//  - nothing is kept or used inside a transaction that has written (a transaction id is
//    assigned): its uncommitted changes, which a rollback takes back, may be in what it reads,
//    and its own writes to those tables move the generation only until a rollback. Nor under
//    SERIALIZABLE, whose reads must be seen by its conflict detection;
//  - a rollback of a Transaction of ours and clear_cache drop it all.
// Which statements qualify is decided once, from the analysed query of the plan (plan_cacheable):
// a plain SELECT (no FOR UPDATE, no data-modifying WITH), no function or operator that is not
// IMMUTABLE (now(), random(), anything reading settings), and every table it reads one of the
// extension's own with the data version's trigger (ords_generation) enabled. Everything else
// runs every time: the sessions, the catalogue (sqlite_master), set-returning functions.
// Bounded: at most kMaxCachedResults sets of rows; a full cache is emptied.
namespace {

// A table of ours whose every change moves the data version (compat.sql attaches the trigger).
bool tracked_table(Oid relid) {
  Oid nsp = get_namespace_oid(kPgSchema, true);
  if (!OidIsValid(nsp) || get_rel_namespace(relid) != nsp || get_rel_relkind(relid) != RELKIND_RELATION) return false;
  Relation r = table_open(relid, AccessShareLock);
  bool found = false;
  if (r->trigdesc) {
    for (int i = 0; i < r->trigdesc->numtriggers; i++) {
      const Trigger& t = r->trigdesc->triggers[i];
      if (strcmp(t.tgname, "ords_generation") == 0 && t.tgenabled != TRIGGER_DISABLED) found = true;
    }
  }
  table_close(r, AccessShareLock);
  return found;
}

bool uncacheable_walker(Node* node, void* cxt);
// The walker as the tree walkers of PostgreSQL 15 take it (a function of no declared arguments).
const auto kWalker = reinterpret_cast<bool (*)()>(reinterpret_cast<void (*)()>(uncacheable_walker));

// True when something in the query makes its rows not a function of its parameters and of the
// tracked tables.
bool uncacheable_walker(Node* node, void* cxt) {
  if (!node) return false;
  if (IsA(node, Query)) {
    Query* q = reinterpret_cast<Query*>(node);
    if (q->commandType != CMD_SELECT || q->utilityStmt || q->rowMarks != NIL || q->hasModifyingCTE) return true;
    return query_tree_walker(q, kWalker, cxt, QTW_EXAMINE_RTES_BEFORE);
  }
  if (IsA(node, RangeTblEntry)) {
    RangeTblEntry* rte = reinterpret_cast<RangeTblEntry*>(node);
    switch (rte->rtekind) {
      case RTE_RELATION:
        if (!tracked_table(rte->relid)) return true;
        *static_cast<List**>(cxt) = lappend_oid(*static_cast<List**>(cxt), rte->relid);
        return false;
      case RTE_SUBQUERY:  // a view's too (rewritten into a subquery): its own tables are walked
      case RTE_JOIN:
      case RTE_VALUES:
      case RTE_CTE:
      case RTE_RESULT: return false;
      default: return true;  // functions, table functions, tuplestores
    }
  }
  return expression_tree_walker(node, kWalker, cxt);
}

// Inside pg_run: the plan's statements may have their rows kept (see above); `tables` receives
// the tables they read.
bool plan_cacheable(SPIPlanPtr plan, List** tables) {
  List* sources = SPI_plan_get_plan_sources(plan);
  if (sources == NIL) return false;
  ListCell* lc;
  foreach (lc, sources) {
    CachedPlanSource* src = static_cast<CachedPlanSource*>(lfirst(lc));
    if (src->commandTag != CMDTAG_SELECT || src->query_list == NIL) return false;
    ListCell* qc;
    foreach (qc, src->query_list) {
      Node* q = static_cast<Node*>(lfirst(qc));
      if (contain_mutable_functions(q) || uncacheable_walker(q, tables)) return false;
    }
  }
  return true;
}

// Kept rows may be handed to the current user: the executor's own checks, which a statement
// makes at every run, made again here (the functions run with the caller's rights, and a GRANT,
// a REVOKE or row security moves no data version): SELECT on every table the statement reads, no
// row security on any. Otherwise the statement runs (and refuses, or reads by column grants).
bool readable_now(const std::vector<Oid>& tables) {
  bool ok = true;
  pg_run([&] {
    Oid user = GetUserId();
    for (Oid t : tables) {
      bool missing = false;  // dropped since the rows were kept (by hand: the store's DDL moves the version)
      ok = ok && pg_class_aclcheck_ext(t, user, ACL_SELECT, &missing) == ACLCHECK_OK && !missing &&
           check_enable_rls(t, InvalidOid, true) == RLS_NONE;
    }
  });
  return ok;
}

// Rows may be kept or used now (see above); the data version is then read for this call.
bool results_usable(Db* db) {
  bool ok = false;
  pg_run([&] { ok = !IsolationIsSerializable() && GetTopTransactionIdIfAny() == InvalidTransactionId; });
  if (!ok) return false;
  uint32_t dv = db->data_version();
  if (dv != g_results_dv) {
    drop_results();
    g_results_dv = dv;
  }
  return true;
}

// The plan and every bound value (type, NULL or bytes), unambiguously.
SecretText result_key(SPIPlanPtr plan, const std::vector<Oid>& types, const std::vector<Value>& binds) {
  SecretText key;
  key.append(reinterpret_cast<const char*>(&plan), sizeof plan);
  for (size_t i = 0; i < binds.size(); i++) {
    const Value& v = binds[i];
    Oid o = i < types.size() ? types[i] : InvalidOid;
    key.append(reinterpret_cast<const char*>(&o), sizeof o);
    if (v.kind == Value::Kind::Null) {
      key += 'n';
      continue;
    }
    switch (o) {
      case INT8OID: key += 'i'; key.append(reinterpret_cast<const char*>(&v.i), sizeof v.i); break;
      case FLOAT8OID: key += 'r'; key.append(reinterpret_cast<const char*>(&v.r), sizeof v.r); break;
      default: {
        uint64_t n = v.s.size();
        key += 's';
        key.append(reinterpret_cast<const char*>(&n), sizeof n);
        key.append(v.s.data(), v.s.size());
      }
    }
  }
  return key;
}

}  // namespace

namespace {

// The plan for this text and these parameter types: prepared once and kept. A NULL's type is
// inferred by PostgreSQL's parser (as the extended query protocol does), text when nothing
// says.
SPIPlanPtr plan_for(std::map<std::string, SPIPlanPtr>& plans, std::vector<std::string>& order, const Translated& t,
                    std::vector<Oid>& types) {
  bool own = &plans == &t.plans;
  if (own && t.last_plan && t.last_types == types) return t.last_plan;
  std::string key;
  for (Oid o : types) key += std::to_string(o) + ",";
  if (!own) key = t.sql + '\0' + key;
  auto it = plans.find(key);
  if (it != plans.end()) {
    if (own) {
      t.last_types = types;
      t.last_plan = it->second;
    }
    return it->second;
  }
  std::vector<Oid> asked = types;
  SPIPlanPtr plan = nullptr;
  int n = static_cast<int>(types.size());
  bool unknown = false;
  for (Oid o : types) unknown = unknown || o == InvalidOid;
  Oid* ptypes = types.data();
  const char* sql = t.sql.c_str();
  bool cacheable = false;
  List* tables = NIL;
  std::vector<Oid> read;
  pg_run([&] {
    Oid* inferred = static_cast<Oid*>(palloc0(sizeof(Oid) * (n > 0 ? n : 1)));
    for (int i = 0; i < n; i++) inferred[i] = ptypes[i];
    if (unknown) {
      List* raw = raw_parser(sql, RAW_PARSE_DEFAULT);
      int nparams = n;
      ListCell* lc;
      foreach (lc, raw) {
        pg_analyze_and_rewrite_varparams(lfirst_node(RawStmt, lc), sql, &inferred, &nparams, nullptr);
      }
    }
    for (int i = 0; i < n; i++) {
      if (inferred[i] == InvalidOid || inferred[i] == UNKNOWNOID) inferred[i] = TEXTOID;
      ptypes[i] = inferred[i];
    }
    // A generic plan, made once and kept (ISSUE 15 speed): never re-planned for each call's
    // values, as SQLite compiles a statement once. PostgreSQL's default would plan some
    // statements afresh at every call (the sweep's `id > $1 ... LIMIT $2`, whose generic
    // estimate it finds dearer), a quarter of oauth_token's time in the server.
    plan = SPI_prepare_cursor(sql, n, ptypes, CURSOR_OPT_GENERIC_PLAN);
    if (plan) {
      SPI_keepplan(plan);
      cacheable = plan_cacheable(plan, &tables);
    }
  });
  if (cacheable) {
    ListCell* lc;
    foreach (lc, tables) read.push_back(lfirst_oid(lc));
  }
  if (!plan) throw StoreError(std::string("SPI_prepare: ") + SPI_result_code_string(SPI_result), ERRCODE_INTERNAL_ERROR);
  plans.emplace(key, plan);
  if (cacheable) g_cacheable_plans.emplace(plan, std::move(read));
  order.push_back(t.sql);
  if (own) {
    t.last_types = std::move(asked);
    t.last_plan = plan;
  }
  return plan;
}

// The plan for the statement's current bindings (their types choose it), from the transaction's
// plans or the connection's: what execute() runs and describe() reads the columns of. The
// bindings' types (one per parameter) are left in `types`.
SPIPlanPtr plan_for_bindings(std::map<std::string, SPIPlanPtr>& plans, std::vector<std::string>& order, PgStmt& st,
                             std::vector<Oid>& types) {
  const Translated& t = st.t();
  size_t n = static_cast<size_t>(t.params);
  if (st.binds.size() > n) n = st.binds.size();
  st.binds.resize(n);
  types.assign(n, InvalidOid);
  for (size_t i = 0; i < n; i++) types[i] = type_of(st.binds[i]);
  return plan_for(st.tr ? st.tr->plans : plans, order, t, types);
}

// Runs the statement with its bindings and copies every row (SQLite steps lazily; the model
// never depends on that, and a copy lets no PostgreSQL memory outlive the call).
void execute(Db* db, std::map<std::string, SPIPlanPtr>& plans, std::vector<std::string>& order, PgStmt& st) {
  std::vector<Oid> types;
  SPIPlanPtr plan = plan_for_bindings(plans, order, st, types);
  size_t n = types.size();
  st.described = false;
  st.rows.clear();
  st.names.clear();
  st.cur = 0;
  if (st.tr && st.tr->sweep && st.tr->has_names && n == 2 && st.binds[0].kind == Value::Kind::Int &&
      st.binds[1].kind == Value::Kind::Int &&
      sweep_read_direct(st.binds[0].i, st.binds[1].i, st.rows)) {
    st.executed = true;
    return;
  }
  int64_t inserted = 0;
  if (st.tr && st.tr->session_insert && session_insert_direct(st.binds, inserted)) {
    g_changes = 1;
    g_direct_insert_id = inserted;
    st.executed = true;
    return;
  }
  g_direct_insert_id = 0;
  // The result cache (above): rows kept at this data version are the answer.
  auto cacheable = st.tr ? g_cacheable_plans.find(plan) : g_cacheable_plans.end();
  bool usable = cacheable != g_cacheable_plans.end() && results_usable(db);
  bool keep = usable && readable_now(cacheable->second);
  SecretText key;
  if (keep) {
    key = result_key(plan, types, st.binds);
    auto hit = g_results.find(key);
    if (hit != g_results.end() && st.tr->has_names) {
      st.rows = hit->second;
      st.executed = true;
      return;
    }
  }
  int rc = 0;
  std::vector<std::vector<Value>>& rows = st.rows;
  std::vector<std::string>& names = st.names;
  bool need_names = !(st.tr && st.tr->has_names);
  bool has_table = false;
  const std::vector<Value>& binds = st.binds;
  pg_run([&] {
    Datum* values = static_cast<Datum*>(palloc0(sizeof(Datum) * (n > 0 ? n : 1)));
    char* nulls = static_cast<char*>(palloc0(n + 1));
    for (size_t i = 0; i < n; i++) {
      const Value& v = binds[i];
      nulls[i] = ' ';
      switch (types[i]) {
        case INT8OID:
          if (v.kind == Value::Kind::Null) nulls[i] = 'n'; else values[i] = Int64GetDatum(v.i);
          break;
        case FLOAT8OID:
          if (v.kind == Value::Kind::Null) nulls[i] = 'n'; else values[i] = Float8GetDatum(v.r);
          break;
        case TEXTOID:
          if (v.kind == Value::Kind::Null) nulls[i] = 'n';
          else values[i] = PointerGetDatum(cstring_to_text_with_len(v.s.data(), static_cast<int>(v.s.size())));
          break;
        case BYTEAOID:
          if (v.kind == Value::Kind::Null) {
            nulls[i] = 'n';
          } else {
            bytea* b = static_cast<bytea*>(palloc(VARHDRSZ + v.s.size()));
            SET_VARSIZE(b, VARHDRSZ + v.s.size());
            memcpy(VARDATA(b), v.s.data(), v.s.size());
            values[i] = PointerGetDatum(b);
          }
          break;
        default: nulls[i] = 'n';  // a NULL whose type was inferred
      }
    }
    rc = SPI_execute_plan(plan, values, nulls, false, 0);
    if (rc < 0) return;
    if (rc == SPI_OK_INSERT || rc == SPI_OK_UPDATE || rc == SPI_OK_DELETE || rc == SPI_OK_INSERT_RETURNING ||
        rc == SPI_OK_UPDATE_RETURNING || rc == SPI_OK_DELETE_RETURNING)
      g_changes = static_cast<int64_t>(SPI_processed);
    if (SPI_tuptable) {
      TupleDesc desc = SPI_tuptable->tupdesc;
      has_table = true;
      for (int c = 1; need_names && c <= desc->natts; c++) names.emplace_back(NameStr(TupleDescAttr(desc, c - 1)->attname));
      for (uint64 r = 0; r < SPI_processed; r++) {
        HeapTuple tup = SPI_tuptable->vals[r];
        std::vector<Value> row;
        row.reserve(static_cast<size_t>(desc->natts));
        for (int c = 1; c <= desc->natts; c++) {
          bool isnull = false;
          Datum d = SPI_getbinval(tup, desc, c, &isnull);
          row.push_back(isnull ? Value::null() : from_datum(d, SPI_gettypeid(desc, c), tup, desc, c));
        }
        rows.push_back(std::move(row));
      }
      SPI_freetuptable(SPI_tuptable);
    }
  });
  if (rc < 0) throw StoreError(std::string("SPI_execute_plan: ") + SPI_result_code_string(rc), ERRCODE_INTERNAL_ERROR);
  if (st.tr && need_names && has_table) {
    st.tr->names = std::move(st.names);
    st.tr->has_names = true;
    st.names.clear();
  }
  // Kept only when the data version read again now is still the one of this call: the rows were
  // then read between two reads of the same version, so they are that version's (a commit
  // between the call's first read and the statement is not kept under the older version).
  // The plan may have been analysed again as it ran (a migration replaced a table): what it reads
  // is decided again, from the query it ran, before anything is kept.
  int64_t again = 0;
  if (usable && has_table && st.tr->has_names) {
    bool still = false;
    List* now_reads = NIL;
    pg_run([&] { still = plan_cacheable(plan, &now_reads); });
    std::vector<Oid> tables;
    ListCell* lc;
    if (still) foreach (lc, now_reads) tables.push_back(lfirst_oid(lc));
    if (still) g_cacheable_plans[plan] = std::move(tables);
    else g_cacheable_plans.erase(plan);
    keep = keep && still;
  }
  if (keep && has_table && st.tr->has_names && read_generation_direct(again) &&
      static_cast<uint32_t>(again) == g_results_dv) {
    if (g_results.size() >= kMaxCachedResults) drop_results();
    g_results.emplace(std::move(key), st.rows);
  }
  st.executed = true;
#ifdef ORDS_SECURITY_TESTING
  bool wrote = rc == SPI_OK_INSERT || rc == SPI_OK_UPDATE || rc == SPI_OK_DELETE;
  if (wrote && db->fail_after_writes > 0 && --db->fail_after_writes == 0)
    throw Error("test hook: forced failure after a write");
#else
  (void)db;
#endif
}

// The result's column names before the statement runs (SQLite knows them once prepared, and the
// model may ask first: ords_plsql's queries take their headings before the first row). From the
// plan for the current bindings, which execute() then uses; nothing runs.
void describe(Db* db, std::map<std::string, SPIPlanPtr>& plans, std::vector<std::string>& order, PgStmt& st) {
  std::vector<Oid> types;
  SPIPlanPtr plan = plan_for_bindings(plans, order, st, types);
  std::vector<std::string>& names = st.names;
  names.clear();
  pg_run([&] {
    List* sources = SPI_plan_get_plan_sources(plan);
    if (sources == NIL) return;
    CachedPlanSource* src = static_cast<CachedPlanSource*>(llast(sources));
    TupleDesc desc = src->resultDesc;
    if (!desc) return;
    for (int c = 0; c < desc->natts; c++) names.emplace_back(NameStr(TupleDescAttr(desc, c)->attname));
  });
  st.described = true;
  (void)db;
}

}  // namespace

bool Stmt::step() {
  PgStmt* st = P(h_);
  if (!st->executed) execute(db_, db_->cache_->plans, db_->cache_->order, *st);
  if (st->cur < st->rows.size()) {
    st->cur++;
    return true;
  }
  return false;
}

void Stmt::run() {
  while (step()) {
  }
}

namespace {
const Value& cell(void* h, int c) {
  static const Value kNull;
  PgStmt* st = P(h);
  if (st->cur == 0 || st->cur > st->rows.size()) return kNull;
  const auto& row = st->rows[st->cur - 1];
  if (c < 0 || static_cast<size_t>(c) >= row.size()) return kNull;
  return row[static_cast<size_t>(c)];
}
}  // namespace

namespace {
const std::vector<std::string>& names_of(const PgStmt* st) {
  return st->tr && st->tr->has_names && st->names.empty() ? st->tr->names : st->names;
}
}  // namespace

int Stmt::columns() const {
  PgStmt* st = P(h_);
  if (!st->executed && !st->described && !(st->tr && st->tr->has_names))
    describe(db_, db_->cache_->plans, db_->cache_->order, *st);
  return static_cast<int>(names_of(st).size());
}
const char* Stmt::column_name(int c) const {
  PgStmt* st = P(h_);
  if (!st->executed && !st->described && !(st->tr && st->tr->has_names))
    describe(db_, db_->cache_->plans, db_->cache_->order, *st);
  const auto& n = names_of(st);
  return c >= 0 && static_cast<size_t>(c) < n.size() ? n[static_cast<size_t>(c)].c_str() : nullptr;
}
bool Stmt::is_null(int c) const { return cell(h_, c).kind == Value::Kind::Null; }
int64_t Stmt::int64(int c) const {
  const Value& v = cell(h_, c);
  switch (v.kind) {
    case Value::Kind::Int:
    case Value::Kind::Bool: return v.i;
    case Value::Kind::Real: return static_cast<int64_t>(v.r);
    case Value::Kind::Text: return strtoll(std::string(v.s).c_str(), nullptr, 10);
    default: return 0;
  }
}
std::string Stmt::text(int c) const {
  const Value& v = cell(h_, c);
  switch (v.kind) {
    case Value::Kind::Int:
    case Value::Kind::Bool: return std::to_string(v.i);
    case Value::Kind::Real: {
      char buf[32];
      snprintf(buf, sizeof buf, "%.15g", v.r);
      return buf;
    }
    case Value::Kind::Text:
    case Value::Kind::Blob: return std::string(v.s.data(), v.s.size());
    default: return std::string();
  }
}
// The copied row's own text (valid until the next step, like SQLite's column text); a number is
// formatted into the statement's buffer.
std::string_view Stmt::text_view(int c) const {
  const Value& v = cell(h_, c);
  switch (v.kind) {
    case Value::Kind::Text:
    case Value::Kind::Blob: return std::string_view(v.s.data(), v.s.size());
    case Value::Kind::Null: return std::string_view();
    default: P(h_)->view_buf = text(c); return P(h_)->view_buf;
  }
}
std::optional<std::string> Stmt::opt_text(int c) const {
  if (is_null(c)) return std::nullopt;
  return text(c);
}
std::optional<int64_t> Stmt::opt_int64(int c) const {
  if (is_null(c)) return std::nullopt;
  return int64(c);
}
Value Stmt::value(int c) const { return cell(h_, c); }

// ---- Transaction: a subtransaction inside the call's own ----
//
// The host's subtransaction already makes every call atomic; a Transaction of the model (the
// marks of ords_plsql's COMMIT and ROLLBACK, set_instance_setting's) is an internal
// subtransaction nested in it, as PL/pgSQL's exception blocks are: commit() releases it, the
// end without commit() rolls it back (and forgets every cache, rule 4 of data_version_cache.hpp).
// Transactions nest strictly (RAII), so the memory context and resource owner to restore are a
// stack here.

namespace {
struct SubXact {
  MemoryContext cxt;
  ResourceOwner owner;
};
std::vector<SubXact> g_subxacts;

// Runs fn(arg) even after a PostgreSQL error was caught in this call (rolling a subtransaction
// back is what must be done then); an error it raises is swallowed (it cannot be reported from a
// destructor), and leaves the call poisoned.
void pg_protect_always(void (*fn)(void*), void* arg) {
  MemoryContext cxt = CurrentMemoryContext;
  bool failed = false;
  PG_TRY();
  {
    fn(arg);
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    FlushErrorState();
    failed = true;
  }
  PG_END_TRY();
  if (failed) {
    g_poisoned = true;
    if (g_poison_code == 0) g_poison_code = ERRCODE_INTERNAL_ERROR;
  }
}
}  // namespace

Transaction::Transaction(Db& db) : db_(db) {
  SubXact x{nullptr, nullptr};
  pg_run([&] {
    x.cxt = CurrentMemoryContext;
    x.owner = CurrentResourceOwner;
    BeginInternalSubTransaction(NULL);
    MemoryContextSwitchTo(x.cxt);
  });
  g_subxacts.push_back(x);
  mode_ = Mode::Savepoint;
}

void Transaction::commit() {
  if (mode_ != Mode::Savepoint) return;
  SubXact x = g_subxacts.back();
  pg_run([&] {
    ReleaseCurrentSubTransaction();
    MemoryContextSwitchTo(x.cxt);
    CurrentResourceOwner = x.owner;
  });
  g_subxacts.pop_back();
  mode_ = Mode::None;
}

Transaction::~Transaction() {
  if (mode_ != Mode::Savepoint) return;
  SubXact x = g_subxacts.back();
  g_subxacts.pop_back();
  struct Arg {
    SubXact x;
  } a{x};
  pg_protect_always(
      [](void* p) {
        Arg* a = static_cast<Arg*>(p);
        RollbackAndReleaseCurrentSubTransaction();
        MemoryContextSwitchTo(a->x.cxt);
        CurrentResourceOwner = a->x.owner;
      },
      &a);
  drop_results();
  for (CacheWatch* w : db_.watches_) w->rolled_back();
}

}  // namespace ords::store
