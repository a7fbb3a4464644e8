// client_rules.cpp: see client_rules.hpp.
#include "client_rules.hpp"

#include "../core/clock.hpp"
#include "../core/error.hpp"
#include "../core/json_writer.hpp"
#include "../core/text.hpp"
#include "lookup.hpp"

namespace ords::clients {

namespace {

bool is_alnum(char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'); }

bool has_space_or_control(const std::string& s) {
  if (text::has_control(s)) return true;
  for (char ch : s)
    if (ch == ' ') return true;
  return false;
}

// RFC 9110 token characters.
bool is_tchar(char ch) {
  return is_alnum(ch) || std::string("!#$%&'*+-.^_`|~").find(ch) != std::string::npos;
}

const char* const kRedirectRule =
    " must be an absolute https:// URI (http:// only for localhost, 127.0.0.1 or [::1])";

}  // namespace

std::string check_grant_type(const std::string& param, const std::string& v) {
  std::string g = text::lower(v);
  if (g != "authorization_code" && g != "implicit" && g != "client_credentials")
    throw Error(param + " must be one of authorization_code, implicit, client_credentials");
  return g;
}

void check_redirect_uri(const std::string& param, const std::string& uri) {
  if (has_space_or_control(uri)) throw Error(param + " must not contain spaces or control characters");
  size_t sep = uri.find("://");
  if (sep == std::string::npos) throw Error(param + kRedirectRule);
  std::string scheme = text::lower(uri.substr(0, sep));
  if (scheme != "https" && scheme != "http") throw Error(param + kRedirectRule);
  if (uri.find('#') != std::string::npos) throw Error(param + " must not have a fragment (#...)");
  size_t start = sep + 3;
  size_t end = uri.find_first_of("/?", start);
  std::string authority = uri.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (authority.empty()) throw Error(param + " has no host");
  if (authority.find('@') != std::string::npos) throw Error(param + " must not carry user information (user@host)");
  std::string host, port;
  if (authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string::npos) throw Error(param + " has an invalid host");
    host = authority.substr(0, close + 1);
    for (size_t i = 1; i < close; i++) {
      char ch = authority[i];
      if (!(is_alnum(ch) || ch == ':' || ch == '.')) throw Error(param + " has an invalid host");
    }
    std::string rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') throw Error(param + " has an invalid host");
      port = rest.substr(1);
      if (port.empty()) throw Error(param + " has an invalid port");
    }
  } else {
    size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) throw Error(param + " has an invalid port");
    }
    if (host.empty()) throw Error(param + " has no host");
    for (char ch : host)
      if (!(is_alnum(ch) || ch == '-' || ch == '.' || ch == '_' || static_cast<unsigned char>(ch) >= 0x80))
        throw Error(param + " has an invalid host");
  }
  if (!port.empty()) {
    bool digits = port.size() <= 5;
    for (char ch : port) digits = digits && ch >= '0' && ch <= '9';
    if (!digits || std::stol(port) < 1 || std::stol(port) > 65535) throw Error(param + " has an invalid port");
  }
  if (scheme == "http") {
    std::string h = text::lower(host);
    if (h != "localhost" && h != "127.0.0.1" && h != "[::1]") throw Error(param + kRedirectRule);
  }
}

std::optional<std::string> check_origins(const std::string& param, const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  if (text::has_control(*v)) throw Error(param + " must not contain control characters");
  std::vector<std::string> items = text::split_list(*v);
  if (items.empty()) return std::nullopt;
  for (const auto& item : items) {
    if (item == "*") continue;
    std::string l = text::lower(item);
    bool ok = (l.compare(0, 8, "https://") == 0 && l.size() > 8) || (l.compare(0, 7, "http://") == 0 && l.size() > 7);
    if (!ok || item.find(' ') != std::string::npos)
      throw Error(param + ": \"" + item + "\" is not an origin; give URL prefixes (https://host...) or *");
  }
  return *v;
}

void check_duration(const std::string& param, const std::optional<int64_t>& v, int64_t max) {
  if (!v) return;
  if (*v <= 0 || *v > max)
    throw Error(param + " must be a whole number of seconds from 1 to " + std::to_string(max) +
                " (or NULL for the instance default)");
}

