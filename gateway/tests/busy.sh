# busy.sh: a concurrent writer holding the write lock (SQLITE_BUSY) is waited for within the busy
# deadline, then answered 503 temporarily_unavailable, never a wrong status; SIGTERM lets a request
# in flight finish and exits 0 (sourced by run.sh, after flows.sh made the database).
db=$tmp/gw.db
# hold_lock SECONDS: another connection takes the write lock (BEGIN IMMEDIATE) and keeps it.
hold_lock() {
  rm -f "$tmp/locked"
  python3 -c 'import sqlite3,sys,time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
c.execute("begin immediate"); open(sys.argv[3], "w").close()
time.sleep(float(sys.argv[2])); c.execute("commit")' "$db" "$1" "$tmp/locked" &
  lpid=$!; pids+=("$lpid")
  local i; for i in $(seq 1 100); do [ -f "$tmp/locked" ] && break; sleep 0.02; done
}
start_gateway busy --db "$db" --ext "$b/ords_security" --workers 2
gw="http://127.0.0.1:$port"
hold_lock 1.2
t0=$(date +%s%N)
r=$(c -w ' %{http_code}' -u BatchClient000000000AA..:batch-secret-0123456789-abcdefg -d grant_type=client_credentials "$gw/ords/main/oauth/token")
t1=$(date +%s%N); wait "$lpid"
[ "${r##* }" = 200 ] && [ $(( (t1 - t0) / 1000000 )) -ge 900 ]
ok "a writer holds the lock 1.2 s: the token request waits and gets 200" $? "${r##* } after $(( (t1 - t0) / 1000000 )) ms"

# SIGTERM while a request waits for the lock: it finishes (200), then the gateway exits 0.
hold_lock 1
c -o "$tmp/inflight.out" -w '%{http_code}' -u BatchClient000000000AA..:batch-secret-0123456789-abcdefg \
  -d grant_type=client_credentials "$gw/ords/main/oauth/token" > "$tmp/inflight.code" &
cpid=$!
sleep 0.3
stop_pid "$gpid"; wait "$cpid"; wait "$lpid"
[ "$stop_rc" = 0 ] && [ "$(cat "$tmp/inflight.code")" = 200 ] && grep -q 'SIGTERM' "$tmp/busy.log"
ok "SIGTERM with a request in flight: it gets 200, the gateway exits 0" $? "rc=$stop_rc code=$(cat "$tmp/inflight.code")"


start_gateway busy2 --db "$db" --ext "$b/ords_security" --workers 2 --busy-timeout 300
gw="http://127.0.0.1:$port"
hold_lock 2
r=$(c -D "$h" -u BatchClient000000000AA..:batch-secret-0123456789-abcdefg -d grant_type=client_credentials "$gw/ords/main/oauth/token")
wait "$lpid"
grep -q '^HTTP/1.1 503' "$h" && [ "$(jget "$r" error)" = temporarily_unavailable ] && [ "$(header Retry-After "$h")" = 1 ]
ok "the lock outlasts --busy-timeout: 503 temporarily_unavailable, Retry-After" $? "$(head -n1 "$h")"
[ "$(code -u BatchClient000000000AA..:batch-secret-0123456789-abcdefg -d grant_type=client_credentials "$gw/ords/main/oauth/token")" = 200 ]
ok "the lock released: 200 again" $?
stop_pid "$gpid"

# Group commit (gateway/write_group.hpp): 240 token requests from 16 threads, good and bad mixed
# in the same groups; every answer is its own and every token answered is in the database.
start_gateway group --db "$db" --ext "$b/ords_security" --workers 16
count_sessions=("${SQLITE3:-sqlite3}" -init /dev/null -batch -cmd '.timeout 5000' "$db" "select count(*) from ords_sec_session")
timeout 150 python3 "$here/group_commit.py" "$port" BatchClient000000000AA.. batch-secret-0123456789-abcdefg \
  "${count_sessions[@]}" > "$tmp/group.out" 2>&1
grc=$?
while read -r line; do
  case "$line" in
    "ok      gateway: "*) ok "${line#ok      gateway: }" 0 ;;
    "FAILED  gateway: "*) ok "${line#FAILED  gateway: }" 1 ;;
  esac
done < "$tmp/group.out"
[ "$grc" = 0 ] || { ok "group_commit.py ran to its end" 1 "rc=$grc: $(tail -n3 "$tmp/group.out")"; }
stop_pid "$gpid"
[ "$stop_rc" = 0 ]; ok "after the groups, SIGTERM: the writer thread stops, exit 0" $? "rc=$stop_rc"
# Its last line counts the writer's work: more calls than commits means some did share one.
summary=$(grep -o 'stopped ([0-9]* OAuth calls in [0-9]* groups)' "$tmp/group.log")
calls=$(sed 's/[^0-9]*\([0-9]*\) OAuth calls in \([0-9]*\).*/\1/' <<<"$summary")
commits=$(sed 's/[^0-9]*\([0-9]*\) OAuth calls in \([0-9]*\).*/\2/' <<<"$summary")
[ "${calls:-0}" -ge 240 ] && [ "${commits:-0}" -ge 1 ] && [ "$commits" -lt "$calls" ]
ok "the calls were committed in groups: $summary" $? "$summary"
