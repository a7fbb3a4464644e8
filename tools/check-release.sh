#!/usr/bin/env bash
# check-release.sh: proves the release build is the release build.
#   tools/check-release.sh SQLITE3 build/ords_security.so
# - it registers no test hook (no ords_security_test_* function) and says testing=false;
# - it exports exactly one dynamic symbol, the entry point sqlite3_ordssecurity_init;
# - it does not link libsqlite3 (it uses the API table of the host that loads it);
# - it loads in the shell and answers ords_security_version().
# Prints one line per check and "release: N passed, N failed".
set -u
sqlite=${1:?usage: check-release.sh SQLITE3 LIB.so}
so=${2:?usage: check-release.sh SQLITE3 LIB.so}
passed=0; failed=0
check() {  # check NAME CONDITION-RESULT(0/1)
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok      release: $1"; else failed=$((failed + 1)); echo "FAILED  release: $1"; fi
}
lib=${so%.so}
hooks=$("$sqlite" -init /dev/null -batch :memory: ".load $lib" \
  "select count(*) from pragma_function_list where name like 'ords_security_test%';" 2>&1)
[ "$hooks" = 0 ]; check "no ords_security_test_* function (got: $hooks)" $?
testing=$("$sqlite" -init /dev/null -batch :memory: ".load $lib" \
  "select json_extract(ords_security_info(), '\$.build.testing');" 2>&1)
[ "$testing" = 0 ]; check "ords_security_info() says testing=false (got: $testing)" $?
syms=$(nm -D --defined-only "$so" 2>/dev/null | awk '{print $NF}' | sort | tr '\n' ' ')
[ "$syms" = "sqlite3_ordssecurity_init " ]; check "exports only sqlite3_ordssecurity_init (got: $syms)" $?
! objdump -p "$so" 2>/dev/null | grep -q 'NEEDED.*libsqlite3'; check "does not link libsqlite3" $?
ver=$("$sqlite" -init /dev/null -batch :memory: ".load $lib" "select ords_security_version();" 2>&1)
[[ "$ver" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; check "loads and reports version $ver" $?
echo "release: $passed passed, $failed failed"
[ $failed -eq 0 ]
