// data_version_cache.hpp: the one rule for caching what is read from the database between calls.
//
// A DataVersionCache<T> holds one value read from `main` (the schema version of the tables, the
// instance settings, the request decision's protection, next the JWT key sets) and says when it
// may be used again. The rule, written once here:
//
//  1. Valid for one data version. Db::data_version() changes with every commit to `main`, by this
//     connection or another; a value filled at one data version is not handed out at another.
//     The data version is only as current as this connection's last read of the file, so call
//     get() after the call has read something (a statement over a table, PRAGMA schema_version).
//  2. Never filled or trusted inside this connection's own uncommitted write transaction: its
//     uncommitted changes do not move the data version and a ROLLBACK takes them back, so what
//     is read then is good for the current call only. fill() still stores the value (the caller
//     uses it for the rest of the call) but marks it untrusted, and get() returns nullptr.
//     The one exception is Scope::OwnTransactions: inside a Transaction of ours that is the
//     connection's whole transaction (BEGIN IMMEDIATE, Db::in_own_transaction()), nothing is
//     uncommitted but the call's own writes, and nobody else can write until it ends. Such a
//     cache is filled and trusted there, and its owner promises to forget() it whenever the call
//     writes what it caches. Once checked inside that transaction, get_held() returns it without
//     any read (nobody else can change it until the transaction ends).
//  3. Carried across this connection's own commit only when the owner says nothing it caches
//     changed. For Scope::OwnTransactions that is the promise of rule 2: a value still held at
//     COMMIT (not forgotten) was not changed by it, so its data version moves on with the commit
//     (before -> after). A Scope::OutsideWrites cache is never carried: the next call reads again.
//  4. Any rollback of a Transaction of ours (BEGIN IMMEDIATE or SAVEPOINT) forgets every cache.
//  5. Carried to a new data version by a stamp: an owner that can read, in the current call, a
//     stamp that changes whenever anything it caches changes (the policy generation of
//     store/schema.cpp, version 5) may carry() a value filled under the same stamp to the current
//     data version. Never inside this connection's own write transaction (rule 2). A stamp may
//     cover only part of the value: an owner whose stamp says that part is unchanged (the
//     protection generation of version 8 covers the decision's guards) may carry() the value and
//     drop every other part before using it, so that only what the stamp vouches for is kept.
//     An owner may also patch what moved, when a record read in the same call names all of it
//     (version 9's change log names the privileges whose guards moved): it reads everything the
//     patch needs first, then carries and patches in memory, forgetting the value if that fails.
//
// The cache registers itself with its Db (which tells it of begins, commits and rollbacks) and
// must not outlive it: declare it after the Db it watches (ConnState does).
#pragma once
#include <cstdint>
#include <utility>

namespace ords::store {

class Db;

// The part of every DataVersionCache that does not depend on T.
class CacheWatch {
 public:
  enum class Scope {
    OutsideWrites,    // filled and trusted only while the connection has no write transaction
    OwnTransactions,  // also inside a whole transaction of ours; carried across its commit
  };
  CacheWatch(const CacheWatch&) = delete;
  CacheWatch& operator=(const CacheWatch&) = delete;
  virtual ~CacheWatch();

  // Rule 5: the held value (filled while trusted) is valid at the current data version, because
  // its owner just read an unchanged stamp. False, and nothing changes, when there is no trusted
  // value or nothing may be trusted now (rule 2).
  bool carry_to_current();
  // Drops the value: the next get() misses. Call it when the current call writes what is cached.
  void forget() {
    valid_ = false;
    checked_in_tx_ = false;
  }
  // A value filled now would be trusted later (rule 2).
  bool cacheable_now() const;

 protected:
  CacheWatch(Db& db, Scope scope);
  bool check();        // rules 1 and 2: the held value may be used now
  void filled();       // a value was just stored
  bool held() const;   // checked inside the current own transaction (Scope::OwnTransactions)
  bool trusted() const { return valid_; }

 private:
  friend class Db;
  friend class Transaction;
  void own_begin();                              // BEGIN IMMEDIATE of ours
  void own_commit(uint32_t before, uint32_t after);  // its COMMIT, data version before and after
  void rolled_back();                            // a Transaction of ours rolled back

  Db& db_;
  Scope scope_;
  bool valid_ = false;          // filled while cacheable, not forgotten since
  uint32_t dv_ = 0;             // the data version it was filled (or carried) at
  bool checked_in_tx_ = false;  // checked or filled inside the current own transaction
};

template <class T>
class DataVersionCache : public CacheWatch {
 public:
  explicit DataVersionCache(Db& db, Scope scope = Scope::OutsideWrites) : CacheWatch(db, scope) {}

  // The value, if it may be used now (rules 1 and 2); else nullptr. The caller must have read
  // the database in this call first (rule 1). Mutable, so an owner may add to what it holds
  // (the decision fills its per-schema entries lazily) as long as what it adds was read now.
  T* get() { return check() ? &value_ : nullptr; }
  // Inside our own whole transaction, the value already checked in it (no read needed); else
  // nullptr. Only for Scope::OwnTransactions.
  T* get_held() { return held() ? &value_ : nullptr; }
  // Rule 5: the value last filled while trusted, now valid at the current data version; nullptr
  // when carry_to_current() refuses.
  T* carry() { return carry_to_current() ? &value_ : nullptr; }
  // Stores a value read just now and returns it. It is trusted later only if cacheable_now();
  // either way the caller may use the returned reference for the rest of the call.
  T& fill(T value) {
    value_ = std::move(value);
    filled();
    return value_;
  }
  // The value last filled while cacheable, possibly stale: a hint for choosing what to read
  // first, never an answer. nullptr when there is none.
  const T* last() const { return trusted() ? &value_ : nullptr; }

 private:
  T value_{};
};

}  // namespace ords::store
