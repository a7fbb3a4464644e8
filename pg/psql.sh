#!/usr/bin/env bash
# psql.sh: psql on a temporary instance of pg/pgtmp.sh (loopback, user postgres, no psqlrc).
#   pg/psql.sh PORT [DB] [psql arguments ...]
#   pg/psql.sh --help
set -eu
case "${1:-}" in --help|-h|'') sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
port=$1; shift
db=${1:-postgres}; [ $# -gt 0 ] && shift
BIN=${PG_BIN:-$("${PG_CONFIG:-pg_config}" --bindir)}
exec "$BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
