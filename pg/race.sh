#!/usr/bin/env bash
# race.sh: exactly one winner under two PostgreSQL sessions racing (the SQLite race tests,
# ext/tests/race_test.cpp, on PostgreSQL's row locks): one authorization code redeemed twice,
# one refresh token rotated twice, one client's secret rotated twice. Each race is run twice:
# held (session A calls inside BEGIN and holds its row lock while session B calls, then A
# commits) and free (both in autocommit, started together, 10 times). Last, the decision's
# caches follow another session's commit, and the policy generation moves with another
# session's role revocation but not with token issue. The secrets here are
# fixed test values, never printed; only counts are.
#
#   pg/race.sh PORT      (an instance of pg/pgtmp.sh with ords_security_test installed)
#   pg/race.sh --help
set -u
case "${1:-}" in --help|-h|'') sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
port=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
q() { "$here/psql.sh" "$port" ords_race -At -v ON_ERROR_STOP=1 "$@"; }
fail=0
check() {  # check WHAT GOT WANT
  if [ "$2" = "$3" ]; then echo "race: $1: ok ($2)"; else echo "race: $1: FAILED (got $2, want $3)"; fail=1; fi
}
"$here/psql.sh" "$port" postgres -c "DROP DATABASE IF EXISTS ords_race" -c "CREATE DATABASE ords_race" >/dev/null 2>&1 || exit 1
q >/dev/null <<'SQL' || exit 1
CREATE EXTENSION ords_security_test;
SET search_path = public, ords_security;
SELECT create_role('emp_role');
SELECT create_privilege('emp_priv', 'emp_role');
SELECT create_privilege_mapping('emp_priv', '/emp/*');
SELECT import_client('app', 'authorization_code', 'ops@example.org', 'A web app', 'AppClientId0000000000A..',
                     'emp_priv', NULL, 'https://app.example.org/cb');
SELECT register_client_secret('app', 'app-secret-0123456789-abcdefghij');
SQL
P="SET search_path = public, ords_security;"
CLIENT="'client_id', 'AppClientId0000000000A..', 'client_secret', 'app-secret-0123456789-abcdefghij'"
new_code() {
  q -c "$P" -c "SELECT substring(oauth_authorize(json_build_object('response_type', 'code',
    'client_id', 'AppClientId0000000000A..', 'user', 'alice', 'state', 's'))->>'redirect_uri' from 'code=([^&]+)')"
}
redeem_sql() { echo "SELECT coalesce(r->>'error', 'token') FROM (SELECT oauth_token(json_build_object('grant_type', 'authorization_code', 'code', '$1', $CLIENT)) AS r) x"; }
refresh_sql() { echo "SELECT coalesce(r->>'error', 'token') FROM (SELECT oauth_token(json_build_object('grant_type', 'refresh_token', 'refresh_token', '$1', $CLIENT)) AS r) x"; }
new_refresh() {
  local code; code=$(new_code)
  q -c "$P" -c "SELECT oauth_token(json_build_object('grant_type', 'authorization_code', 'code', '$code', $CLIENT))->>'refresh_token'"
}
# held: A inside BEGIN (holds the row), B in autocommit meanwhile, then A commits.
held() {  # held SQL -> prints "A B"
  local sql=$1
  { echo "$P"; echo "BEGIN;"; echo "$sql;"; ready_mark; echo "SELECT pg_sleep(1.5);"; echo "COMMIT;"; } |
    q >"$tmp/a" 2>&1 &
  local apid=$!
  wait_ready
  q -c "$P" -c "$sql" >"$tmp/b" 2>&1
  wait $apid
  echo "$(head -1 "$tmp/a") $(cat "$tmp/b")"
}
free() {  # free SQL -> prints the two answers
  local sql=$1
  q -c "$P" -c "$sql" >"$tmp/a" 2>&1 & local p1=$!
  q -c "$P" -c "$sql" >"$tmp/b" 2>&1 & local p2=$!
  wait $p1 $p2
  echo "$(cat "$tmp/a") $(cat "$tmp/b")"
}
# Session A tells B it holds what it took: `\! touch` runs once A's statement before it is done.
ready_mark() { echo "\\! touch $tmp/ready"; }
wait_ready() { for _ in $(seq 1 100); do [ -f "$tmp/ready" ] && break; sleep 0.1; done; rm -f "$tmp/ready"; }
winners() { tr ' ' '\n' | grep -c '^token$'; }

# 1. An authorization code redeemed by two sessions at once.
out=$(held "$(redeem_sql "$(new_code)")"); check "code, held: winners" "$(echo "$out" | winners)" 1
check "code, held: the loser" "$(echo "$out" | tr ' ' '\n' | grep -v '^token$')" invalid_grant
n=0; for i in 1 2 3 4 5 6 7 8 9 10; do
  w=$(free "$(redeem_sql "$(new_code)")" | winners); [ "$w" = 1 ] && n=$((n + 1))
done
check "code, free: races with exactly one winner" "$n" 10

