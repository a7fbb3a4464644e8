// schema.cpp: the tables of ords_security and their migrations (see schema.hpp).
//
// To add tables in a later issue, append a Migration with the next version number. Never edit a
// migration that has shipped: databases in the field were built by it.
#include "schema.hpp"

#include <cstdint>
#include <string>

#include "../core/error.hpp"

namespace ords::store {

namespace {

// Version 1: schemas, roles, privileges, patterns, modules, templates, settings.
const char* const kV1 = R"sql(
CREATE TABLE IF NOT EXISTS ords_sec_meta(
  key   TEXT PRIMARY KEY,
  value ANY
) WITHOUT ROWID;

CREATE TABLE ords_sec_schema(
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  alias            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  enabled          INTEGER NOT NULL DEFAULT 1,
  url_mapping_type TEXT NOT NULL DEFAULT 'BASE_PATH',
  auto_rest_auth   INTEGER NOT NULL DEFAULT 0,
  created_on       INTEGER NOT NULL,
  updated_on       INTEGER NOT NULL
);

CREATE TABLE ords_sec_role(
  id         INTEGER PRIMARY KEY,
  schema_id  INTEGER NOT NULL,
  name       TEXT NOT NULL,
  created_on INTEGER NOT NULL,
  updated_on INTEGER NOT NULL,
  UNIQUE(schema_id, name)
);

CREATE TABLE ords_sec_privilege(
  id          INTEGER PRIMARY KEY,
  schema_id   INTEGER NOT NULL,
  name        TEXT NOT NULL,
  label       TEXT,
  description TEXT,
  comments    TEXT,
  created_on  INTEGER NOT NULL,
  updated_on  INTEGER NOT NULL,
  UNIQUE(schema_id, name)
);

CREATE TABLE ords_sec_privilege_role(
  privilege_id INTEGER NOT NULL,
  role_id      INTEGER NOT NULL,
  PRIMARY KEY(privilege_id, role_id)
) WITHOUT ROWID;
CREATE INDEX ords_sec_privilege_role_by_role ON ords_sec_privilege_role(role_id);

CREATE TABLE ords_sec_privilege_pattern(
  privilege_id INTEGER NOT NULL,
  pattern      TEXT NOT NULL,
  PRIMARY KEY(privilege_id, pattern)
) WITHOUT ROWID;

CREATE TABLE ords_sec_module(
  id             INTEGER PRIMARY KEY,
  schema_id      INTEGER NOT NULL,
  name           TEXT NOT NULL,
  base_path      TEXT NOT NULL,
  items_per_page INTEGER NOT NULL,
  status         TEXT NOT NULL,
  comments       TEXT,
  created_on     INTEGER NOT NULL,
  updated_on     INTEGER NOT NULL,
  UNIQUE(schema_id, name),
  UNIQUE(schema_id, base_path)
);

CREATE TABLE ords_sec_template(
  id        INTEGER PRIMARY KEY,
  module_id INTEGER NOT NULL,
  pattern   TEXT NOT NULL,
  UNIQUE(module_id, pattern)
);

CREATE TABLE ords_sec_privilege_module(
  privilege_id INTEGER NOT NULL,
  module_id    INTEGER NOT NULL,
  PRIMARY KEY(privilege_id, module_id)
) WITHOUT ROWID;
CREATE INDEX ords_sec_privilege_module_by_module ON ords_sec_privilege_module(module_id);

CREATE TABLE ords_sec_setting(
  key   TEXT PRIMARY KEY,
  value ANY
) WITHOUT ROWID;
)sql";

// Version 2: OAuth clients, their roles and privileges, their two secret slots, their logos.
// A secret slot keeps only a hash: `kind` says which (blake2b for generated secrets, argon2id for
// chosen ones, with the opslimit/memlimit used), `salt` and `hash` are raw bytes, `seq` orders
// slots issued in the same second. `stored` holds the secret itself only for stored secrets
// (legacy create_client, client_secret.stored = true); it is NULL for every other secret.
const char* const kV2 = R"sql(
CREATE TABLE ords_sec_client(
  id               INTEGER PRIMARY KEY,
  schema_id        INTEGER NOT NULL,
  name             TEXT NOT NULL,
  client_id        TEXT NOT NULL UNIQUE,
  grant_type       TEXT NOT NULL CHECK (grant_type IN ('authorization_code', 'implicit', 'client_credentials')),
  description      TEXT,
  redirect_uri     TEXT,
  support_email    TEXT,
  support_uri      TEXT,
  origins_allowed  TEXT,
  token_duration   INTEGER,
  refresh_duration INTEGER,
  code_duration    INTEGER,
  created_on       INTEGER NOT NULL,
  updated_on       INTEGER NOT NULL,
  UNIQUE(schema_id, name)
);

CREATE TABLE ords_sec_client_role(
  client_id INTEGER NOT NULL,
  role_id   INTEGER NOT NULL,
  PRIMARY KEY(client_id, role_id)
) WITHOUT ROWID;
CREATE INDEX ords_sec_client_role_by_role ON ords_sec_client_role(role_id);

CREATE TABLE ords_sec_client_privilege(
  client_id    INTEGER NOT NULL,
  privilege_id INTEGER NOT NULL,
  PRIMARY KEY(client_id, privilege_id)
) WITHOUT ROWID;
CREATE INDEX ords_sec_client_privilege_by_privilege ON ords_sec_client_privilege(privilege_id);

CREATE TABLE ords_sec_client_secret(
  client_id INTEGER NOT NULL,
  slot      INTEGER NOT NULL CHECK (slot IN (1, 2)),
  kind      TEXT NOT NULL CHECK (kind IN ('blake2b', 'argon2id')),
  salt      BLOB NOT NULL,
  hash      BLOB NOT NULL,
  opslimit  INTEGER,
  memlimit  INTEGER,
  issued_on INTEGER NOT NULL,
  seq       INTEGER NOT NULL,
  stored    TEXT,
  PRIMARY KEY(client_id, slot)
) WITHOUT ROWID;

CREATE TABLE ords_sec_client_logo(
  client_id    INTEGER PRIMARY KEY,
  content_type TEXT NOT NULL,
  logo         BLOB NOT NULL,
  updated_on   INTEGER NOT NULL
);
)sql";

