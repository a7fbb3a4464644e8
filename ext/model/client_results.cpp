// client_results.cpp: see client_results.hpp.
#include "client_results.hpp"

#include "../core/clock.hpp"
#include "../core/json_writer.hpp"

namespace ords::clients {

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

SecretText credentials_json(const ClientRow& c, const SecretOut& s) {
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
