#!/usr/bin/env bash
# replica.sh: a streaming standby on loopback decides requests. The standby is made by
# pg_basebackup from the primary of pg/run-check.sh into OUT/standby (its own port, its socket in
# its folder, stopped by run-check.sh's cleanup), synchronous with synchronous_commit =
# remote_apply. What is checked:
#   - a token issued on the primary is accepted on the standby (check_request, oauth_introspect);
#   - a writer on the standby is refused with the hot-standby message;
#   - a revocation on the primary is seen on the standby as soon as the primary's commit returns;
#   - asynchronous replication (synchronous_commit = local, the standby's replay paused): a
#     revoked token is still accepted on the standby until the revocation is replayed.
# The token is kept in a shell variable and never printed.
#
#   pg/replica.sh OUT PRIMARY_PORT
#   pg/replica.sh --help
set -u
case "${1:-}" in --help|-h|'') sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
OUT=$1 port=$2 sport=$(( $2 + 1 ))
here=$(cd "$(dirname "$0")" && pwd)
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
as=(); [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
P="SET search_path = public, ords_security;"
pq() { "$here/psql.sh" "$port" ords_repl -At -v ON_ERROR_STOP=1 -c "$P" "$@"; }
sq() { "$here/psql.sh" "$sport" ords_repl -At -c "$P" "$@"; }
# with the token bound as :'t' (psql interpolates variables only in what it reads, not in -c)
pqt() { printf '%s\n%s\n' "$P" "$2" | "$here/psql.sh" "$port" ords_repl -At -v ON_ERROR_STOP=1 -v t="$1"; }
sqt() { printf '%s\n%s\n' "$P" "$2" | "$here/psql.sh" "$sport" ords_repl -At -v t="$1" 2>&1; }
fail=0
check() {
  if [ "$2" = "$3" ]; then echo "replica: $1: ok ($2)"; else echo "replica: $1: FAILED (got $2, want $3)"; fail=1; fi
}
"$here/psql.sh" "$port" postgres -c "DROP DATABASE IF EXISTS ords_repl" -c "CREATE DATABASE ords_repl" >/dev/null 2>&1 || exit 1
"$here/psql.sh" "$port" ords_repl -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || exit 1
CREATE EXTENSION ords_security_test;
SET search_path = public, ords_security;
SELECT create_role('api_role');
SELECT create_privilege('api_priv', 'api_role');
SELECT create_privilege_mapping('api_priv', '/api/*');
SELECT import_client('svc', 'client_credentials', 'ops@example.org', NULL, 'SvcClientId0000000000A..', 'api_priv');
SELECT grant_client_role('svc', 'api_role');
SELECT register_client_secret('svc', 'svc-secret-0123456789-abcdefghij');
SQL
# The standby, synchronous (remote_apply) under the name standby1.
mkdir -p "$OUT/standby"; [ "$(id -u)" -eq 0 ] && chown postgres: "$OUT/standby"
timeout 120 "${as[@]}" "$BIN/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$OUT/standby/data" -R -X stream -c fast \
  >"$OUT/basebackup.log" 2>&1 || { cat "$OUT/basebackup.log"; exit 1; }
printf "port = %s\nunix_socket_directories = '%s'\ncluster_name = 'standby1'\nhot_standby = on\n" "$sport" "$OUT/standby" |
  "${as[@]}" tee -a "$OUT/standby/data/postgresql.conf" >/dev/null
"$here/pgtmp.sh" start "$OUT/standby" "$sport" || exit 1
"$here/psql.sh" "$port" postgres -c "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" \
  -c "ALTER SYSTEM SET synchronous_commit = 'remote_apply'" -c "SELECT pg_reload_conf()" >/dev/null
for _ in $(seq 1 60); do
  st=$("$here/psql.sh" "$port" postgres -At -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")
  [ "$st" = sync ] && break; sleep 0.5
done
check "the standby streams, synchronous" "$st" sync
check "the standby is in recovery" "$(sq -c "SELECT pg_is_in_recovery()")" t

CLIENT="'client_id', 'SvcClientId0000000000A..', 'client_secret', 'svc-secret-0123456789-abcdefghij'"
token=$(pq -c "SELECT oauth_token(json_build_object('grant_type', 'client_credentials', $CLIENT))->>'access_token'")
decide() { sqt "$1" "SELECT check_request('GET', '/ords/main/api/x', 'Bearer ' || :'t')->>'status';"; }
check "a token issued on the primary, decided on the standby" "$(decide "$token")" 200
check "introspected on the standby" \
  "$(sqt "$token" "SELECT oauth_introspect(json_build_object('token', :'t', $CLIENT))->>'active';")" true
check "a writer on the standby is refused" \
  "$(sq -c "SELECT create_role('x')" 2>&1 | grep -c 'hot standby (in recovery, read-only): call writers on the primary')" 1
check "oauth_token on the standby is refused" \
  "$(sq -c "SELECT oauth_token(json_build_object('grant_type', 'client_credentials', $CLIENT))" 2>&1 | grep -c 'hot standby')" 1
# Synchronous (remote_apply): the revocation is applied on the standby before the commit returns.
pqt "$token" "SELECT oauth_revoke(json_build_object('token', :'t', $CLIENT));" >/dev/null
check "revoked on the primary, refused on the standby at once" "$(decide "$token")" 401
# Asynchronous: replay paused on the standby, the primary commits locally; the standby still
# accepts the revoked token until it replays the revocation.
token2=$(pq -c "SELECT oauth_token(json_build_object('grant_type', 'client_credentials', $CLIENT))->>'access_token'")
check "a second token, on the standby" "$(decide "$token2")" 200
sq -c "SELECT pg_wal_replay_pause()" >/dev/null
pqt "$token2" "SET synchronous_commit = local; SELECT oauth_revoke(json_build_object('token', :'t', $CLIENT));" >/dev/null
check "asynchronous: revoked on the primary, still accepted on a standby that has not replayed" "$(decide "$token2")" 200
sq -c "SELECT pg_wal_replay_resume()" >/dev/null
for _ in $(seq 1 60); do [ "$(decide "$token2")" = 401 ] && break; sleep 0.5; done
check "asynchronous: refused once replayed" "$(decide "$token2")" 401
"$here/pgtmp.sh" stop "$OUT/standby"
"$here/psql.sh" "$port" postgres -c "ALTER SYSTEM RESET synchronous_standby_names" -c "ALTER SYSTEM RESET synchronous_commit" \
  -c "SELECT pg_reload_conf()" -c "DROP DATABASE ords_repl" >/dev/null
[ $fail = 0 ] && echo "pg-check: replica passed"
exit $fail
