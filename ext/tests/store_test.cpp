// store_test.cpp: the storage seam (store/db.hpp, store/data_version_cache.hpp) on its own, over a
// raw connection: the statement cache (in use, nested, cleared while in use, built SQL),
// bind_opt, Transaction (BEGIN IMMEDIATE or SAVEPOINT), and the one cache rule of
// DataVersionCache (another connection commits: reload; own uncommitted write: not cached; own
// whole transaction: trusted and carried across its commit; rollback: forgotten).
#include <catch2/catch.hpp>

#include <cstdio>
#include <optional>
#include <type_traits>
#include <string>
#include <unistd.h>

#include "../core/error.hpp"
#include "../store/data_version_cache.hpp"
#include "../store/db.hpp"
#include "db_fixture.hpp"
#include "temp_db_file.hpp"

using namespace ords;

namespace {

// A connection (the extension loaded, which sets up the API the store calls) and a store::Db of
// our own over it, with caching on. The Db is destroyed first, finalizing its statements.
struct StoreFixture {
  DbFixture f;
  store::Db db;
  explicit StoreFixture(const char* path = ":memory:") : f(path), db(f.db) {
    db.enable_cache(true);
    REQUIRE(f.exec("create table if not exists t(x integer)") == "");
  }
};

int64_t count(StoreFixture& s) {
  store::Stmt st = s.db.prepare("SELECT count(*) FROM t");
  REQUIRE(st.step());
  return st.int64(0);
}

}  // namespace

TEST_CASE("a literal is prepared once and reused", "[store]") {
  StoreFixture s;
  size_t before = s.db.cached_statements();
  for (int i = 0; i < 3; i++) CHECK(count(s) == 0);
  CHECK(s.db.cached_statements() == before + 1);
  CHECK(s.db.cached_in_use() == 0);
}

TEST_CASE("the same literal prepared while a Stmt of it is alive gets a separate statement", "[store]") {
  StoreFixture s;
  REQUIRE(s.f.exec("insert into t values (1), (2), (3)") == "");
  auto seq = [&]() { return s.db.prepare("SELECT x FROM t ORDER BY x"); };
  store::Stmt outer = seq();
  REQUIRE(outer.step());
  CHECK(outer.int64(0) == 1);
  CHECK(s.db.cached_in_use() == 1);
  {
    // Nested: the inner statement runs to its end without disturbing the outer one.
    store::Stmt inner = seq();
    int64_t sum = 0;
    while (inner.step()) sum += inner.int64(0);
    CHECK(sum == 6);
    CHECK(s.db.cached_in_use() == 1);  // the inner one is private, not a second cache entry
  }
  REQUIRE(outer.step());
  CHECK(outer.int64(0) == 2);
  size_t cached = s.db.cached_statements();
  {
    store::Stmt moved = std::move(outer);  // a moved Stmt gives its entry back once
    REQUIRE(moved.step());
    CHECK(moved.int64(0) == 3);
  }
  CHECK(s.db.cached_in_use() == 0);
  store::Stmt again = seq();  // from the cache, reset
  REQUIRE(again.step());
  CHECK(again.int64(0) == 1);
  CHECK(s.db.cached_statements() == cached);
}

TEST_CASE("clearing the cache while a statement is in use leaves that statement to its Stmt", "[store]") {
  StoreFixture s;
  REQUIRE(s.f.exec("insert into t values (1), (2)") == "");
  {
    store::Stmt st = s.db.prepare("SELECT x FROM t ORDER BY x");
    REQUIRE(st.step());
    s.db.clear_cache();
    CHECK(s.db.cached_statements() == 0);
    REQUIRE(st.step());  // still usable
    CHECK(st.int64(0) == 2);
  }  // finalized here
  // Prepared afresh and cached again.
  CHECK(count(s) == 2);
  CHECK(s.db.cached_statements() == 1);
  s.db.clear_cache();
  // Nothing is left unfinalized: the connection closes cleanly.
  sqlite3_stmt* left = sqlite3_next_stmt(s.f.db, nullptr);
  int mine = 0;
  for (; left; left = sqlite3_next_stmt(s.f.db, left))
    mine += std::string(sqlite3_sql(left)).find("FROM t") != std::string::npos ? 1 : 0;
  CHECK(mine == 0);
}

