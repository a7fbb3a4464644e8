# ords_security: the ORDS OAuth2 security model as a loadable SQLite extension.
#
#   make            build/ords_security.so (release) and build/test/ords_security.so (test hooks)
#   make demo       run sql/demo.sql in the sqlite3 shell on a file database
#   make check      unit tests (Catch2), the regress suite, and the release-surface check
#   make bench      performance figures beside bare SQLite (docs/benchmarks.md)
#   make regress-one T=04_roles     one regress test; make regress-accept T=... after review
#   make B=build-x ...              build (and run tests) in another folder
#   make install PREFIX=/usr/local  the library and the docs
#   make clean
# Missing Debian packages are installed first (tools/deps.sh).

CXX        ?= g++
PKG_CONFIG ?= pkg-config
SQLITE3    ?= sqlite3
PREFIX     ?= /usr/local

B ?= build
SRCS  := $(shell find ext -name '*.cpp' -not -path 'ext/tests/*' | sort)
HDRS  := $(shell find ext -name '*.hpp')
TESTS := $(shell find ext/tests -name '*.cpp' | sort)

REL_OBJS  := $(SRCS:%.cpp=$(B)/obj/release/%.o)
TEST_OBJS := $(SRCS:%.cpp=$(B)/obj/test/%.o)
UNIT_OBJS := $(TESTS:%.cpp=$(B)/obj/unit/%.o)

# Deferred (=) so that pkg-config runs after tools/deps.sh has installed it.
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3 libsodium libcrypto)
SODIUM_LIBS = $(shell $(PKG_CONFIG) --libs libsodium)
CRYPTO_LIBS = $(shell $(PKG_CONFIG) --libs libcrypto)
SQLITE_LIBS = $(shell $(PKG_CONFIG) --libs sqlite3)
WARN      := -Wall -Wextra -Wshadow -Wno-unused-parameter
CXXSTD    := -std=c++17 -fPIC -fvisibility=hidden -fvisibility-inlines-hidden
REL_FLAGS  = $(CXXSTD) -O2 -DNDEBUG $(WARN) $(DEP_CFLAGS)
TEST_FLAGS = $(CXXSTD) -O1 -g -DORDS_SECURITY_TESTING $(WARN) $(DEP_CFLAGS)
# The extension never links libsqlite3: it calls SQLite through the API table the host passes in.
SO_LDFLAGS = -shared -Wl,--no-undefined -Wl,--version-script=ext/exports.map

.PHONY: all deps demo check unit regress regress-one regress-accept surface-release bench install clean help

all: $(B)/ords_security.so $(B)/test/ords_security.so

help:
	@sed -n '3,10p' Makefile | sed 's/^# \{0,1\}//'

deps: $(B)/.deps
$(B)/.deps: tools/deps.sh
	@mkdir -p $(B)
	@tools/deps.sh
	@touch $@

$(B)/obj/release/%.o: %.cpp $(HDRS) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CXX) $(REL_FLAGS) -c $< -o $@

$(B)/obj/test/%.o: %.cpp $(HDRS) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CXX) $(TEST_FLAGS) -c $< -o $@

$(B)/obj/unit/%.o: %.cpp $(HDRS) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CXX) $(TEST_FLAGS) -c $< -o $@

$(B)/ords_security.so: $(REL_OBJS) ext/exports.map
	$(CXX) $(SO_LDFLAGS) -o $@ $(REL_OBJS) $(SODIUM_LIBS) $(CRYPTO_LIBS)

$(B)/test/ords_security.so: $(TEST_OBJS) ext/exports.map
	@mkdir -p $(dir $@)
	$(CXX) $(SO_LDFLAGS) -o $@ $(TEST_OBJS) $(SODIUM_LIBS) $(CRYPTO_LIBS)

