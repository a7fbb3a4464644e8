# flows.sh: the seed flows with curl against the gateway, as the tutorials write them (client
# credentials with Basic and with form fields, authorization code with PKCE through the trusted
# user header, refresh, revoke, introspect), the RFC 6749 section 5 / RFC 6750 section 3 answers,
# and an access log with no token, secret or query (sourced by run.sh).
db=$tmp/gw.db
sql >/dev/null <<'SQL'
select create_role('emp_role');
select define_privilege('emp_priv', 'emp_role', '/emp/*', NULL, 'Employees');
select import_client('batch', 'client_credentials', 'ops@example.org', NULL, 'BatchClient000000000AA..');
select register_client_secret('batch', 'batch-secret-0123456789-abcdefg');
select grant_client_role('batch', 'emp_role');
select import_client('norole', 'client_credentials', 'ops@example.org', NULL, 'NoRoleClient00000000AA..');
select register_client_secret('norole', 'norole-secret-0123456789-abcdef');
select import_client('web', 'authorization_code', 'ops@example.org', 'The staff portal', 'WebClient00000000000AA..',
                     'emp_priv', NULL, 'https://portal.example.org/callback');
select register_client_secret('web', 'web-secret-0123456789-abcdefghi');
select enable_schema(1, 'HR', 'BASE_PATH', 'hr');
SQL
start_gateway flows --db "$db" --ext "$b/ords_security" --trust-user-header X-Remote-User --workers 2
gw="http://127.0.0.1:$port"
id=BatchClient000000000AA..; secret=batch-secret-0123456789-abcdefg
h=$tmp/h.txt

# 1. client credentials, tutorial 003 as written (Basic through curl -u)
r=$(curl -s -m 10 -D "$h" -X POST "$gw/ords/main/oauth/token" -H "Content-Type: application/x-www-form-urlencoded" \
      -d "grant_type=client_credentials" -u "$id:$secret")
