#!/usr/bin/env bash
# run.sh: the regress suite, the pg_regress way, through the sqlite3 shell.
#
#   regress/run.sh SQLITE3 EXTENSION.so [TEST ...]
#
# Runs each test (default: every `test:` line of regress/schedule, in order) as
#   sqlite3 -init /dev/null -batch :memory:  with the extension loaded, echo on,
# from the regress/ folder, writes regress/results/T.out, and compares it with
# regress/expected/T.out (or an alternative T_1.out ... for real platform differences).
# Failures are appended to regress/regression.diffs. The last line is "N passed, N failed".
# Exit status: 0 all passed, 1 some failed, 2 the suite could not run.
#
# Tests that reopen a database file load the extension again with `.load results/ords_security`
# (a link to the extension under test that this script makes).
set -u
sqlite=${1:?usage: run.sh SQLITE3 EXTENSION.so [TEST ...]}
ext=${2:?usage: run.sh SQLITE3 EXTENSION.so [TEST ...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
ext=$(cd "$(dirname "$ext")" && pwd)/$(basename "$ext")
[ -f "$ext" ] || { echo "run.sh: no extension at $ext" >&2; exit 2; }
command -v "$sqlite" >/dev/null || { echo "run.sh: no sqlite3 shell ($sqlite)" >&2; exit 2; }

cd "$here" || exit 2
tests=("$@")
[ ${#tests[@]} -gt 0 ] || mapfile -t tests < <(sed -n 's/^test: *//p' schedule)
rm -rf results regression.diffs
mkdir -p results
ln -sf "$ext" results/ords_security.so

stdbuf_cmd=()
command -v stdbuf >/dev/null && stdbuf_cmd=(stdbuf -oL -eL)

passed=0; failed=0
for t in "${tests[@]}"; do
  if [ ! -f "sql/$t.sql" ]; then echo "run.sh: no test sql/$t.sql" >&2; exit 2; fi
  LC_ALL=C TZ=UTC "${stdbuf_cmd[@]}" "$sqlite" -init /dev/null -batch \
    -cmd ".load results/ords_security" -cmd ".headers on" -cmd ".mode list" -cmd ".nullvalue NULL" \
    -cmd ".echo on" :memory: <"sql/$t.sql" 2>&1 | sed -E -f normalize.sed >"results/$t.out"
  ok=0
  for want in "expected/$t.out" expected/"$t"_[0-9].out; do
    [ -f "$want" ] && cmp -s "$want" "results/$t.out" && { ok=1; break; }
  done
  if [ $ok = 1 ]; then
    passed=$((passed + 1)); printf 'ok      %s\n' "$t"
  else
    failed=$((failed + 1)); printf 'FAILED  %s\n' "$t"
    if [ -f "expected/$t.out" ]; then
      diff -u "expected/$t.out" "results/$t.out" >>regression.diffs
    else
      echo "--- no expected/$t.out; results/$t.out is new" >>regression.diffs
    fi
  fi
done
[ $failed -gt 0 ] && echo "differences: regress/regression.diffs"
echo "regress: $passed passed, $failed failed"
[ $failed -eq 0 ]
