#!/usr/bin/env python3
"""group_commit.py: many token requests at once, so that the gateway's writer commits them in
groups (gateway/write_group.hpp), good and bad ones mixed in the same groups. Checks that every
good request got its own token and that each of them is in the database (its /auth decision is
200, never 401 "unknown token"), that every bad one got its own error and issued nothing, and
that the count of live sessions grew by exactly the good ones. Prints one "ok"/"FAILED" line per
check; exit 0 only if all passed. Talks to 127.0.0.1 only; every request is bounded in time.

  group_commit.py PORT CLIENT_ID SECRET SESSIONS_BEFORE_CMD...

SESSIONS_BEFORE_CMD is run (before and after) to count the sessions (the sqlite3 shell).
"""
import base64
import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request

port, client_id, secret = sys.argv[1], sys.argv[2], sys.argv[3]
count_cmd = sys.argv[4:]
base = "http://127.0.0.1:%s" % port
failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print("ok      gateway: " + name)
    else:
        failures += 1
        print("FAILED  gateway: " + name + (" (%s)" % detail if detail else ""))


def sessions():
    return int(subprocess.run(count_cmd, capture_output=True, text=True, timeout=30).stdout.strip() or -1)


def token_request(kind):
    body = b"grant_type=client_credentials"
    if kind == "good":
        auth = base64.b64encode(("%s:%s" % (client_id, secret)).encode()).decode()
    elif kind == "bad_secret":
        auth = base64.b64encode(("%s:%s" % (client_id, "wrong-" + secret)).encode()).decode()
    else:  # a grant the client does not have: an OAuth error from inside the call
        auth = base64.b64encode(("%s:%s" % (client_id, secret)).encode()).decode()
        body = b"grant_type=password&username=u&password=p"
    req = urllib.request.Request(base + "/ords/main/oauth/token", data=body, method="POST",
                                 headers={"Authorization": "Basic " + auth,
                                          "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def auth_status(token):
    req = urllib.request.Request(base + "/auth", headers={"X-Original-URI": "/ords/main/emp/1",
                                                          "Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


before = sessions()
kinds = (["good"] * 4 + ["bad_secret", "bad_grant"]) * 40  # 240 requests, 160 good
results = [None] * len(kinds)
lock = threading.Lock()
next_i = [0]


def worker():
    while True:
        with lock:
            i = next_i[0]
            next_i[0] += 1
        if i >= len(kinds):
            return
        try:
            results[i] = token_request(kinds[i])
        except Exception as e:  # a timeout or a reset: counted as a failure below
            results[i] = (0, {"exception": str(e)})


threads = [threading.Thread(target=worker) for _ in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join(120)

good = [r for k, r in zip(kinds, results) if k == "good"]
tokens = [r[1].get("access_token") for r in good if r and r[0] == 200]
check("240 token requests from 16 threads at once: every good one 200 with a token",
      len(tokens) == len(good) and all(tokens), "%d of %d" % (len(tokens), len(good)))
check("every token issued is a different one", len(set(tokens)) == len(tokens))
bad_secret = [r for k, r in zip(kinds, results) if k == "bad_secret"]
check("every wrong secret in the same groups: 401 invalid_client",
      all(r and r[0] == 401 and r[1].get("error") == "invalid_client" for r in bad_secret),
      str([r[0] for r in bad_secret if not r or r[0] != 401][:5]))
bad_grant = [r for k, r in zip(kinds, results) if k == "bad_grant"]
check("every grant the client does not have, in the same groups: 400 with an OAuth error",
      all(r and r[0] == 400 and r[1].get("error") in ("unsupported_grant_type", "unauthorized_client", "invalid_grant")
          for r in bad_grant), str([(r[0], r[1].get("error")) for r in bad_grant if not r or r[0] != 400][:5]))
statuses = [auth_status(t) for t in tokens[:: max(1, len(tokens) // 40)]]
check("the tokens answered are in the database: /auth gives 200 for each (40 sampled)",
      statuses and all(s == 200 for s in statuses), str(sorted(set(statuses))))
after = sessions()
check("the sessions grew by the good requests alone (%d)" % len(good), after - before == len(good),
      "before %d, after %d" % (before, after))
sys.exit(1 if failures else 0)
