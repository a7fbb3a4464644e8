// secret_slots.cpp: the slot rules of a client's two secrets (see secrets.hpp and
// secret_slots.hpp): reading the slots, choosing the slot a new secret takes, issuing it (hashed
// as core/crypto.hpp says), revoking, and clients::authenticate, the verification the token
// endpoint uses.
#include "secret_slots.hpp"

#include <algorithm>

#include "../core/error.hpp"
#include "../store/schema.hpp"
#include "clients.hpp"
#include "secrets.hpp"

namespace ords::secrets {

namespace {
// A slot from columns first..first+8 of a row: slot, kind, salt, hash, opslimit, memlimit,
// issued_on, seq, stored IS NOT NULL.
Slot slot_from(const store::Stmt& st, int first) {
  Slot s;
  s.slot = st.int64(first);
  s.kind_known = crypto::kind_from_name(st.text(first + 1), &s.hash.kind);
  s.hash.salt = st.value(first + 2).s;
  s.hash.hash = st.value(first + 3).s;
  s.hash.opslimit = st.is_null(first + 4) ? 0 : st.int64(first + 4);
  s.hash.memlimit = st.is_null(first + 5) ? 0 : st.int64(first + 5);
  s.issued_on = st.int64(first + 6);
  s.seq = st.int64(first + 7);
  s.stored = st.int64(first + 8) != 0;
  return s;
}
}  // namespace

std::vector<Slot> load_slots(store::Db& db, int64_t client) {
  store::Stmt st = db.prepare(
      "SELECT slot, kind, salt, hash, opslimit, memlimit, issued_on, seq, stored IS NOT NULL "
      "FROM ords_sec_client_secret WHERE client_id = ?1 ORDER BY slot");
  st.bind(1, client);
  std::vector<Slot> out;
  while (st.step()) out.push_back(slot_from(st, 0));
  return out;
}

const Slot* oldest(const std::vector<Slot>& slots) {
  const Slot* o = nullptr;
  for (const auto& s : slots)
    if (!o || s.issued_on < o->issued_on || (s.issued_on == o->issued_on && s.seq < o->seq)) o = &s;
  return o;
}

int matching_slots(const std::vector<Slot>& slots, const unsigned char* secret, size_t n) {
  int mask = 0;
  for (int64_t want = 1; want <= 2; want++) {
    const Slot* found = nullptr;
    for (const auto& s : slots)
      if (s.slot == want) found = &s;
    bool ok = found && found->kind_known ? crypto::verify(found->hash, secret, n) : crypto::dummy_verify(secret, n);
    mask |= ok ? static_cast<int>(want) : 0;
  }
  return mask;
}

int64_t revoke_mask(store::Db& db, int64_t client, int64_t mask) {
  int64_t done = 0;
  for (int64_t slot = 1; slot <= 2; slot++) {
    if (!(mask & slot)) continue;
    store::Stmt del = db.prepare("DELETE FROM ords_sec_client_secret WHERE client_id = ?1 AND slot = ?2");
    del.bind(1, client).bind(2, slot);
    del.run();
    if (db.changes() > 0) done |= slot;
  }
  return done;
}

Made issue(ConnState& s, int64_t client, SecretSpec spec, bool revoke_existing) {
  store::Db& db = s.db;
  int64_t now = s.clock.now();
  std::vector<Slot> slots = load_slots(db, client);
  int64_t slot = spec.slot.value_or(0);
  if (!slot) {
    bool has1 = false, has2 = false;
    for (const auto& x : slots) (x.slot == 1 ? has1 : has2) = true;
    slot = !has1 ? 1 : !has2 ? 2 : oldest(slots)->slot;
  }
  int64_t seq = 1;
  for (const auto& x : slots) seq = std::max(seq, store::next_in_sequence(x.seq, "ords_sec_client_secret.seq"));

  Made made;
  bool chosen = spec.secret.has_value();
  made.secret = chosen ? std::move(*spec.secret) : crypto::new_ords_id(s.rng);
  crypto::SecretHash h = chosen ? crypto::hash_chosen(s.rng, made.secret.data(), made.secret.size())
                        : crypto::hash_generated(s.rng, made.secret.data(), made.secret.size());
  store::Stmt put = db.prepare(
      "INSERT INTO ords_sec_client_secret"
      "(client_id, slot, kind, salt, hash, opslimit, memlimit, issued_on, seq, stored) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
      "ON CONFLICT(client_id, slot) DO UPDATE SET kind = excluded.kind, salt = excluded.salt, hash = excluded.hash, "
      "opslimit = excluded.opslimit, memlimit = excluded.memlimit, issued_on = excluded.issued_on, "
      "seq = excluded.seq, stored = excluded.stored");
  put.bind(1, client).bind(2, slot).bind(3, crypto::kind_name(h.kind));
  put.bind_blob(4, h.salt.data(), h.salt.size()).bind_blob(5, h.hash.data(), h.hash.size());
  if (chosen) put.bind(6, h.opslimit).bind(7, h.memlimit);
  else put.bind_null(6).bind_null(7);
  put.bind(8, now).bind(9, seq);
  SecretText stored_text;
  if (spec.stored) {
    stored_text = made.secret.str();
    put.bind(10, stored_text);
  } else {
    put.bind_null(10);
  }
  put.run();
  if (revoke_existing) revoke_mask(db, client, 3 & ~slot);
  made.issued = Issued{slot, now};
  return made;
}

ClientSlots read_client_slots(store::Db& db, std::string_view client_id) {
  // The client, its slots and whether its schema is enabled, in one statement (the token
  // endpoint's hot path; the schema's flag is read as protection::schema_enabled reads it).
  ClientSlots out;
  if (store::schema_version(db) < 2) return out;
  store::Stmt st = db.prepare(
      "SELECT " ORDS_CLIENT_RECORD_COLUMNS("c.") ", s.slot, s.kind, s.salt, s.hash, s.opslimit, s.memlimit, s.issued_on, s.seq, s.stored IS NOT NULL, "
      "(SELECT e.enabled FROM ords_sec_schema e WHERE e.id = c.schema_id) "
      "FROM ords_sec_client c LEFT JOIN ords_sec_client_secret s ON s.client_id = c.id "
      "WHERE c.client_id = ?1 ORDER BY s.slot");
  st.bind(1, client_id);
  while (st.step()) {
    if (!out.rec) {
      out.rec = clients::record_from(st);
      out.rec->schema_enabled = st.int64(19) == 1;
    }
    if (!st.is_null(10)) out.slots.push_back(slot_from(st, 10));
  }
  return out;
}

std::optional<clients::ClientRecord> verified(const ClientSlots& read, std::string_view secret) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(secret.data());
  size_t n = secret.size();  // the byte length, NULs included
  // The same work for an unknown client, an empty slot and a wrong secret.
  int mask = matching_slots(read.slots, p, n);
  if (!read.rec || mask == 0) return std::nullopt;
  return read.rec;
}

std::optional<clients::ClientRecord> refused_unread(std::string_view secret) {
  // Refused before any lookup, so the answer says nothing about the client.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(secret.data());
  crypto::dummy_verify(p, secret.size());
  crypto::dummy_verify(p, secret.size());
  return std::nullopt;
}

void delete_all(store::Db& db, int64_t client) {
  store::Stmt del = db.prepare("DELETE FROM ords_sec_client_secret WHERE client_id = ?1");
  del.bind(1, client);
  del.run();
}

}  // namespace ords::secrets

// ---- verification for the token endpoint --------------------------------------------------------

namespace ords::clients {

std::optional<ClientRecord> authenticate(store::Db& db, std::string_view client_id, std::string_view secret) {
  if (secret.size() > crypto::kMaxSecretBytes) return secrets::refused_unread(secret);
  return secrets::verified(secrets::read_client_slots(db, client_id), secret);
}

}  // namespace ords::clients
