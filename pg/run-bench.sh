#!/usr/bin/env bash
# run-bench.sh: make pg-bench. A temporary PostgreSQL instance (pg/pgtmp.sh, 127.0.0.1, fsync
# on, synchronous_commit on or PG_BENCH_SYNC=off), the release extension (make pg-install),
# pg/bench_pg's figures, then the instance stopped.
#
#   pg/run-bench.sh PG_CONFIG OUT BENCH_PG [bench_pg arguments ...]
#   pg/run-bench.sh --help
set -u
case "${1:-}" in --help|-h|'') sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
export PG_CONFIG=$1; OUT=$2 BENCH=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$OUT"; mkdir -p "$OUT"
port=$(( 55000 + RANDOM % 900 ))
trap '"$here/pgtmp.sh" stop "$OUT/db"' EXIT
"$here/pgtmp.sh" start "$OUT/db" "$port" "fsync = on" "synchronous_commit = ${PG_BENCH_SYNC:-on}" "shared_buffers = 256MB" || exit 1
"$here/psql.sh" "$port" postgres -c "CREATE DATABASE ords_bench" >/dev/null || exit 1
"$BENCH" --conninfo "host=127.0.0.1 port=$port user=postgres dbname=ords_bench" "$@"
