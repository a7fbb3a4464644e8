// sessions.cpp: see sessions.hpp.
#include "sessions.hpp"

#include "../store/schema.hpp"

namespace ords::sessions {

int64_t end_client_sessions(store::Db& db, int64_t client_id) {
  (void)client_id;
  // No session table exists before the token endpoint's migration; nothing to end.
  if (!db.table_exists("ords_sec_session")) return 0;
  store::Stmt st = db.prepare("DELETE FROM ords_sec_session WHERE client_id = ?1");
  st.bind(1, client_id);
  st.run();
  return db.changes();
}

}  // namespace ords::sessions