// Version 3: token sessions (access tokens, refresh tokens, codes), kept as digests only.
const char* const kV3 = R"sql(
CREATE TABLE ords_sec_session(
  id             INTEGER PRIMARY KEY,
  digest         BLOB NOT NULL UNIQUE,
  schema_id      INTEGER NOT NULL,
  client_id      INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind = 'access' OR kind = 'refresh' OR kind = 'code'),
  family         INTEGER,
  user_name      TEXT,
  scope          TEXT,
  redirect_uri   TEXT,
  code_challenge TEXT,
  issued_on      INTEGER NOT NULL,
  expires_on     INTEGER NOT NULL,
  consumed_on    INTEGER
);
-- Only what a token issue must maintain: the table and its digest index, as a bare session
-- table would. Family members (authorization_code grants) are found through a partial index;
-- ending a client's sessions (an administrative act) and purging expired ones scan the table.
CREATE INDEX ords_sec_session_by_family ON ords_sec_session(family) WHERE family IS NOT NULL;
)sql";

// Version 4: JWT profiles (one per schema) and the JWK Set keys installed for each. A key row
// holds one public JWK as the JSON text of its public members (rebuilt and checked again when
// the decision loads it). `generation` changes with every create_jwt_profile and
// set_jwt_profile_keys (drawn from ords_sec_meta's jwt_generation, which only grows), so a
// cache of keys or of verified tokens knows when what it holds was replaced. No foreign keys
// (like the other tables): delete_jwt_profile deletes the profile's keys itself.
const char* const kV4 = R"sql(
CREATE TABLE ords_sec_jwt_profile(
  id              INTEGER PRIMARY KEY,
  schema_id       INTEGER NOT NULL UNIQUE,
  issuer          TEXT NOT NULL,
  audience        TEXT NOT NULL,
  jwk_url         TEXT NOT NULL,
  description     TEXT,
  allowed_skew    INTEGER,
  allowed_age     INTEGER,
  role_claim_name TEXT,
  generation      INTEGER NOT NULL,
  created_on      INTEGER NOT NULL,
  updated_on      INTEGER NOT NULL
);

