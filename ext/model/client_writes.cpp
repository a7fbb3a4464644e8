// client_writes.cpp: see client_writes.hpp.
#include "client_writes.hpp"

#include "lookup.hpp"

namespace ords::clients {

std::vector<int64_t> privilege_ids(store::Db& db, int64_t schema, const std::vector<std::string>& names,
                                   const std::string& param) {
  std::vector<int64_t> ids;
  for (const auto& n : names) ids.push_back(lookup::require_privilege(db, schema, n, param));
  return ids;
}

void set_privileges(store::Db& db, int64_t client, const std::vector<int64_t>& ids) {
  store::Stmt del = db.prepare("DELETE FROM ords_sec_client_privilege WHERE client_id = ?1");
  del.bind(1, client);
  del.run();
  for (int64_t p : ids) {
    store::Stmt ins = db.prepare(
        "INSERT INTO ords_sec_client_privilege(client_id, privilege_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
    ins.bind(1, client).bind(2, p);
    ins.run();
  }
}

void touch(store::Db& db, int64_t client, int64_t now) {
  store::Stmt st = db.prepare("UPDATE ords_sec_client SET updated_on = ?2 WHERE id = ?1");
  st.bind(1, client).bind(2, now);
  st.run();
}

}  // namespace ords::clients
