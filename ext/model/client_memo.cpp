// client_memo.cpp: the token endpoint's memo of authenticated clients (see client_memo.hpp).
#include "client_memo.hpp"

#include <sodium.h>

#include <vector>

#include "../core/secret_text.hpp"
#include "../store/data_version_cache.hpp"
#include "../store/schema.hpp"
#include "secret_slots.hpp"

namespace ords::clients {

// One presented client_id and what the authentication statement read for it. The id is kept as
// SecretText (a caller may put a secret where the id goes) and the hash records are wiped when
// the entry goes.
struct MemoEntry {
  SecretText client_id;
  secrets::ClientSlots read;
  MemoEntry(std::string_view id, secrets::ClientSlots r) : client_id(id), read(std::move(r)) {}
  MemoEntry(MemoEntry&&) = default;
  MemoEntry& operator=(MemoEntry&&) = default;
  ~MemoEntry() {
    for (auto& slot : read.slots) {
      sodium_memzero(slot.hash.salt.data(), slot.hash.salt.size());
      sodium_memzero(slot.hash.hash.data(), slot.hash.hash.size());
    }
  }
};

struct AuthMemo {
  explicit AuthMemo(store::Db& db) : entries(db, store::CacheWatch::Scope::OwnTransactions) {}
  store::DataVersionCache<std::vector<MemoEntry>> entries;
  uint64_t writer_calls = 0;  // ConnState::writer_calls when the memo was last used
  int schema_version = 0;     // the tables' schema version then (a migration reads again)
  size_t reads = 0;           // statements read (the test build's count)
};

namespace {

constexpr size_t kMaxEntries = 8;

bool same_id(const SecretText& a, std::string_view b) {
  return a.size() == b.size() && (b.empty() || sodium_memcmp(a.data(), b.data(), b.size()) == 0);
}

AuthMemo& memo_of(ConnState& s) {
  if (!s.client_memo) s.client_memo = std::make_shared<AuthMemo>(s.db);
  return *s.client_memo;
}

// The entries trusted now, or an empty list filled anew (see client_memo.hpp for when).
std::vector<MemoEntry>& trusted_entries(ConnState& s, AuthMemo& m, int schema_version) {
  std::vector<MemoEntry>* held = m.entries.get();
  // This call passed Call::begin_write once; any other writer since the memo was last used
  // may have changed a client or a secret, and its own commit would have carried the memo.
  // A migration (run by this call's begin_write) may change any table: read again after one.
  if (held && (m.writer_calls + 1 != s.writer_calls || m.schema_version != schema_version)) held = nullptr;
  m.writer_calls = s.writer_calls;
  m.schema_version = schema_version;
  if (held) return *held;
  return m.entries.fill({});
}

}  // namespace

std::optional<ClientRecord> authenticate(ConnState& s, std::string_view client_id, std::string_view secret) {
  // Outside our own whole transaction (inside a caller's, or on PostgreSQL): as without a memo.
  if (!s.db.in_own_transaction()) return authenticate(s.db, client_id, secret);
  if (secret.size() > crypto::kMaxSecretBytes) return secrets::refused_unread(secret);
  // Checked (or read) in this call before the memo is looked at (data_version_cache.hpp, rule 1).
  int version = store::schema_version(s.db);
  AuthMemo& m = memo_of(s);
  std::vector<MemoEntry>& entries = trusted_entries(s, m, version);
  for (const MemoEntry& e : entries)
    if (same_id(e.client_id, client_id)) return secrets::verified(e.read, secret);
  m.reads++;
  secrets::ClientSlots read = secrets::read_client_slots(s.db, client_id);
  std::optional<ClientRecord> out = secrets::verified(read, secret);
  if (entries.size() == kMaxEntries) entries.erase(entries.begin());  // the oldest goes
  entries.emplace_back(client_id, std::move(read));
  return out;
}

#ifdef ORDS_SECURITY_TESTING
size_t auth_reads(const ConnState& s) { return s.client_memo ? s.client_memo->reads : 0; }
#endif

}  // namespace ords::clients