# The unit-test binary links the test build's objects with SQLite itself and registers the
# extension as an auto-extension, so every connection it opens has ords_security loaded.
$(B)/unit_tests: $(UNIT_OBJS) $(TEST_OBJS)
	$(CXX) -o $@ $(UNIT_OBJS) $(TEST_OBJS) $(SQLITE_LIBS) $(SODIUM_LIBS) $(CRYPTO_LIBS)

demo: $(B)/ords_security.so
	@rm -f $(B)/demo.db $(B)/demo.db-wal $(B)/demo.db-shm
	sed 's#^\.load build/ords_security#.load $(B)/ords_security#' sql/demo.sql | $(SQLITE3) -init /dev/null -batch $(B)/demo.db

unit: $(B)/unit_tests
	$(B)/unit_tests

regress: $(B)/test/ords_security.so
	regress/run.sh $(SQLITE3) $(B)/test/ords_security.so $(B)/regress

regress-one: $(B)/test/ords_security.so
	regress/run.sh $(SQLITE3) $(B)/test/ords_security.so $(B)/regress $(T)

regress-accept:
	@for t in $(T); do cp $(B)/regress/$$t.out regress/expected/$$t.out && echo "accepted $$t"; done

surface-release: $(B)/ords_security.so
	tools/check-release.sh $(SQLITE3) $(B)/ords_security.so

check: $(B)/unit_tests $(B)/test/ords_security.so $(B)/ords_security.so
	@tools/check.sh $(SQLITE3) $(B)

# Benchmarks: figures side by side with bare SQLite (bench/bench.cpp); not tests, never fail on speed.
bench: $(B)/bench $(B)/ords_security.so
	$(B)/bench --ext $(B)/ords_security --db $(B)/bench.db

$(B)/bench: bench/bench.cpp | $(B)/.deps
	$(CXX) -std=c++17 -O2 $(WARN) $(DEP_CFLAGS) -o $@ $< $(SQLITE_LIBS) $(CRYPTO_LIBS)

install: $(B)/ords_security.so
	install -d $(DESTDIR)$(PREFIX)/lib/sqlite3 $(DESTDIR)$(PREFIX)/share/doc/ords_security
	install -m 0644 $(B)/ords_security.so $(DESTDIR)$(PREFIX)/lib/sqlite3/ords_security.so
	install -m 0644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/ords_security/
	@echo "installed: .load $(PREFIX)/lib/sqlite3/ords_security"

clean:
	rm -rf $(B)

# libFuzzer harness of the request-path canonicalizer and the privilege glob (fuzz/canonical_fuzz.cpp,
# clang++ with ASan and UBSan): make B=<dir> fuzz, then <dir>/canonical_fuzz -max_total_time=300
FUZZ_CXX ?= clang++
FUZZ_SRCS := fuzz/canonical_fuzz.cpp ext/policy/canonical.cpp ext/policy/match.cpp ext/core/text.cpp
.PHONY: fuzz
fuzz: $(B)/canonical_fuzz $(B)/jwt_fuzz
$(B)/canonical_fuzz: $(FUZZ_SRCS) $(HDRS)
	@command -v $(FUZZ_CXX) >/dev/null || { echo "make fuzz needs clang: apt-get install clang"; exit 1; }
	@mkdir -p $(B)
	$(FUZZ_CXX) -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -o $@ $(FUZZ_SRCS)
# fuzz/jwt_fuzz.cpp: the JWS splitter, signature checks, JWK Set keys and claims checks (ext/jwt).
JWT_FUZZ_SRCS := fuzz/jwt_fuzz.cpp $(wildcard ext/jwt/*.cpp)
$(B)/jwt_fuzz: $(JWT_FUZZ_SRCS) $(HDRS) | $(B)/.deps
	@command -v $(FUZZ_CXX) >/dev/null || { echo "make fuzz needs clang: apt-get install clang"; exit 1; }
	$(FUZZ_CXX) -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $(DEP_CFLAGS) -o $@ $(JWT_FUZZ_SRCS) $(SODIUM_LIBS) $(CRYPTO_LIBS)
