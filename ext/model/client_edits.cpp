// client_edits.cpp: the client functions that change one thing of an existing client:
// update_client_privileges, update_client_token_duration, update_client_logo, rename_client,
// delete_client, grant_client_role, revoke_client_role (API.md section 5). clients.cpp registers
// them; each is a Writer (SQLITE_DIRECTONLY, one atomic call).
//
//   select update_client_privileges('CLIENT_TEST', 'oracle.dbtools.sqldev');
//   select update_client_token_duration('CLIENT_TEST', 3600, 86400, 300);
//   select update_client_logo('CLIENT_TEST', 'image/png', readfile('logo.png'));
//   select grant_client_role('CLIENT_TEST', 'CLIENT_TEST_ROLE');
//   select delete_client('CLIENT_TEST');   -- its secrets, grants, privileges, logo and sessions too
#include "client_edits.hpp"

#include <sodium.h>

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "client_key.hpp"
#include "client_rules.hpp"
#include "client_writes.hpp"
#include "lookup.hpp"
#include "schemas.hpp"
#include "secrets.hpp"
#include "sessions.hpp"

namespace ords::clients::edits {

namespace {

// p_logo: a blob; in the named form (JSON holds no blobs) also base64 text. At most 1 MiB.
std::string logo_arg(const Call& c) {
  constexpr size_t kMaxLogo = 1u << 20;
  const Value& v = c.args.get("logo");
  if (v.is_null()) throw Error("p_logo must not be NULL");
  std::string bytes;
  if (v.kind == Value::Kind::Blob) {
    bytes = v.s;
  } else if (v.kind == Value::Kind::Text && c.named) {
    if (v.s.size() > kMaxLogo * 4 / 3 + 4) throw Error("p_logo is larger than 1048576 bytes");
    bytes.resize(v.s.size());
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(&bytes[0]), bytes.size(), v.s.data(), v.s.size(), " \r\n",
                          &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != v.s.data() + v.s.size())
      throw Error("p_logo must be a blob, or base64 text in the named form");
    bytes.resize(len);
  } else {
    throw Error(std::string("p_logo must be a blob") + (c.named ? " or base64 text" : "") + ", not " + v.kind_name());
  }
  if (bytes.empty()) throw Error("p_logo must not be empty");
  if (bytes.size() > kMaxLogo) throw Error("p_logo is larger than 1048576 bytes");
  return bytes;
}

}  // namespace

Value update_client_privileges(Call& c) {
  ClientKey key = client_key_arg(c, "name");
  std::vector<std::string> names = c.args.opt_list("privilege_names").value_or(std::vector<std::string>{});
  c.begin_write();
  int64_t schema = schema_of(c);
  ClientRow row = require_client(c.db(), schema, key);
  set_privileges(c.db(), row.id, privilege_ids(c.db(), schema, names, "p_privilege_names"));
  touch(c.db(), row.id, c.now());
  return Value::null();
}

Value update_client_token_duration(Call& c) {
  ClientKey key = client_key_arg(c, "name");
  Durations f = read_durations(c);
  c.begin_write();
  ClientRow row = require_client(c.db(), schema_of(c), key);
  store::Stmt d = c.db().prepare(
      "UPDATE ords_sec_client SET token_duration = ?2, refresh_duration = ?3, code_duration = ?4, updated_on = ?5 "
      "WHERE id = ?1");
  d.bind(1, row.id);
  d.bind_opt(2, f.token);
  d.bind_opt(3, f.refresh);
  d.bind_opt(4, f.code);
  d.bind(5, c.now());
  d.run();
  return Value::null();
}

Value update_client_logo(Call& c) {
  ClientKey key = client_key_arg(c, "name");
  SecretText type = c.args.text("content_type");
  check_media_type("p_content_type", type);
  std::string logo = logo_arg(c);
  c.begin_write();
  ClientRow row = require_client(c.db(), schema_of(c), key);
  store::Stmt st = c.db().prepare(
      "INSERT INTO ords_sec_client_logo(client_id, content_type, logo, updated_on) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(client_id) DO UPDATE SET content_type = excluded.content_type, logo = excluded.logo, "
      "updated_on = excluded.updated_on");
  st.bind(1, row.id).bind(2, type).bind_blob(3, logo.data(), logo.size()).bind(4, c.now());
  st.run();
  touch(c.db(), row.id, c.now());
  return Value::null();
}

Value rename_client(Call& c) {
  ClientKey key = client_key_arg(c, "name");
  SecretText new_name = c.args.name("new_name");
  c.begin_write();
  int64_t schema = schema_of(c);
  ClientRow row = require_client(c.db(), schema, key);
  if (new_name == row.name) return Value::null();
  require_free_name(c.db(), schema, new_name, "p_new_name", row.id);
  store::Stmt st = c.db().prepare("UPDATE ords_sec_client SET name = ?2, updated_on = ?3 WHERE id = ?1");
  st.bind(1, row.id).bind(2, new_name).bind(3, c.now());
  st.run();
  return Value::null();
}

Value delete_client(Call& c) {
  ClientKey key = client_key_arg(c, "name");
  c.begin_write();
  store::Db& db = c.db();
  ClientRow row = require_client(db, schema_of(c), key);
  sessions::end_client_sessions(db, row.id);
  secrets::delete_all(db, row.id);
  static const store::SqlLiteral kDeletes[] = {
      "DELETE FROM ords_sec_client_role WHERE client_id = ?1",
      "DELETE FROM ords_sec_client_privilege WHERE client_id = ?1",
      "DELETE FROM ords_sec_client_logo WHERE client_id = ?1",
      "DELETE FROM ords_sec_client WHERE id = ?1",
  };
  for (store::SqlLiteral sql : kDeletes) {
    store::Stmt st = db.prepare(sql);
    st.bind(1, row.id);
    st.run();
  }
  return Value::null();
}

Value grant_client_role(Call& c) {
  ClientKey key = client_key_arg(c, "client_name");
  SecretText role = c.args.name("role_name");
  c.begin_write();
  int64_t schema = schema_of(c);
  ClientRow row = require_client(c.db(), schema, key);
  int64_t role_id = lookup::require_role(c.db(), schema, role, "p_role_name");
  store::Stmt st = c.db().prepare("INSERT INTO ords_sec_client_role(client_id, role_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  st.bind(1, row.id).bind(2, role_id);
  st.run();
  return Value::null();
}

Value revoke_client_role(Call& c) {
  ClientKey key = client_key_arg(c, "client_name");
  SecretText role = c.args.name("role_name");
  c.begin_write();
  int64_t schema = schema_of(c);
  ClientRow row = require_client(c.db(), schema, key);
  int64_t role_id = lookup::require_role(c.db(), schema, role, "p_role_name", false);
  store::Stmt st = c.db().prepare("DELETE FROM ords_sec_client_role WHERE client_id = ?1 AND role_id = ?2");
  st.bind(1, row.id).bind(2, role_id);
  st.run();
  if (c.db().changes() == 0)
    throw Error("p_role_name: role " + text::quote_input(role) + " is not granted to client " + text::quote_input(row.name));
  return Value::null();
}

}  // namespace ords::clients::edits
