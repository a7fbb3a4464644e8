# cli.sh: --help, and exit codes that mean something: 2 a bad option, 3 a database that cannot be
# opened, 4 a port in use (sourced by run.sh).
db=$tmp/gw.db
out=$("$b/ords-gateway" --help); rc=$?
[ $rc = 0 ] && grep -q -- '--trust-user-header' <<<"$out" && grep -q -- '--jwks-refresh' <<<"$out" &&
  grep -q -- '--ca-file' <<<"$out" && grep -q 'Exit status' <<<"$out"
ok "--help lists the options and exit codes, exits 0" $?
out=$("$b/ords-gateway" --db "$db" --listen 127.0.0.1:0 --bogus 2>&1); rc=$?
[ $rc = 2 ] && grep -q 'unknown option --bogus' <<<"$out"; ok "a bad option: exit 2, named" $? "rc=$rc $out"
out=$("$b/ords-gateway" --listen 127.0.0.1:0 2>&1); rc=$?
[ $rc = 2 ] && grep -q -- '--db FILE is required' <<<"$out"; ok "no --db: exit 2" $? "rc=$rc"
out=$("$b/ords-gateway" --db "$db" --listen 127.0.0.1:99999 2>&1); rc=$?
[ $rc = 2 ] && grep -q 'PORT' <<<"$out"; ok "a bad port: exit 2" $? "rc=$rc"
out=$("$b/ords-gateway" --db "$tmp/no/such/dir/x.db" --listen 127.0.0.1:0 --ext "$b/ords_security" 2>&1); rc=$?
[ $rc = 3 ] && grep -q 'cannot open database' <<<"$out"; ok "an unopenable database: exit 3, said so" $? "rc=$rc $out"
printf 'this is not a database, only some text that fills the header page of a file, and more\n%.0s' $(seq 1 20) > "$tmp/junk.db"
out=$("$b/ords-gateway" --db "$tmp/junk.db" --listen 127.0.0.1:0 --ext "$b/ords_security" 2>&1); rc=$?
[ $rc = 3 ]; ok "a file that is not a database: exit 3" $? "rc=$rc $out"
out=$("$b/ords-gateway" --db "$db" --listen 127.0.0.1:0 --ext "$tmp/nothing" 2>&1); rc=$?
[ $rc = 3 ] && grep -q 'cannot load the extension' <<<"$out"; ok "an extension that cannot load: exit 3" $? "rc=$rc"
start_gateway cli --db "$db" --ext "$b/ords_security"
out=$(timeout 10 "$b/ords-gateway" --db "$db" --listen "127.0.0.1:$port" --ext "$b/ords_security" 2>&1); rc=$?
[ $rc = 4 ] && grep -q 'Address already in use' <<<"$out"; ok "a port in use: exit 4, said so" $? "rc=$rc $out"
[ "$(code "http://127.0.0.1:$port/healthz")" = 200 ]; ok "GET /healthz: 200" $?
stop_pid "$gpid"; [ "$stop_rc" = 0 ]; ok "SIGTERM: exit 0" $? "rc=$stop_rc"
