// clock.hpp: the one clock seam. Every "now" of the model (issued_on, expiries, created_on) comes
// from Clock::now(), seconds since the Unix epoch, UTC.
//
// Release builds read the system clock and nothing else. Test builds (-DORDS_SECURITY_TESTING)
// add pin() and advance(), reached from SQL through ords_security_test_clock(...) so regress files
// can state times and test expiry boundaries. The release build has no such members at all.
#pragma once
#include <cstdint>
#include <string>

namespace ords {

class Clock {
 public:
  int64_t now() const;

#ifdef ORDS_SECURITY_TESTING
  void pin(int64_t epoch_seconds) { pinned_ = true; at_ = epoch_seconds; }
  void unpin() { pinned_ = false; }
  void advance(int64_t seconds) { at_ += seconds; }
  bool pinned() const { return pinned_; }

 private:
  bool pinned_ = false;
  int64_t at_ = 0;
#endif
};

// ISO 8601 UTC text with a trailing Z: 2026-11-22T07:33:06Z.
std::string iso8601(int64_t epoch_seconds);

}  // namespace ords
