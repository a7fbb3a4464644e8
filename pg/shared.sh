#!/usr/bin/env bash
# shared.sh: the regress cases of the SQLite suite listed in pg/shared_cases, on PostgreSQL. Each
# case runs in a fresh database (pg/shared.py: the sqlite3 shell's output shape, the SQL as
# written but for a few documented translations, pg/shared_compat.sql) and its output must be
# regress/expected/T.out, the SQLite expected output itself, patched by pg/expected/shared/T.diff
# where the case is partial (a host difference of docs/postgres.md, its reason in that file).
#
#   pg/shared.sh PORT OUTDIR [CASE ...]   (default: every case of pg/shared_cases)
#   pg/shared.sh --help
# Writes OUTDIR/T.out and OUTDIR/regression.diffs; the last line is "shared: N passed, N failed".
# Each case has 120 s at most. Exit status: 0 all passed, 1 some failed, 2 the suite could not run.
set -u
case "${1:-}" in --help|-h|'') sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
port=$1 out=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
py=
for p in /usr/bin/python3 python3; do   # Debian's python3-psycopg2 serves /usr/bin/python3
  "$p" -c 'import psycopg2' 2>/dev/null && { py=$p; break; }
done
[ -n "$py" ] || { echo "shared.sh: python3 with psycopg2 is needed (Debian python3-psycopg2)" >&2; exit 2; }
cases=("$@")
[ ${#cases[@]} -gt 0 ] || mapfile -t cases < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$here/shared_cases")
rm -rf "$out"; mkdir -p "$out"
passed=0 failed=0
for t in "${cases[@]}"; do
  sql=$root/regress/sql/$t.sql
  [ -f "$sql" ] || { echo "shared.sh: no case regress/sql/$t.sql" >&2; exit 2; }
  want=$out/$t.expected
  cp "$root/regress/expected/$t.out" "$want"
  if [ -f "$here/expected/shared/$t.diff" ] &&
     ! patch -s -f --no-backup-if-mismatch -r - "$want" <"$here/expected/shared/$t.diff" >"$out/$t.patch.log" 2>&1; then
    failed=$((failed + 1)); printf 'FAILED  %s (pg/expected/shared/%s.diff no longer applies)\n' "$t" "$t"
    cat "$out/$t.patch.log" >>"$out/regression.diffs"; continue
  fi
  LC_ALL=C.UTF-8 TZ=UTC timeout 120 "$py" "$here/shared.py" "$port" "$sql" "$out/$t.out" 2>"$out/$t.err"
  rc=$?
  if [ $rc -eq 0 ] && cmp -s "$want" "$out/$t.out"; then
    passed=$((passed + 1)); printf 'ok      %s\n' "$t"
  else
    failed=$((failed + 1)); printf 'FAILED  %s%s\n' "$t" "$([ $rc -ne 0 ] && echo " (exit $rc: $(head -c 300 "$out/$t.err"))")"
    [ -f "$out/$t.out" ] && diff -u --label "expected/$t.out" --label "PostgreSQL $t.out" "$want" "$out/$t.out" >>"$out/regression.diffs"
    [ $rc -eq 2 ] && exit 2
  fi
done
[ $failed -gt 0 ] && echo "differences: $out/regression.diffs"
echo "shared: $passed passed, $failed failed"
[ $failed -eq 0 ]
