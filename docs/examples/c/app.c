/* app.c: ords_security from a C program through libsqlite3.
 *
 * The small program every language example runs: protect the /app/ paths, register a client and take its
 * secret (shown this once), get a token, check requests (401, 200, then 403 when the role is
 * revoked), rotate the secret, revoke everything, and handle the errors a bad call raises.
 * It asserts each outcome and exits 1 if one is not as expected.
 *
 * Build and run from the repository root (after `make`):
 *   cc -std=c99 -Wall -o app docs/examples/c/app.c $(pkg-config --cflags --libs sqlite3)
 *   ./app build/ords_security
 *
 * The JSON results are read with SQLite's own JSON operators (->>) in the same statement, so the
 * program needs no JSON library. Errors are SQL errors: sqlite3_errmsg() holds
 * "<function>: <what was wrong>", and sqlite3_errcode() tells a constraint (a name that exists)
 * from other errors. No secret or token is ever printed.
 */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;
static int failures;

static void expect(int ok, const char *what) {
  printf("%-4s %s\n", ok ? "ok" : "FAIL", what);
  if (!ok) failures++;
}

/* query: runs one statement with text parameters (NULL pointers bind NULL) and copies the first
 * column of its first row into out (empty when NULL or no row). Returns the SQLite result code:
 * SQLITE_OK, or the error's code with its message left in sqlite3_errmsg(db). */
static int query(char *out, size_t outsz, const char *sql, int nparams, ...) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  if (out && outsz) out[0] = '\0';
  if (rc != SQLITE_OK) return rc;
  va_list ap;
  va_start(ap, nparams);
  for (int i = 1; i <= nparams; i++) {
    const char *v = va_arg(ap, const char *);
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
  }
  va_end(ap);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char *t = sqlite3_column_text(st, 0);
    if (out && outsz && t) snprintf(out, outsz, "%s", (const char *)t);
    rc = SQLITE_OK;
  } else if (rc == SQLITE_DONE) {
    rc = SQLITE_OK;
  }
  /* sqlite3_finalize returns the statement's error again; keep the first code. */
  int frc = sqlite3_finalize(st);
  return rc != SQLITE_OK ? sqlite3_errcode(db) : frc;
}

/* must: a call that has to succeed; prints the error message and exits otherwise. */
static void must(char *out, size_t outsz, const char *sql, int nparams, const char *a, const char *b) {
  if (query(out, outsz, sql, nparams, a, b) != SQLITE_OK) {
    fprintf(stderr, "unexpected error: %s\n", sqlite3_errmsg(db));
    exit(1);
  }
}

/* status: check_request's status for GET /app/items with the given Authorization value. */
static int status(const char *authorization, char *reason, size_t reasonsz) {
  char s[16];
  must(s, sizeof s, "select check_request('GET', '/app/items', ?) ->> 'status'", 1, authorization, NULL);
  if (reason) must(reason, reasonsz, "select check_request('GET', '/app/items', ?) ->> 'reason'", 1, authorization, NULL);
  return atoi(s);
}