CREATE TABLE ords_sec_jwt_key(
  profile_id INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  kid        TEXT,
  kty        TEXT NOT NULL,
  jwk        TEXT NOT NULL,
  PRIMARY KEY(profile_id, position)
) WITHOUT ROWID;
)sql";

// Version 5 (ISSUE 14, speed): the policy generation (ords_sec_meta's policy_generation), a
// number that every change to a table the request decision caches from (schemas, roles,
// privileges and their roles, patterns, modules and templates, clients and their roles,
// privileges, JWT profiles and keys, instance settings) makes grow, by triggers, so
// writer code needs no edit and no writer can forget it. Token sessions are not among them:
// issuing or ending a token leaves it alone, so the decision keeps what it cached across such
// commits (policy/decision_cache.hpp). A later migration that adds a table the decision reads
// must add its triggers too.
// (The session table's kind CHECK is version 7's, below.)
const char* const kV5 = R"sql(
INSERT INTO ords_sec_meta(key, value) VALUES ('policy_generation', 1)
  ON CONFLICT(key) DO UPDATE SET value = 1;
)sql";

// The policy generation's triggers: one per table and statement kind (made from this list, the
// same text for each; table names are fixed here, never a caller's value).
const char* const kPolicyTables[] = {
    "ords_sec_schema",         "ords_sec_role",         "ords_sec_privilege",
    "ords_sec_privilege_role", "ords_sec_privilege_pattern", "ords_sec_module",
    "ords_sec_privilege_module", "ords_sec_template",   "ords_sec_client",
    "ords_sec_client_role",    "ords_sec_client_privilege", "ords_sec_jwt_profile",
    "ords_sec_jwt_key",        "ords_sec_setting",
};

std::string policy_triggers_sql() {
  std::string sql;
  for (const char* t : kPolicyTables)
    for (const char* op : {"insert", "update", "delete"}) {
      std::string name = std::string("ords_sec_pg_") + (t + 9) + "_" + op;  // ords_sec_pg_role_insert
      std::string upper = op;
      for (auto& ch : upper) ch = static_cast<char>(ch - 'a' + 'A');
      sql += "CREATE TRIGGER " + name + " AFTER " + upper + " ON " + t +
             " BEGIN UPDATE ords_sec_meta SET value = value + 1 WHERE key = 'policy_generation'; END;\n";
    }
  return sql;
}

const char* v5_sql() {
  static const std::string all = std::string(kV5) + policy_triggers_sql();
  return all.c_str();
}


// Version 6 (issue 11, ORDS scripts): ORDS's built-in roles and privileges are marked (their ids in
// ords_sec_ords_builtin: they cannot be deleted or renamed); templates keep what ORDS.DEFINE_TEMPLATE takes beyond the
// pattern; handlers and their parameters are recorded from export scripts (never run). The
// request decision reads none of these tables, so they carry no policy-generation trigger.
const char* const kV6 = R"sql(
-- (New tables only, no ALTER TABLE: SQLite re-reads every view of the connection, temporary
-- ones included, when a column is added, and a view the application made could refuse it.)
CREATE TABLE ords_sec_ords_builtin(
  kind TEXT NOT NULL CHECK (kind IN ('role', 'privilege')),
  id   INTEGER NOT NULL,
  PRIMARY KEY(kind, id)
) WITHOUT ROWID;

CREATE TABLE ords_sec_template_extra(
  template_id INTEGER PRIMARY KEY,
  priority    INTEGER NOT NULL DEFAULT 0,
  etag_type   TEXT,
  etag_query  TEXT,
  comments    TEXT
);

CREATE TABLE ords_sec_handler(
  id             INTEGER PRIMARY KEY,
  template_id    INTEGER NOT NULL,
  method         TEXT NOT NULL,
  source_type    TEXT NOT NULL,
  source         TEXT,
  items_per_page INTEGER,
  mimes_allowed  TEXT,
  comments       TEXT,
  created_on     INTEGER NOT NULL,
  updated_on     INTEGER NOT NULL,
  UNIQUE(template_id, method)
);

