#!/usr/bin/env bash
# pgtmp.sh: a temporary PostgreSQL instance for the tests (never a system service): initdb in a
# folder of its own, listening on 127.0.0.1 only, on the port given, its socket in that folder,
# stopped by pg_ctl (which signals the PID in postmaster.pid). As root, the server runs as the
# user `postgres` (created by the postgresql-15 package), which owns the folder.
#
#   pg/pgtmp.sh start DIR PORT [CONF_LINE ...]   initdb DIR/data (when new), start, wait (60 s at most)
#   pg/pgtmp.sh stop DIR                         stop the instance (fast shutdown), if it runs
#   pg/pgtmp.sh --help
set -eu
BIN=${PG_BIN:-$("${PG_CONFIG:-pg_config}" --bindir)}
as_owner() {  # run a server command as the owner of the folder
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
  --help|-h|'') sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  start)
    dir=$(realpath -m "$2") port=$3; shift 3
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$BIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
      {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$dir'"
        echo "fsync = off"
        echo "max_connections = 20"
        for line in "$@"; do echo "$line"; done
      } | as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
    fi
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
      { tail -20 "$dir/server.log" >&2; exit 1; } ;;
  stop)
    dir=$(realpath -m "$2")
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    exit 0 ;;
  *) echo "pgtmp.sh: start or stop (see --help)" >&2; exit 2 ;;
esac
