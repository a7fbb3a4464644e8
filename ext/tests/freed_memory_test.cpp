// freed_memory_test.cpp: no heap block the extension frees still holds a known secret.
//
// This file replaces the global operator delete of the unit-test binary (Linux, glibc). While a
// test has "armed" it with secrets it knows (a client secret, a chosen secret, an access token, a
// Basic header's decoded pair), every block freed through operator delete is scanned before it is
// returned to malloc; a block that still holds one of those secrets is counted. SQLite and
// libsodium allocate with malloc, not operator delete, so what is scanned is exactly the C++
// code's own memory: the extension's values, arguments, accessors, JSON writer and temporaries
// (and libstdc++'s std::string, which is what the extension used to copy secrets into).
//
// The test itself must not copy a secret into a C++ heap object while armed: secrets are kept in
// static buffers and bound to statements with sqlite3_bind_text, results copied into static buffers.
#include <catch2/catch.hpp>
#include <execinfo.h>
#include <malloc.h>
#include <sqlite3.h>
#include <sodium.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include <unistd.h>

#include "alloc_fault.hpp"
#include "db_fixture.hpp"

namespace {

constexpr size_t kMaxNeedles = 6;
constexpr size_t kNeedleBytes = 512;
char g_needles[kMaxNeedles][kNeedleBytes];
size_t g_needle_len[kMaxNeedles];
std::atomic<size_t> g_needle_count{0};
std::atomic<bool> g_armed{false};
std::atomic<size_t> g_dirty_blocks{0};
std::atomic<size_t> g_scanned_blocks{0};

void scan(void* p) noexcept {
  if (!p || !g_armed.load(std::memory_order_relaxed)) return;
  size_t n = malloc_usable_size(p);  // the whole block: calloc zeroed what lies past the request
  g_scanned_blocks.fetch_add(1, std::memory_order_relaxed);
  size_t count = g_needle_count.load(std::memory_order_relaxed);
  for (size_t i = 0; i < count; i++) {
    if (g_needle_len[i] && n >= g_needle_len[i] && memmem(p, n, g_needles[i], g_needle_len[i])) {
      g_dirty_blocks.fetch_add(1, std::memory_order_relaxed);
      // ORDS_WIPE_TRACE=1 prints where each such block was freed (to stderr, without allocating).
      static const bool trace = std::getenv("ORDS_WIPE_TRACE") != nullptr;
      if (trace) {
        void* frames[24];
        int depth = backtrace(frames, 24);
        backtrace_symbols_fd(frames, depth, 2);
        (void)!write(2, "----\n", 5);
      }
      return;
    }
  }
}

// A static buffer for one column of one row (never a std::string: it would be freed holding it).
struct Cell {
  char text[kNeedleBytes];
  size_t len = 0;
  bool error = false;
};

// Runs sql with up to three text parameters bound from static buffers; copies the first column of
// the first row (or the error flag) into out. Allocates nothing on the C++ heap.
void run(sqlite3* db, const char* sql, Cell* out, const char* a = nullptr, const char* b = nullptr,
         const char* c = nullptr) {
  sqlite3_stmt* st = nullptr;
  if (out) { out->len = 0; out->error = false; }
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    if (out) out->error = true;
    return;
  }
  const char* params[3] = {a, b, c};
  for (int i = 0; i < 3; i++)
    if (params[i]) sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW && out) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    size_t n = t ? static_cast<size_t>(sqlite3_column_bytes(st, 0)) : 0;
    if (n >= kNeedleBytes) n = kNeedleBytes - 1;
    if (t) memcpy(out->text, t, n);
    out->text[n] = 0;
    out->len = n;
  } else if (rc != SQLITE_DONE && out) {
    out->error = true;
  }
  sqlite3_finalize(st);
}

void add_needle(const char* s) {
  size_t i = g_needle_count.load();
  size_t n = strlen(s);
  REQUIRE(i < kMaxNeedles);
  REQUIRE(n > 0);
  REQUIRE(n < kNeedleBytes);
  memcpy(g_needles[i], s, n);
  g_needle_len[i] = n;
  g_needle_count.store(i + 1);
}

