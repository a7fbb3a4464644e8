// sessions.cpp: see sessions.hpp.
#include "sessions.hpp"

#include "../core/error.hpp"

#include <vector>
#include "../store/schema.hpp"
#include "settings.hpp"

namespace ords::sessions {

namespace {
Kind kind_of(const std::string& s) {
  if (s == "refresh") return Kind::Refresh;
  if (s == "code") return Kind::Code;
  return Kind::Access;
}
}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Access: return "access";
    case Kind::Refresh: return "refresh";
    case Kind::Code: return "code";
  }
  return "access";
}

tokens::TokenText issue(ConnState& s, const NewSession& n, int64_t* id_out) {
  tokens::TokenText token = tokens::new_token(s.rng);
  tokens::Digest d = tokens::digest(token.str());
  store::Stmt st = s.db.prepare(
      "INSERT INTO ords_sec_session(digest, schema_id, client_id, kind, family, user_name, scope, redirect_uri, "
      "code_challenge, issued_on, expires_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  st.bind_blob(1, d.data(), d.size()).bind(2, n.schema_id).bind(3, n.client_id).bind(4, kind_name(n.kind));
  st.bind_opt(5, n.family).bind_opt(6, n.user).bind_opt(7, n.scope).bind_opt(8, n.redirect_uri);
  st.bind_opt(9, n.code_challenge);
  st.bind(10, n.issued_on).bind(11, n.expires_on);
  st.run();
  if (id_out) *id_out = s.db.last_insert_id();
  return token;
}

namespace {
// "3,7,12" (a group_concat of ids) -> {3, 7, 12}.
std::vector<int64_t> id_list(const std::optional<std::string>& csv) {
  std::vector<int64_t> out;
  if (!csv) return out;
  int64_t v = 0;
  bool any = false;
  for (char ch : *csv) {
    if (ch >= '0' && ch <= '9') {
      v = v * 10 + (ch - '0');
      any = true;
    } else {
      if (any) out.push_back(v);
      v = 0;
      any = false;
    }
  }
  if (any) out.push_back(v);
  return out;
}

// The session row's columns 0 to 11, as find() and find_grant() select them (read_session
// reads them in this order).
#define ORDS_SESSION_COLUMNS                                                                     \
  "s.id, s.schema_id, s.client_id, s.kind, s.family, s.user_name, s.scope, s.redirect_uri, " \
  "s.code_challenge, s.issued_on, s.expires_on, s.consumed_on"

void read_session(store::Stmt& st, Session& f) {
  f.id = st.int64(0);
  f.schema_id = st.int64(1);
  f.client_id = st.int64(2);
  f.kind = kind_of(st.text(3));
  f.family = st.opt_int64(4);
  f.user = st.opt_text(5);
  f.scope = st.opt_text(6);
  f.redirect_uri = st.opt_text(7);
  f.code_challenge = st.opt_text(8);
  f.issued_on = st.int64(9);
  f.expires_on = st.int64(10);
  f.consumed_on = st.opt_int64(11);
}
}  // namespace

std::optional<Found> find(store::Db& db, std::string_view token) {
  if (!tokens::well_formed(token)) return std::nullopt;
  tokens::Digest d = tokens::digest(token);
  store::Stmt st = db.prepare(
      "SELECT " ORDS_SESSION_COLUMNS ", c.client_id, c.name, c.grant_type, c.origins_allowed, "
      "(SELECT group_concat(cr.role_id) FROM ords_sec_client_role cr WHERE cr.client_id = c.id), "
      "(SELECT group_concat(cp.privilege_id) FROM ords_sec_client_privilege cp WHERE cp.client_id = c.id) "
      "FROM ords_sec_session s JOIN ords_sec_client c ON c.id = s.client_id WHERE s.digest = ?1");
  st.bind_blob(1, d.data(), d.size());
  if (!st.step()) return std::nullopt;
  Found f;
  read_session(st, f);
  f.client.client_id = st.text(12);
  f.client.name = st.text(13);
  f.client.grant_type = st.text(14);
  f.client.origins_allowed = st.opt_text(15);
  f.client_role_ids = id_list(st.opt_text(16));
  f.client_privilege_ids = id_list(st.opt_text(17));
  return f;
}

std::optional<Session> find_grant(store::Db& db, std::string_view token) {
  if (!tokens::well_formed(token)) return std::nullopt;
  tokens::Digest d = tokens::digest(token);
  store::Stmt st = db.prepare(
      "SELECT " ORDS_SESSION_COLUMNS " FROM ords_sec_session s WHERE s.digest = ?1");
  st.bind_blob(1, d.data(), d.size());
  if (!st.step()) return std::nullopt;
  Session f;
  read_session(st, f);
  return f;
}

std::optional<Access> find_access(store::Db& db, std::string_view token) {
  tokens::Digest d = tokens::digest(token);
  // Only an access token not consumed can pass: any other session is read as none (the same
  // refusal), and SQLite tests the two columns without handing them over.
  store::Stmt st = db.prepare(
      "SELECT schema_id, client_id, user_name, scope, expires_on FROM ords_sec_session "
      "WHERE digest = ?1 AND kind = 'access' AND consumed_on IS NULL");
  st.bind_blob_in_place(1, d.data(), d.size());  // d outlives st
  if (!st.step()) return std::nullopt;
  Access a;
  a.schema_id = st.int64(0);
  a.client_id = st.int64(1);
  a.is_access = true;
  if (!st.is_null(2)) a.user.emplace(st.text_view(2));
  if (!st.is_null(3)) a.scope.emplace(st.text_view(3));
  a.expires_on = st.int64(4);
  return a;
}

std::optional<ClientView> read_client(store::Db& db, int64_t client_id) {
  store::Stmt st = db.prepare(
      "SELECT c.client_id, c.name, c.grant_type, c.origins_allowed, "
      "(SELECT group_concat(cr.role_id) FROM ords_sec_client_role cr WHERE cr.client_id = c.id), "
      "(SELECT group_concat(cp.privilege_id) FROM ords_sec_client_privilege cp WHERE cp.client_id = c.id) "
      "FROM ords_sec_client c WHERE c.id = ?1");
  st.bind(1, client_id);
  if (!st.step()) return std::nullopt;
  ClientView v;
  v.client.client_id = st.text(0);
  v.client.name = st.text(1);
  v.client.grant_type = st.text(2);
  v.client.origins_allowed = st.opt_text(3);
  v.role_ids = id_list(st.opt_text(4));
  v.privilege_ids = id_list(st.opt_text(5));
  return v;
}

bool consume(store::Db& db, int64_t id, int64_t now) {
  store::Stmt st = db.prepare("UPDATE ords_sec_session SET consumed_on = ?2 WHERE id = ?1 AND consumed_on IS NULL");
  st.bind(1, id).bind(2, now);
  st.run();
  return db.changes() == 1;
}

void end_session(store::Db& db, int64_t id) {
  store::Stmt st = db.prepare("DELETE FROM ords_sec_session WHERE id = ?1");
  st.bind(1, id);
  st.run();
}

int64_t end_family(store::Db& db, int64_t family) {
  store::Stmt st = db.prepare("DELETE FROM ords_sec_session WHERE family = ?1 OR id = ?1");
  st.bind(1, family);
  st.run();
  return db.changes();
}

int64_t purge_expired(ConnState& s, int64_t now) {
  // Busy (the last batch found expired rows, or this is a new second): every call sweeps
  // kBusyBatch rows. Each expired row deleted is a random page of the digest index written in
  // this call's commit, so the batch is small: after a mass expiry every call pays for at most
  // four deleted rows (about 2.5x a token call's usual time, where eight made it 4x; ISSUE 14),
  // and four rows examined a call still outpace the at most two sessions a call issues.
  constexpr int64_t kBusyBatch = 4;
  // Quiet: the last batch found nothing expired, in this same second. Then only every
  // kQuietEvery-th call sweeps, a batch of kQuietBatch rows: as many rows a call as the busy
  // batch, in an eighth of the statements (ISSUE 14 and 15 speed: the sweep's read was a
  // tenth of a token call on PostgreSQL). The first call in a new second always sweeps, so a
  // session that has expired is gone after the next call once the clock has passed its end, as
  // before, whenever a batch covers the table.
  constexpr int kQuietEvery = 8;
  constexpr int64_t kQuietBatch = 32;
  if (s.purge_quiet && now == s.purge_quiet_at && ++s.purge_skipped < kQuietEvery) return 0;
  s.purge_skipped = 0;
  // The application sweeps off the request path (ords_purge_expired_sessions): nothing here.
  if (setting(s, "security.oauth.sweepOnRequest") == 0) return 0;
  store::Db& db = s.db;
  const int64_t batch = s.purge_quiet ? kQuietBatch : kBusyBatch;
  int64_t first = s.purge_cursor, last = 0, seen = 0, expired = 0;
  {
    store::Stmt st = db.prepare("SELECT id, expires_on FROM ords_sec_session WHERE id > ?1 ORDER BY id LIMIT ?2");
    st.bind(1, s.purge_cursor).bind(2, batch);
    while (st.step()) {
      last = st.int64(0);
      seen++;
      if (st.int64(1) <= now) expired++;
    }
  }
  if (expired > 0) {
    // One statement for the batch's expired rows (the ids examined above, nothing beyond them).
    store::Stmt del = db.prepare("DELETE FROM ords_sec_session WHERE id > ?1 AND id <= ?2 AND expires_on <= ?3");
    del.bind(1, first).bind(2, last).bind(3, now);
    del.run();
    expired = db.changes();
  }
  // The next sweep goes on after this batch, or starts again at the beginning. While it finds
  // expired rows it sweeps at every call; once a batch finds none it turns quiet (above). So a
  // quiet table costs little and a backlog (every session expired at once) is cleaned at
  // kBusyBatch rows a call: no call pays more than a few pages for it (ISSUE 14).
  s.purge_cursor = seen < batch ? 0 : last;
  s.purge_quiet = expired == 0;
  s.purge_quiet_at = now;
  return expired;
}

int64_t purge_expired_oldest(store::Db& db, int64_t now, int64_t max_rows) {
  if (!db.table_exists("ords_sec_session")) return 0;
  store::Stmt del = db.prepare(
      "DELETE FROM ords_sec_session WHERE id IN "
      "(SELECT id FROM ords_sec_session WHERE expires_on <= ?1 ORDER BY id LIMIT ?2)");
  del.bind(1, now).bind(2, max_rows);
  del.run();
  return db.changes();
}

int64_t end_client_sessions(store::Db& db, int64_t client_id) {
  // No session table exists before the token endpoint's migration; nothing to end then.
  if (!db.table_exists("ords_sec_session")) return 0;
  store::Stmt st = db.prepare("DELETE FROM ords_sec_session WHERE client_id = ?1");
  st.bind(1, client_id);
  st.run();
  return db.changes();
}

namespace {
// DIRECTONLY (ViewSpec::direct_only): the user names and scopes of live tokens.
constexpr bool kDirectOnly = true;
constexpr bool kBindsNow = true;  // ?2 = now: expired sessions are not shown
// issued_on and expires_on are stored as epoch seconds and shown as ISO 8601 UTC text by
// view_cell (views.hpp), as user_ords_clients' times are: no strftime in the query.
constexpr uint32_t kSessionTimes = view_col(6) | view_col(7);
}  // namespace

const std::vector<ViewSpec>& session_views() {
  static const std::vector<ViewSpec> v = {
      {"user_ords_sessions",
       "id INTEGER, client_id TEXT, client_name TEXT, user_name TEXT, kind TEXT, scope TEXT, issued_on TEXT, "
       "expires_on TEXT",
       "SELECT s.id, c.client_id, c.name, s.user_name, s.kind, s.scope, s.issued_on, s.expires_on "
       "FROM ords_sec_session s JOIN ords_sec_client c ON c.id = s.client_id "
       "WHERE s.schema_id = ?1 AND s.consumed_on IS NULL AND s.expires_on > ?2 ORDER BY s.id",
       3, kDirectOnly, nullptr, kBindsNow, kSessionTimes},
  };
  return v;
}

}  // namespace ords::sessions