CREATE TABLE ords_sec_handler_parameter(
  handler_id         INTEGER NOT NULL,
  name               TEXT NOT NULL,
  bind_variable_name TEXT,
  source_type        TEXT,
  param_type         TEXT,
  access_method      TEXT,
  comments           TEXT,
  PRIMARY KEY(handler_id, name)
) WITHOUT ROWID;
)sql";

// Version 7 (issue 14, speed): the session table's kind CHECK as three comparisons. Written as
// `kind IN ('access', 'refresh', 'code')` (versions 3 to 6), it made SQLite build a temporary
// index of the three names for every INSERT of a session (an IN list of more than two constants
// is coded as an ephemeral table: about 30,000 instructions an INSERT, a quarter of a token). The
// constraint means the same either way, so every stored row stays valid: the stored definition
// is rewritten in place (Db::rewrite_table_definition: SQLite's documented procedure for such
// changes), not rebuilt, since a migration runs inside the caller's statement, where DROP TABLE
// fails while other statements read and ALTER TABLE RENAME re-checks every view of the
// database. Where the rewrite is refused (a connection in defensive mode) the old CHECK stays: as
// strict, only slower. Tables created by version 3 from now on have the new CHECK already.
const char* const kSessionKindIn = "CHECK (kind IN ('access', 'refresh', 'code'))";
const char* const kSessionKindOr = "CHECK (kind = 'access' OR kind = 'refresh' OR kind = 'code')";

void v7_session_kind_check(Db& db) {
  db.rewrite_table_definition("ords_sec_session", kSessionKindIn, kSessionKindOr);
}

// Version 8 (issue 14, speed): the protection generation (ords_sec_meta's
// protection_generation), a second number that grows, by triggers, only on the writes that can
// change what protects a schema's paths (model/protection.hpp's read_guards: each privilege's id,
// name and schema, its patterns, its modules' ids and base paths, its roles' ids and names). The
// request decision keeps each schema's guards (and their trie) across a policy change that left
// this number alone (a role or a client created, a client's roles granted: policy/decision_cache).
// What moves it:
// - privileges: insert, delete, an update of id, schema_id or name (not of label, description,
//   comments);
// - privilege patterns, privilege modules and privilege roles: every insert, update and delete;
// - modules: delete, an update of id, schema_id or base_path, and an insert when a privilege
//   already names the new id (no foreign keys: a link left behind by SQL written by hand, which
//   the new row would bring back to life);
// - roles: delete, an update of id or name, and an insert when a privilege already names the new
//   id (the same reason).
// Templates, schemas, clients and the rest are not read by read_guards and move only the policy
// generation. A later change to read_guards must add the triggers for what it reads.
// Each trigger is one line, `CREATE TRIGGER n AFTER EVENT ON t [WHEN EXISTS (SELECT 1 FROM t2
// WHERE c = NEW.id)] BEGIN UPDATE ords_sec_meta SET value = value + 1 WHERE key =
// 'protection_generation'; END;`: the PostgreSQL store recognises exactly this text
// (store/db_pg.cpp, policy_triggers_for_pg).
const char* const kV8 = R"sql(
INSERT INTO ords_sec_meta(key, value) VALUES ('protection_generation', 1)
  ON CONFLICT(key) DO UPDATE SET value = 1;
)sql";