int main(int argc, char **argv) {
  const char *ext = argc > 1 ? argv[1] : "build/ords_security";
  char client_id[64], secret[128], token[128], bearer[160], out[512], reason[512];

  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    fprintf(stderr, "cannot open a database: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  /* Extension loading is off by default; allow it for the C API only, load, and turn it off. */
  char *err = NULL;
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, NULL);
  if (sqlite3_load_extension(db, ext, NULL, &err) != SQLITE_OK) {
    fprintf(stderr, "cannot load %s: %s\n", ext, err ? err : "unknown error");
    sqlite3_free(err);
    return 1;
  }
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  must(out, sizeof out, "select ords_security_version()", 0, NULL, NULL);
  printf("ords_security %s, SQLite %s\n", out, sqlite3_libversion());

  /* 1. Protect the /app/ paths with privilege app_priv, which needs role app_role. */
  must(NULL, 0, "select create_role('app_role')", 0, NULL, NULL);
  must(NULL, 0, "select define_privilege('app_priv', 'app_role', '/app/*')", 0, NULL, NULL);

  /* 2. Register a client with a generated secret; the result is JSON, read with ->>. The secret is
   *    in this answer only: keep it where the application keeps secrets, never in a log. */
  const char *reg =
      "select r ->> '$.client_key.client_id', r ->> '$.client_secret.secret' from (select register_client("
      "  json_object('name', ?, 'grant_type', 'client_credentials', 'support_email', 'ops@example.org',"
      "              'client_secret', json_object('stored', json('false')))) as r)";
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, reg, -1, &st, NULL) != SQLITE_OK) return 1;
  sqlite3_bind_text(st, 1, "inventory-service", -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_ROW) {
    fprintf(stderr, "register_client failed: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  snprintf(client_id, sizeof client_id, "%s", (const char *)sqlite3_column_text(st, 0));
  snprintf(secret, sizeof secret, "%s", (const char *)sqlite3_column_text(st, 1));
  sqlite3_finalize(st);
  expect(strlen(client_id) == 24 && strlen(secret) == 24, "register_client: a client_id and a secret of 24 characters");
  must(NULL, 0, "select grant_client_role(?, 'app_role')", 1, "inventory-service", NULL);

  /* 3. The token endpoint: an answer, never an SQL error, for OAuth failures. */
  must(out, sizeof out, "select oauth_token('client_credentials', ?, ?) ->> 'token_type'", 2, client_id, secret);
  expect(strcmp(out, "bearer") == 0, "oauth_token: a bearer token");
  must(token, sizeof token, "select oauth_token('client_credentials', ?, ?) ->> 'access_token'", 2, client_id, secret);
  snprintf(bearer, sizeof bearer, "Bearer %s", token);

  /* 4. Requests: 401 without a token, 200 with it, 403 once the role is revoked. */
  expect(status(NULL, NULL, 0) == 401, "GET /app/items without a token: 401");
  expect(status(bearer, NULL, 0) == 200, "GET /app/items with the token: 200");
  must(NULL, 0, "select revoke_client_role(?, 'app_role')", 1, "inventory-service", NULL);
  expect(status(bearer, reason, sizeof reason) == 403, "GET /app/items after revoke_client_role: 403");
  printf("     reason: %s\n", reason);
  must(NULL, 0, "select grant_client_role(?, 'app_role')", 1, "inventory-service", NULL);
  expect(status(bearer, NULL, 0) == 200, "GET /app/items after grant_client_role: 200");

  /* 5. Rotate: positionally rotate_client_secret returns the new secret; revoke_existing (1) ends
   *    the old one at once (0 would keep both valid until the old one is revoked). */
  char old_secret[128];
  snprintf(old_secret, sizeof old_secret, "%s", secret);
  must(secret, sizeof secret, "select rotate_client_secret(?, 1, 0)", 1, "inventory-service", NULL);
  must(out, sizeof out, "select oauth_token('client_credentials', ?, ?) ->> 'error'", 2, client_id, old_secret);
  expect(strcmp(out, "invalid_client") == 0, "the old secret after rotation: invalid_client");
  must(out, sizeof out, "select oauth_token('client_credentials', ?, ?) ->> 'token_type'", 2, client_id, secret);
  expect(strcmp(out, "bearer") == 0, "the new secret: a bearer token");
  expect(status(bearer, NULL, 0) == 200, "tokens issued before the rotation still work: 200");

  /* 6. Revoke every secret and every session of the client. */
  must(out, sizeof out,
       "select revoke_client_secrets(json_object('name', ?, 'filter', json_object('slot', 3),"
       " 'revoke_sessions', json('true'))) ->> '$.client_secret.slot'", 1, "inventory-service", NULL);
  expect(out[0] != '\0', "revoke_client_secrets: a slot was revoked");
  expect(status(bearer, NULL, 0) == 401, "GET /app/items with a revoked token: 401");
  must(out, sizeof out, "select oauth_token('client_credentials', ?, ?) ->> 'error'", 2, client_id, secret);
  expect(strcmp(out, "invalid_client") == 0, "the revoked secret: invalid_client");

  /* 7. Errors: a bad call is an SQL error naming the function and the parameter; nothing changed. */
  int rc = query(NULL, 0, "select register_client(?, 'password', 'ops@example.org')", 1, "bad-client", NULL);
  expect(rc == SQLITE_ERROR && strncmp(sqlite3_errmsg(db), "register_client: p_grant_type", 29) == 0,
         "register_client with grant type password: an SQL error naming p_grant_type");
  printf("     message: %s\n", sqlite3_errmsg(db));
  rc = query(NULL, 0, "select create_role('app_role')", 0, NULL, NULL);
  expect(rc == SQLITE_CONSTRAINT, "create_role of an existing role: SQLITE_CONSTRAINT");
  printf("     message: %s\n", sqlite3_errmsg(db));
  must(out, sizeof out, "select count(*) from user_ords_clients where name = 'bad-client'", 0, NULL, NULL);
  expect(strcmp(out, "0") == 0, "the failed call left nothing behind");

  sqlite3_close(db);
  printf("%s\n", failures ? "FAILED" : "all outcomes as expected");
  return failures ? 1 : 0;
}
