// clock_rng_test.cpp: the two seams test builds control. The clock: real time unless pinned,
// pin/advance/unpin, ISO 8601 UTC text; through SQL, ords_security_test_clock(_advance) and a
// write stamped with the pinned time. The RNG: a seeded stream is reproducible for a seed and
// differs across seeds and across successive fills; unseeded bytes differ every time.
#include <catch2/catch.hpp>
#include <sodium.h>

#include <ctime>
#include <set>
#include <string>

#include "../core/clock.hpp"
#include "../core/rng.hpp"
#include "db_fixture.hpp"

using namespace ords;

namespace {

std::string draw(Rng& r, size_t n = 32) {
  std::string out(n, '\0');
  r.fill(reinterpret_cast<unsigned char*>(&out[0]), n);
  return out;
}

struct SodiumReady {
  SodiumReady() { REQUIRE(sodium_init() >= 0); }
};

}  // namespace

TEST_CASE("the clock reads real time until it is pinned", "[clock]") {
  Clock c;
  // The same clock the seam reads (std::time may use a coarser clock that lags it by a tick).
  auto wall = [] {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<int64_t>(ts.tv_sec);
  };
  int64_t before = wall();
  int64_t now = c.now();
  int64_t after = wall();
  CHECK(now >= before);
  CHECK(now <= after);
  CHECK_FALSE(c.pinned());
}

TEST_CASE("a pinned clock stays put, advances on request, and unpins", "[clock]") {
  Clock c;
  c.pin(1795332786);
  CHECK(c.pinned());
  CHECK(c.now() == 1795332786);
  CHECK(c.now() == 1795332786);
  c.advance(3600);
  CHECK(c.now() == 1795336386);
  c.advance(-86400);
  CHECK(c.now() == 1795249986);
  c.pin(0);
  CHECK(c.now() == 0);
  c.unpin();
  CHECK(c.now() > 1700000000);
}

TEST_CASE("iso8601 writes UTC with a trailing Z", "[clock]") {
  CHECK(iso8601(0) == "1970-01-01T00:00:00Z");
  CHECK(iso8601(1795332786) == "2026-11-22T07:33:06Z");
  CHECK(iso8601(951782400) == "2000-02-29T00:00:00Z");
  CHECK(iso8601(4102444799) == "2099-12-31T23:59:59Z");
}

TEST_CASE("the clock through SQL: pinned time stamps what a call writes", "[clock][host]") {
  DbFixture f;
  CHECK(f.one("select ords_security_test_clock(1795332786)") == "1795332786");
  CHECK(f.one("select create_role('r')") == "NULL");
  CHECK(f.one("select created_on from ords_sec_role where name = 'r'") == "1795332786");
  CHECK(f.one("select ords_security_test_clock_advance(60)") == "1795332846");
  CHECK(f.one("select rename_role('r', 's')") == "NULL");
  CHECK(f.one("select updated_on - created_on from ords_sec_role where name = 's'") == "60");
  // Unpinned: real time again, and advancing is refused.
  std::string real = f.one("select ords_security_test_clock(NULL)");
  CHECK(std::stoll(real) >= static_cast<long long>(std::time(nullptr)) - 5);
  CHECK(f.one("select ords_security_test_clock_advance(1)") ==
        "ERROR: ords_security_test_clock_advance: the clock is not pinned; call ords_security_test_clock(epoch) first");
  CHECK(f.one("select ords_security_test_clock('soon')") ==
        "ERROR: ords_security_test_clock: p_epoch must be a whole number, not text");
}

TEST_CASE("the clock is per connection", "[clock][host]") {
  DbFixture a, b;
  CHECK(a.one("select ords_security_test_clock(1000)") == "1000");
  std::string other = b.one("select ords_security_test_clock(NULL)");
  CHECK(std::stoll(other) > 1700000000);
}

TEST_CASE("a seeded RNG is reproducible per seed", "[rng]") {
  SodiumReady ready;
  Rng a, b;
  a.seed(42);
  b.seed(42);
  CHECK(a.seeded());
  std::string a1 = draw(a), a2 = draw(a, 17), a3 = draw(a, 100);
  CHECK(draw(b) == a1);
  CHECK(draw(b, 17) == a2);
  CHECK(draw(b, 100) == a3);
  // Successive fills differ from each other.
  CHECK(a1 != a3.substr(0, 32));
  // Re-seeding restarts the stream.
  a.seed(42);
  CHECK(draw(a) == a1);
}

TEST_CASE("different seeds give different streams", "[rng]") {
  SodiumReady ready;
  std::set<std::string> seen;
  for (int64_t s : {0LL, 1LL, 2LL, 42LL, -1LL, 1LL << 40}) {
    Rng r;
    r.seed(s);
    seen.insert(draw(r));
  }
  CHECK(seen.size() == 6);
}

TEST_CASE("an unseeded RNG differs every time, and unseed() returns to it", "[rng]") {
  SodiumReady ready;
  Rng a, b;
  CHECK_FALSE(a.seeded());
  std::set<std::string> seen;
  for (int i = 0; i < 8; i++) seen.insert(draw(a));
  seen.insert(draw(b));
  CHECK(seen.size() == 9);
  Rng s;
  s.seed(7);
  std::string seeded = draw(s);
  s.unseed();
  CHECK_FALSE(s.seeded());
  Rng t;
  t.seed(7);
  CHECK(draw(t) == seeded);
  CHECK(draw(s) != draw(t));  // unseeded now: not the seeded stream's second block
}

TEST_CASE("the seed hook through SQL", "[rng][host]") {
  DbFixture f;
  CHECK(f.one("select ords_security_test_seed(42)") == "NULL");
  CHECK(f.one("select ords_security_test_seed(NULL)") == "NULL");
  CHECK(f.one("select ords_security_test_seed('x')") ==
        "ERROR: ords_security_test_seed: p_seed must be a whole number, not text");
}