Durations read_durations(const Call& c) {
  Durations d;
  d.token = c.args.opt_int("token_duration");
  d.refresh = c.args.opt_int("refresh_duration");
  d.code = c.args.opt_int("code_duration");
  check_duration("p_token_duration", d.token, kMaxTokenSeconds);
  check_duration("p_refresh_duration", d.refresh, kMaxTokenSeconds);
  check_duration("p_code_duration", d.code, kMaxCodeSeconds);
  return d;
}

void check_line(const std::string& param, const std::string& v) {
  if (text::trim(v).empty()) throw Error(param + " must not be empty");
  if (text::has_control(v)) throw Error(param + " must not contain control characters");
}

void check_description(const std::string& param, const std::string& v) {
  if (text::trim(v).empty()) throw Error(param + " must not be empty");
  std::string flat = v;
  for (auto& ch : flat)
    if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  if (text::has_control(flat))
    throw Error(param + " must not contain control characters other than tab and line breaks");
}

void check_media_type(const std::string& param, const std::string& v) {
  size_t slash = v.find('/');
  bool ok = slash != std::string::npos && slash > 0 && slash + 1 < v.size() && v.size() <= 255;
  for (size_t i = 0; ok && i < v.size(); i++) ok = i == slash || is_tchar(v[i]);
  if (!ok) throw Error(param + " must be a media type such as image/png");
}

void check_client_id(const std::string& param, const std::string& v) {
  bool ok = !v.empty() && v.size() <= 255;
  for (char ch : v) ok = ok && (is_alnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~');
  if (!ok) throw Error(param + " must be 1 to 255 characters from A-Z a-z 0-9 - . _ ~");
}

void check_required_for_grant(const std::string& grant, const std::optional<std::string>& description,
                              const std::optional<std::string>& redirect_uri) {
  if (grant == "client_credentials") return;
  if (!description) throw Error("p_description must not be NULL (only a client_credentials client may leave it out)");
  if (!redirect_uri) throw Error("p_redirect_uri must not be NULL (only a client_credentials client may leave it out)");
}

std::string shown_key(const std::string& key) {
  bool ok = !key.empty() && key.size() <= 32;
  for (char ch : key) ok = ok && (is_alnum(ch) || ch == '_');
  return ok ? key : "?";
}

// ---- naming the client ---------------------------------------------------------------------------

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
      throw Error("p_client_key: unknown key \"" + shown_key(key) + "\" (expected id, name or client_id)");
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

void bind_opt(store::Stmt& st, int idx, const std::optional<std::string>& v) {
  if (v) st.bind(idx, *v);
  else st.bind_null(idx);
}
void bind_opt(store::Stmt& st, int idx, const std::optional<int64_t>& v) {
  if (v) st.bind(idx, *v);
  else st.bind_null(idx);
}

void touch(store::Db& db, int64_t client, int64_t now) {
  store::Stmt st = db.prepare("UPDATE ords_sec_client SET updated_on = ?2 WHERE id = ?1");
  st.bind(1, client).bind(2, now);
  st.run();
}

// ---- results -------------------------------------------------------------------------------------

namespace {
void write_key(JsonWriter& w, const ClientRow& c) {
  w.begin_object().kv("id", c.id).kv("name", c.name).kv("client_id", c.client_id).end_object();
}
}  // namespace

std::string client_key_json(const ClientRow& c) {
  JsonWriter w;
  write_key(w, c);
  return w.text();
}

std::string credentials_json(const ClientRow& c, const SecretOut& s) {
  JsonWriter w;
  w.begin_object();
  w.key("client_key");
  write_key(w, c);
  w.key("client_secret").begin_object();
  if (s.secret) w.kv("secret", *s.secret);
  if (s.slot) w.kv("slot", *s.slot);
  else w.kv_null("slot");
  if (s.issued_on) w.kv("issued_on", iso8601(*s.issued_on));
  else w.kv_null("issued_on");
  w.end_object();
  w.end_object();
  return w.text();
}

}  // namespace ords::clients
