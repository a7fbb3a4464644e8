#!/usr/bin/env bash
# sanitize.sh: the unit tests and the regress suite on the ASan + UBSan build (make sanitize).
#
#   tools/sanitize.sh SQLITE3 ASAN_BUILD_DIR            (make sanitize: ASAN_BUILD_DIR = build/asan)
#   tools/sanitize.sh SQLITE3 ASAN_BUILD_DIR TEST ...   only those regress tests, no unit tests
#                                                       (make sanitize T="04_roles 05_privileges")
#
# ASAN_BUILD_DIR/unit_tests and ASAN_BUILD_DIR/test/ords_security.so are built with
# -fsanitize=address,undefined -fno-sanitize-recover=undefined: any undefined behaviour aborts,
# any memory error aborts, and LeakSanitizer checks every process at exit. The sqlite3 shell is
# not instrumented, so the regress suite runs it with the ASan runtime preloaded (LD_PRELOAD of the
# libasan and libstdc++ the extension is linked with; ASan must be the first library loaded, the
# extension is dlopen'ed later), ahead of what is preloaded already (stdbuf's line buffering, which
# the runner relies on, is a preload too). Only the shell gets it, not the runner's sed or diff.
# Leaks that belong to SQLite or the shell are suppressed by name in tools/lsan.supp (leak
# checking itself stays on). Every sanitizer report is written under ASAN_BUILD_DIR/san-logs/ and
# any report fails the run, whatever the test's own result.
# Prints "sanitize: N passed, N failed" last; exit 0 only if all passed and nothing was reported.
set -u
sqlite=${1:?usage: sanitize.sh SQLITE3 ASAN_BUILD_DIR}
b=${2:?usage: sanitize.sh SQLITE3 ASAN_BUILD_DIR}
shift 2
cd "$(dirname "$0")/.." || exit 2
here=$(pwd)
b=$(cd "$b" && pwd)
so=$b/test/ords_security.so
logs=$b/san-logs
rm -rf "$logs"; mkdir -p "$logs"
passed=0; failed=0

export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:log_path=$logs/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan"
export LSAN_OPTIONS="suppressions=$here/tools/lsan.supp:print_suppressions=0"

# The runtimes the extension is linked with. libstdc++ is preloaded too: the shell is C, and ASan
# resolves its C++ interceptors (__cxa_throw) when it starts, before the extension brings
# libstdc++ in; without it the first exception the extension throws aborts in ASan's CHECK.
libasan=$(ldd "$so" 2>/dev/null | awk '/libasan/ {print $3; exit}')
[ -n "$libasan" ] || libasan=$(${CXX:-g++} -print-file-name=libasan.so)
libstdcxx=$(ldd "$so" 2>/dev/null | awk '/libstdc\+\+/ {print $3; exit}')
[ -n "$libstdcxx" ] || libstdcxx=$(${CXX:-g++} -print-file-name=libstdc++.so)
for f in "$libasan" "$libstdcxx"; do
  [ -f "$f" ] || { echo "sanitize: no runtime '$f' for $so (is it built with -fsanitize=address?)"; exit 2; }
done

if [ $# -eq 0 ]; then
  echo "== unit tests (Catch2, ASan + UBSan)"
  out=$("$b"/unit_tests 2>&1); rc=$?
  echo "$out" | tail -n 5
  if [ $rc -eq 0 ]; then passed=$((passed + 1)); echo "ok      sanitize: unit tests"
  else failed=$((failed + 1)); echo "FAILED  sanitize: unit tests (exit $rc)"; fi
fi

echo "== regress (sqlite3 shell with the ASan runtime preloaded, ASan + UBSan test build)"
shell=$b/sqlite3-asan
real_shell=$(command -v "$sqlite") || { echo "sanitize: no sqlite3 shell ($sqlite)"; exit 2; }
# The shell and libsqlite3 are built without frame pointers, so ASan's fast unwinder stops at their
# first frame and a leak of theirs would show no function to suppress it by: the shell records
# allocation stacks with the slower DWARF unwinder, 16 frames deep (the unit tests keep the fast one).
cat >"$shell" <<EOF
#!/bin/sh
# the sqlite3 shell with the ASan runtime first (tools/sanitize.sh)
ASAN_OPTIONS="\$ASAN_OPTIONS:fast_unwind_on_malloc=0:malloc_context_size=16" \\
LD_PRELOAD="$libasan $libstdcxx\${LD_PRELOAD:+ \$LD_PRELOAD}" exec $real_shell "\$@"
EOF
chmod +x "$shell"
out=$(regress/run.sh "$shell" "$so" "$b"/regress "$@" 2>&1); rc=$?
echo "$out" | grep -v '^ok ' || true
if [[ "$out" =~ regress:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]] && [ $rc -eq 0 ]; then
  passed=$((passed + 1)); echo "ok      sanitize: regress suite (${BASH_REMATCH[1]} tests)"
else
  failed=$((failed + 1)); echo "FAILED  sanitize: regress suite"
  [ -f "$b"/regress/regression.diffs ] && head -n 60 "$b"/regress/regression.diffs
fi

reports=$(find "$logs" -type f | sort)
if [ -z "$reports" ]; then
  passed=$((passed + 1)); echo "ok      sanitize: no sanitizer report"
else
  failed=$((failed + 1)); echo "FAILED  sanitize: sanitizer reports in $logs:"
  for r in $reports; do echo "--- $r"; head -n 40 "$r"; done
fi
echo "sanitize: $passed passed, $failed failed"
[ $failed -eq 0 ]
