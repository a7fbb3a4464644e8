// settings.cpp: version, build information, and instance defaults (API.md sections 1 and 10).
//
// ords_security_config(p_key) reads a setting; ords_security_config(p_key, p_value) sets it and
// returns the value in effect; ords_security_config(p_key, NULL) puts the default back. Settings
// live in the database (ords_sec_setting), so they are the same for every connection to it.
#include "settings.hpp"

#include <sodium.h>

#include <optional>

#include "../core/error.hpp"
#include "../core/json_writer.hpp"
#include "../core/version.hpp"
#include "../store/schema.hpp"

namespace ords {

namespace {

struct SettingSpec {
  const char* key;
  int64_t dflt;
  int64_t min;
  int64_t max;
  const char* rule;
};
const SettingSpec kSettings[] = {
    {"security.oauth.tokenLifetime", 3600, 1, 315360000, "a positive number of seconds"},
    {"security.oauth.refreshTokenLifetime", 86400, 1, 315360000, "a positive number of seconds"},
    {"security.oauth.codeLifetime", 300, 1, 600, "between 1 and 600 seconds (codes live 10 minutes at most)"},
    {"security.jwt.allowed.skew", 0, -315360000, 60, "at most 60 seconds (0 or less disables it)"},
    {"security.jwt.allowed.age", 0, -315360000, 315360000, "a number of seconds (0 or less disables it)"},
    {"security.oauth.sweepOnRequest", 1, 0, 1,
     "1 (the token calls sweep expired sessions) or 0 (only ords_purge_expired_sessions does)"},
};

const SettingSpec& find_setting(std::string_view key) {
  for (const auto& s : kSettings)
    if (key == s.key) return s;
  std::string keys;
  for (const auto& s : kSettings) keys += std::string(keys.empty() ? "" : ", ") + s.key;
  throw Error("p_key must be one of " + keys);
}

Value version(Call&) { return Value::text(ORDS_SECURITY_VERSION); }

Value info(Call& c) {
  store::Db& db = c.db();
  std::string sqlite_version;
  {
    store::Stmt st = db.prepare("SELECT sqlite_version()");
    if (st.step()) sqlite_version = st.text(0);
  }
  JsonWriter w;
  w.begin_object();
  w.kv("version", ORDS_SECURITY_VERSION);
  w.kv("libsodium", sodium_version_string());
  w.kv("sqlite", sqlite_version);
  w.kv("schema_version", static_cast<int64_t>(store::schema_version(db)));
  w.kv("latest_schema_version", static_cast<int64_t>(store::latest_schema_version()));
  w.key("build").begin_object();
#ifdef ORDS_SECURITY_TESTING
  w.kv_bool("testing", true);
#else
  w.kv_bool("testing", false);
#endif
#ifdef __OPTIMIZE__
  w.kv_bool("optimized", true);
#else
  w.kv_bool("optimized", false);
#endif
  w.kv("compiler", __VERSION__);
  w.kv("cplusplus", static_cast<int64_t>(__cplusplus));
  w.end_object();
  w.end_object();
  return Value::json_text(w.text());
}

Value config(Call& c) {
  std::string key = c.args.name("key");
  const SettingSpec& spec = find_setting(key);
  if (!c.args.given("value")) return Value::integer(setting(c.conn, key));  // a read: no lock taken
  std::optional<int64_t> v = c.args.opt_int("value");
  if (v && (*v < spec.min || *v > spec.max)) throw Error("p_value for " + key + " must be " + spec.rule);
  // Setting (or, with NULL, resetting): a write, atomic like every writer's.
  store::Transaction tx(c.db());
  c.begin_write();
  c.conn.settings.forget();  // this call writes what the cache holds
  if (v) {
    store::Stmt st = c.db().prepare(
        "INSERT INTO ords_sec_setting(key, value) VALUES (?1, ?2) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, *v);
    st.run();
  } else {
    store::Stmt st = c.db().prepare("DELETE FROM ords_sec_setting WHERE key = ?1");
    st.bind(1, key);
    st.run();
  }
  int64_t now_in_effect = setting(c.conn, key);
  tx.commit();
  return Value::integer(now_in_effect);
}

}  // namespace

namespace {

// Every stored setting, each known one checked: ords_security_config writes only integers within
// a setting's range, so anything else was planted by SQL and is refused, never used.
ConnState::StoredSettings read_settings(store::Db& db) {
  ConnState::StoredSettings all;
  store::Stmt st = db.prepare("SELECT key, typeof(value), value FROM ords_sec_setting ORDER BY key");
  while (st.step()) {
    std::string key = st.text(0);
    const SettingSpec* spec = nullptr;
    for (const auto& s : kSettings)
      if (key == s.key) spec = &s;
    if (!spec) continue;  // not one of ours: ignored, as it always was
    if (st.text(1) != "integer")
      store::damaged("the setting " + key + " in ords_sec_setting is " + st.text(1) + ", not a whole number");
    int64_t v = st.int64(2);
    if (v < spec->min || v > spec->max)
      store::damaged("the setting " + key + " in ords_sec_setting is " + std::to_string(v) + ", outside " +
                     std::to_string(spec->min) + ".." + std::to_string(spec->max));
    all.emplace_back(std::move(key), v);
  }
  return all;
}

}  // namespace

int64_t setting(ConnState& s, std::string_view key) {
  const SettingSpec& spec = find_setting(key);
  // A read first (the schema cookie, or nothing inside our own transaction that checked it): the
  // data version is then current, and damaged tables are refused.
  if (store::schema_version(s.db) == 0) return spec.dflt;
  // Cached per data version, never inside a transaction of the caller's that has written
  // (store/data_version_cache.hpp); config() forgets it when it sets a value.
  const ConnState::StoredSettings* all = s.settings.get();
  if (!all) all = &s.settings.fill(read_settings(s.db));
  for (const auto& [k, v] : *all)
    if (k == key) return v;
  return spec.dflt;
}

int64_t lifetime(ConnState& s, const std::optional<int64_t>& own, std::string_view key) {
  const SettingSpec& spec = find_setting(key);
  if (!own) return setting(s, key);
  // A client's durations are registered within 1 .. the setting's maximum (client_rules.cpp).
  if (*own < 1 || *own > spec.max) {
    const char* column = key == "security.oauth.codeLifetime"          ? "code_duration"
                         : key == "security.oauth.refreshTokenLifetime" ? "refresh_duration"
                                                                        : "token_duration";
    store::damaged(std::string("the client's ") + column + " in ords_sec_client is " + std::to_string(*own) +
                   ", outside 1.." + std::to_string(spec.max));
  }
  return *own;
}

const std::vector<FnSpec>& settings_functions() {
  static const std::vector<FnSpec> fns = {
      fn("ords_security_version", version)
          .pure(),
      fn("ords_security_info", info)
          .reader()
          .returns_json(),
      // Direct, not Writer: a read takes no write lock (and works on a read-only connection);
      // setting opens its own transaction. DIRECTONLY either way: it changes instance defaults.
      fn("ords_security_config", config)
          .direct()
          .with_params({{"key", ParamType::Name, true}, {"value", ParamType::Int}}),
  };
  return fns;
}

}  // namespace ords
