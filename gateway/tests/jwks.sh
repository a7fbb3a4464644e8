# jwks.sh: --jwks-refresh against a local HTTPS server whose certificate comes from a test CA made
# here by openssl (--ca-file): keys installed, a failed fetch logged and the old keys kept, an
# unknown kid fetched once and no more within --jwks-min-interval (sourced by run.sh).
db=$tmp/gw.db
j=$tmp/jwks; mkdir -p "$j/www"
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$j/ca.key" -out "$j/ca.pem" \
  -days 1 -subj /CN=ords-gateway-test-ca 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$j/srv.key" -out "$j/srv.csr" \
  -subj /CN=127.0.0.1 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' > "$j/ext.cnf"
openssl x509 -req -in "$j/srv.csr" -CA "$j/ca.pem" -CAkey "$j/ca.key" -CAcreateserial -out "$j/srv.pem" \
  -days 1 -extfile "$j/ext.cnf" 2>/dev/null
for k in kA kB kC; do openssl genpkey -algorithm ED25519 -out "$j/$k.pem" 2>/dev/null; done
jwk() { printf '{"kty":"OKP","crv":"Ed25519","kid":"%s","x":"%s"}' "$1" \
          "$(openssl pkey -in "$j/$1.pem" -pubout -outform DER | tail -c 32 | b64url)"; }
publish() {  # publish KID...: the JWK Set at https://127.0.0.1:PORT/jwks.json
  local keys="" k
  for k in "$@"; do keys="${keys:+$keys,}$(jwk "$k")"; done
  printf '{"keys":[%s]}' "$keys" > "$j/www/jwks.json.tmp" && mv "$j/www/jwks.json.tmp" "$j/www/jwks.json"
}
jwt() {  # jwt KID: a token for erin with scope emp_priv, signed with KID's key (kC is never published);
         # each one different (jti), so the decision memo never answers for it
  local now; now=$(date +%s)
  local in
  in="$(printf '{"alg":"EdDSA","typ":"JWT","kid":"%s"}' "$1" | b64url).$(printf \
    '{"iss":"https://idp.test","aud":"ords","sub":"erin","scope":"emp_priv","iat":%d,"exp":%d,"jti":"%s"}' "$now" $((now + 600)) "$RANDOM$RANDOM" | b64url)"
  printf '%s' "$in" > "$j/in"
  printf '%s.%s' "$in" "$(openssl pkeyutl -sign -inkey "$j/$1.pem" -rawin -in "$j/in" | b64url)"
}
wait_log() {  # wait_log FILE PATTERN SECONDS
  local i; for i in $(seq 1 $(($3 * 20))); do grep -q -- "$2" "$1" && return 0; sleep 0.05; done; return 1
}
fetches() { grep -c . "$j/fetch.log" 2>/dev/null || echo 0; }

publish kA
python3 "$here/https_server.py" "$j/www" "$j/srv.pem" "$j/srv.key" "$j/port" "$j/fetch.log" 2>"$j/server.err" &
spid=$!; pids+=("$spid")
for i in $(seq 1 100); do [ -s "$j/port" ] && break; sleep 0.05; done
sp=$(cat "$j/port")
sql "select create_jwt_profile('https://idp.test', 'ords', 'https://127.0.0.1:$sp/jwks.json');" >/dev/null