TEST_CASE("built SQL takes its own path: never cached, finalized with its Stmt", "[store]") {
  StoreFixture s;
  size_t before = s.db.cached_statements();
  std::string sql = "SELECT ?1 + " + std::to_string(41);
  {
    store::Stmt st = s.db.prepare_built(sql);
    st.bind(1, 1);
    REQUIRE(st.step());
    CHECK(st.int64(0) == 42);
  }
  CHECK(s.db.cached_statements() == before);
  CHECK_THROWS_AS(s.db.prepare_built("SELECT FROM"), StoreError);
  CHECK_THROWS_AS(s.db.prepare_built("   "), Error);
}

TEST_CASE("bind_opt binds an empty optional as NULL, else its value", "[store]") {
  StoreFixture s;
  store::Stmt st = s.db.prepare("SELECT ?1 IS NULL, ?2 IS NULL, ?3, ?4");
  st.bind_opt(1, std::optional<int64_t>{}).bind_opt(2, std::optional<std::string>{});
  st.bind_opt(3, std::optional<int64_t>{7}).bind_opt(4, std::optional<std::string>{"x"});
  REQUIRE(st.step());
  CHECK(st.int64(0) == 1);
  CHECK(st.int64(1) == 1);
  CHECK(st.int64(2) == 7);
  CHECK(st.text(3) == "x");
}

TEST_CASE("Transaction: BEGIN IMMEDIATE in autocommit, a SAVEPOINT inside the caller's", "[store]") {
  StoreFixture s;
  {
    store::Transaction tx(s.db);
    CHECK(s.db.in_own_transaction());
    CHECK(s.db.in_write_transaction());  // IMMEDIATE: the write lock is held before any read
    CHECK(sqlite3_get_autocommit(s.f.db) == 0);
    REQUIRE(s.f.exec("insert into t values (1)") == "");
    tx.commit();
  }
  CHECK_FALSE(s.db.in_own_transaction());
  CHECK(sqlite3_get_autocommit(s.f.db) == 1);
  CHECK(count(s) == 1);
  {
    store::Transaction tx(s.db);
    REQUIRE(s.f.exec("insert into t values (2)") == "");
  }  // rolled back
  CHECK(count(s) == 1);
  // Inside the caller's transaction: a savepoint; its rollback undoes the call alone.
  REQUIRE(s.f.exec("begin; insert into t values (10)") == "");
  {
    store::Transaction tx(s.db);
    CHECK_FALSE(s.db.in_own_transaction());
    REQUIRE(s.f.exec("insert into t values (11)") == "");
  }
  CHECK(count(s) == 2);
  {
    store::Transaction tx(s.db);
    REQUIRE(s.f.exec("insert into t values (12)") == "");
    tx.commit();  // RELEASE: still the caller's to commit
  }
  CHECK(sqlite3_get_autocommit(s.f.db) == 0);
  REQUIRE(s.f.exec("commit") == "");
  CHECK(count(s) == 3);
}

TEST_CASE("DataVersionCache: another connection's commit means a reload", "[store][cache]") {
  TempDbFile p;
  StoreFixture a(p.path.c_str());
  DbFixture b(p.path.c_str());
  store::DataVersionCache<int64_t> cache(a.db);
  CHECK(cache.get() == nullptr);
  cache.fill(count(a));  // a read, then the fill: valid for this data version
  REQUIRE(cache.get() != nullptr);
  CHECK(*cache.get() == 0);
  count(a);
  CHECK(cache.get() != nullptr);  // nothing changed
  REQUIRE(b.exec("insert into t values (1)") == "");
  count(a);  // the read that makes the data version current
  CHECK(cache.get() == nullptr);
  CHECK(cache.last() != nullptr);  // a hint only, stale
  cache.fill(count(a));
  CHECK(*cache.get() == 1);
}

