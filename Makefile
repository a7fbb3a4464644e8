# ords_security: the ORDS OAuth2 security model as a loadable SQLite extension.
#
#   make            build/ords_security.so (release), build/test/ords_security.so (test hooks) and
#                   build/ords-gateway (the HTTP gateway, docs/gateway.md)
#   make demo       run sql/demo.sql in the sqlite3 shell on a file database
#   make check      unit tests (Catch2), the regress suite, the release-surface and repository checks
#   make sanitize   the unit tests and the regress suite again, built with ASan + UBSan (build/asan)
#   make bench      performance figures beside bare SQLite (docs/benchmarks.md)
#   make regress-one T=04_roles     one regress test; make regress-accept T=... after review
#   make B=build-x ...              build (and run tests) in another folder
#   make install PREFIX=/usr/local  the library and the docs (DESTDIR= honoured); make uninstall
#   make fuzz       build/canonical_fuzz (clang); make fuzz-run FUZZ_TIME=10 runs it
#   make fuzz-check every fuzz/*_fuzz.cpp for FUZZ_CHECK_TIME seconds under ASan + UBSan (CI)
#   make regress-sqlite-new         the regress suite on SQLite 3.52 (CI)
#   make check-gateway, make bench-http     the gateway's tests (in make check) and its figures
#   make pg, pg-install, pg-check, pg-bench the PostgreSQL extension (docs/postgres.md)
#   make clean
# Build options: CXX, CPPFLAGS, CXXFLAGS, LDFLAGS (added after the project's own flags, so yours
# win), PKG_CONFIG, SQLITE3 (the shell the tests use). Flags apply to what is compiled next: use a
# fresh B= (or make clean) after changing them. Missing Debian packages are installed first
# (tools/deps.sh: only what is not found); NO_DEPS=1 skips that step, ORDS_NO_APT=1 in the
# environment installs nothing and only warns about what is missing.

CXX        ?= g++
PKG_CONFIG ?= pkg-config
SQLITE3    ?= sqlite3
PREFIX     ?= /usr/local
NO_DEPS    ?=
SAN        ?=

B ?= build
SRCS  := $(shell find ext -name '*.cpp' -not -path 'ext/tests/*' -not -path 'ext/host/pg/*' -not -name db_pg.cpp | sort)
TESTS := $(shell find ext/tests -name '*.cpp' | sort)

REL_OBJS  := $(SRCS:%.cpp=$(B)/obj/release/%.o)
TEST_OBJS := $(SRCS:%.cpp=$(B)/obj/test/%.o)
UNIT_OBJS := $(TESTS:%.cpp=$(B)/obj/unit/%.o)
DEP_FILES := $(REL_OBJS:.o=.d) $(TEST_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(B)/bench.d

# Deferred (=) so that pkg-config runs after tools/deps.sh has installed it. Without pkg-config
# (NO_DEPS=1 on a system that has the libraries but not it) the plain -l names are used.
DEP_CFLAGS  = $(shell $(PKG_CONFIG) --cflags sqlite3 libsodium libcrypto 2>/dev/null)
SODIUM_LIBS = $(or $(shell $(PKG_CONFIG) --libs libsodium 2>/dev/null),-lsodium)
SQLITE_LIBS = $(or $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null),-lsqlite3)
CRYPTO_LIBS = $(or $(shell $(PKG_CONFIG) --libs libcrypto 2>/dev/null),-lcrypto)
WARN      := -Wall -Wextra -Wshadow -Wno-unused-parameter
CXXSTD    := -std=c++17 -fPIC -fvisibility=hidden -fvisibility-inlines-hidden
DEPFLAGS  := -MMD -MP
# make sanitize builds the test build in $(B)/asan with SAN=1: ASan + UBSan, any UB is fatal.
comma     := ,
# (-Wno-maybe-uninitialized: GCC's false positives in libstdc++ under the sanitizers.)
SAN_FLAGS := $(if $(SAN),-fsanitize=address$(comma)undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
                         -Wno-maybe-uninitialized)
# The project's flags first, then the caller's CPPFLAGS/CXXFLAGS: a packager's -O or -D wins.
REL_FLAGS  = $(CXXSTD) -O2 -DNDEBUG $(WARN) $(CPPFLAGS) $(DEP_CFLAGS) $(CXXFLAGS)
TEST_FLAGS = $(CXXSTD) -O1 -g -DORDS_SECURITY_TESTING $(WARN) $(CPPFLAGS) $(DEP_CFLAGS) $(CXXFLAGS) $(SAN_FLAGS)
# The extension never links libsqlite3: it calls SQLite through the API table the host passes in.
SO_LDFLAGS = -shared -Wl,--no-undefined -Wl,--version-script=ext/exports.map

