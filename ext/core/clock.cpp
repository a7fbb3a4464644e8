// clock.cpp: see clock.hpp.
#include "clock.hpp"

#include <ctime>

namespace ords {

int64_t Clock::now() const {
#ifdef ORDS_SECURITY_TESTING
  if (pinned_) return at_;
#endif
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec);
}

std::string iso8601(int64_t t) {
  time_t tt = static_cast<time_t>(t);
  struct tm tmv;
  gmtime_r(&tt, &tmv);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tmv);
  return buf;
}

}  // namespace ords
