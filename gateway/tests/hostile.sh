# hostile.sh: hostile HTTP against the gateway (hostile.py): oversized bodies (413), headers
# (431) and request lines (414), garbage (400), 50 stalled clients timed out without holding a
# worker, early disconnects; the server answers all along (sourced by run.sh).
db=$tmp/gw.db
start_gateway hostile --db "$db" --ext "$b/ords_security" --workers 2 --timeout 2 --max-body 16384
hp() { timeout 30 python3 "$here/hostile.py" "$port" "$@"; }
[ "$(hp bigbody)" = 413 ]; ok "a 100 kB body with Content-Length: 413 before reading it" $?
[ "$(hp bigchunked)" = 413 ]; ok "a 100 kB chunked body: 413" $?
[ "$(hp flood)" = closed ]; ok "a chunked body past 1 MiB: the connection is closed" $?
[ "$(hp bigheader)" = 431 ]; ok "a 40 kB header: 431" $?
[ "$(hp longline)" = 414 ]; ok "a 40 kB request line: 414" $?
[ "$(hp garbage)" = 400 ]; ok "garbage instead of a request: 400" $?
out=$(hp stalled 50 2)
grep -q '^healthz=200 in 0\.' <<<"$out"; ok "50 stalled clients (2 workers): /healthz still answers within a second" $? "$out"
grep -q '^closed=50 healthz=200$' <<<"$out"; ok "the 50 stalled clients are closed after --timeout" $? "$out"
[ "$(hp disconnect 20)" = 200 ]; ok "60 early disconnects (mid-body, mid-headers, before the answer): still answering" $?
r=$(c -u BatchClient000000000AA..:batch-secret-0123456789-abcdefg -d grant_type=client_credentials "http://127.0.0.1:$port/ords/main/oauth/token")
[ -n "$(jget "$r" access_token)" ]; ok "after all that, a token is issued" $?
kill -0 "$gpid"; ok "the gateway is still running" $?
stop_pid "$gpid"
