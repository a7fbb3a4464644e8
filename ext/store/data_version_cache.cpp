// data_version_cache.cpp: the host-independent part of DataVersionCache (the rule is written in
// data_version_cache.hpp): registration with the Db, and the checks of rules 1 to 4.
#include "data_version_cache.hpp"

#include <algorithm>

#include "db.hpp"

namespace ords::store {

CacheWatch::CacheWatch(Db& db, Scope scope) : db_(db), scope_(scope) { db_.watches_.push_back(this); }

CacheWatch::~CacheWatch() {
  auto& w = db_.watches_;
  w.erase(std::remove(w.begin(), w.end(), this), w.end());
}

bool CacheWatch::cacheable_now() const {
  if (scope_ == Scope::OwnTransactions && db_.in_own_transaction()) return true;
  return !db_.in_write_transaction();
}

bool CacheWatch::check() {
  if (!valid_ || !cacheable_now()) return false;
  if (held()) return true;
  if (dv_ != db_.data_version()) return false;
  checked_in_tx_ = db_.in_own_transaction();
  return true;
}

bool CacheWatch::carry_to_current() {
  if (!valid_ || !cacheable_now() || db_.in_write_transaction()) return false;
  dv_ = db_.data_version();
  return true;
}

void CacheWatch::filled() {
  valid_ = cacheable_now();
  dv_ = db_.data_version();
  checked_in_tx_ = valid_ && db_.in_own_transaction();
}

bool CacheWatch::held() const {
  return valid_ && checked_in_tx_ && scope_ == Scope::OwnTransactions && db_.in_own_transaction();
}

void CacheWatch::own_begin() { checked_in_tx_ = false; }

void CacheWatch::own_commit(uint32_t before, uint32_t after) {
  checked_in_tx_ = false;
  if (valid_ && scope_ == Scope::OwnTransactions && dv_ == before) dv_ = after;
}

void CacheWatch::rolled_back() { forget(); }

}  // namespace ords::store
