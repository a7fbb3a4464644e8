// client_key.cpp: see client_key.hpp.
#include "client_key.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"

namespace ords::clients {

ClientKey client_key_arg(const Call& c, const char* name_param) {
  ClientKey k;
  const std::string pname = std::string("p_") + name_param;
  const Value* obj = c.args.object("client_key");
  if (c.args.has(name_param) && obj) throw Error("give " + pname + " or p_client_key, not both");
  if (!obj) {
    k.name = c.args.name(name_param);  // "p_name must not be NULL" when missing
    k.param = pname;
    return k;
  }
  k.param = "p_client_key";
  for (const auto& [key, v] : obj->members) {
    std::string m = text::lower(key);
    if (m.size() > 2 && m.compare(0, 2, "p_") == 0) m = m.substr(2);
    if (v.is_null()) continue;
    if (m == "id") {
      Value iv = check_param(ParamSpec{"client_key.id", ParamType::Int}, v);
      k.id = iv.i;
    } else if (m == "name") {
      k.name = check_param(ParamSpec{"client_key.name", ParamType::Name}, v).s;
    } else if (m == "client_id") {
      Value t = check_param(ParamSpec{"client_key.client_id", ParamType::Text, false, 255}, v);
      k.client_id = t.s;
    } else {
      throw Error("p_client_key: unknown key " + text::quote_key(key) + " (expected id, name or client_id)");
    }
  }
  if (!k.id && !k.name && !k.client_id) throw Error("p_client_key must hold at least one of id, name, client_id");
  return k;
}

ClientRow require_client(store::Db& db, int64_t schema, const ClientKey& key) {
  std::optional<ClientRow> found;
  auto take = [&](store::Stmt& st, const std::string& how) {
    if (!st.step()) throw Error(key.param + ": client " + how + " does not exist");
    ClientRow r{st.int64(0), st.text(1), st.text(2), st.text(3)};
    if (found && found->id != r.id) throw Error("p_client_key: id, name and client_id name different clients");
    found = r;
  };
  if (key.id) {
    store::Stmt st = db.prepare(
        "SELECT id, name, client_id, grant_type FROM ords_sec_client WHERE schema_id = ?1 AND id = ?2");
    st.bind(1, schema).bind(2, *key.id);
    take(st, "with id " + std::to_string(*key.id));
  }
  if (key.name) {
    store::Stmt st = db.prepare(
        "SELECT id, name, client_id, grant_type FROM ords_sec_client WHERE schema_id = ?1 AND name = ?2");
    st.bind(1, schema).bind(2, *key.name);
    take(st, text::quote_input(*key.name));
  }
  if (key.client_id) {
    store::Stmt st = db.prepare(
        "SELECT id, name, client_id, grant_type FROM ords_sec_client WHERE schema_id = ?1 AND client_id = ?2");
    st.bind(1, schema).bind(2, *key.client_id);
    bool printable = !text::has_control(*key.client_id) && text::valid_utf8(*key.client_id);
    take(st, printable ? "with client_id " + text::quote_input(*key.client_id) : "with that client_id");
  }
  return *found;
}

void require_free_name(store::Db& db, int64_t schema, const std::string& name, const std::string& param,
                       int64_t except_id) {
  store::Stmt st = db.prepare("SELECT id FROM ords_sec_client WHERE schema_id = ?1 AND name = ?2 AND id <> ?3");
  st.bind(1, schema).bind(2, name).bind(3, except_id);
  if (st.step()) throw Error(param + ": " + already_exists("client", name).message(), Code::Constraint);
}

}  // namespace ords::clients
