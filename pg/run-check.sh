#!/usr/bin/env bash
# run-check.sh: make pg-check. Starts a temporary PostgreSQL instance (pg/pgtmp.sh: initdb in
# OUT, 127.0.0.1 only, a free port, stopped at the end by pg_ctl whatever happens), runs the
# pg_regress suite (pg/schedule, pg/sql, pg/expected) on the test flavour of the extension
# (ords_security_test, installed by make pg-check), then the shared cases (pg/shared.sh: the
# regress cases of the SQLite suite listed in pg/shared_cases, each in a fresh database, compared
# with the SQLite expected outputs themselves), the race test (pg/race.sh: two sessions on one
# code, one refresh token, one secret) and the replication test (pg/replica.sh: a streaming
# standby made by pg_basebackup). Bounded: every step has a timeout.
#
#   pg/run-check.sh PG_CONFIG OUT [regress|shared|race|replica ...]   (default: all four)
#   pg/run-check.sh PG_CONFIG OUT shared:04_roles,40_tokens_client_credentials   (those cases only)
#   pg/run-check.sh --help
set -u
case "${1:-}" in --help|-h|'') sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
PG_CONFIG=$1 OUT=$(realpath -m "$2"); shift 2
steps=${*:-regress shared race replica}
export PG_CONFIG
here=$(cd "$(dirname "$0")" && pwd)
BIN=$("$PG_CONFIG" --bindir)
REGRESS=$("$PG_CONFIG" --pkglibdir)/pgxs/src/test/regress/pg_regress
rm -rf "$OUT"; mkdir -p "$OUT"
[ "$(id -u)" -eq 0 ] && chown postgres: "$OUT"
port=$(( 54000 + RANDOM % 900 ))
fail=0
cleanup() { "$here/pgtmp.sh" stop "$OUT/primary"; "$here/pgtmp.sh" stop "$OUT/standby" 2>/dev/null; }
trap cleanup EXIT
"$here/pgtmp.sh" start "$OUT/primary" "$port" "wal_level = replica" "max_wal_senders = 4" \
  "hot_standby = on" || exit 1
for step in $steps; do
  case "$step" in
    regress)
      mkdir -p "$OUT/regress"; [ "$(id -u)" -eq 0 ] && chown postgres: "$OUT/regress"
      as=(); [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
      if timeout 300 "${as[@]}" "$REGRESS" --bindir="$BIN" --host=127.0.0.1 --port="$port" --user=postgres \
           --dbname=ords_regress --inputdir="$here" --outputdir="$OUT/regress" --schedule="$here/schedule" \
           >"$OUT/regress.log" 2>&1; then
        grep -E "^(ok|not ok|test|#)" "$OUT/regress.log" | tail -12
        echo "pg-check: regress passed"
      else
        cat "$OUT/regress.log"; [ -f "$OUT/regress/regression.diffs" ] && head -100 "$OUT/regress/regression.diffs"
        echo "pg-check: regress FAILED (diffs: $OUT/regress/regression.diffs)"; fail=1
      fi ;;
    shared|shared:*)
      cases=(); [ "$step" != shared ] && IFS=, read -r -a cases <<<"${step#shared:}"
      if timeout 900 "$here/shared.sh" "$port" "$OUT/shared" "${cases[@]}" >"$OUT/shared.log" 2>&1; then
        tail -1 "$OUT/shared.log"; echo "pg-check: shared passed"
      else
        grep -v '^ok ' "$OUT/shared.log"; [ -f "$OUT/shared/regression.diffs" ] && head -100 "$OUT/shared/regression.diffs"
        echo "pg-check: shared FAILED (diffs: $OUT/shared/regression.diffs)"; fail=1
      fi ;;
    race) timeout 180 "$here/race.sh" "$port" || { echo "pg-check: race FAILED"; fail=1; } ;;
    replica) timeout 240 "$here/replica.sh" "$OUT" "$port" || { echo "pg-check: replica FAILED"; fail=1; } ;;
    *) echo "run-check.sh: unknown step $step" >&2; fail=1 ;;
  esac
done
exit $fail