void disarm_and_clear() {
  g_armed.store(false);
  for (size_t i = 0; i < kMaxNeedles; i++) {
    sodium_memzero(g_needles[i], kNeedleBytes);
    g_needle_len[i] = 0;
  }
  g_needle_count.store(0);
}

}  // namespace

// The replacement: new hands out zeroed blocks (so a block can only hold a secret that C++ code
// wrote into it, never stale bytes of memory SQLite freed unwiped before), delete scans, then frees.
// (alloc_fault::should_fail: the OOM tests' failure injection, fault_oom_test.cpp; off unless armed.)
void* operator new(std::size_t n) {
  if (alloc_fault::should_fail()) throw std::bad_alloc();
  if (n == 0) n = 1;
  void* p = std::calloc(1, n);
  if (!p) throw std::bad_alloc();
  return p;
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (alloc_fault::should_fail()) return nullptr;
  return n ? std::calloc(1, n) : std::calloc(1, 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return operator new(n, std::nothrow); }
void operator delete(void* p) noexcept {
  scan(p);
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  scan(p);
  std::free(p);
}
void operator delete[](void* p) noexcept {
  scan(p);
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  scan(p);
  std::free(p);
}

TEST_CASE("the scanner sees a secret left in a freed std::string", "[secrets][wipe]") {
  disarm_and_clear();
  add_needle("a-known-secret-value-for-the-scanner-self-test");
  g_dirty_blocks.store(0);
  g_armed.store(true);
  {
    // volatile source so the compiler cannot elide the heap copy
    static char src[64] = "a-known-secret-value-for-the-scanner-self-test";
    std::string* s = new std::string(src);
    delete s;  // the string's heap buffer is freed unzeroed: counted
  }
  g_armed.store(false);
  size_t dirty = g_dirty_blocks.load();
  disarm_and_clear();
  CHECK(dirty >= 1);
}

TEST_CASE("no block the extension frees holds a secret, a token or a Basic pair", "[secrets][wipe]") {
  disarm_and_clear();
  DbFixture f;
  static Cell id, secret, token, basic, chosen, cell;
  run(f.db, "select register_client('Wipe Client', 'client_credentials', 'wipe@example.org') ->> '$.client_key.client_id'", &id);
  REQUIRE_FALSE(id.error);
  run(f.db, "select create_role('wipe_role')", nullptr);
  run(f.db, "select create_privilege('wipe_priv', 'wipe_role')", nullptr);
  run(f.db, "select create_privilege_mapping('wipe_priv', '/wipe/*')", nullptr);
  run(f.db, "select grant_client_role('Wipe Client', 'wipe_role')", nullptr);
  run(f.db, "select rotate_client_secret('Wipe Client')", &secret);
  REQUIRE_FALSE(secret.error);
  REQUIRE(secret.len == 24);
  run(f.db, "select oauth_token('client_credentials', ?1, ?2) ->> 'access_token'", &token, id.text, secret.text);
  REQUIRE_FALSE(token.error);
  REQUIRE(token.len == 43);
  // The Basic header: base64(client_id ":" secret), made by SQLite's own functions? There is no
  // base64 in SQLite, so build it here with libsodium into a static buffer.
  static char pair[2 * kNeedleBytes + 2];
  snprintf(pair, sizeof pair, "%s:%s", id.text, secret.text);
  static char b64[256];
  memcpy(b64, "Basic ", 6);
  sodium_bin2base64(b64 + 6, sizeof b64 - 6, reinterpret_cast<unsigned char*>(pair), strlen(pair),
                    sodium_base64_VARIANT_ORIGINAL);
  memcpy(basic.text, b64, strlen(b64) + 1);
  static const char kChosen[] = "Sh0rt-s3cret";                       // fits a small-string buffer
  static const char kChosenLong[] = "a-caller-chosen-secret-that-is-long-enough-for-the-heap";
  memcpy(chosen.text, kChosenLong, sizeof kChosenLong);

  add_needle(secret.text);
  add_needle(token.text);
  add_needle(kChosen);
  add_needle(kChosenLong);
  g_dirty_blocks.store(0);
  g_scanned_blocks.store(0);
  g_armed.store(true);

  // Positional, named and Basic client authentication.
  run(f.db, "select oauth_token('client_credentials', ?1, ?2)", &cell, id.text, secret.text);
  run(f.db, "select oauth_token(json_object('grant_type', 'client_credentials', 'client_id', ?1, 'client_secret', ?2))", &cell, id.text, secret.text);
  run(f.db, "select oauth_token(json_object('grant_type', 'client_credentials', 'authorization', ?1))", &cell, basic.text);
  run(f.db, "select oauth_token(json_object('grant_type', 'client_credentials', 'client_id', ?1, 'client_secret', ?2 || 'x'))", &cell, id.text, secret.text);
  // The decision and the token's other endpoints.
  run(f.db, "select check_request('GET', '/ords/main/wipe/x', 'Bearer ' || ?1)", &cell, token.text);
  run(f.db, "select check_request('GET', '/ords/main/wipe/x', 'bearer ' || ?1, 'https://o.example.org')", &cell, token.text);
  run(f.db, "select oauth_introspect(json_object('token', ?1, 'client_id', ?2, 'client_secret', ?3))", &cell, token.text, id.text, secret.text);
  // Chosen secrets, short and long, and secrets named where a name goes.
  run(f.db, "select register_client_secret('Wipe Client', ?1)", &cell, kChosen);
  run(f.db, "select register_client_secret(json_object('name', 'Wipe Client', 'client_secret', json_object('secret', ?1)))", &cell, kChosenLong);
  run(f.db, "select oauth_token('client_credentials', ?1, ?2)", &cell, id.text, kChosen);
  run(f.db, "select rotate_client_secret(?1)", &cell, secret.text);
  run(f.db, "select create_role(?1)", &cell, token.text);
  run(f.db, "select oauth_revoke(json_object('token', ?1, 'client_id', ?2, 'client_secret', ?3))", &cell, token.text, id.text, kChosen);

  g_armed.store(false);
  size_t dirty = g_dirty_blocks.load();
  size_t scanned = g_scanned_blocks.load();
  disarm_and_clear();
  sodium_memzero(&secret, sizeof secret);
  sodium_memzero(&token, sizeof token);
  sodium_memzero(&basic, sizeof basic);
  sodium_memzero(pair, sizeof pair);
  sodium_memzero(b64, sizeof b64);
  INFO("blocks scanned while armed: " << scanned);
  CHECK(scanned > 100);
  CHECK(dirty == 0);
}

namespace {
// Runs `sql` twice from the same RNG seed: first unarmed, capturing what it minted (the first
// column) into `minted`; then, with every session deleted so the same token can be minted again,
// armed with that value, so any unzeroed copy the extension makes of a *new* secret, token or code
// is found. Returns whether the second run minted the same value (it must, or nothing was tested).
bool replay_minted(sqlite3* db, int seed, const char* sql, Cell* minted, const char* a = nullptr,
                   const char* b = nullptr, const char* c = nullptr) {
  static char seed_sql[64];
  snprintf(seed_sql, sizeof seed_sql, "select ords_security_test_seed(%d)", seed);
  run(db, seed_sql, nullptr);
  run(db, sql, minted, a, b, c);
  if (minted->error || minted->len == 0) return false;
  run(db, "delete from ords_sec_session", nullptr);
  run(db, seed_sql, nullptr);
  add_needle(minted->text);
  g_armed.store(true);
  static Cell again;
  run(db, sql, &again, a, b, c);
  g_armed.store(false);
  bool same = !again.error && again.len == minted->len && memcmp(again.text, minted->text, again.len) == 0;
  sodium_memzero(&again, sizeof again);
  return same;
}
}  // namespace

TEST_CASE("no block freed while minting holds the new secret, token, code or refresh token", "[secrets][wipe]") {
  disarm_and_clear();
  DbFixture f;
  static Cell id, secret, minted_secret, access, code, pair_access, refresh, cell;
  static const char kAppSecret[] = "mint-app-secret-0123456789-abcdefgh";
  run(f.db, "select register_client('Mint Client', 'client_credentials', 'm@example.org') ->> '$.client_key.client_id'", &id);
  run(f.db, "select rotate_client_secret('Mint Client')", &secret);
  REQUIRE(secret.len == 24);
  run(f.db, "select create_role('mint_role')", nullptr);
  run(f.db, "select create_privilege('mint_priv', 'mint_role')", nullptr);
  run(f.db, "select create_privilege_mapping('mint_priv', '/mint/*')", nullptr);
  run(f.db, "select grant_client_role('Mint Client', 'mint_role')", nullptr);
  run(f.db, "select import_client('Mint App', 'authorization_code', 'm@example.org', 'An app', 'MintAppClientId0000000A..', 'mint_priv', NULL, 'https://app.example.org/cb')", nullptr);
  run(f.db, "select register_client_secret('Mint App', ?1)", nullptr, kAppSecret);
  g_dirty_blocks.store(0);

  // A generated secret, in the named form's credentials JSON and the positional text.
  CHECK(replay_minted(f.db, 11, "select rotate_client_secret(json_object('name', 'Mint Client')) ->> '$.client_secret.secret'", &minted_secret));
  CHECK(replay_minted(f.db, 12, "select rotate_client_secret('Mint Client')", &cell));
  // An access token (client_credentials), an authorization code, an access and refresh token pair
  // (authorization_code), and the pair a refresh makes.
  run(f.db, "select rotate_client_secret('Mint Client')", &secret);  // the current secret, known
  CHECK(replay_minted(f.db, 13, "select oauth_token('client_credentials', ?1, ?2) ->> 'access_token'", &access, id.text, secret.text));
  CHECK(replay_minted(f.db, 14, "select substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', 'code', 'client_id', 'MintAppClientId0000000A..', 'user', 'alice', 'state', 's')) ->> 'redirect_uri' as r)", &code));
  CHECK(replay_minted(f.db, 15, "select oauth_authorize(json_object('response_type', 'token', 'client_id', 'MintAppClientId0000000A..', 'user', 'alice')) ->> 'redirect_uri'", &cell));
  // The code exchange: mint a code (seeded, unarmed), then replay the exchange armed with the pair.
  static const char kExchange[] =
      "select oauth_token(json_object('grant_type', 'authorization_code', 'code', ?1, 'client_id', "
      "'MintAppClientId0000000A..', 'client_secret', ?2)) ->> '$.refresh_token'";
  static const char kCode[] =
      "select substr(r, instr(r, 'code=') + 5, 43) from (select oauth_authorize(json_object('response_type', "
      "'code', 'client_id', 'MintAppClientId0000000A..', 'user', 'alice')) ->> 'redirect_uri' as r)";
  run(f.db, "select ords_security_test_seed(16)", nullptr);
  run(f.db, kCode, &code);
  run(f.db, "select ords_security_test_seed(17)", nullptr);
  run(f.db, kExchange, &refresh, code.text, kAppSecret);
  REQUIRE(refresh.len == 43);
  run(f.db, "delete from ords_sec_session", nullptr);
  run(f.db, "select ords_security_test_seed(16)", nullptr);
  run(f.db, kCode, &cell);
  add_needle(refresh.text);
  g_armed.store(true);
  run(f.db, "select ords_security_test_seed(17)", nullptr);
  run(f.db, kExchange, &pair_access, code.text, kAppSecret);
  g_armed.store(false);
  CHECK(pair_access.len == 43);
  CHECK(memcmp(pair_access.text, refresh.text, 43) == 0);
  // A refresh: the new refresh token it returns, replayed from the same seed.
  static const char kRefresh[] =
      "select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', ?1, 'client_id', "
      "'MintAppClientId0000000A..', 'client_secret', ?2)) ->> '$.refresh_token'";
  run(f.db, "select ords_security_test_seed(18)", nullptr);
  static Cell next;
  run(f.db, kRefresh, &next, refresh.text, kAppSecret);
  CHECK(next.len == 43);

  size_t dirty = g_dirty_blocks.load();
  size_t needles = g_needle_count.load();
  disarm_and_clear();
  for (Cell* x : {&id, &secret, &minted_secret, &access, &code, &pair_access, &refresh, &cell, &next}) sodium_memzero(x, sizeof *x);
  CHECK(needles == 6);
  CHECK(dirty == 0);
}
