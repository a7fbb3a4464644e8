#!/usr/bin/env bash
# check-build.sh: the build and packaging promises of the Makefile and tools/deps.sh, without
# rebuilding anything (make -n, make -W, a scratch DESTDIR).
#
#   tools/check-build.sh BUILD_DIR      (BUILD_DIR already built: make check builds it first)
#
# - CPPFLAGS and CXXFLAGS reach every compile line, LDFLAGS every link line (make -n into a scratch
#   build folder), and the project's own flags come first so the caller's win;
# - an object depends on the headers it includes, not on every header (make -n -W HEADER on the
#   built tree recompiles the files that include it and no others), and each object has its .d;
# - NO_DEPS=1 never runs tools/deps.sh; deps.sh finds everything with no dpkg or apt-get on PATH
#   (off Debian), and with ORDS_NO_APT=1 only warns about what is missing;
# - make install into a scratch DESTDIR, then make uninstall, leaves no file and no folder of ours.
# Prints one line per check and "build: N passed, N failed".
set -u
b=${1:?usage: check-build.sh BUILD_DIR}
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() {  # check NAME STATUS [DETAIL]
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok      build: $1"
  else failed=$((failed + 1)); echo "FAILED  build: $1${3:+ ($3)}"; fi
}
mk() { make --no-print-directory "$@" 2>&1; }

# 1. flags
n=$(mk -n B="$tmp/b" CPPFLAGS=-DORDS_CHECK_CPP CXXFLAGS=-DORDS_CHECK_CXX LDFLAGS=-Wl,-O1,--ords-check-ld \
      "$tmp/b/ords_security.so" "$tmp/b/test/ords_security.so" "$tmp/b/unit_tests")
compiles=$(grep -E ' -c [^ ]+\.cpp' <<<"$n")
links=$(grep -E -- '-o [^ ]+/(ords_security\.so|unit_tests)( |$)' <<<"$n")
nc=$(grep -c . <<<"$compiles"); nl=$(grep -c . <<<"$links")
bad=$(grep -v -- '-DORDS_CHECK_CPP' <<<"$compiles" | grep -c .)
[ "$nc" -gt 40 ] && [ "$bad" = 0 ]; check "CPPFLAGS on every compile line ($nc lines)" $? "$bad without it"
bad=$(grep -v -- '-DORDS_CHECK_CXX' <<<"$compiles" | grep -c .)
[ "$bad" = 0 ]; check "CXXFLAGS on every compile line" $? "$bad without it"
bad=$(grep -v -- '-Wl,-O1,--ords-check-ld' <<<"$links" | grep -c .)
[ "$nl" = 3 ] && [ "$bad" = 0 ]; check "LDFLAGS on every link line ($nl: release, test, unit tests)" $? "$bad without it"
line=$(grep -m1 -- '-c ext/core/text.cpp -o [^ ]*/release/' <<<"$compiles")
[[ "$line" == *"-O2 "*"-DORDS_CHECK_CXX"* ]]; check "the caller's CXXFLAGS come after the project's -O2" $?

# 2. header dependencies (the tree is built, so only what includes the header is out of date)
n=$(mk -n -W ext/policy/canonical.hpp B="$b" "$b/ords_security.so")
grep -q -- '-c ext/policy/canonical.cpp' <<<"$n" && ! grep -q -- '-c ext/model/roles.cpp' <<<"$n"
check "a header change recompiles its includers only ($(grep -c -- ' -c ' <<<"$n") of $(find ext -name '*.cpp' -not -path 'ext/tests/*' | wc -l) sources)" $?
missing=0
for o in $(find "$b/obj" -name '*.o' 2>/dev/null); do [ -f "${o%.o}.d" ] || missing=$((missing + 1)); done
[ -d "$b/obj" ] && [ $missing = 0 ]; check "every object has its dependency file (.d)" $? "$missing missing"

# 3. the dependency step
! mk -n NO_DEPS=1 B="$tmp/nd" "$tmp/nd/ords_security.so" | grep -q 'deps\.sh'
check "make NO_DEPS=1 does not run tools/deps.sh" $?
mk -n B="$tmp/d" "$tmp/d/ords_security.so" | grep -q 'deps\.sh build'
check "make runs tools/deps.sh build (not check) for the library" $?
bin=$tmp/bin; mkdir -p "$bin"
for t in "${CXX:-g++}" "${PKG_CONFIG:-pkg-config}" "${SQLITE3:-sqlite3}" openssl; do
  p=$(command -v "$t") && ln -sf "$p" "$bin/$(basename "$t")"
done
out=$(PATH=$bin "$(command -v bash)" tools/deps.sh check 2>&1); rc=$?
[ $rc = 0 ] && [ -z "$out" ]; check "deps.sh finds everything without dpkg or apt-get on PATH" $? "$out"
out=$(CXX=/nonexistent/c++ ORDS_NO_APT=1 tools/deps.sh build 2>&1); rc=$?
[ $rc = 0 ] && grep -q 'installing nothing' <<<"$out" && ! grep -q 'deps.sh: installing' <<<"$out"
check "ORDS_NO_APT=1: a missing compiler is reported, nothing installed" $?
out=$(PATH=$bin CXX=/nonexistent/c++ "$(command -v bash)" tools/deps.sh build 2>&1); rc=$?
[ $rc = 1 ] && grep -q 'not a Debian-like system' <<<"$out"
check "off Debian, something missing: named, and the build stops" $?

# 4. install / uninstall
root=$tmp/root
mk B="$b" DESTDIR="$root" PREFIX=/usr/local install >/dev/null
[ -f "$root/usr/local/lib/sqlite3/ords_security.so" ] && [ -f "$root/usr/local/share/doc/ords_security/LICENSE" ]
check "make install DESTDIR=...: the library, the docs, LICENSE ($(find "$root" -type f | wc -l) files)" $?
mk B="$b" DESTDIR="$root" PREFIX=/usr/local uninstall >/dev/null
left=$(find "$root" \( -type f -o -name 'ords_security' -o -path '*/lib/sqlite3' \) -print)
[ -z "$left" ]; check "make uninstall leaves nothing of ours" $? "$left"

echo "build: $passed passed, $failed failed"
[ $failed -eq 0 ]
