#!/usr/bin/env bash
# bench-http.sh: make bench-http. Figures of build/ords-gateway on loopback, each beside its floor,
# measured in one run with the same wrk settings:
#   1. GET /auth with a valid opaque token  beside  nginx answering `return 200;` (and the same
#      without the decision memo, --no-decision-memo: check_request on every request)
#   2. POST /ords/main/oauth/token (client_credentials, form body, Basic)  beside  oauth_token
#      called in-process in autocommit on the same database (build/bench_token)
# Prints requests per second and p50/p99 latency for each, and the ratios (goals: /auth at least
# 0.5 of nginx, token at least 0.7 of in-process). docs/benchmarks.md "The HTTP gateway" keeps
# them. Not a test: it never fails on speed. Servers listen on 127.0.0.1 and are stopped by PID.
#   gateway/bench/bench-http.sh [BUILD_DIR]
#   (BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_WORKERS=8, the default, BENCH_TOKEN_CONNECTIONS=workers)
set -u
b=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
case "$b" in /*) ;; *) b=$PWD/$b ;; esac
secs=${BENCH_SECONDS:-10}; conns=${BENCH_CONNECTIONS:-32}; workers=${BENCH_WORKERS:-8}
tconns=${BENCH_TOKEN_CONNECTIONS:-$workers}  # token requests in flight (wrk) = in-process threads
tmp=$(mktemp -d /tmp/ords-gw-bench.XXXXXX)
pids=()
cleanup() { local p; for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
db=$tmp/bench.db
sqlite3 -init /dev/null -batch -cmd ".load $b/ords_security" "$db" >/dev/null <<'SQL'
select create_role('emp_role');
select define_privilege('emp_priv', 'emp_role', '/emp/*', NULL, 'Employees');
SQL
# A generated secret, as register_client makes them (a secret chosen by a person would be hashed
# with Argon2id instead, and every token request would pay for it): kept in a file, never shown.
sqlite3 -init /dev/null -batch -cmd ".load $b/ords_security" "$db" \
  "select r ->> '\$.client_key.client_id' || ':' || (r ->> '\$.client_secret.secret') from (select register_client(json_object(
     'name', 'bench', 'grant_type', 'client_credentials', 'support_email', 'ops@example.org',
     'client_secret', json_object('stored', json('false')))) as r); select grant_client_role('bench', 'emp_role');" \
  | head -n1 > "$tmp/cred"
basic="Basic $(tr -d '\n' < "$tmp/cred" | base64 -w0)"

"$b/ords-gateway" --db "$db" --listen 127.0.0.1:0 --workers "$workers" --quiet 2>"$tmp/gw.log" &
pids+=($!)
for i in $(seq 1 100); do port=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$tmp/gw.log" | cut -d: -f2); [ -n "$port" ] && break; sleep 0.05; done
# the same gateway without the decision memo: every /auth request runs check_request
"$b/ords-gateway" --db "$db" --listen 127.0.0.1:0 --workers "$workers" --quiet --no-decision-memo 2>"$tmp/gw2.log" &
pids+=($!)
for i in $(seq 1 100); do port2=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$tmp/gw2.log" | cut -d: -f2); [ -n "$port2" ] && break; sleep 0.05; done
tok=$(curl -s -m 10 -H "Authorization: $basic" -d grant_type=client_credentials "http://127.0.0.1:$port/ords/main/oauth/token" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
[ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H 'X-Original-URI: /ords/main/emp/1' -H "Authorization: Bearer $tok" "http://127.0.0.1:$port/auth")" = 200 ] ||
  { echo "bench-http: /auth does not answer 200 with the token"; exit 1; }

ng=$(free_port)
mkdir -p "$tmp/nginx"
{
  [ "$(id -u)" = 0 ] && echo "user root;"
  cat <<CONF
worker_processes $workers;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/body; proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi; uwsgi_temp_path $tmp/nginx/uwsgi; scgi_temp_path $tmp/nginx/scgi;
    server { listen 127.0.0.1:$ng; location / { return 200; } }
}
CONF
} > "$tmp/nginx/nginx.conf"
"$(command -v nginx || echo /usr/sbin/nginx)" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
for i in $(seq 1 100); do [ "$(curl -s -m 1 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ng/")" = 200 ] && break; sleep 0.05; done

# run_wrk NAME CONNECTIONS URL [wrk args]: prints "NAME rps p50 p99 non2xx"
run_wrk() {
  local name=$1 c=$2 url=$3; shift 3
  local out; out=$(wrk -t 2 -c "$c" -d "${secs}s" --latency "$@" "$url" 2>&1)
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out"); p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  printf '%-34s %10s req/s   p50 %8s   p99 %8s%s\n' "$name" "$rps" "$p50" "$p99" "${bad:+   non-2xx: $bad}"
  eval "${name%% *}_rps=$rps"
}
echo "bench-http: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), wrk -t2 -c$conns -d${secs}s (token: -c$tconns), gateway --workers $workers"
run_wrk "nginx (return 200;)" "$conns" "http://127.0.0.1:$ng/"
run_wrk "auth (GET /auth, opaque token)" "$conns" "http://127.0.0.1:$port/auth" \
  -H "X-Original-Method: GET" -H "X-Original-URI: /ords/main/emp/1" -H "Authorization: Bearer $tok"
run_wrk "nomemo (/auth, --no-decision-memo)" "$conns" "http://127.0.0.1:$port2/auth" \
  -H "X-Original-Method: GET" -H "X-Original-URI: /ords/main/emp/1" -H "Authorization: Bearer $tok"
printf 'wrk.method = "POST"\nwrk.body = "grant_type=client_credentials"\n' > "$tmp/token.lua"
run_wrk "token (POST /oauth/token, Basic)" "$tconns" "http://127.0.0.1:$port/ords/main/oauth/token" \
  -s "$tmp/token.lua" -H "Content-Type: application/x-www-form-urlencoded" -H "Authorization: $basic"
# the gateways stopped first (by PID): the in-process calls have the database to themselves
kill "${pids[0]}" "${pids[1]}"; wait "${pids[0]}" "${pids[1]}" 2>/dev/null
out=$(ORDS_BENCH_BASIC=$basic "$b/bench_token" --ext "$b/ords_security" --db "$db" --threads "$tconns" --seconds "$secs")
inproc_rps=$(sed -n 's/.*inproc_rps=\([0-9.]*\).*/\1/p' <<<"$out")
printf '%-34s %10s req/s   p50 %6sms   p99 %6sms\n' "in-process oauth_token ($tconns threads)" "$inproc_rps" \
  "$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' <<<"$out")" "$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$out")"
python3 -c 'import sys; a,n,t,i,m=map(float,sys.argv[1:]); print("ratios: /auth / nginx = %.2f (goal >= 0.5; without the memo %.2f); token / in-process = %.2f (goal >= 0.7)" % (a/n, m/n, t/i))' \
  "$auth_rps" "$nginx_rps" "$token_rps" "$inproc_rps" "$nomemo_rps"
