// app.js: ords_security from Node.js with better-sqlite3 (from the npm registry).
//
// The small program every language example runs: protect the /app/ paths, register a client and
// take its secret (shown this once), get a token, check requests (401, 200, then 403 when the role
// is revoked), rotate the secret, revoke everything, and handle the errors a bad call raises. It
// asserts each outcome and exits 1 if one is not as expected.
//
// Run from the repository root (after `make`):
//   (cd docs/examples/node && npm ci)        # better-sqlite3 12.x, as package-lock.json pins it
//   node docs/examples/node/app.js build/ords_security
//
// better-sqlite3 12 runs on Node 20 and later (13 needs Node 22). It carries its own SQLite, newer
// than Debian's; the extension needs 3.35 or later and works with either.
// Numbers: better-sqlite3 binds a JS number as REAL, and ords_security's boolean parameters take
// 0/1 integers, JSON true/false or 'TRUE'/'FALSE'. So write such arguments as SQL literals
// (rotate_client_secret(?, 1, 0)) or bind BigInt values (1n), which bind as INTEGER.
// No secret or token is ever printed.
'use strict';
const path = require('path');
const Database = require('better-sqlite3');

let failures = 0;
function expect(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures++;
}

const ext = path.resolve(process.argv[2] || 'build/ords_security');
const db = new Database(':memory:');
try {
  db.loadExtension(ext);  // better-sqlite3 allows loading extensions through its own API only
} catch (e) {
  console.log(`cannot load ${ext}: ${e.message}`);
  process.exit(1);
}

// one(sql, ...params): the first column of the first row of one statement.
const one = (sql, ...params) => db.prepare(sql).pluck().get(...params);
console.log(`ords_security ${one('select ords_security_version()')}, SQLite ${one('select sqlite_version()')}`);

// 1. Protect /app/... with privilege app_priv, which needs role app_role.
one("select create_role('app_role')");
one("select define_privilege('app_priv', 'app_role', '/app/*')");

// 2. Register a client with a generated secret. The result is JSON text: JSON.parse it.
//    The secret is in this answer only: keep it where the application keeps secrets.
const creds = JSON.parse(one(`select register_client(json_object(
    'name', ?, 'grant_type', 'client_credentials', 'support_email', 'ops@example.org',
    'client_secret', json_object('stored', json('false'))))`, 'inventory-service'));
const clientId = creds.client_key.client_id;
let secret = creds.client_secret.secret;
expect(clientId.length === 24 && secret.length === 24 && creds.client_secret.slot === 1,
       'register_client: a client_id and a secret of 24 characters, in slot 1');
one("select grant_client_role(?, 'app_role')", 'inventory-service');

// 3. The token endpoint answers OAuth failures (a JSON error body), it does not throw them.
const token = (id, sec) => JSON.parse(one("select oauth_token('client_credentials', ?, ?)", id, sec));
const t = token(clientId, secret);
expect(t.token_type === 'bearer' && t.expires_in === 3600, 'oauth_token: a bearer token for 3600 s');
const bearer = 'Bearer ' + t.access_token;

// 4. Requests: 401 without a token, 200 with it, 403 once the role is revoked.
const check = (authorization) => JSON.parse(one("select check_request('GET', '/app/items', ?)", authorization));
expect(check(null).status === 401, 'GET /app/items without a token: 401');
expect(check(bearer).status === 200, 'GET /app/items with the token: 200');
one("select revoke_client_role(?, 'app_role')", 'inventory-service');
const d = check(bearer);
expect(d.status === 403, 'GET /app/items after revoke_client_role: 403');
console.log('     reason: ' + d.reason);
one("select grant_client_role(?, 'app_role')", 'inventory-service');
expect(check(bearer).status === 200, 'GET /app/items after grant_client_role: 200');

// 5. Rotate: positionally rotate_client_secret returns the new secret; revoke_existing (1n, a
//    BigInt so that it binds as INTEGER) ends the old one at once.
const oldSecret = secret;
secret = one('select rotate_client_secret(?, ?, ?)', 'inventory-service', 1n, 0n);
expect(token(clientId, oldSecret).error === 'invalid_client', 'the old secret after rotation: invalid_client');
expect(token(clientId, secret).token_type === 'bearer', 'the new secret: a bearer token');
expect(check(bearer).status === 200, 'tokens issued before the rotation still work: 200');

// 6. Revoke every secret and every session of the client.
const r = JSON.parse(one(`select revoke_client_secrets(json_object('name', ?,
    'filter', json_object('slot', 3), 'revoke_sessions', json('true')))`, 'inventory-service'));
expect(r.client_secret.slot !== null, 'revoke_client_secrets: a slot was revoked');
expect(check(bearer).status === 401, 'GET /app/items with a revoked token: 401');
expect(token(clientId, secret).error === 'invalid_client', 'the revoked secret: invalid_client');

// 7. Errors: a bad call throws a SqliteError whose message names the function and the parameter,
//    and whose code says what kind of error it is (SQLITE_CONSTRAINT: a name that exists).
try {
  one("select register_client(?, 'password', 'ops@example.org')", 'bad-client');
  expect(false, 'register_client with grant type password throws');
} catch (e) {
  if (!(e instanceof Database.SqliteError)) throw e;
  expect(e.message.startsWith('register_client: p_grant_type') && e.code === 'SQLITE_ERROR',
         'register_client with grant type password: an SQL error naming p_grant_type');
  console.log('     message: ' + e.message);
}
try {
  one("select create_role('app_role')");
  expect(false, 'create_role of an existing role throws');
} catch (e) {
  if (!(e instanceof Database.SqliteError)) throw e;
  expect(e.code.startsWith('SQLITE_CONSTRAINT'), `create_role of an existing role: ${e.code}`);
  console.log('     message: ' + e.message);
}
expect(one("select count(*) from user_ords_clients where name = 'bad-client'") === 0,
       'the failed call left nothing behind');

db.close();
console.log(failures ? 'FAILED' : 'all outcomes as expected');
process.exit(failures ? 1 : 0);