# 1. periodic refresh every 2 s
start_gateway jwks --db "$db" --ext "$b/ords_security" --jwks-refresh 2 --ca-file "$j/ca.pem"
gw="http://127.0.0.1:$port"
wait_log "$tmp/jwks.log" "jwks: schema MAIN: installed 1 keys from https://127.0.0.1:$sp/jwks.json" 5
ok "JWKS fetched over HTTPS with the test CA and installed" $? "$(grep jwks "$tmp/jwks.log")"
ta=$(jwt kA)
c -D "$h" -o /dev/null -H "X-Original-URI: /ords/main/emp/1" -H "Authorization: Bearer $ta" "$gw/auth"
grep -q '^HTTP/1.1 200' "$h" && [ "$(header X-Ords-User "$h")" = erin ]; ok "a JWT signed with the fetched key: 200, user erin" $?
touch "$j/www/fail"
wait_log "$tmp/jwks.log" "fetch of https://127.0.0.1:$sp/jwks.json failed: HTTP status 500; the profile keeps the keys it had" 5
ok "a failed fetch is logged with its reason" $? "$(grep jwks "$tmp/jwks.log" | tail -n1)"
[ "$(code -H "X-Original-URI: /ords/main/emp/1" -H "Authorization: Bearer $ta" "$gw/auth")" = 200 ]
ok "after the failed fetch the old key still verifies (200)" $?
rm -f "$j/www/fail"; printf '{"keys":[]}' > "$j/www/jwks.json"
wait_log "$tmp/jwks.log" "was refused: set_jwt_profile_keys" 5; ok "a JWK Set the extension refuses is logged" $? "$(grep jwks "$tmp/jwks.log" | tail -n1)"
[ "$(code -H "X-Original-URI: /ords/main/emp/1" -H "Authorization: Bearer $ta" "$gw/auth")" = 200 ]
ok "after a refused JWK Set the old key still verifies (200)" $?
stop_pid "$gpid"
publish kA
# a gateway that does not trust the test CA refuses the server
start_gateway jwks-noca --db "$db" --ext "$b/ords_security" --jwks-refresh 3600
wait_log "$tmp/jwks-noca.log" "failed: .*certificate" 5; ok "without --ca-file the test server's certificate is refused" $? "$(grep jwks "$tmp/jwks-noca.log")"
stop_pid "$gpid"

# 2. an unknown kid: the provider added key kB; its first token causes one fetch and then
# verifies; more unknown kids (kC is never published) cause no more fetches within
# --jwks-min-interval (60 s)
publish kA
start_gateway jwks2 --db "$db" --ext "$b/ords_security" --jwks-refresh 3600 --ca-file "$j/ca.pem"
gw="http://127.0.0.1:$port"
wait_log "$tmp/jwks2.log" "installed 1 keys" 5
publish kA kB
n0=$(fetches)
tb=$(jwt kB)
[ "$(code -H "X-Original-URI: /ords/main/emp/1" -H "Authorization: Bearer $tb" "$gw/auth")" = 401 ]
ok "a JWT naming a kid the profile does not hold yet: 401" $?
wait_log "$tmp/jwks2.log" "installed 2 keys" 5
[ "$(fetches)" = $((n0 + 1)) ]; ok "the unknown kid caused one fetch" $? "$n0 -> $(fetches)"
[ "$(code -H "X-Original-URI: /ords/main/emp/1" -H "Authorization: Bearer $tb" "$gw/auth")" = 200 ]
ok "the new key installed: the same JWT now 200" $?
n1=$(fetches)
for i in 1 2 3 4 5; do code -H "X-Original-URI: /ords/main/emp/1" -H "Authorization: Bearer $(jwt kC)" "$gw/auth" >/dev/null; done
sleep 1.5
[ "$(fetches)" = "$n1" ]; ok "five more unknown-kid tokens within the minute: no more fetches" $? "$n1 -> $(fetches)"
stop_pid "$gpid"

# 3. the interval is a time, not a one-shot: with --jwks-min-interval 2, an unknown kid fetches
# again once two seconds have passed, and not before
start_gateway jwks3 --db "$db" --ext "$b/ords_security" --jwks-refresh 3600 --jwks-min-interval 2 --ca-file "$j/ca.pem"
gw="http://127.0.0.1:$port"
wait_log "$tmp/jwks3.log" "installed 2 keys" 5
kc() { code -H "X-Original-URI: /ords/main/emp/1" -H "Authorization: Bearer $(jwt kC)" "$gw/auth" >/dev/null; }
n0=$(fetches); kc; sleep 0.5; n1=$(fetches); kc; sleep 0.3; n2=$(fetches); sleep 1.5; kc; sleep 0.8; n3=$(fetches)
[ "$((n1 - n0))/$((n2 - n1))/$((n3 - n2))" = 1/0/1 ]
ok "--jwks-min-interval 2: fetch, none within the interval, fetch again after it" $? "$n0 $n1 $n2 $n3"
stop_pid "$gpid"
stop_pid "$spid"
