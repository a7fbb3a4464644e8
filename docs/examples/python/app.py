#!/usr/bin/env python3
"""app.py: ords_security from Python with the standard library's sqlite3 module.

The small program every language example runs: protect the /app/ paths, register a client and
take its secret (shown this once), get a token, check requests (401, 200, then 403 when the role
is revoked), rotate the secret, revoke everything, and handle the errors a bad call raises. It
asserts each outcome and exits 1 if one is not as expected; it exits 77 (and says why) when this
Python cannot load SQLite extensions at all.

Run from the repository root (after `make`):
    python3 docs/examples/python/app.py build/ords_security

Not every Python can load extensions: the sqlite3 module has enable_load_extension() only when
Python was built with --enable-loadable-sqlite-extensions. Debian's /usr/bin/python3 has it;
pyenv and some other self-built Pythons do not. See docs/examples/README.md for the ways out.
No secret or token is ever printed.
"""
import json
import sqlite3
import sys

failures = 0


def expect(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1


def connect(ext):
    """Opens a database with ords_security loaded, or exits 77 when this Python cannot load it."""
    conn = sqlite3.connect(":memory:", isolation_level=None)  # autocommit: each call is atomic
    if not hasattr(conn, "enable_load_extension"):
        print(f"{sys.executable}: this Python's sqlite3 module cannot load extensions (built without "
              "--enable-loadable-sqlite-extensions); use Debian's /usr/bin/python3, or rebuild with "
              "PYTHON_CONFIGURE_OPTS=--enable-loadable-sqlite-extensions pyenv install <version>")
        sys.exit(77)
    conn.enable_load_extension(True)
    try:
        conn.load_extension(ext)
    except sqlite3.OperationalError as e:
        print(f"cannot load {ext}: {e}")
        sys.exit(1)
    finally:
        conn.enable_load_extension(False)  # only this call needed it; SQL cannot load_extension() now
    return conn


def one(conn, sql, *params):
    """The first column of the first row of one statement."""
    return conn.execute(sql, params).fetchone()[0]


def main():
    ext = sys.argv[1] if len(sys.argv) > 1 else "build/ords_security"
    conn = connect(ext)
    print(f"ords_security {one(conn, 'select ords_security_version()')}, SQLite {sqlite3.sqlite_version}")

    # 1. Protect /app/... with privilege app_priv, which needs role app_role.
    conn.execute("select create_role('app_role')")
    conn.execute("select define_privilege('app_priv', 'app_role', '/app/*')")

    # 2. Register a client with a generated secret. The result is JSON text: parse it with json.
    #    The secret is in this answer only: keep it where the application keeps secrets.
    creds = json.loads(one(conn, """select register_client(json_object(
        'name', ?, 'grant_type', 'client_credentials', 'support_email', 'ops@example.org',
        'client_secret', json_object('stored', json('false'))))""", "inventory-service"))
    client_id = creds["client_key"]["client_id"]
    secret = creds["client_secret"]["secret"]
    expect(len(client_id) == 24 and len(secret) == 24 and creds["client_secret"]["slot"] == 1,
           "register_client: a client_id and a secret of 24 characters, in slot 1")
    conn.execute("select grant_client_role(?, 'app_role')", ("inventory-service",))

    # 3. The token endpoint answers OAuth failures (a JSON error body), it does not raise them.
    def token(cid, sec):
        return json.loads(one(conn, "select oauth_token('client_credentials', ?, ?)", cid, sec))

    t = token(client_id, secret)
    expect(t.get("token_type") == "bearer" and t.get("expires_in") == 3600, "oauth_token: a bearer token for 3600 s")
    bearer = "Bearer " + t["access_token"]

    # 4. Requests: 401 without a token, 200 with it, 403 once the role is revoked.
    def check(authorization):
        return json.loads(one(conn, "select check_request('GET', '/app/items', ?)", authorization))

    expect(check(None)["status"] == 401, "GET /app/items without a token: 401")
    expect(check(bearer)["status"] == 200, "GET /app/items with the token: 200")
    conn.execute("select revoke_client_role(?, 'app_role')", ("inventory-service",))
    d = check(bearer)
    expect(d["status"] == 403, "GET /app/items after revoke_client_role: 403")
    print("     reason:", d["reason"])
    conn.execute("select grant_client_role(?, 'app_role')", ("inventory-service",))
    expect(check(bearer)["status"] == 200, "GET /app/items after grant_client_role: 200")

    # 5. Rotate: positionally rotate_client_secret returns the new secret; revoke_existing=True
    #    ends the old one at once (False keeps both valid until the old one is revoked).
    old_secret = secret
    secret = one(conn, "select rotate_client_secret(?, ?, ?)", "inventory-service", True, False)
    expect(token(client_id, old_secret).get("error") == "invalid_client", "the old secret after rotation: invalid_client")
    expect(token(client_id, secret).get("token_type") == "bearer", "the new secret: a bearer token")
    expect(check(bearer)["status"] == 200, "tokens issued before the rotation still work: 200")

    # 6. Revoke every secret and every session of the client.
    r = json.loads(one(conn, """select revoke_client_secrets(json_object('name', ?,
        'filter', json_object('slot', 3), 'revoke_sessions', json('true')))""", "inventory-service"))
    expect(r["client_secret"]["slot"] is not None, "revoke_client_secrets: a slot was revoked")
    expect(check(bearer)["status"] == 401, "GET /app/items with a revoked token: 401")
    expect(token(client_id, secret).get("error") == "invalid_client", "the revoked secret: invalid_client")

    # 7. Errors: a bad call raises sqlite3.Error whose message names the function and the parameter.
    #    A name that already exists is sqlite3.IntegrityError (SQLITE_CONSTRAINT). Nothing changes.
    try:
        conn.execute("select register_client(?, 'password', 'ops@example.org')", ("bad-client",))
        expect(False, "register_client with grant type password raises")
    except sqlite3.OperationalError as e:
        expect(str(e).startswith("register_client: p_grant_type"),
               "register_client with grant type password: an SQL error naming p_grant_type")
        print("     message:", e)
    try:
        conn.execute("select create_role('app_role')")
        expect(False, "create_role of an existing role raises")
    except sqlite3.IntegrityError as e:
        expect(True, "create_role of an existing role: sqlite3.IntegrityError (SQLITE_CONSTRAINT)")
        print("     message:", e)
    expect(one(conn, "select count(*) from user_ords_clients where name = 'bad-client'") == 0,
           "the failed call left nothing behind")

    conn.close()
    print("FAILED" if failures else "all outcomes as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
