// bench_pg.cpp: `make pg-bench`, the PostgreSQL figures of docs/benchmarks.md ("PostgreSQL"):
// each operation of ords_security measured beside the bare PostgreSQL operation it is built on,
// over the same local connection (libpq, 127.0.0.1), in one run, with prepared statements:
//
//   check_request per decision  vs  a bare point lookup by a 32-byte bytea key   (goal >= 0.5)
//   autocommit oauth_token      vs  a bare autocommit INSERT of a session row    (goal >= 0.7)
//     (the positional call, as the SQLite bench makes it; the named json call on a line of its own)
//
// Both tables hold the same number of live sessions (--sessions, default 100000) with 32-byte
// digests. Ratios are throughputs (ours / bare). Benchmarks are not tests: this prints figures
// and never fails on them. No secret or token is printed.
//
//   bench_pg --conninfo 'host=127.0.0.1 port=N user=postgres dbname=D' [--sessions N]
//            [--seconds S] [--help]
#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <utility>
#include <random>
#include <string>

namespace {

PGconn* g_conn = nullptr;

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "bench_pg: %s: %s\n", what, PQerrorMessage(g_conn));
  std::exit(2);
}

void exec(const char* sql) {
  PGresult* r = PQexec(g_conn, sql);
  ExecStatusType s = PQresultStatus(r);
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
    std::fprintf(stderr, "bench_pg: %s\n  in: %.200s\n", PQresultErrorMessage(r), sql);
    std::exit(2);
  }
  PQclear(r);
}

std::string one(const char* sql) {
  PGresult* r = PQexec(g_conn, sql);
  if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) < 1) die(sql);
  std::string v = PQgetvalue(r, 0, 0);
  PQclear(r);
  return v;
}

void prepare(const char* name, const char* sql, int n, const Oid* types) {
  PGresult* r = PQprepare(g_conn, name, sql, n, types);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) die(name);
  PQclear(r);
}

// Runs a prepared statement; returns its first value (or "").
std::string run(const char* name, int n, const char* const* values, const int* lengths, const int* formats) {
  PGresult* r = PQexecPrepared(g_conn, name, n, values, lengths, formats, 0);
  ExecStatusType s = PQresultStatus(r);
  if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) die(name);
  std::string v = PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  return v;
}

// Calls per second of a and of b, measured in alternating slices of 0.2 s over `seconds` each,
// so that a busy machine slows both alike.
std::pair<double, double> rates(double seconds, const std::function<void(long)>& a,
                                const std::function<void(long)>& b) {
  using clock = std::chrono::steady_clock;
  long na = 0, nb = 0;
  double ta = 0, tb = 0;
  while (ta < seconds || tb < seconds) {
    for (int which = 0; which < 2; which++) {
      const auto& f = which == 0 ? a : b;
      long& n = which == 0 ? na : nb;
      double& t = which == 0 ? ta : tb;
      auto start = clock::now();
      double e = 0;
      while (e < 0.2) {
        for (int i = 0; i < 10; i++) f(n++);
        e = std::chrono::duration<double>(clock::now() - start).count();
      }
      t += e;
    }
  }
  return {na / ta, nb / tb};
}

}  // namespace

