// client_lookup.cpp: what the token endpoint needs to know about a client (clients.hpp):
// find_by_client_id, role_names, privilege_names. Reads only; on a database without the client
// tables (never written, or older) every lookup finds nothing.
#include "clients.hpp"

#include "../store/schema.hpp"

namespace ords::clients {

ClientRecord record_from(const store::Stmt& st) {
  return ClientRecord{st.int64(0),      st.int64(1),      st.text(2),       st.text(3),       st.text(4),
                      st.opt_text(5),   st.opt_text(6),   st.opt_int64(7),  st.opt_int64(8),  st.opt_int64(9),
                      std::nullopt};
}

std::optional<ClientRecord> find_by_client_id(store::Db& db, const std::string& client_id) {
  if (store::schema_version(db) < 2) return std::nullopt;
  store::Stmt st = db.prepare("SELECT " ORDS_CLIENT_RECORD_COLUMNS("") " FROM ords_sec_client WHERE client_id = ?1");
  st.bind(1, client_id);
  if (!st.step()) return std::nullopt;
  return record_from(st);
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
