// jwt_profiles.cpp: create_jwt_profile, delete_jwt_profile, set_jwt_profile_keys and
// user_ords_jwt_profile (API.md section 6; the ORDS_SECURITY package, and the
// ORDS_SECURITY_ADMIN overloads through the named form's `schema` key).
//
//   select create_jwt_profile('https://idp.example.com/', 'ords-api',
//                             'https://idp.example.com/.well-known/jwks.json');
//   select set_jwt_profile_keys(readfile('jwks.json'));
//   select delete_jwt_profile();
//
// One profile per schema: creating a second is an error until the first is deleted. Deleting
// a schema's profile when it has none does nothing (seed example 8-1 deletes "any existing"
// profile before creating one). The keys are checked whole with jwt::keys_from_jwks before any
// is stored, and replace those installed before; each is kept as the JSON of its public members.
#include "jwt_profiles.hpp"

#include "../core/error.hpp"
#include "../core/json_reader.hpp"
#include "../core/json_writer.hpp"
#include "../core/text.hpp"
#include "../store/schema.hpp"
#include "schemas.hpp"
#include "settings.hpp"

namespace ords::jwt_profiles {

namespace {

constexpr int kFirstVersion = 4;  // the schema version that has the profile tables
constexpr int64_t kMaxAge = 315360000;  // ten years, as security.jwt.allowed.age

// The SQL a user pastes to act on this call's schema: fn() in MAIN, else with the schema key.
std::string call_hint(Call& c, const char* fn) {
  std::string schema = c.schema_name();
  if (text::upper(schema) == "MAIN") return std::string(fn) + "()";
  return std::string(fn) + "(json_object('schema', " + text::sql_literal(schema) + "))";
}

std::optional<int64_t> profile_of(store::Db& db, int64_t schema) {
  store::Stmt st = db.prepare("SELECT id FROM ords_sec_jwt_profile WHERE schema_id = ?1");
  st.bind(1, schema);
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}

// The next generation (ords_sec_meta's jwt_generation, which only grows), recorded.
int64_t next_generation(store::Db& db) {
  int64_t last = 0;
  {
    store::Stmt st = db.prepare("SELECT typeof(value), value FROM ords_sec_meta WHERE key = 'jwt_generation'");
    if (st.step()) {
      if (st.text(0) != "integer") store::damaged("the jwt_generation record of ords_sec_meta is " + st.text(0));
      last = st.int64(1);
    }
  }
  int64_t next = store::next_in_sequence(last, "the jwt_generation record of ords_sec_meta");
  store::Stmt up = db.prepare(
      "INSERT INTO ords_sec_meta(key, value) VALUES ('jwt_generation', ?1) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  up.bind(1, next);
  up.run();
  return next;
}

Value create_jwt_profile(Call& c) {
  std::string issuer = c.args.text("issuer");
  std::string audience = c.args.text("audience");
  std::string jwk_url = c.args.text("jwk_url");
  std::optional<std::string> description = c.args.opt_text("description");
  std::optional<int64_t> skew = c.args.opt_int("allowed_skew");
  std::optional<int64_t> age = c.args.opt_int("allowed_age");
  std::string role_claim = c.args.opt_text("role_claim_name").value_or("");  // "": none
  if (issuer.empty()) throw Error("p_issuer must not be empty: it is the iss claim the provider's tokens carry");
  if (audience.empty()) throw Error("p_audience must not be empty: it is the aud claim the provider's tokens carry");
  if (jwk_url.compare(0, 8, "https://") != 0 || jwk_url.size() == 8)
    throw Error("p_jwk_url must start with https://");
  if (skew && *skew > jwt::kMaxSkew) throw Error("p_allowed_skew must be at most 60 seconds (0 or less disables it)");
  if (skew && *skew < -kMaxAge) throw Error("p_allowed_skew must be at least -315360000 (0 or less disables it)");
  if (age && (*age > kMaxAge || *age < -kMaxAge))
    throw Error("p_allowed_age must be a number of seconds up to 315360000 (0 or less disables it)");
  if (!role_claim.empty()) jwt::parse_json_pointer(role_claim);  // throws naming p_role_claim_name
  c.begin_write();
  int64_t schema = schema_of(c);
  if (profile_of(c.db(), schema))
    throw Error("schema " + text::show_input(c.schema_name()) +
                    " already has a JWT profile; delete it first with " + call_hint(c, "delete_jwt_profile"),
                Code::Constraint);
  int64_t generation = next_generation(c.db());
  store::Stmt st = c.db().prepare(
      "INSERT INTO ords_sec_jwt_profile(schema_id, issuer, audience, jwk_url, description, allowed_skew, "
      "allowed_age, role_claim_name, generation, created_on, updated_on) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)");
  st.bind(1, schema).bind(2, issuer).bind(3, audience).bind(4, jwk_url);
  if (description) st.bind(5, *description); else st.bind_null(5);
  if (skew) st.bind(6, *skew); else st.bind_null(6);
  if (age) st.bind(7, *age); else st.bind_null(7);
  if (!role_claim.empty()) st.bind(8, role_claim); else st.bind_null(8);
  st.bind(9, generation).bind(10, c.now());
  st.run();
  return Value::null();
}

Value delete_jwt_profile(Call& c) {
  c.begin_write();
  int64_t schema = schema_of(c);
  auto id = profile_of(c.db(), schema);
  if (!id) return Value::null();  // "deletes any existing JWT profile": none is not an error
  store::Stmt keys = c.db().prepare("DELETE FROM ords_sec_jwt_key WHERE profile_id = ?1");
  keys.bind(1, *id);
  keys.run();
  store::Stmt st = c.db().prepare("DELETE FROM ords_sec_jwt_profile WHERE id = ?1");
  st.bind(1, *id);
  st.run();
  return Value::null();
}

// The JSON of a JWK's public members, in a fixed order; every other member is dropped (x5c,
// x5t, ...: nothing but these decides what verifies).
std::string public_jwk(const Value& jwk) {
  static const char* const kKept[] = {"kty", "kid", "use", "alg", "key_ops", "crv", "n", "e", "x", "y"};
  JsonWriter w;
  w.begin_object();
  for (const char* name : kKept) {
    for (const auto& [k, v] : jwk.members) {
      if (k != name) continue;
      if (v.kind == Value::Kind::Text) {
        w.kv(k, v.s);
      } else if (v.kind == Value::Kind::Array) {
        w.key(k).begin_array();
        for (const auto& item : v.items)
          if (item.kind == Value::Kind::Text) w.str(item.s);
        w.end_array();
      }
    }
  }
  w.end_object();
  return w.text();
}

Value set_jwt_profile_keys(Call& c) {
  const Value* jwks = c.args.object("jwks");
  if (!jwks) throw Error("p_jwks must not be NULL");
  jwt::KeySet set = jwt::keys_from_jwks(*jwks);  // every key checked before anything is stored
  c.begin_write();
  int64_t schema = schema_of(c);
  auto id = profile_of(c.db(), schema);
  if (!id)
    throw Error("p_jwks: schema " + text::show_input(c.schema_name()) +
                " has no JWT profile; create one with create_jwt_profile(p_issuer, p_audience, p_jwk_url) first");
  const Value* keys = nullptr;
  for (const auto& [k, v] : jwks->members)
    if (k == "keys") keys = &v;
  store::Stmt del = c.db().prepare("DELETE FROM ords_sec_jwt_key WHERE profile_id = ?1");
  del.bind(1, *id);
  del.run();
  int64_t position = 0;
  for (const Value& jwk : keys->items) {
    std::string kid, kty;
    for (const auto& [k, v] : jwk.members) {
      if (k == "kid" && v.kind == Value::Kind::Text) kid = v.s;
      if (k == "kty" && v.kind == Value::Kind::Text) kty = v.s;
    }
    store::Stmt st = c.db().prepare(
        "INSERT INTO ords_sec_jwt_key(profile_id, position, kid, kty, jwk) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, *id).bind(2, ++position);
    if (kid.empty()) st.bind_null(3); else st.bind(3, kid);
    st.bind(4, kty).bind(5, public_jwk(jwk));
    st.run();
  }
  store::Stmt up = c.db().prepare("UPDATE ords_sec_jwt_profile SET generation = ?2, updated_on = ?3 WHERE id = ?1");
  up.bind(1, *id).bind(2, next_generation(c.db())).bind(3, c.now());
  up.run();
  return Value::null();
}

}  // namespace

std::optional<Row> find(store::Db& db, int version, int64_t schema_id) {
  if (version < kFirstVersion) return std::nullopt;
  store::Stmt st = db.prepare(
      "SELECT id, generation, issuer, audience, allowed_skew, allowed_age, role_claim_name, "
      "(SELECT count(*) FROM ords_sec_jwt_key k WHERE k.profile_id = p.id) "
      "FROM ords_sec_jwt_profile p WHERE schema_id = ?1");
  st.bind(1, schema_id);
  if (!st.step()) return std::nullopt;
  Row r;
  r.id = st.int64(0);
  r.generation = st.int64(1);
  r.issuer = st.text(2);
  r.audience = st.text(3);
  if (!st.is_null(4)) r.allowed_skew = st.int64(4);
  if (!st.is_null(5)) r.allowed_age = st.int64(5);
  if (!st.is_null(6)) r.role_claim_name = st.text(6);
  r.key_count = st.int64(7);
  return r;
}

jwt::KeySet read_keys(store::Db& db, int64_t profile_id) {
  Value set;
  set.kind = Value::Kind::Object;
  Value keys;
  keys.kind = Value::Kind::Array;
  {
    store::Stmt st = db.prepare("SELECT jwk FROM ords_sec_jwt_key WHERE profile_id = ?1 ORDER BY position");
    st.bind(1, profile_id);
    while (st.step()) {
      try {
        keys.items.push_back(json::parse(st.text(0), "a key in ords_sec_jwt_key"));
      } catch (const json::ParseError& e) {
        store::damaged(e.what());
      }
    }
  }
  if (keys.items.empty()) return jwt::KeySet{};
  set.members.emplace_back("keys", std::move(keys));
  try {
    return jwt::keys_from_jwks(set);
  } catch (const Error& e) {
    store::damaged(std::string("a key in ords_sec_jwt_key is refused (") + e.what() + ")");
  }
}

jwt::Profile effective(ConnState& s, const Row& row) {
  jwt::Profile p;
  p.issuer = row.issuer;
  p.audience = row.audience;
  p.allowed_skew = row.allowed_skew ? *row.allowed_skew : setting(s, "security.jwt.allowed.skew");
  p.allowed_age = row.allowed_age ? *row.allowed_age : setting(s, "security.jwt.allowed.age");
  p.role_claim_name = row.role_claim_name;
  return p;
}

const std::vector<FnSpec>& jwt_profile_functions() {
  static const std::vector<FnSpec> fns = {
      fn("create_jwt_profile", create_jwt_profile)
          .writer()
          .with_params({{"issuer", ParamType::Text, true},
                        {"audience", ParamType::Text, true},
                        {"jwk_url", ParamType::Text, true},
                        {"description", ParamType::Text},
                        {"allowed_skew", ParamType::Int},
                        {"allowed_age", ParamType::Int},
                        {"role_claim_name", ParamType::Text, false, 256}}),
      fn("delete_jwt_profile", delete_jwt_profile)
          .writer(),
      fn("set_jwt_profile_keys", set_jwt_profile_keys)
          .writer()
          .with_params({{"jwks", ParamType::Object, true}}),
  };
  return fns;
}

const std::vector<ViewSpec>& jwt_profile_views() {
  static const std::vector<ViewSpec> v = {
      // DIRECTONLY: which identity provider the schema trusts and which claim carries its roles:
      // how outside tokens map to privileges, like the role and mapping views; a trigger or view
      // in an untrusted (ATTACHed) file must not read it.
      {"user_ords_jwt_profile",
       "issuer TEXT, audience TEXT, jwk_url TEXT, description TEXT, allowed_skew INTEGER, allowed_age INTEGER, "
       "role_claim_name TEXT",
       "SELECT issuer, audience, jwk_url, description, allowed_skew, allowed_age, role_claim_name "
       "FROM ords_sec_jwt_profile WHERE schema_id = ?1",
       kFirstVersion, true},
  };
  return v;
}

}  // namespace ords::jwt_profiles