TEST_CASE("DataVersionCache: nothing read inside the connection's own uncommitted write is cached", "[store][cache]") {
  StoreFixture s;
  store::DataVersionCache<int64_t> cache(s.db);
  store::DataVersionCache<int64_t> own(s.db, store::CacheWatch::Scope::OwnTransactions);
  REQUIRE(s.f.exec("begin; insert into t values (1)") == "");
  CHECK_FALSE(cache.cacheable_now());
  CHECK_FALSE(own.cacheable_now());  // the caller's transaction, not ours
  int64_t& v = cache.fill(count(s));
  CHECK(v == 1);                    // usable for the rest of the call
  CHECK(cache.get() == nullptr);    // but not trusted
  REQUIRE(s.f.exec("rollback") == "");
  count(s);
  CHECK(cache.get() == nullptr);    // and never resurrected: the data version did not move
  cache.fill(count(s));
  CHECK(*cache.get() == 0);
  // A filled cache is not trusted while the caller has written since.
  REQUIRE(s.f.exec("begin; insert into t values (1)") == "");
  CHECK(cache.get() == nullptr);
  REQUIRE(s.f.exec("rollback") == "");
  count(s);
  CHECK(cache.get() != nullptr);
}

TEST_CASE("DataVersionCache: inside our own transaction, trusted, carried across its commit, forgotten on rollback",
          "[store][cache]") {
  StoreFixture s;
  store::DataVersionCache<int64_t> own(s.db, store::CacheWatch::Scope::OwnTransactions);
  store::DataVersionCache<int64_t> outside(s.db);
  own.fill(count(s));
  outside.fill(count(s));
  {
    store::Transaction tx(s.db);
    CHECK(own.get_held() == nullptr);  // not yet checked inside this transaction
    count(s);
    CHECK(own.get() != nullptr);       // our whole transaction: trusted
    CHECK(own.get_held() != nullptr);  // and from now on without a read
    CHECK(outside.get() == nullptr);   // an OutsideWrites cache is not
    REQUIRE(s.f.exec("insert into t values (1)") == "");  // what neither caches (the owner's promise)
    tx.commit();
  }
  CHECK(own.get_held() == nullptr);
  count(s);
  CHECK(own.get() != nullptr);      // carried across our own commit
  CHECK(outside.get() == nullptr);  // not carried: read again
  // Filled inside our own transaction, then rolled back: forgotten.
  {
    store::Transaction tx(s.db);
    REQUIRE(s.f.exec("insert into t values (2)") == "");
    own.fill(count(s));
    CHECK(*own.get() == 2);
  }
  count(s);
  CHECK(own.get() == nullptr);
  // forget(): the owner wrote what it caches.
  own.fill(count(s));
  own.forget();
  CHECK(own.get() == nullptr);
}

TEST_CASE("SqlLiteral: made from literals only", "[store]") {
  // Compile-time properties: a literal converts; a char pointer, a std::string and a writable
  // buffer do not (so the cache never keys on an address that can be reused).
  STATIC_REQUIRE(std::is_convertible<const char (&)[4], store::SqlLiteral>::value);
  STATIC_REQUIRE_FALSE(std::is_convertible<const char*, store::SqlLiteral>::value);
  STATIC_REQUIRE_FALSE(std::is_convertible<std::string, store::SqlLiteral>::value);
  STATIC_REQUIRE_FALSE(std::is_convertible<char (&)[4], store::SqlLiteral>::value);
  CHECK_FALSE(static_cast<bool>(store::SqlLiteral(nullptr)));
}
