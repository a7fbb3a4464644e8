// alloc_fault.hpp: failure injection for the C++ heap of the unit-test binary (issue 13, OOM).
//
// The binary's replaceable global operator new (freed_memory_test.cpp, the one definition the
// binary may have) asks alloc_fault::should_fail() first: while armed, the nth allocation from
// arm() on, and every one after it while sticky, fails (std::bad_alloc, or nullptr for the
// nothrow forms). Unarmed it costs one relaxed load. fault_oom_test.cpp arms it only around one
// sqlite3_step, so Catch2 and the test's own strings never see a failure.
#pragma once
#include <atomic>

namespace alloc_fault {

inline std::atomic<bool> g_armed{false};
inline std::atomic<long> g_left{0};
inline std::atomic<bool> g_sticky{false};
inline std::atomic<bool> g_fired{false};
inline std::atomic<long> g_total{0};  // failures injected since the start, for the figures

inline void arm(long n, bool sticky) {
  g_left = n;
  g_sticky = sticky;
  g_fired = false;
  g_armed = true;
}
inline bool disarm() {
  g_armed = false;
  return g_fired;
}
inline bool should_fail() noexcept {
  if (!g_armed.load(std::memory_order_relaxed)) return false;
  if (g_fired && !g_sticky) return false;
  if (g_fired || --g_left <= 0) {
    g_fired = true;
    g_total++;
    return true;
  }
  return false;
}

}  // namespace alloc_fault
