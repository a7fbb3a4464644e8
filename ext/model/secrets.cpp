// secrets.cpp: the SQL functions that manage a client's two secret slots (see secrets.hpp):
// their arguments (p_client_secret, p_filter), what each selects, and their results.
//
//   select rotate_client_secret('CLIENT_TEST');                       -- the new secret, once
//   select register_client_secret('CLIENT_TEST', 'RaFhM690PA6cN1ffpkNx3Q..');  -- credentials
//   select revoke_client_secrets('CLIENT_TEST', json_object('slot', 3));     -- revoke both
//   select revoke_client_secret('CLIENT_TEST');                       -- revoke the oldest
//
// Every function here is a Writer (SQLITE_DIRECTONLY, in a savepoint): each mints, replaces or
// removes secrets, and a trigger or view planted in a database file must never do that.
// Generated secrets reach the database only as hashes; the secret itself lives in a SecretBuffer
// (wiped on destruction) until it is copied into the call's result. The slot rules themselves
// (which slot a secret takes, verification) are in secret_slots.cpp.
#include "secrets.hpp"

#include "../core/error.hpp"
#include "../core/json_reader.hpp"
#include "../core/text.hpp"
#include "client_key.hpp"
#include "client_results.hpp"
#include "clients.hpp"
#include "schemas.hpp"
#include "secret_slots.hpp"
#include "sessions.hpp"

