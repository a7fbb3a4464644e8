#!/usr/bin/env bash
# run.sh: the regress suite, the pg_regress way, through the sqlite3 shell.
#
#   regress/run.sh SQLITE3 EXTENSION.so OUTDIR [TEST ...]
#
# Runs each test (default: every `test:` line of regress/schedule, in order) as
#   sqlite3 -init /dev/null -batch :memory:  with the extension loaded, echo on,
# in OUTDIR (emptied first), writes OUTDIR/T.out, and compares it with regress/expected/T.out
# (or an alternative T_1.out ... kept for real platform differences, never for flakiness).
# Failures are appended to OUTDIR/regression.diffs. The last line is "N passed, N failed".
# Exit status: 0 all passed, 1 some failed, 2 the suite could not run.
#
# A test runs with OUTDIR as its working directory, so it may `.open t.db` a file database;
# after `.open` it loads the extension again with `.load ./ords_security` (a link to the
# extension under test that this script makes in OUTDIR).
set -u
usage="usage: run.sh SQLITE3 EXTENSION.so OUTDIR [TEST ...]"
sqlite=${1:?$usage}
ext=${2:?$usage}
out=${3:?$usage}
shift 3
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$ext" ] || { echo "run.sh: no extension at $ext" >&2; exit 2; }
ext=$(cd "$(dirname "$ext")" && pwd)/$(basename "$ext")
command -v "$sqlite" >/dev/null || { echo "run.sh: no sqlite3 shell ($sqlite)" >&2; exit 2; }

tests=("$@")
[ ${#tests[@]} -gt 0 ] || mapfile -t tests < <(sed -n 's/^test: *//p' "$here/schedule")
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
ln -sf "$ext" "$out/ords_security.so"

stdbuf_cmd=()
command -v stdbuf >/dev/null && stdbuf_cmd=(stdbuf -oL -eL)

passed=0; failed=0
for t in "${tests[@]}"; do
  if [ ! -f "$here/sql/$t.sql" ]; then echo "run.sh: no test sql/$t.sql" >&2; exit 2; fi
  (cd "$out" && LC_ALL=C TZ=UTC "${stdbuf_cmd[@]}" "$sqlite" -init /dev/null -batch \
    -cmd ".load ./ords_security" -cmd ".headers on" -cmd ".mode list" -cmd ".nullvalue NULL" \
    -cmd ".echo on" :memory: <"$here/sql/$t.sql" 2>&1 | sed -E -f "$here/normalize.sed" >"$out/$t.out")
  ok=0
  for want in "$here/expected/$t.out" "$here/expected/$t"_[0-9].out; do
    [ -f "$want" ] && cmp -s "$want" "$out/$t.out" && { ok=1; break; }
  done
  if [ $ok = 1 ]; then
    passed=$((passed + 1)); printf 'ok      %s\n' "$t"
  else
    failed=$((failed + 1)); printf 'FAILED  %s\n' "$t"
    if [ -f "$here/expected/$t.out" ]; then
      diff -u "$here/expected/$t.out" "$out/$t.out" >>"$out/regression.diffs"
    else
      echo "--- no expected/$t.out; $out/$t.out is new" >>"$out/regression.diffs"
    fi
  fi
done
[ $failed -gt 0 ] && echo "differences: $out/regression.diffs"
echo "regress: $passed passed, $failed failed"
[ $failed -eq 0 ]