# What each step needs installed (tools/deps.sh): "build" a compiler, pkg-config, the sqlite3 and
# libsodium headers; "shell" also the sqlite3 shell; "check" also Catch2.
DEPS_FOR = $(if $(NO_DEPS),,$(B)/.deps-$(1))

.PHONY: all deps demo check unit regress regress-one regress-accept surface-release bench install \
        uninstall sanitize sanitize-build clean help fuzz fuzz-run

all: $(B)/ords_security.so $(B)/test/ords_security.so

help:
	@sed -n '3,22p' Makefile | sed 's/^# \{0,1\}//'

deps: $(call DEPS_FOR,check)
$(B)/.deps-%: tools/deps.sh
	@mkdir -p $(B)
	@CXX='$(CXX)' PKG_CONFIG='$(PKG_CONFIG)' SQLITE3='$(SQLITE3)' CPPFLAGS='$(CPPFLAGS)' tools/deps.sh $*
	@touch $@

# Each object depends on its source and on the headers it includes (the .d files the compiler
# writes with -MMD); an object without its .d is rebuilt once.
$(B)/obj/release/%.o: %.cpp $(B)/obj/release/%.d | $(call DEPS_FOR,build)
	@mkdir -p $(dir $@)
	$(CXX) $(REL_FLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/obj/test/%.o: %.cpp $(B)/obj/test/%.d | $(call DEPS_FOR,build)
	@mkdir -p $(dir $@)
	$(CXX) $(TEST_FLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/obj/unit/%.o: %.cpp $(B)/obj/unit/%.d | $(call DEPS_FOR,check)
	@mkdir -p $(dir $@)
	$(CXX) $(TEST_FLAGS) $(DEPFLAGS) -c $< -o $@

# Catch2's runner (the largest file by far) is not ours to check: built without the sanitizers, it
# is linked into the sanitized binary all the same.
$(B)/obj/unit/ext/tests/main.o: SAN_FLAGS :=

$(DEP_FILES): ;
.PRECIOUS: $(DEP_FILES)
include $(wildcard $(DEP_FILES))

$(B)/ords_security.so: $(REL_OBJS) ext/exports.map
	$(CXX) $(CXXFLAGS) $(SO_LDFLAGS) $(LDFLAGS) -o $@ $(REL_OBJS) $(SODIUM_LIBS) $(CRYPTO_LIBS)

$(B)/test/ords_security.so: $(TEST_OBJS) ext/exports.map
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) $(SAN_FLAGS) $(SO_LDFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJS) $(SODIUM_LIBS) $(CRYPTO_LIBS)

# The unit-test binary links the test build's objects with SQLite itself and registers the
# extension as an auto-extension, so every connection it opens has ords_security loaded.
$(B)/unit_tests: $(UNIT_OBJS) $(TEST_OBJS)
	$(CXX) $(CXXFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $(UNIT_OBJS) $(TEST_OBJS) $(SQLITE_LIBS) $(SODIUM_LIBS) $(CRYPTO_LIBS)

demo: $(B)/ords_security.so | $(call DEPS_FOR,shell)
	@rm -f $(B)/demo.db $(B)/demo.db-wal $(B)/demo.db-shm
	sed 's#^\.load build/ords_security#.load $(B)/ords_security#' sql/demo.sql | $(SQLITE3) -init /dev/null -batch $(B)/demo.db

unit: $(B)/unit_tests
	$(B)/unit_tests

regress: $(B)/test/ords_security.so | $(call DEPS_FOR,shell)
	regress/run.sh $(SQLITE3) $(B)/test/ords_security.so $(B)/regress

regress-one: $(B)/test/ords_security.so | $(call DEPS_FOR,shell)
	regress/run.sh $(SQLITE3) $(B)/test/ords_security.so $(B)/regress $(T)

regress-accept:
	@for t in $(T); do cp $(B)/regress/$$t.out regress/expected/$$t.out && echo "accepted $$t"; done

surface-release: $(B)/ords_security.so | $(call DEPS_FOR,shell)
	tools/check-release.sh $(SQLITE3) $(B)/ords_security.so

check: $(B)/unit_tests $(B)/test/ords_security.so $(B)/ords_security.so | $(call DEPS_FOR,check)
	@tools/check.sh $(SQLITE3) $(B)

# ASan + UBSan: the test build and the unit tests in $(B)/asan (its own objects), then
# tools/sanitize.sh runs the unit tests and the regress suite on them (.ci/run runs this);
# make sanitize T="04_roles ..." runs only those regress tests.
sanitize: sanitize-build
	@tools/sanitize.sh $(SQLITE3) $(B)/asan $(T)
sanitize-build:
	@$(MAKE) --no-print-directory B=$(B)/asan SAN=1 $(B)/asan/unit_tests $(B)/asan/test/ords_security.so

# Benchmarks: figures side by side with bare SQLite (bench/bench.cpp); not tests, never fail on speed.
bench: $(B)/bench $(B)/ords_security.so
	$(B)/bench --ext $(B)/ords_security --db $(B)/bench.db

$(B)/bench: bench/bench.cpp $(B)/bench.d | $(call DEPS_FOR,build)
	$(CXX) -std=c++17 -O2 $(WARN) $(CPPFLAGS) $(DEP_CFLAGS) $(CXXFLAGS) $(DEPFLAGS) $(LDFLAGS) -o $@ $< $(SQLITE_LIBS) $(SODIUM_LIBS) $(CRYPTO_LIBS)

# install and uninstall mirror each other: one library, the docs in their own folder.
LIBDIR := $(DESTDIR)$(PREFIX)/lib/sqlite3
DOCDIR := $(DESTDIR)$(PREFIX)/share/doc/ords_security
DOCS   := README.md LICENSE CHANGELOG.md $(wildcard docs/*.md)

install: $(B)/ords_security.so
	install -d $(LIBDIR) $(DOCDIR)
	install -m 0644 $(B)/ords_security.so $(LIBDIR)/ords_security.so
	install -m 0644 $(DOCS) $(DOCDIR)/
	@echo "installed: .load $(PREFIX)/lib/sqlite3/ords_security"

uninstall:
	rm -f $(LIBDIR)/ords_security.so $(addprefix $(DOCDIR)/,$(notdir $(DOCS)))
	-rmdir $(DOCDIR) 2>/dev/null
	-rmdir $(LIBDIR) 2>/dev/null
	@echo "uninstalled from $(DESTDIR)$(PREFIX)"

clean:
	rm -rf $(B)

# libFuzzer harness of the request-path canonicalizer and the privilege glob (fuzz/canonical_fuzz.cpp,
# clang++ with ASan and UBSan; docs/testing.md "Fuzzing"):
#   make B=<dir> fuzz                      builds <dir>/canonical_fuzz
#   make B=<dir> fuzz-run FUZZ_TIME=300    runs it with fuzz/canonical.dict on the corpus <dir>/fuzz-corpus
FUZZ_CXX  ?= clang++
FUZZ_TIME ?= 60
FUZZ_SRCS := fuzz/canonical_fuzz.cpp ext/policy/canonical.cpp ext/policy/match.cpp ext/core/text.cpp
fuzz: $(B)/canonical_fuzz $(B)/jwt_fuzz $(B)/jwt_json_fuzz $(B)/plsql_fuzz
$(B)/canonical_fuzz: $(FUZZ_SRCS) $(wildcard ext/core/*.hpp ext/policy/*.hpp)
	@command -v $(FUZZ_CXX) >/dev/null || { echo "make fuzz needs clang: apt-get install clang"; exit 1; }
	@mkdir -p $(B)
	$(FUZZ_CXX) -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  $(CPPFLAGS) -o $@ $(FUZZ_SRCS)
fuzz-run: $(B)/canonical_fuzz
	@mkdir -p $(B)/fuzz-corpus
	$(B)/canonical_fuzz -dict=fuzz/canonical.dict -max_total_time=$(FUZZ_TIME) -max_len=9000 $(B)/fuzz-corpus
# fuzz/jwt_fuzz.cpp: the JWS splitter, signature checks, JWK Set keys and claims checks (ext/jwt).
JWT_FUZZ_SRCS := fuzz/jwt_fuzz.cpp $(wildcard ext/jwt/*.cpp)
$(B)/jwt_fuzz: $(JWT_FUZZ_SRCS) $(wildcard ext/core/*.hpp ext/jwt/*.hpp)
	@command -v $(FUZZ_CXX) >/dev/null || { echo "make fuzz needs clang: apt-get install clang"; exit 1; }
	@mkdir -p $(B)
	$(FUZZ_CXX) -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  $(CPPFLAGS) $(DEP_CFLAGS) -o $@ $(JWT_FUZZ_SRCS) $(SODIUM_LIBS) $(CRYPTO_LIBS)
# fuzz/jwt_json_fuzz.cpp: headers, claims and JWK Sets as JSON text through core/json_reader into ext/jwt.
JWT_JSON_FUZZ_SRCS := fuzz/jwt_json_fuzz.cpp $(wildcard ext/jwt/*.cpp) ext/core/json_reader.cpp ext/core/text.cpp ext/core/args.cpp
$(B)/jwt_json_fuzz: $(JWT_JSON_FUZZ_SRCS) $(wildcard ext/core/*.hpp ext/jwt/*.hpp)
	@command -v $(FUZZ_CXX) >/dev/null || { echo "make fuzz needs clang: apt-get install clang"; exit 1; }
	@mkdir -p $(B)
	$(FUZZ_CXX) -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  $(CPPFLAGS) $(DEP_CFLAGS) -o $@ $(JWT_JSON_FUZZ_SRCS) $(SODIUM_LIBS) $(CRYPTO_LIBS)

# fuzz/plsql_fuzz.cpp: the ORDS script lexer and parser (ext/plsql, issue 11); seeds in fuzz/corpus/plsql/.
PLSQL_FUZZ_SRCS := fuzz/plsql_fuzz.cpp ext/plsql/lexer.cpp ext/plsql/parser.cpp ext/core/text.cpp
$(B)/plsql_fuzz: $(PLSQL_FUZZ_SRCS) $(wildcard ext/core/*.hpp ext/plsql/*.hpp)
	@command -v $(FUZZ_CXX) >/dev/null || { echo "make fuzz needs clang: apt-get install clang"; exit 1; }
	@mkdir -p $(B)
	$(FUZZ_CXX) -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  $(CPPFLAGS) $(DEP_CFLAGS) -o $@ $(PLSQL_FUZZ_SRCS) $(SODIUM_LIBS)

# ---- PostgreSQL (issue 15; docs/postgres.md): the same model as a PostgreSQL 15 extension ----
#   make pg          build/pg/ords_security.so and its install script (PGXS, pg/Makefile)
#   make pg-install  install them into the PostgreSQL that pg_config names (as root, or sudo)
#   make pg-check    the pg_regress suite, the shared SQLite regress cases (pg/shared_cases), the
#                    race and the replication tests on temporary instances (pg/run-check.sh;
#                    loopback only, stopped at the end)
#   make pg-bench    the PostgreSQL figures of docs/benchmarks.md
# The generator of the install script (pg/gen_install.cpp) links the SQLite build's objects: it
# reads the one registration table. PG_TEST=1 builds the test flavour (test hooks) instead.
PG_CONFIG ?= pg_config
PG_B      := $(B)/pg$(if $(PG_TEST),-test)
PG_GEN_OBJS = $(if $(PG_TEST),$(TEST_OBJS),$(REL_OBJS))
.PHONY: pg pg-install pg-check pg-bench

$(PG_B)/gen_install: pg/gen_install.cpp $(PG_GEN_OBJS) | $(call DEPS_FOR,pg)
	@mkdir -p $(PG_B)
	$(CXX) $(if $(PG_TEST),$(TEST_FLAGS),$(REL_FLAGS)) -o $@ $< $(PG_GEN_OBJS) $(SODIUM_LIBS) $(CRYPTO_LIBS)

pg: $(PG_B)/gen_install
	@$(MAKE) --no-print-directory -C $(PG_B) -f $(CURDIR)/pg/Makefile VPATH=$(CURDIR)/pg ROOT=$(CURDIR) \
	  GEN=$(abspath $(PG_B))/gen_install PG_CONFIG=$(PG_CONFIG) TEST=$(PG_TEST)

pg-install: pg
	@$(MAKE) --no-print-directory -C $(PG_B) -f $(CURDIR)/pg/Makefile VPATH=$(CURDIR)/pg ROOT=$(CURDIR) \
	  GEN=$(abspath $(PG_B))/gen_install PG_CONFIG=$(PG_CONFIG) TEST=$(PG_TEST) install

pg-check:
	@$(MAKE) --no-print-directory PG_TEST=1 pg-install
	pg/run-check.sh $(PG_CONFIG) $(B)/pg-check

pg-bench: pg-install $(B)/pg/bench_pg
	pg/run-bench.sh $(PG_CONFIG) $(B)/pg-bench $(B)/pg/bench_pg

$(B)/pg/bench_pg: pg/bench_pg.cpp | $(call DEPS_FOR,pg)
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 -O2 $(WARN) -I$(shell $(PG_CONFIG) --includedir) -o $@ $< -L$(shell $(PG_CONFIG) --libdir) -lpq

# ---- The HTTP gateway (gateway/, docs/gateway.md, API.md section 12) ----
# build/ords-gateway serves the model over HTTP with libmicrohttpd (and libcurl for JWKS); it
# loads the extension at run time and calls only its SQL functions. `make` builds it;
#   make check-gateway     its tests: the seed flows with curl, hostile HTTP, nginx auth_request,
#                          JWKS refresh over HTTPS (gateway/tests/run.sh; make check runs it)
#   make bench-http        wrk on loopback: /auth beside nginx `return 200;`, the token endpoint
#                          beside in-process oauth_token (docs/benchmarks.md "The HTTP gateway")
#   make gateway-fuzz      build/gateway_fuzz (clang, libFuzzer) over the request readers
GW_SRCS  := $(sort $(wildcard gateway/*.cpp))
GW_OBJS  := $(GW_SRCS:%.cpp=$(B)/obj/gateway/%.o)
GW_CFLAGS = $(shell $(PKG_CONFIG) --cflags libmicrohttpd libcurl sqlite3 libcrypto 2>/dev/null)
GW_LIBS   = $(or $(shell $(PKG_CONFIG) --libs libmicrohttpd 2>/dev/null),-lmicrohttpd) \
            $(or $(shell $(PKG_CONFIG) --libs libcurl 2>/dev/null),-lcurl) $(SQLITE_LIBS) $(CRYPTO_LIBS) -pthread
$(GW_OBJS:.o=.d): ;
include $(wildcard $(GW_OBJS:.o=.d))
.PHONY: gateway check-gateway bench-http gateway-fuzz
.PRECIOUS: $(B)/.deps-gwlib $(B)/.deps-gateway

all: $(B)/ords-gateway
gateway: $(B)/ords-gateway
check: $(B)/ords-gateway
fuzz: $(B)/gateway_fuzz

$(B)/obj/gateway/%.o: %.cpp $(B)/obj/gateway/%.d | $(call DEPS_FOR,gwlib)
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 -O2 $(WARN) $(CPPFLAGS) $(GW_CFLAGS) $(CXXFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/ords-gateway: $(GW_OBJS)
	$(CXX) $(CXXFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $(GW_OBJS) $(GW_LIBS)

check-gateway: $(B)/ords-gateway $(B)/ords_security.so | $(call DEPS_FOR,gateway)
	@gateway/tests/run.sh $(B)

bench-http: $(B)/ords-gateway $(B)/ords_security.so $(B)/bench_token | $(call DEPS_FOR,gateway)
	@gateway/bench/bench-http.sh $(B)

# The in-process side of bench-http: oauth_token in autocommit on the same database.
$(B)/bench_token: gateway/bench/bench_token.cpp | $(call DEPS_FOR,build)
	$(CXX) -std=c++17 -O2 $(WARN) $(CPPFLAGS) $(DEP_CFLAGS) $(CXXFLAGS) $(LDFLAGS) -o $@ $< $(SQLITE_LIBS) -pthread

GW_FUZZ_SRCS := fuzz/gateway_fuzz.cpp gateway/request.cpp
gateway-fuzz: $(B)/gateway_fuzz
$(B)/gateway_fuzz: $(GW_FUZZ_SRCS) gateway/request.hpp
	@command -v $(FUZZ_CXX) >/dev/null || { echo "make gateway-fuzz needs clang: apt-get install clang"; exit 1; }
	@mkdir -p $(B)
	$(FUZZ_CXX) -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  $(CPPFLAGS) $(GW_CFLAGS) -o $@ $(GW_FUZZ_SRCS) $(GW_LIBS)

# Reliability (issue 13; docs/testing.md "Faults, crashes, soak"): every libFuzzer harness
# fuzz/*_fuzz.cpp, each FUZZ_CHECK_TIME seconds (default 30) under ASan + UBSan, its seeds from
# fuzz/corpus/<name>/ (tools/fuzz-check.sh; clang from tools/deps.sh fuzz); and the regress suite
# on a newer SQLite (3.52, built from npm's sqlite3 package into $(B)/sqlite-new; tools/sqlite-new.sh).
.PHONY: fuzz-check regress-sqlite-new
fuzz-check: | $(call DEPS_FOR,fuzz)
	@tools/fuzz-check.sh $(B)
regress-sqlite-new: $(B)/test/ords_security.so | $(call DEPS_FOR,sqlite-new)
	@tools/sqlite-new.sh $(B)