struct ProtectionTrigger {
  const char* name;      // after ords_sec_pt_
  const char* event;     // INSERT, DELETE, UPDATE [OF columns]
  const char* table;
  const char* used_by;   // for an insert: fire only when this table's column (t2 WHERE c) names NEW.id
};
const ProtectionTrigger kProtectionTriggers[] = {
    {"privilege_insert", "INSERT", "ords_sec_privilege", nullptr},
    {"privilege_update", "UPDATE OF id, schema_id, name", "ords_sec_privilege", nullptr},
    {"privilege_delete", "DELETE", "ords_sec_privilege", nullptr},
    {"privilege_pattern_insert", "INSERT", "ords_sec_privilege_pattern", nullptr},
    {"privilege_pattern_update", "UPDATE", "ords_sec_privilege_pattern", nullptr},
    {"privilege_pattern_delete", "DELETE", "ords_sec_privilege_pattern", nullptr},
    {"privilege_module_insert", "INSERT", "ords_sec_privilege_module", nullptr},
    {"privilege_module_update", "UPDATE", "ords_sec_privilege_module", nullptr},
    {"privilege_module_delete", "DELETE", "ords_sec_privilege_module", nullptr},
    {"privilege_role_insert", "INSERT", "ords_sec_privilege_role", nullptr},
    {"privilege_role_update", "UPDATE", "ords_sec_privilege_role", nullptr},
    {"privilege_role_delete", "DELETE", "ords_sec_privilege_role", nullptr},
    {"module_insert", "INSERT", "ords_sec_module", "ords_sec_privilege_module WHERE module_id"},
    {"module_update", "UPDATE OF id, schema_id, base_path", "ords_sec_module", nullptr},
    {"module_delete", "DELETE", "ords_sec_module", nullptr},
    {"role_insert", "INSERT", "ords_sec_role", "ords_sec_privilege_role WHERE role_id"},
    {"role_update", "UPDATE OF id, name", "ords_sec_role", nullptr},
    {"role_delete", "DELETE", "ords_sec_role", nullptr},
};

const char* v8_sql() {
  static const std::string all = [] {
    std::string sql = kV8;
    for (const auto& t : kProtectionTriggers) {
      sql += std::string("CREATE TRIGGER ords_sec_pt_") + t.name + " AFTER " + t.event + " ON " + t.table;
      if (t.used_by) sql += std::string(" WHEN EXISTS (SELECT 1 FROM ") + t.used_by + " = NEW.id)";
      sql += " BEGIN UPDATE ords_sec_meta SET value = value + 1 WHERE key = 'protection_generation'; END;\n";
    }
    return sql;
  }();
  return all.c_str();
}

// Version 9 (issue 14, speed): the change log of protection (ords_sec_protection_log). Every
// write that moves the protection generation (version 8's triggers, above) also appends one row
// saying what it touched: `kind` 'privilege' (a privilege's own row, or one of its patterns,
// modules or roles: the privilege's id), 'module' or 'role' (the module's or role's id; the
// privileges that link it are found when the log is read), with the id before (`old_id`, NULL
// for an insert) and after (`new_id`, NULL for a delete) the write. The rows come from 18
// triggers `ords_sec_pl_<name>` made from the same list as version 8's, so exactly the same
// writes fire them (the same events, the same WHEN): each protection-generation step has
// exactly one row, in `id` order. The request decision, when only what its cached guards came
// from moved, reads the rows after the position it read them at and re-reads only the
// privileges they name (policy/decision_cache.cpp); when the rows do not account for every step
// (trimmed away, or a write by hand), it rebuilds everything as before.
// Trimmed by a trigger of its own: every 64th row deletes the rows 256 and more behind it, so
// the table holds at most 319 rows (256 to 319 once that many were written). A decision more
// than 64 steps behind rebuilds without reading it (DecisionCache::kMaxLogSteps).
// One more way a row can go: a write with the REPLACE conflict resolution (`INSERT OR REPLACE`,
// `UPDATE OR REPLACE`, by hand: the model never does it) deletes the row it conflicts with on a
// UNIQUE name or base path without firing its delete triggers (unless recursive_triggers is on),
// so neither version 8 nor the log would hear of it. Six BEFORE triggers
// (`ords_sec_pl_<table>_replace_<op>`) look for such a row of privileges, modules and roles; when
// there is one they move the protection generation and log a row of kind 'replace', which the
// decision does not patch from: it rebuilds.
// New table and triggers only: nothing is dropped or renamed inside the caller's statement.
// On PostgreSQL (store/db_pg.cpp) the table is made but the triggers are not: the decision
// there rebuilds after every policy change (its schema cookie is the data version).
const char* const kV9 = R"sql(
CREATE TABLE ords_sec_protection_log(
  id     INTEGER PRIMARY KEY,
  kind   TEXT NOT NULL,
  old_id INTEGER,
  new_id INTEGER
);
CREATE TRIGGER ords_sec_pl_trim AFTER INSERT ON ords_sec_protection_log WHEN NEW.id % 64 = 0 BEGIN DELETE FROM ords_sec_protection_log WHERE id <= NEW.id - 256; END;
)sql";

