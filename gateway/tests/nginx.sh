# nginx.sh: a real nginx (nginx-light, auth_request) with the configuration block of
# docs/gateway.md, word for word but for the ports, in front of a small upstream (an nginx server
# block that echoes the X-Ords-* headers it receives): 401 without a token, 200 with one, the
# headers at the upstream, 403 after the client's role is revoked (sourced by run.sh).
db=$tmp/gw.db
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
start_gateway nginx --db "$db" --ext "$b/ords_security" --workers 2 --trust-user-header X-Remote-User
ng=$(free_port); up=$(free_port)
mkdir -p "$tmp/nginx/logs"
awk '/<!-- nginx.conf: tested by gateway\/tests\/nginx.sh -->/ {on=1; next}
     on && /^```nginx/ {inblock=1; next} inblock && /^```/ {exit} inblock {print}' docs/gateway.md |
  sed "s/127\.0\.0\.1:8080/127.0.0.1:$port/; s/127\.0\.0\.1:8000/127.0.0.1:$ng/; s/127\.0\.0\.1:9000/127.0.0.1:$up/" \
  > "$tmp/nginx/ords.conf"
grep -q auth_request "$tmp/nginx/ords.conf"; ok "docs/gateway.md holds the nginx block" $?
{
  [ "$(id -u)" = 0 ] && echo "user root;"
  cat <<CONF
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 128; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/body; proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi; uwsgi_temp_path $tmp/nginx/uwsgi; scgi_temp_path $tmp/nginx/scgi;
    include $tmp/nginx/ords.conf;
    # The protected service: says which X-Ords-* headers reached it.
    server {
        listen 127.0.0.1:$up;
        location / { return 200 "client_id=\$http_x_ords_client_id user=\$http_x_ords_user privilege=\$http_x_ords_privilege\n"; }
    }
}
CONF
} > "$tmp/nginx/nginx.conf"
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' 2>"$tmp/nginx/stderr" &
npid=$!; pids+=("$npid")
for i in $(seq 1 100); do [ "$(code "http://127.0.0.1:$ng/ords/main/x")" != 000 ] && break; sleep 0.05; done
ngx="http://127.0.0.1:$ng"
kill -0 "$npid" 2>/dev/null; ok "nginx runs with the block (non-daemon, loopback, temp prefix)" $? "$(cat "$tmp/nginx/stderr")"

r=$(c -X POST "$ngx/ords/main/oauth/token" -H "Content-Type: application/x-www-form-urlencoded" \
      -d "grant_type=client_credentials" -u "BatchClient000000000AA..:batch-secret-0123456789-abcdefg")
nt=$(jget "$r" access_token)
[ ${#nt} -ge 40 ]; ok "through nginx: the token endpoint (tutorial 003's curl)" $?
c -D "$h" -o /dev/null "$ngx/ords/main/emp/7"
grep -q '^HTTP/1.1 401' "$h" && [ "$(header WWW-Authenticate "$h")" = 'Bearer realm="ords"' ]
ok "through nginx: no token, 401 with WWW-Authenticate: Bearer" $? "$(head -n1 "$h")"
body=$(c -D "$h" -H "Authorization: Bearer $nt" -H "X-Ords-User: mallory" "$ngx/ords/main/emp/7")
grep -q '^HTTP/1.1 200' "$h" && [ "$body" = "client_id=BatchClient000000000AA.. user= privilege=emp_priv" ]
ok "through nginx: with the token, 200; X-Ords-* reach the upstream, a client's own X-Ords-User does not" $? "$body"
[ "$(code --path-as-is "$ngx/ords/main/public/../emp/8")" = 401 ]
ok "through nginx: /public/../emp/8 is decided as /emp/8 (401), not as public" $?
[ "$(code -H "X-Remote-User: mallory" "$ngx/ords/main/oauth/auth?response_type=code&client_id=WebClient00000000000AA..")" = 401 ]
ok "through nginx: a client's X-Remote-User is dropped (/oauth/auth 401)" $?
sql "select revoke_client_role('batch', 'emp_role');" >/dev/null
c -D "$h" -o /dev/null -H "Authorization: Bearer $nt" "$ngx/ords/main/emp/7"
grep -q '^HTTP/1.1 403' "$h"; ok "through nginx: 403 once the client's role is revoked" $? "$(head -n1 "$h")"
sql "select grant_client_role('batch', 'emp_role');" >/dev/null
[ "$(code -H "Authorization: Bearer $nt" "$ngx/ords/main/emp/7")" = 200 ]; ok "through nginx: 200 again once granted" $?
stop_pid "$npid"
stop_pid "$gpid"