# 1b. A PostgreSQL error inside a call (the lock timeout while A holds the code's row) comes out
# of the one boundary as the call's error with PostgreSQL's SQLSTATE (55P03), and the session
# goes on: the next call in it works.
code=$(new_code)
{ echo "$P"; echo "BEGIN;"; redeem_sql "$code"; echo ";"; ready_mark; echo "SELECT pg_sleep(1.5);"; echo "COMMIT;"; } |
  q >"$tmp/a" 2>&1 &
apid=$!
wait_ready
{ echo "$P"; echo "\\set VERBOSITY verbose"; echo "SET lock_timeout = '200ms';"; redeem_sql "$code"; echo ";";
  echo "SELECT check_request('GET', '/ords/main/emp/1', NULL)->>'status';"; } | "$here/psql.sh" "$port" ords_race -At >"$tmp/b" 2>&1
wait $apid
check "lock timeout: the call's error, with its SQLSTATE" "$(grep -c 'ERROR:  55P03: oauth_token: canceling statement due to lock timeout' "$tmp/b")" 1
check "lock timeout: the session goes on" "$(tail -1 "$tmp/b")" 401

# 2. A refresh token rotated by two sessions at once.
out=$(held "$(refresh_sql "$(new_refresh)")"); check "refresh, held: winners" "$(echo "$out" | winners)" 1
n=0; for i in 1 2 3 4 5 6 7 8 9 10; do
  w=$(free "$(refresh_sql "$(new_refresh)")" | winners); [ "$w" = 1 ] && n=$((n + 1))
done
check "refresh, free: races with exactly one winner" "$n" 10

# 3. One client's secret rotated by two sessions at once: both rotations happen one after the
# other (the second waits for the first's row lock), and the client ends with two slots, the
# newest secret in one of them; no error, no lost rotation.
sec_sql="SELECT length(rotate_client_secret('app') #>> '{}') > 20"
out=$(held "$sec_sql"); check "secret, held: both rotations done" "$out" "t t"
out=$(free "$sec_sql"); check "secret, free: both rotations done" "$out" "t t"
slots=$(q -c "$P" -c "SELECT count(*) FROM ords_security.ords_sec_client_secret s JOIN ords_security.ords_sec_client c ON c.id = s.client_id WHERE c.name = 'app'")
check "secret: slots after four rotations" "$slots" 2
# 4. The decision's caches follow another session's commits (the generation counter,
# pg/compat.sql): session A decides, session B unprotects the path, A decides again.
q -c "$P" -c "SELECT create_privilege('c_priv', 'emp_role')" -c "SELECT create_privilege_mapping('c_priv', '/cache/*')" >/dev/null
{ echo "$P"; echo "SELECT check_request('GET', '/ords/main/cache/x', NULL)->>'status';"; ready_mark;
  echo "SELECT pg_sleep(1.5);"; echo "SELECT check_request('GET', '/ords/main/cache/x', NULL)->>'status';"; } |
  q >"$tmp/a" 2>&1 &
apid=$!
wait_ready
q -c "$P" -c "SELECT delete_privilege_mapping('c_priv', '/cache/*')" >/dev/null
wait $apid
check "cache: another session's change is seen at the next call" "$(grep -v '^$' "$tmp/a" | tr '\n' ' ')" "401 200 "
# 5. The policy generation (store migration 5; its triggers are PostgreSQL row triggers,
# ext/store/db_pg.cpp): issuing tokens leaves it alone; another session's role revocation moves
# it, and the next decision of session A, which decided with the role before, sees the change.
q >/dev/null <<'SQL' || exit 1
SET search_path = public, ords_security;
SELECT import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..');
SELECT register_client_secret('svc', 'svc-secret-0123456789-abcdefghij');
SELECT grant_client_role('svc', 'emp_role');
SQL
pgen() { q -c "SELECT value FROM ords_security.ords_sec_meta WHERE key = 'policy_generation'"; }
cc_sql="SELECT oauth_token('client_credentials', 'SvcClientId0000000000A..', 'svc-secret-0123456789-abcdefghij')->>'access_token'"
g0=$(pgen)
tok=$(q -c "$P" -c "$cc_sql")
q -c "$P" -c "$cc_sql" -c "$cc_sql" >/dev/null
check "policy generation: issuing tokens leaves it alone" "$(pgen)" "$g0"
{ echo "$P"; echo "SELECT check_request('GET', '/ords/main/emp/1', 'Bearer $tok')->>'status';"; ready_mark;
  echo "SELECT pg_sleep(1.5);"; echo "SELECT check_request('GET', '/ords/main/emp/1', 'Bearer $tok')->>'status';"; } |
  q >"$tmp/a" 2>&1 &
apid=$!
wait_ready
q -c "$P" -c "SELECT revoke_client_role('svc', 'emp_role')" >/dev/null
wait $apid
check "policy generation: another session's role revocation moves it" "$([ "$(pgen)" -gt "$g0" ] && echo grew)" grew
check "policy generation: the next decision sees the revocation" "$(grep -v '^$' "$tmp/a" | tr '\n' ' ')" "200 403 "
[ -n "${KEEP:-}" ] || "$here/psql.sh" "$port" postgres -c "DROP DATABASE ords_race" >/dev/null
[ $fail = 0 ] && echo "pg-check: race passed"
exit $fail
