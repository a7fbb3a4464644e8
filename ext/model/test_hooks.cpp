// test_hooks.cpp: the test build's hooks, reachable from SQL so regress files can pin time,
// make randomness reproducible and force failures. Compiled to nothing in the release build;
// `make check` proves the release .so registers no ords_security_test_* function.
//
//   ords_security_test_clock(epoch)        pin this connection's clock (NULL: back to real time)
//   ords_security_test_clock_advance(secs) move the pinned clock
//   ords_security_test_seed(n)             reproducible random bytes from seed n (NULL: CSPRNG)
//   ords_security_test_fail_after_writes(n) the n-th write statement from now fails after
//                                          writing, to show that calls are atomic
// All are DIRECTONLY: they change the connection's state.
#include "test_hooks.hpp"

#include "../core/error.hpp"

namespace ords {

#ifdef ORDS_SECURITY_TESTING
namespace {

Value clock_pin(Call& c) {
  if (c.args.has("epoch")) c.conn.clock.pin(*c.args.opt_int("epoch"));
  else c.conn.clock.unpin();
  return Value::integer(c.now());
}

Value clock_advance(Call& c) {
  if (!c.conn.clock.pinned()) throw Error("the clock is not pinned; call ords_security_test_clock(epoch) first");
  c.conn.clock.advance(*c.args.opt_int("seconds"));
  return Value::integer(c.now());
}

Value seed(Call& c) {
  if (c.args.has("seed")) c.conn.rng.seed(*c.args.opt_int("seed"));
  else c.conn.rng.unseed();
  return Value::null();
}

Value fail_after_writes(Call& c) {
  int64_t n = *c.args.opt_int("n");
  if (n < 0) throw Error("p_n must be 0 or more");
  c.db().fail_after_writes = n;
  return Value::null();
}

}  // namespace
#endif

const std::vector<FnSpec>& test_hook_functions() {
#ifdef ORDS_SECURITY_TESTING
  static const std::vector<FnSpec> fns = {
      fn("ords_security_test_clock", clock_pin)
          .direct()
          .with_params({{"epoch", ParamType::Int}}),
      fn("ords_security_test_clock_advance", clock_advance)
          .direct()
          .with_params({{"seconds", ParamType::Int, true}}),
      fn("ords_security_test_seed", seed)
          .direct()
          .with_params({{"seed", ParamType::Int}}),
      fn("ords_security_test_fail_after_writes", fail_after_writes)
          .direct()
          .with_params({{"n", ParamType::Int, true}}),
  };
#else
  static const std::vector<FnSpec> fns;
#endif
  return fns;
}

}  // namespace ords
