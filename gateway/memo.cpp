// memo.cpp: the per-worker memory of memo.hpp.
#include "memo.hpp"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <unordered_map>
#include <utility>

namespace gw {

namespace {

// The decision memo of one worker: check_request's answers for the exact same (method, URI,
// Authorization, Origin) within one second of the clock and one state of the database. A
// decision is a function of those inputs, the database and the time in whole seconds (the
// model's clock has no finer grain), so the memo answers exactly what check_request would; any
// commit (PRAGMA data_version, this worker's own OAuth calls counted) or the next second empties
// it. nginx asks /auth once per request, and a page's requests carry the same token.
struct Memo {
  int64_t second = -1;
  uint64_t state = 0;
  std::unordered_map<std::string, Decision> map;
};
thread_local Memo tls_memo;
constexpr size_t memo_cap = 4096;

Param opt(const char* v) { return v ? Param(v) : std::nullopt; }

}  // namespace

Decision decide(const Options& o, WorkerDb& db, const CheckArgs& a, const char* authz, const char* origin) {
  // A path relative to the alias resolves in MAIN, whatever schema the worker used last.
  db.use_schema("MAIN");
  if (!o.decision_memo) return db.check(a.method, a.uri, opt(authz), opt(origin));
  std::string key;
  key.reserve(a.method.size() + a.uri.size() + (authz ? std::strlen(authz) : 0) + (origin ? std::strlen(origin) : 0) + 8);
  key.append(a.method).append(1, '\n').append(a.uri).append(1, '\n');
  if (authz) key.append(1, '+').append(authz);
  key.append(1, '\n');
  if (origin) key.append(1, '+').append(origin);
  Memo& m = tls_memo;
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  uint64_t state = db.state();
  if (now != m.second || state != m.state || m.map.size() >= memo_cap) {
    m.map.clear();
    m.second = now;
    m.state = state;
  }
  auto it = m.map.find(key);
  if (it != m.map.end()) return it->second;
  Decision d = db.check(a.method, a.uri, opt(authz), opt(origin));
  // Decided across a second's boundary: not kept (it may hold the next second's answer).
  if (static_cast<int64_t>(std::time(nullptr)) == now) m.map.emplace(std::move(key), d);
  return d;
}

namespace {

// Which schema an alias names and which schema a client belongs to, remembered by each worker for
// one second: the token endpoint would otherwise pay two view scans per request beside the call
// itself. Only found answers are kept (a new schema or client is served at once); a change of an
// alias or a deleted client reaches this check within a second, while the extension's own checks
// (unknown client, disabled schema) stay immediate.
struct SchemaCache {
  using Clock = std::chrono::steady_clock;
  std::unordered_map<std::string, std::pair<std::string, Clock::time_point>> alias, client;
  static constexpr size_t cap = 4096;
  static const std::string* get(std::unordered_map<std::string, std::pair<std::string, Clock::time_point>>& m,
                                const std::string& k) {
    auto it = m.find(k);
    if (it == m.end() || Clock::now() - it->second.second > std::chrono::seconds(1)) return nullptr;
    return &it->second.first;
  }
  static void put(std::unordered_map<std::string, std::pair<std::string, Clock::time_point>>& m, const std::string& k,
                  const std::string& v) {
    if (m.size() >= cap) m.clear();
    m[k] = {v, Clock::now()};
  }
};
thread_local SchemaCache tls_schemas;

}  // namespace

std::optional<std::string> schema_of_alias(WorkerDb& db, const std::string& alias) {
  if (const std::string* s = SchemaCache::get(tls_schemas.alias, alias)) return *s;
  auto s = db.schema_of_alias(alias);
  if (s) SchemaCache::put(tls_schemas.alias, alias, *s);
  return s;
}

// True when the client belongs to `schema` (the worker's current schema already).
bool client_in_schema(WorkerDb& db, const std::string& client_id, const std::string& schema) {
  if (const std::string* s = SchemaCache::get(tls_schemas.client, client_id)) return *s == schema;
  bool in = db.client_in_current_schema(client_id);
  if (in) SchemaCache::put(tls_schemas.client, client_id, schema);
  return in;
}

}  // namespace gw
