// client_lookup.cpp: what the token endpoint needs to know about a client (clients.hpp):
// find_by_client_id, role_names, privilege_names. Reads only; on a database without the client
// tables (never written, or older) every lookup finds nothing.
#include "clients.hpp"

#include "../store/schema.hpp"

namespace ords::clients {

std::optional<ClientRecord> find_by_client_id(store::Db& db, const std::string& client_id) {
  if (store::schema_version(db) < 2) return std::nullopt;
  store::Stmt st = db.prepare(
      "SELECT id, schema_id, name, client_id, grant_type, redirect_uri, origins_allowed, token_duration, "
      "refresh_duration, code_duration FROM ords_sec_client WHERE client_id = ?1");
  st.bind(1, client_id);
  if (!st.step()) return std::nullopt;
  auto opt_text = [&](int col) { return st.is_null(col) ? std::nullopt : std::optional<std::string>(st.text(col)); };
  auto opt_int = [&](int col) { return st.is_null(col) ? std::nullopt : std::optional<int64_t>(st.int64(col)); };
  return ClientRecord{st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), opt_text(5), opt_text(6),
                      opt_int(7),  opt_int(8),  opt_int(9)};
}

std::vector<std::string> role_names(store::Db& db, int64_t client_id) {
  std::vector<std::string> out;
  if (store::schema_version(db) < 2) return out;
  store::Stmt st = db.prepare(
      "SELECT r.name FROM ords_sec_client_role cr JOIN ords_sec_role r ON r.id = cr.role_id "
      "WHERE cr.client_id = ?1 ORDER BY r.name");
  st.bind(1, client_id);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<std::string> privilege_names(store::Db& db, int64_t client_id) {
  std::vector<std::string> out;
  if (store::schema_version(db) < 2) return out;
  store::Stmt st = db.prepare(
      "SELECT p.name FROM ords_sec_client_privilege cp JOIN ords_sec_privilege p ON p.id = cp.privilege_id "
      "WHERE cp.client_id = ?1 ORDER BY p.name");
  st.bind(1, client_id);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace ords::clients