int main(int argc, char** argv) {
  std::string conninfo;
  long sessions = 100000;
  double seconds = 3;
  for (int i = 1; i < argc; i++) {
    if (!std::strcmp(argv[i], "--help")) {
      std::puts("bench_pg --conninfo CONNINFO [--sessions N] [--seconds S]: ords_security on PostgreSQL beside bare\n"
                "PostgreSQL (check_request vs a bytea point lookup, oauth_token vs a bare INSERT); see docs/benchmarks.md");
      return 0;
    }
    if (!std::strcmp(argv[i], "--conninfo") && i + 1 < argc) conninfo = argv[++i];
    else if (!std::strcmp(argv[i], "--sessions") && i + 1 < argc) sessions = std::atol(argv[++i]);
    else if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = std::atof(argv[++i]);
    else {
      std::fprintf(stderr, "bench_pg: unknown argument %s (see --help)\n", argv[i]);
      return 2;
    }
  }
  g_conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(g_conn) != CONNECTION_OK) die("connect");
  exec("SET client_min_messages = warning");
  exec("DROP EXTENSION IF EXISTS ords_security CASCADE");
  exec("DROP SCHEMA IF EXISTS ords_security CASCADE");
  exec("CREATE EXTENSION ords_security");
  exec("SET search_path = public, ords_security");
  exec("SELECT create_role('bench_role')");
  exec("SELECT create_privilege('bench_priv', 'bench_role')");
  exec("SELECT create_privilege_mapping('bench_priv', '/bench/*')");
  // A generated secret (BLAKE2b-verified, as the SQLite bench's), kept here and never printed.
  PGresult* reg = PQexec(g_conn,
      "SELECT x->'client_key'->>'client_id', x->'client_secret'->>'secret' FROM (SELECT register_client(json_build_object("
      "'name', 'svc', 'grant_type', 'client_credentials', 'support_email', 'ops@example.org', "
      "'privilege_names', 'bench_priv', 'client_secret', json_build_object('slot', 1))) AS x) r");
  if (PQresultStatus(reg) != PGRES_TUPLES_OK || PQntuples(reg) != 1) die("register_client");
  std::string client_id = PQgetvalue(reg, 0, 0), secret = PQgetvalue(reg, 0, 1);
  PQclear(reg);
  exec("SELECT grant_client_role('svc', 'bench_role')");
  std::string client = one("SELECT id FROM ords_security.ords_sec_client WHERE name = 'svc'");
  // Live sessions: the same rows in the model's table and in the bare one.
  std::string fill = "INSERT INTO ords_security.ords_sec_session(digest, schema_id, client_id, kind, issued_on, expires_on) "
                     "SELECT sha256(('s' || g)::bytea), 1, " + client + ", 'access', extract(epoch from now())::bigint, "
                     "extract(epoch from now())::bigint + 86400 FROM generate_series(1, " + std::to_string(sessions) + ") g";
  exec(fill.c_str());
  exec("DROP TABLE IF EXISTS bare_session");
  exec("CREATE TABLE bare_session(id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, digest bytea NOT NULL UNIQUE, "
       "schema_id bigint NOT NULL, client_id bigint NOT NULL, kind text NOT NULL, issued_on bigint NOT NULL, "
       "expires_on bigint NOT NULL)");
  std::string bare = "INSERT INTO bare_session(digest, schema_id, client_id, kind, issued_on, expires_on) "
                     "SELECT sha256(('s' || g)::bytea), 1, 1, 'access', 0, 1 FROM generate_series(1, " +
                     std::to_string(sessions) + ") g";
  exec(bare.c_str());
  exec("VACUUM ANALYZE bare_session");
  exec("VACUUM ANALYZE ords_security.ords_sec_session");
  exec("ANALYZE");  // the model's small tables too, as autovacuum would have

  std::string bearer;
  {
    const char* v[2] = {client_id.c_str(), secret.c_str()};
    PGresult* r = PQexecParams(g_conn,
        "SELECT ords_security.oauth_token(json_build_object('grant_type', 'client_credentials', 'client_id', $1::text, "
        "'client_secret', $2::text))->>'access_token'", 2, nullptr, v, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) die("oauth_token");
    bearer = std::string("Bearer ") + PQgetvalue(r, 0, 0);
    PQclear(r);
  }
  prepare("check", "SELECT ords_security.check_request($1::text, $2::text, $3::text)->>'status'", 3, nullptr);
  prepare("lookup", "SELECT id, expires_on FROM bare_session WHERE digest = $1", 1, nullptr);
  // The positional call, as the SQLite bench makes it (bench/bench.cpp), beside the named one.
  prepare("token", "SELECT ords_security.oauth_token('client_credentials', $1::text, $2::text)->>'token_type'", 2, nullptr);
  prepare("token_named",
          "SELECT ords_security.oauth_token(json_build_object('grant_type', 'client_credentials', 'client_id', $1::text, "
          "'client_secret', $2::text))->>'token_type'",
          2, nullptr);
  prepare("insert",
          "INSERT INTO bare_session(digest, schema_id, client_id, kind, issued_on, expires_on) "
          "VALUES ($1, 1, 1, 'access', 0, 1)",
          1, nullptr);

  const char* cv[3] = {"GET", "/ords/main/bench/x", bearer.c_str()};
  if (run("check", 3, cv, nullptr, nullptr) != "200") {
    std::fprintf(stderr, "bench_pg: check_request does not allow the token\n");
    return 2;
  }
  unsigned char key[32];
  for (int i = 0; i < 32; i++) key[i] = static_cast<unsigned char>(i * 7);
  const char* lv[1] = {reinterpret_cast<const char*>(key)};
  int ll[1] = {32}, lf[1] = {1};

  auto [check, lookup] = rates(
      seconds, [&](long) { run("check", 3, cv, nullptr, nullptr); },
      [&](long i) {
        key[0] = static_cast<unsigned char>(i);
        run("lookup", 1, lv, ll, lf);
      });
  const char* tv[2] = {client_id.c_str(), secret.c_str()};
  // A session row's digest is a hash: uniformly random 32 bytes, so the bare rows' keys are too
  // (as the SQLite bench's randomblob(32)). Keys that differ only in a counter's first bytes
  // would land on a few hot index pages, cheaper than any real session row.
  std::mt19937_64 keys(std::random_device{}());
  unsigned char dg[32] = {0};
  const char* iv[1] = {reinterpret_cast<const char*>(dg)};
  auto bare_insert = [&](long) {
    for (int k = 0; k < 32; k += 8) {
      uint64_t v = keys();
      std::memcpy(dg + k, &v, sizeof v);
    }
    run("insert", 1, iv, ll, lf);
  };
  auto [tok, ins] = rates(seconds, [&](long) { run("token", 2, tv, nullptr, nullptr); }, bare_insert);
  auto [tok_named, ins2] = rates(seconds, [&](long) { run("token_named", 2, tv, nullptr, nullptr); }, bare_insert);
  std::printf("PostgreSQL %s, %ld live sessions, %.0f s per figure (alternating 0.2 s slices), one local connection (127.0.0.1)\n",
              one("SHOW server_version").c_str(), sessions, seconds);
  std::printf("%-34s %10.0f /s   bare point lookup (32-byte bytea) %10.0f /s   ratio %.2f (goal >= 0.5)\n",
              "check_request (opaque token)", check, lookup, check / lookup);
  std::printf("%-34s %10.0f /s   bare autocommit INSERT            %10.0f /s   ratio %.2f (goal >= 0.7)\n",
              "oauth_token (autocommit)", tok, ins, tok / ins);
  std::printf("%-34s %10.0f /s   bare autocommit INSERT            %10.0f /s   ratio %.2f (the named form)\n",
              "oauth_token (autocommit, json)", tok_named, ins2, tok_named / ins2);
  PQfinish(g_conn);
  return 0;
}