tok=$(jget "$r" access_token)
[ ${#tok} -ge 40 ] && [ "$(jget "$r" token_type)" = bearer ] && [ "$(jget "$r" expires_in)" = 3600 ] &&
  grep -q '^HTTP/1.1 200' "$h" && [ "$(header Cache-Control "$h")" = no-store ] &&
  [[ "$(header Content-Type "$h")" == application/json* ]]
ok "client_credentials with Basic (tutorial 003's curl): 200, bearer, no-store, JSON" $?
r=$(c -d "grant_type=client_credentials&client_id=$id&client_secret=$secret" "$gw/ords/main/oauth/token")
tok2=$(jget "$r" access_token)
[ ${#tok2} -ge 40 ] && [ "$tok2" != "$tok" ]; ok "client_credentials with form fields: a new token" $?
# Tutorials 003 and 004: a legacy OAUTH.CREATE_CLIENT client, its id and stored secret read from
# user_ords_clients (kept in variables, never shown), then tutorial 003's curl command.
sql "select create_client('Example Client', 'client_credentials', 'Example Corp', 'Client for example integration',
       NULL, NULL, 'support@example.org', NULL, 'emp_priv'); select grant_client_role('Example Client', 'emp_role');" >/dev/null
ex=$(sql "select client_id || ':' || client_secret from user_ords_clients where name = 'Example Client'")
r=$(curl -s -m 10 -X POST "$gw/ords/main/oauth/token" -H "Content-Type: application/x-www-form-urlencoded" \
      -d "grant_type=client_credentials" -u "$ex")
ext=$(jget "$r" access_token)
[ "$(code -H "X-Original-URI: /ords/main/emp/7" -H "Authorization: Bearer $ext" "$gw/auth")" = 200 ]
ok "tutorial 004: an OAUTH.CREATE_CLIENT client's stored secret from user_ords_clients, curl -u, then 200" $?
code_of_auth() { curl -s -m 10 -o /dev/null -w '%{http_code}' -H "X-Original-Method: ${3:-GET}" -H "X-Original-URI: $1" ${2:+-H "Authorization: $2"} "$gw/auth"; }
c -D "$h" -o /dev/null -H "X-Original-Method: GET" -H "X-Original-URI: /ords/main/emp/7?x=1" -H "Authorization: Bearer $tok" "$gw/auth"
grep -q '^HTTP/1.1 200' "$h" && [ "$(header X-Ords-Client-Id "$h")" = "$id" ] && [ "$(header X-Ords-Privilege "$h")" = emp_priv ] &&
  [ "$(header Content-Length "$h")" = 0 ]
ok "/auth with the token: 200, X-Ords-Client-Id and X-Ords-Privilege, no body" $?
c -D "$h" -o /dev/null -H "X-Original-URI: /ords/main/emp/7" "$gw/auth"
grep -q '^HTTP/1.1 401' "$h" && [ "$(header WWW-Authenticate "$h")" = 'Bearer realm="ords"' ]
ok "/auth without a token: 401, WWW-Authenticate: Bearer realm=\"ords\"" $?
c -D "$h" -o /dev/null -H "X-Original-URI: /ords/main/emp/7" -H "Authorization: Bearer not-a-live-token-0000000000" "$gw/auth"
grep -q '^HTTP/1.1 401' "$h" && [ "$(header WWW-Authenticate "$h")" = 'Bearer realm="ords", error="invalid_token"' ]
ok "/auth with an unknown token: 401, error=\"invalid_token\"" $?
nr=$(jget "$(c -u NoRoleClient00000000AA..:norole-secret-0123456789-abcdef -d grant_type=client_credentials "$gw/ords/main/oauth/token")" access_token)
c -D "$h" -o /dev/null -H "X-Original-URI: /ords/main/emp/7" -H "Authorization: Bearer $nr" "$gw/auth"
grep -q '^HTTP/1.1 403' "$h" && [ "$(header WWW-Authenticate "$h")" = 'Bearer realm="ords", error="insufficient_scope"' ]
ok "/auth with a token lacking the role: 403, error=\"insufficient_scope\"" $?
# The decision memo answers the same request again within the second, but any commit empties it:
# the same token decides anew at once after another connection grants the role.
for i in 1 2 3; do code_of_auth /ords/main/emp/7 "Bearer $nr" >/dev/null; done
sql "select grant_client_role('norole', 'emp_role');" >/dev/null
a1=$(code_of_auth /ords/main/emp/7 "Bearer $nr")
sql "select revoke_client_role('norole', 'emp_role');" >/dev/null
a2=$(code_of_auth /ords/main/emp/7 "Bearer $nr")
[ "$a1/$a2" = 200/403 ]; ok "/auth decides anew right after a commit elsewhere (grant: 200, revoke: 403)" $? "$a1/$a2"
[ "$(code_of_auth /ords/main/public/x)" = 200 ]; ok "/auth on an unprotected path: 200" $?
[ "$(code_of_auth '/ords/main/emp/a%2fb' "Bearer $tok")" = 400 ]; ok "/auth on an encoded slash: 400" $?
[ "$(code_of_auth /ords/nosuch/emp/7 "Bearer $tok")" = 404 ]; ok "/auth on an unknown alias: 404" $?
[ "$(code_of_auth /ords/main/emp/7 "Bearer $tok" BREW)" = 400 ]; ok "/auth with a bad method: 400" $?
[ "$(code "$gw/auth")" = 400 ]; ok "/auth without X-Original-URI: 400" $?

# 2. authorization code with PKCE, the user from the trusted header
q="response_type=code&client_id=WebClient00000000000AA..&scope=emp_priv&state=xyz-123&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
[ "$(code "$gw/ords/main/oauth/auth?$q")" = 401 ]; ok "/oauth/auth without the user header: 401" $?
c -D "$h" -o /dev/null -H "X-Remote-User: alice" "$gw/ords/main/oauth/auth?$q"
loc=$(header Location "$h")
grep -q '^HTTP/1.1 302' "$h" && [[ "$loc" == https://portal.example.org/callback\?code=*\&state=xyz-123 ]] &&
  [ "$(header Cache-Control "$h")" = no-store ]
ok "/oauth/auth with the user header: 302 to the redirect URI with code and state" $?
authcode=${loc#*code=}; authcode=${authcode%%&*}
r=$(c -u WebClient00000000000AA..:web-secret-0123456789-abcdefghi -d grant_type=authorization_code -d "code=$authcode" \
      -d code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk "$gw/ords/main/oauth/token")
at=$(jget "$r" access_token); rt=$(jget "$r" refresh_token)
[ ${#at} -ge 40 ] && [ ${#rt} -ge 40 ] && [ "$(jget "$r" scope)" = emp_priv ]
ok "code exchange with the PKCE verifier: access and refresh tokens, scope" $?
c -D "$h" -o /dev/null -H "X-Original-URI: /ords/main/emp/7" -H "Authorization: Bearer $at" "$gw/auth"
[ "$(header X-Ords-User "$h")" = alice ]; ok "/auth with alice's token: X-Ords-User alice" $?
r=$(c -u WebClient00000000000AA..:web-secret-0123456789-abcdefghi -d grant_type=authorization_code -d "code=$authcode" \
      -d code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk -D "$h" "$gw/ords/main/oauth/token")
[ "$(jget "$r" error)" = invalid_grant ] && grep -q '^HTTP/1.1 400' "$h"; ok "the code a second time: 400 invalid_grant" $?
c -H "X-Remote-User: alice" -D "$h" -o /dev/null "$gw/ords/main/oauth/auth?$q&state=again"
[ "$(header Location "$h")" = "" ] && grep -q '^HTTP/1.1 400' "$h"; ok "/oauth/auth with a repeated parameter: 400, no redirect" $?

# 3. refresh
c -D "$h" -o /dev/null -H "X-Remote-User: bob" "$gw/ords/main/oauth/auth?response_type=code&client_id=WebClient00000000000AA..&state=s"
loc=$(header Location "$h"); bc=${loc#*code=}; bc=${bc%%&*}
r=$(c -d grant_type=authorization_code -d "code=$bc" -d client_id=WebClient00000000000AA.. -d client_secret=web-secret-0123456789-abcdefghi "$gw/ords/main/oauth/token")
rt1=$(jget "$r" refresh_token)
r=$(c -d grant_type=refresh_token -d "refresh_token=$rt1" -u WebClient00000000000AA..:web-secret-0123456789-abcdefghi "$gw/ords/main/oauth/token")
at2=$(jget "$r" access_token); rt2=$(jget "$r" refresh_token)
[ ${#at2} -ge 40 ] && [ ${#rt2} -ge 40 ] && [ "$rt2" != "$rt1" ]; ok "refresh: new access and refresh tokens" $?
c -D "$h" -o /dev/null -H "X-Original-URI: /ords/main/emp/7" -H "Authorization: Bearer $at2" "$gw/auth"
[ "$(header X-Ords-User "$h")" = bob ]; ok "the refreshed token decides as bob" $?

# 4. introspect and revoke
r=$(c -u WebClient00000000000AA..:web-secret-0123456789-abcdefghi -d "token=$at2" "$gw/ords/main/oauth/introspect")
[ "$(jget "$r" active)" = true ] && [ "$(jget "$r" username)" = bob ]; ok "introspect: active, username bob" $?
r=$(c -D "$h" -u WebClient00000000000AA..:web-secret-0123456789-abcdefghi -d "token=$rt2" -d token_type_hint=refresh_token "$gw/ords/main/oauth/revoke")
[ "$r" = '{}' ] && grep -q '^HTTP/1.1 200' "$h"; ok "revoke the refresh token: 200 {}" $?
r=$(c -u WebClient00000000000AA..:web-secret-0123456789-abcdefghi -d "token=$at2" "$gw/ords/main/oauth/introspect")
[ "$(jget "$r" active)" = false ]; ok "introspect after revoke: active false" $?
[ "$(code_of_auth /ords/main/emp/7 "Bearer $at2")" = 401 ]; ok "/auth after revoke: 401" $?

# 5. error answers (RFC 6749 5.2)
r=$(c -D "$h" -u "$id:wrong-secret" -d grant_type=client_credentials "$gw/ords/main/oauth/token")
[ "$(jget "$r" error)" = invalid_client ] && grep -q '^HTTP/1.1 401' "$h" && [ "$(header WWW-Authenticate "$h")" = 'Basic realm="ords"' ] &&
  [ "$(header Cache-Control "$h")" = no-store ]
ok "a wrong secret with Basic: 401 invalid_client, WWW-Authenticate: Basic" $?
r=$(c -D "$h" -d "grant_type=client_credentials&client_id=$id&client_secret=wrong" "$gw/ords/main/oauth/token")
[ "$(jget "$r" error)" = invalid_client ] && grep -q '^HTTP/1.1 400' "$h" && [ -z "$(header WWW-Authenticate "$h")" ]
ok "a wrong secret in the form: 400 invalid_client, no WWW-Authenticate" $?
r=$(c -D "$h" -u "$id:$secret" -d grant_type=password "$gw/ords/main/oauth/token")
[ "$(jget "$r" error)" = unsupported_grant_type ] && grep -q '^HTTP/1.1 400' "$h"; ok "grant_type=password: 400 unsupported_grant_type" $?
r=$(c -D "$h" -u "$id:$secret" -d grant_type=client_credentials -d grant_type=client_credentials "$gw/ords/main/oauth/token")
[ "$(jget "$r" error)" = invalid_request ] && grep -q '^HTTP/1.1 400' "$h"; ok "a repeated form field: 400 invalid_request" $?
r=$(c -D "$h" -u "$id:$secret" -H 'Content-Type: application/json' -d '{"grant_type":"client_credentials"}' "$gw/ords/main/oauth/token")
[ "$(jget "$r" error)" = invalid_request ] && grep -q '^HTTP/1.1 400' "$h"; ok "a JSON body: 400 invalid_request" $?
r=$(c -D "$h" -H 'Authorization: Basic !!!notbase64' -d grant_type=client_credentials "$gw/ords/main/oauth/token")
[ "$(jget "$r" error)" = invalid_client ] && grep -q '^HTTP/1.1 401' "$h"; ok "a malformed Basic value: 401 invalid_client" $?
[ "$(code -u "$id:$secret" -d grant_type=client_credentials "$gw/ords/hr/oauth/token")" = 401 ]
ok "a client of schema MAIN at /ords/hr/oauth/token: 401 (served only in its own schema)" $?
[ "$(code -u "$id:$secret" -d grant_type=client_credentials "$gw/ords/nosuch/oauth/token")" = 404 ]; ok "an unknown alias: 404" $?
[ "$(code "$gw/ords/main/oauth/token")" = 405 ]; ok "GET on the token endpoint: 405" $?
[ "$(code "$gw/nothing/here")" = 404 ]; ok "an unknown path: 404" $?

# 6. keep-alive: curl reuses one connection for three requests
n=$(curl -s -m 10 -v -o /dev/null -o /dev/null -o /dev/null "$gw/healthz" "$gw/healthz" "$gw/healthz" 2>&1 | grep -c 'Re-using existing connection')
[ "$n" = 2 ]; ok "keep-alive: three requests on one connection" $? "reused $n times"

# 7. the access log: method, path, status, client_id, microseconds; never a token, secret or query
c -o /dev/null "$gw/healthz?access_token=$tok&client_secret=$secret"
sleep 0.2
log=$tmp/flows.log
grep -q "^access POST /ords/main/oauth/token 200 client_id=$id [0-9]*us$" "$log"; ok "access log line: method path status client_id microseconds" $?
bad=0
for s in "$tok" "$tok2" "$at" "$rt" "$at2" "$rt2" "$ext" "${ex#*:}" "$secret" web-secret-0123456789-abcdefghi "$authcode" access_token client_secret Basic Bearer '?'; do
  grep -qF -- "$s" "$log" && bad=1 && echo "  the log holds ${s:0:6}..."
done
[ $bad = 0 ]; ok "the access log holds no token, secret, code, Authorization or query" $?
stop_pid "$gpid"