namespace ords::secrets {

namespace {

using crypto::SecretBuffer;

void refuse_implicit(const clients::ClientRow& row, const clients::ClientKey& key) {
  if (row.grant_type == "implicit")
    throw Error(key.param + ": client " + text::quote_input(row.name) +
                " uses the implicit grant, which has no client secret (an implicit client cannot keep one)");
}

// A JSON object given as JSON text that the host left as text (tagged JSON that is not an
// object): read by the one JSON reader (core/json_reader), whose guards apply.
Value parse_object_text(std::string_view json, const std::string& param) {
  Value out;
  try {
    out = json::parse(json, param);
  } catch (const json::ParseError& e) {
    if (e.why() != json::Refusal::NotJson) throw;
    throw Error(param + " must be a JSON object or text");
  }
  if (out.kind != Value::Kind::Object) {
    throw Error(param + " must be a JSON object or text");
  }
  return out;
}

// The filter of revoke_client_secrets (t_client_secret): any of secret, slot, stored.
struct Filter {
  std::optional<SecretBuffer> secret;
  std::optional<int64_t> slot;
  std::optional<bool> stored;
  bool empty() const { return !secret && !slot && !stored; }
};

Filter filter_arg(const Value* v) {
  Filter f;
  if (!v) return f;
  for (const auto& [key, m] : v->members) {
    std::string k = text::lower(key);
    if (k.size() > 2 && k.compare(0, 2, "p_") == 0) k = k.substr(2);
    if (m.is_null()) continue;
    if (k == "secret") {
      Value t = check_param(ParamSpec{"filter.secret", ParamType::Text, false, 4000}, m);
      check_chosen_secret("p_filter.secret", t.s);
      f.secret.emplace(t.s);
    } else if (k == "slot") {
      int64_t s = check_param(ParamSpec{"filter.slot", ParamType::Int}, m).i;
      if (s < 1 || s > 3) throw Error("p_filter.slot must be 1, 2 or 3 (both)");
      f.slot = s;
    } else if (k == "stored") {
      f.stored = check_param(ParamSpec{"filter.stored", ParamType::Bool}, m).i != 0;
    } else if (k == "issued_on") {
      throw Error("p_filter.issued_on cannot be used to choose secrets; use slot, secret or stored");
    } else {
      throw Error("p_filter: unknown key " + text::quote_key(key) + " (expected secret, slot or stored)");
    }
  }
  return f;
}

// Which live slots a filter selects (a mask). The fields work independently: the result is the
// union of what each selects, and stored = false counts only when it is the only field.
int64_t select(const std::vector<Slot>& slots, const Filter& f) {
  if (f.empty()) {
    const Slot* o = oldest(slots);
    return o ? o->slot : 0;
  }
  int64_t mask = 0;
  if (f.slot) mask |= *f.slot;
  if (f.secret) mask |= matching_slots(slots, f.secret->data(), f.secret->size());
  if (f.stored && *f.stored) {
    for (const auto& s : slots)
      if (s.stored) mask |= s.slot;
  }
  if (f.stored && !*f.stored && !f.slot && !f.secret) {
    for (const auto& s : slots)
      if (!s.stored) mask |= s.slot;
  }
  int64_t live = 0;
  for (const auto& s : slots) live |= s.slot;
  return mask & live;
}

int64_t issued_on_of(const std::vector<Slot>& slots, int64_t slot) {
  for (const auto& s : slots)
    if (s.slot == slot) return s.issued_on;
  return 0;
}

bool revoke_sessions_arg(const Call& c) { return c.args.boolean("revoke_sessions", false); }

// ---- SQL functions -------------------------------------------------------------------------------

Value register_client_secret(Call& c) {
  clients::ClientKey key = clients::client_key_arg(c, "name");
  SecretSpec spec = secret_spec_arg(c, c.args.get("client_secret"), "p_client_secret", true);
  bool revoke_existing = c.args.boolean("revoke_existing", false);
  bool revoke_sessions = revoke_sessions_arg(c);
  c.begin_write();
  int64_t schema = schema_of(c);
  clients::ClientRow row = clients::require_client(c.db(), schema, key);
  refuse_implicit(row, key);
  Made made = issue(c.conn, row.id, std::move(spec), revoke_existing);
  if (revoke_sessions) sessions::end_client_sessions(c.db(), row.id);
  SecretText secret = made.secret.str();
  SecretText json = clients::credentials_json(row, {&secret, made.issued.slot, made.issued.issued_on});
  return Value::json_text(std::move(json));
}

Value rotate_client_secret(Call& c) {
  clients::ClientKey key = clients::client_key_arg(c, "name");
  bool revoke_existing = c.args.boolean("revoke_existing", false);
  bool revoke_sessions = revoke_sessions_arg(c);
  c.begin_write();
  int64_t schema = schema_of(c);
  clients::ClientRow row = clients::require_client(c.db(), schema, key);
  refuse_implicit(row, key);
  SecretSpec spec;
  spec.given = true;
  Made made = issue(c.conn, row.id, std::move(spec), revoke_existing);
  if (revoke_sessions) sessions::end_client_sessions(c.db(), row.id);
  // ORDS: the p_name overload returns the secret itself; the t_client_key one, credentials.
  if (!c.named) return Value::text(made.secret.str());
  SecretText secret = made.secret.str();
  SecretText json = clients::credentials_json(row, {&secret, made.issued.slot, made.issued.issued_on});
  return Value::json_text(std::move(json));
}

Value update_client_secret(Call& c) {
  clients::ClientKey key = clients::client_key_arg(c, "client_name");
  SecretText value = c.args.text("client_secret");
  check_chosen_secret("p_client_secret", value);
  SecretSpec spec;
  spec.given = true;
  spec.secret.emplace(value);
  spec.slot = 1;
  c.begin_write();
  int64_t schema = schema_of(c);
  clients::ClientRow row = clients::require_client(c.db(), schema, key);
  refuse_implicit(row, key);
  // OAUTH's client had one secret, readable if it was stored: the new value replaces every
  // slot and is stored if what it replaces was, so legacy scripts that read it keep working.
  for (const auto& s : load_slots(c.db(), row.id)) spec.stored = spec.stored || s.stored;
  issue(c.conn, row.id, std::move(spec), true);
  return Value::null();
}

Value revoke_client_secrets(Call& c) {
  clients::ClientKey key = clients::client_key_arg(c, "name");
  Filter f = filter_arg(c.args.object("filter"));
  bool revoke_sessions = revoke_sessions_arg(c);
  c.begin_write();
  int64_t schema = schema_of(c);
  clients::ClientRow row = clients::require_client(c.db(), schema, key);
  std::vector<Slot> slots = load_slots(c.db(), row.id);
  int64_t mask = revoke_mask(c.db(), row.id, select(slots, f));
  if (revoke_sessions) sessions::end_client_sessions(c.db(), row.id);
  clients::SecretOut out;
  if (mask) out.slot = mask;
  if (mask == 1 || mask == 2) out.issued_on = issued_on_of(slots, mask);
  return Value::json_text(clients::credentials_json(row, out));
}

Value revoke_client_secret(Call& c) {
  clients::ClientKey key = clients::client_key_arg(c, "name");
  Filter f;
  if (c.args.has("client_secret")) {
    SecretText value = c.args.text("client_secret");
    check_chosen_secret("p_client_secret", value);
    f.secret.emplace(value);
  }
  bool revoke_sessions = revoke_sessions_arg(c);
  c.begin_write();
  int64_t schema = schema_of(c);
  clients::ClientRow row = clients::require_client(c.db(), schema, key);
  std::vector<Slot> slots = load_slots(c.db(), row.id);
  int64_t mask = revoke_mask(c.db(), row.id, select(slots, f));
  // Revoking "the oldest" of none is done already; a value that matches nothing is a mistake
  // the caller must hear about, since the secret they meant is still valid.
  if (f.secret && mask == 0)
    throw Error("p_client_secret matches no secret of client " + text::quote_input(row.name) + "; nothing was revoked");
  if (revoke_sessions) sessions::end_client_sessions(c.db(), row.id);
  return Value::null();
}

#ifdef ORDS_SECURITY_TESTING
// Test build only: 1 when `secret` (text or blob) authenticates the client with `client_id`, else
// 0. Lets the regress suite show which slots are live without going through the token endpoint.
Value test_client_auth(Call& c) {
  // Text or blob, as given, NULs and invalid UTF-8 included: what a token endpoint may receive.
  const SecretText& secret = c.args.get("secret").s;
  bool ok = clients::authenticate(c.db(), c.args.text("client_id"), secret).has_value();
  return Value::integer(ok ? 1 : 0);
}
#endif

}  // namespace

void check_chosen_secret(const std::string& param, std::string_view secret) {
  if (secret.empty()) throw Error(param + " must not be empty");
  if (secret.size() > crypto::kMaxSecretBytes)
    throw Error(param + " is longer than " + std::to_string(crypto::kMaxSecretBytes) + " bytes");
  if (text::has_control(secret)) throw Error(param + " must not contain control characters");
}

SecretSpec secret_spec_arg(Call& c, const Value& v, const std::string& param, bool text_ok) {
  SecretSpec spec;
  if (v.is_null()) return spec;
  Value parsed;
  const Value* obj = &v;
  if (v.kind == Value::Kind::Object) {
    // as given
  } else if (v.kind == Value::Kind::Text && v.json) {
    parsed = parse_object_text(v.s, param);
    obj = &parsed;
  } else if (v.kind == Value::Kind::Text && text_ok) {
    Value t = check_param(ParamSpec{"client_secret", ParamType::Text, false, 4000}, v);
    check_chosen_secret(param, t.s);
    spec.given = true;
    spec.secret.emplace(t.s);
    return spec;
  } else {
    throw Error(param + (text_ok ? " must be text or a JSON object {secret, slot, stored}"
                                 : " must be a JSON object {secret, slot, stored}"));
  }
  for (const auto& [key, m] : obj->members) {
    std::string k = text::lower(key);
    if (k.size() > 2 && k.compare(0, 2, "p_") == 0) k = k.substr(2);
    if (k == "issued_on") throw Error(param + ".issued_on cannot be set; it is the time the secret is issued");
    if (m.is_null() && (k == "secret" || k == "slot" || k == "stored")) continue;
    if (k == "secret") {
      Value t = check_param(ParamSpec{"client_secret.secret", ParamType::Text, false, 4000}, m);
      check_chosen_secret(param + ".secret", t.s);
      spec.secret.emplace(t.s);
    } else if (k == "slot") {
      int64_t slot = check_param(ParamSpec{"client_secret.slot", ParamType::Int}, m).i;
      if (slot != 1 && slot != 2) throw Error(param + ".slot must be 1 or 2");
      spec.slot = slot;
    } else if (k == "stored") {
      spec.stored = check_param(ParamSpec{"client_secret.stored", ParamType::Bool}, m).i != 0;
    } else {
      throw Error(param + ": unknown key " + text::quote_key(key) + " (expected secret, slot or stored)");
    }
    spec.given = true;
  }
  return spec;
}

const std::vector<FnSpec>& secret_functions() {
  static const ParamSpec kClientKey{"client_key", ParamType::Object};
  static const std::vector<FnSpec> fns = {
      fn("register_client_secret", register_client_secret)
          .writer()
          .with_params({{"name", ParamType::Name},
                        {"client_secret", ParamType::Json},
                        {"revoke_existing", ParamType::Bool},
                        {"revoke_sessions", ParamType::Bool}})
          .with_named_only({kClientKey})
          .returns_json(),
      fn("update_client_secret", update_client_secret)
          .writer()
          .with_params({{"client_name", ParamType::Name}, {"client_secret", ParamType::Text, true, 4000}})
          .with_named_only({kClientKey, {"editing_user", ParamType::Text}}),
      fn("rotate_client_secret", rotate_client_secret)
          .writer()
          .with_params({{"name", ParamType::Name}, {"revoke_existing", ParamType::Bool}, {"revoke_sessions", ParamType::Bool}})
          .with_named_only({kClientKey})
          .returns_json(),
      fn("revoke_client_secrets", revoke_client_secrets)
          .writer()
          .with_params({{"name", ParamType::Name}, {"filter", ParamType::Object}, {"revoke_sessions", ParamType::Bool}})
          .with_named_only({kClientKey})
          .returns_json(),
      fn("revoke_client_secret", revoke_client_secret)
          .writer()
          .with_params({{"name", ParamType::Name}, {"client_secret", ParamType::Text, false, 4000}, {"revoke_sessions", ParamType::Bool}})
          .with_named_only({kClientKey}),
#ifdef ORDS_SECURITY_TESTING
      fn("ords_security_test_client_auth", test_client_auth)
          .direct()
          .with_params({{"client_id", ParamType::Text, true, 4000}, {"secret", ParamType::Json}}),
#endif
  };
  return fns;
}

}  // namespace ords::secrets
