#!/usr/bin/env bash
# run.sh: the tests of build/ords-gateway (make check-gateway; make check runs it too).
#   gateway/tests/run.sh [BUILD_DIR]        (GW_PARTS="flows nginx" runs only those parts)
# Starts the gateway on free 127.0.0.1 ports against a fresh database and runs, each bounded in
# time: the options and exit codes (cli.sh), the seed flows with curl and the error answers
# (flows.sh), SQLITE_BUSY and SIGTERM (busy.sh), hostile HTTP (hostile.sh, hostile.py), a real
# nginx with auth_request in front of an upstream (nginx.sh, the config of docs/gateway.md), and
# JWKS refresh over HTTPS with a test CA (jwks.sh, https_server.py). Servers are stopped by PID.
# Prints one line per check and "gateway: N passed, N failed"; exit 0 only if all passed.
set -u
b=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || exit 2
case "$b" in /*) ;; *) b=$PWD/$b ;; esac
. "$here/lib.sh"
start=$(date +%s)
# The whole run is bounded: past GW_TEST_TIMEOUT seconds (default 240) it stops, counted failed.
( sleep "${GW_TEST_TIMEOUT:-240}"; kill -TERM $$ ) 2>/dev/null &
watchdog=$!
trap 'echo "gateway: $passed passed, $((failed + 1)) failed (timed out)"; exit 124' TERM

for part in ${GW_PARTS:-cli flows busy hostile nginx jwks}; do
  echo "-- $part"
  # shellcheck disable=SC1090
  . "$here/$part.sh"
done

kill "$watchdog" 2>/dev/null
echo "gateway: $passed passed, $failed failed ($(( $(date +%s) - start )) s)"
[ "$failed" = 0 ]