const char* v9_sql() {
  static const std::string all = [] {
    std::string sql = kV9;
    for (const auto& t : kProtectionTriggers) {
      std::string table = t.table, event = t.event;
      // What the row names: a privilege (its own table, or a link table's privilege_id), a
      // module or a role (their id).
      const char* kind = table == "ords_sec_module" ? "module" : table == "ords_sec_role" ? "role" : "privilege";
      const char* column = table == "ords_sec_privilege" || table == "ords_sec_module" || table == "ords_sec_role"
                               ? "id"
                               : "privilege_id";
      std::string old_id = event.rfind("INSERT", 0) == 0 ? "NULL" : std::string("OLD.") + column;
      std::string new_id = event.rfind("DELETE", 0) == 0 ? "NULL" : std::string("NEW.") + column;
      sql += std::string("CREATE TRIGGER ords_sec_pl_") + t.name + " AFTER " + t.event + " ON " + t.table;
      if (t.used_by) sql += std::string(" WHEN EXISTS (SELECT 1 FROM ") + t.used_by + " = NEW.id)";
      sql += std::string(" BEGIN INSERT INTO ords_sec_protection_log(kind, old_id, new_id) VALUES ('") + kind + "', " +
             old_id + ", " + new_id + "); END;\n";
    }
    // The REPLACE guards: the other row a write would meet on one of the table's UNIQUE keys
    // (a row's own id excluded: an insert under its own id logs that id after it).
    struct Replace {
      const char* table;
      const char* event;
      const char* self;    // the row's own id in the trigger (NEW.id before an insert is -1 when generated)
      const char* clash;   // the UNIQUE keys, as a condition on the other row
    };
    const Replace replaces[] = {
        {"ords_sec_privilege", "INSERT", "NEW.id", "schema_id = NEW.schema_id AND name = NEW.name"},
        {"ords_sec_privilege", "UPDATE OF schema_id, name", "OLD.id", "schema_id = NEW.schema_id AND name = NEW.name"},
        {"ords_sec_module", "INSERT", "NEW.id",
         "schema_id = NEW.schema_id AND (name = NEW.name OR base_path = NEW.base_path)"},
        {"ords_sec_module", "UPDATE OF schema_id, name, base_path", "OLD.id",
         "schema_id = NEW.schema_id AND (name = NEW.name OR base_path = NEW.base_path)"},
        {"ords_sec_role", "INSERT", "NEW.id", "schema_id = NEW.schema_id AND name = NEW.name"},
        {"ords_sec_role", "UPDATE OF schema_id, name", "OLD.id", "schema_id = NEW.schema_id AND name = NEW.name"},
    };
    for (const auto& r : replaces) {
      std::string event = r.event;
      sql += std::string("CREATE TRIGGER ords_sec_pl_") + (r.table + 9) + "_replace_" +
             (event.rfind("INSERT", 0) == 0 ? "insert" : "update") + " BEFORE " + r.event + " ON " + r.table +
             " WHEN EXISTS (SELECT 1 FROM " + r.table + " WHERE " + r.clash + " AND id IS NOT " + r.self +
             ") BEGIN UPDATE ords_sec_meta SET value = value + 1 WHERE key = 'protection_generation'; "
             "INSERT INTO ords_sec_protection_log(kind, old_id, new_id) VALUES ('replace', NULL, NULL); END;\n";
    }
    return sql;
  }();
  return all.c_str();
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, kV1},
      {2, kV2},
      {3, kV3},
      {4, kV4},
      {5, v5_sql()},
      {6, kV6},
      {7, "", v7_session_kind_check},
      {8, v8_sql()},
      {9, v9_sql()},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

