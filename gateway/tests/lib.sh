# lib.sh: helpers of the gateway tests (sourced by run.sh): a temp folder, servers started on
# 127.0.0.1 and stopped by their PID, bounded curl calls, JSON members read by python3, and the
# pass/fail count. Nothing here talks to any address but loopback.
tmp=$(mktemp -d /tmp/ords-gw-test.XXXXXX)
pids=()
passed=0; failed=0
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

ok() {  # ok NAME STATUS [DETAIL]
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok      gateway: $1"
  else failed=$((failed + 1)); echo "FAILED  gateway: $1${3:+ ($3)}"; fi
}

# start_gateway NAME ARGS...: starts build/ords-gateway on a free loopback port (--listen
# 127.0.0.1:0; the port is read from its "listening on" line) with its log in $tmp/NAME.log.
# Sets $port and $gpid.
start_gateway() {
  local name=$1; shift
  "$b/ords-gateway" --listen 127.0.0.1:0 "$@" 2>"$tmp/$name.log" &
  gpid=$!; pids+=("$gpid")
  local i
  for i in $(seq 1 100); do
    port=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$tmp/$name.log" 2>/dev/null | head -n1 | cut -d: -f2)
    [ -n "$port" ] && return 0
    kill -0 "$gpid" 2>/dev/null || break
    sleep 0.05
  done
  echo "gateway $name did not start:"; cat "$tmp/$name.log"
  return 1
}

stop_pid() {  # stop_pid PID: SIGTERM, then its exit status in $stop_rc (bounded: 10 s, then KILL)
  local p=$1 i
  kill -TERM "$p" 2>/dev/null
  for i in $(seq 1 200); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
  kill -0 "$p" 2>/dev/null && kill -KILL "$p"
  wait "$p" 2>/dev/null; stop_rc=$?
}

# c ARGS...: curl, bounded in time, silent.
c() { curl -s -m 10 "$@"; }
# code ARGS...: the HTTP status only.
code() { curl -s -m 10 -o /dev/null -w '%{http_code}' "$@"; }
# jget JSON KEY: a member of a JSON object ('' when absent or not JSON).
jget() { python3 -c 'import json,sys
try: v=json.loads(sys.argv[1]).get(sys.argv[2])
except Exception: v=None
print("" if v is None else (json.dumps(v) if isinstance(v,(bool,dict,list)) else v))' "$1" "$2"; }
# header NAME FILE: a response header's value from curl -D output.
header() { grep -i "^$1:" "$2" | head -n1 | cut -d: -f2- | sed 's/^ //; s/\r$//'; }
# sql STATEMENTS: the sqlite3 shell on the test database with the release extension.
sql() { "${SQLITE3:-sqlite3}" -init /dev/null -batch -cmd ".load $b/ords_security" -cmd '.timeout 5000' "$db" "$@"; }
# free_port: a port nothing listens on now (for servers that cannot take port 0 and say which).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