namespace {

// Reads what the tables say of their version. Tables that exist without a usable version record
// are damaged: that is recorded (and refused by schema_version), never read as "no tables".
Db::SchemaInfo read_schema_info(Db& db, int64_t cookie, const Db::SchemaInfo* last) {
  Db::SchemaInfo info;
  info.cookie = cookie;
  // The same cookie means the same tables: whether ords_sec_meta exists need not be asked again.
  info.has_meta = last && last->cookie == cookie ? last->has_meta : db.table_exists("ords_sec_meta");
  if (!info.has_meta) {
    Stmt any = db.prepare(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name LIKE 'ords!_sec!_%' ESCAPE '!' "
        "ORDER BY name LIMIT 1");
    if (any.step()) info.damage = "ords_sec_meta is missing, but " + any.text(0) + " exists";
    return info;
  }
  Stmt st = db.prepare("SELECT typeof(value), value FROM ords_sec_meta WHERE key = 'schema_version'");
  if (!st.step()) {
    info.damage = "the schema_version record of ords_sec_meta is missing";
    return info;
  }
  std::string type = st.text(0);
  if (type != "integer") {
    info.damage = "the schema_version record of ords_sec_meta is " + type + ", not a whole number";
    return info;
  }
  int64_t v = st.int64(1);
  // 1 .. 2^31-1: a version above this build's latest is a newer extension's (readable, never
  // written); zero, a negative number or anything wider than an int is no version at all.
  if (v < 1 || v > INT32_MAX) {
    info.damage = "the schema_version record of ords_sec_meta is " + std::to_string(v) + ", out of range";
    return info;
  }
  info.version = static_cast<int>(v);
  return info;
}

int checked(const Db::SchemaInfo& info) {
  if (!info.damage.empty()) damaged(info.damage);
  return info.version;
}

}  // namespace

int64_t next_in_sequence(int64_t v, const char* what) {
  if (v == INT64_MAX) damaged(std::string(what) + " is " + std::to_string(v) + ", the largest number there is");
  return v + 1;
}

void damaged(const std::string& what) {
  throw Error("the ords_security tables are damaged: " + what +
              "; ords_security never writes this, so nothing is decided or changed until the database is "
              "repaired or restored from a backup");
}

int schema_version(Db& db) {
  DataVersionCache<Db::SchemaInfo>& cache = db.schema_cache();
  // Checked already inside this own transaction: nobody else can change the tables until it ends.
  if (const Db::SchemaInfo* held = cache.get_held()) return checked(*held);
  // One cheap read (the schema cookie), after which the data version is current; the tables are
  // looked at again only when either changed.
  int64_t cookie = db.schema_cookie();
  const Db::SchemaInfo* known = cache.get();
  if (known && known->cookie == cookie) return checked(*known);
  return checked(cache.fill(read_schema_info(db, cookie, cache.last())));
}

void ensure_schema(Db& db, int64_t now, int target) {
  if (target == 0) target = latest_schema_version();
  int have = schema_version(db);
  if (have == target) return;
  if (have > latest_schema_version())
    throw Error("the database holds ords_security tables of schema version " + std::to_string(have) +
                ", newer than this extension (" + std::to_string(latest_schema_version()) +
                "); load a newer ords_security to write to it");
  for (const auto& m : migrations()) {
    if (m.version <= have || m.version > target) continue;
    if (*m.sql) db.exec(m.sql);
    if (m.apply) m.apply(db);
    Stmt st = db.prepare(
        "INSERT INTO ords_sec_meta(key, value) VALUES ('schema_version', ?1) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, static_cast<int64_t>(m.version));
    st.run();
    db.schema_cache().forget();  // the tables changed: look again next time
    if (m.version == 1) {
      // Schema MAIN (alias main) always exists.
      Stmt main = db.prepare(
          "INSERT INTO ords_sec_schema(id, name, alias, created_on, updated_on) VALUES (1, 'MAIN', 'main', ?1, ?1)");
      main.bind(1, now);
      main.run();
    }
  }
}

}  // namespace ords::store
