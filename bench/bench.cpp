// bench.cpp: `make bench`, the performance figures of ords_security, each measured side by side
// with the bare SQLite operation it is built on, in one run, on one WAL database with
// synchronous=NORMAL and 100k live sessions (ISSUE 4; figures kept in docs/benchmarks.md).
//
//   check_request per decision   vs  a bare point lookup by a 32-byte key   (goal >= 0.5, floor 0.3)
//   autocommit oauth_token       vs  a bare autocommit INSERT of a session row (goal >= 0.8, floor 0.6)
//   tokens issued per second inside one transaction
//   refresh grants per second (autocommit)
//   check_request with a fresh RS256 / ES256 / EdDSA JWT  vs  one bare signature verification of
//     the same algorithm by the same library (OpenSSL EVP_DigestVerify, libsodium
//     crypto_sign_verify_detached)   (goal: the decision costs at most 1.3x the verification)
//   check_request with a JWT already verified (the memory of verified JWTs)  vs  check_request
//     with an opaque token           (goal: at most 2x)
// Ratios are throughputs (ours / bare): a goal of "at most 1.3x the time" is a ratio >= 0.77.
//
// Benchmarks are not tests: this prints figures and never fails on them.
//   build/bench [--sessions N] [--seconds S] [--db PATH] [--help]
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <sodium.h>
#include <sqlite3.h>

#include <ctime>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace {

struct Options {
  int sessions = 100000;
  double seconds = 1.0;
  std::string db = "build/bench.db";
  std::string ext = "build/ords_security";
  std::string op;      // --op check|token: run only that operation `iterations` times (for profilers)
  long iterations = 20000;
};

[[noreturn]] void die(sqlite3* db, const char* what) {
  std::fprintf(stderr, "bench: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
  std::exit(2);
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "bench: %s\n  in: %s\n", err ? err : "?", sql.c_str());
    std::exit(2);
  }
}

struct Stmt {
  sqlite3_stmt* st = nullptr;
  sqlite3* db;
  Stmt(sqlite3* d, const std::string& sql) : db(d) {
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) die(db, sql.c_str());
  }
  ~Stmt() { sqlite3_finalize(st); }
  Stmt& text(int i, const std::string& s) {
    sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& blob(int i, const void* p, int n) {
    sqlite3_bind_blob(st, i, p, n, SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& integer(int i, sqlite3_int64 v) {
    sqlite3_bind_int64(st, i, v);
    return *this;
  }
  // Steps once and returns column 0 as text ("" if none); resets.
  std::string one() {
    int rc = sqlite3_step(st);
    std::string out;
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      if (t) out = reinterpret_cast<const char*>(t);
      rc = sqlite3_step(st);
    }
    if (rc != SQLITE_DONE) die(db, "step");
    sqlite3_reset(st);
    return out;
  }
};

std::string json_field(sqlite3* db, const std::string& json, const char* path) {
  Stmt st(db, "SELECT json_extract(?1, ?2)");
  st.text(1, json).text(2, path);
  return st.one();
}

// Runs fn repeatedly for about `seconds`, three times; returns the best operations per second.
double rate(double seconds, const std::function<void()>& fn) {
  double best = 0;
  for (int round = 0; round < 3; round++) {
    auto start = std::chrono::steady_clock::now();
    long n = 0;
    double elapsed = 0;
    do {
      for (int i = 0; i < 64; i++) fn();
      n += 64;
      elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < seconds / 3);
    best = std::max(best, n / elapsed);
  }
  return best;
}

void row(const char* what, double ours, double bare, double goal, double floor) {
  if (bare > 0) {
    double ratio = ours / bare;
    std::printf("%-44s %12.0f/s %12.0f/s %8.2f  goal %.1f, floor %.1f%s\n", what, ours, bare, ratio, goal, floor,
                ratio < floor ? "  BELOW FLOOR" : ratio < goal ? "  below goal" : "");
  } else {
    std::printf("%-44s %12.0f/s\n", what, ours);
  }
}

// ---- JWTs: keys made here, tokens signed here (the extension only verifies) --------------------
std::string b64url(const std::string& raw) {
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), variant), '\0');
  sodium_bin2base64(&out[0], out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(), variant);
  out.resize(out.size() - 1);
  return out;
}

std::string bn_b64(EVP_PKEY* pk, const char* name, int pad) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(pk, name, &bn) != 1) die(nullptr, "EVP_PKEY_get_bn_param");
  std::string raw(static_cast<size_t>(pad ? pad : BN_num_bytes(bn)), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(&raw[0]), static_cast<int>(raw.size()));
  BN_free(bn);
  return b64url(raw);
}

std::string evp_sign(EVP_PKEY* pk, const std::string& input) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, pk) != 1 ||
      EVP_DigestSign(ctx, nullptr, &len, in, input.size()) != 1)
    die(nullptr, "EVP_DigestSign");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(&sig[0]), &len, in, input.size()) != 1) die(nullptr, "EVP_DigestSign");
  sig.resize(len);
  EVP_MD_CTX_free(ctx);
  return sig;
}

// One provider key of each algorithm the bench measures.
struct JwtKey {
  std::string alg, kid, jwk;
  EVP_PKEY* pkey = nullptr;        // RS256, ES256: the key pair, for signing
  EVP_PKEY* pub = nullptr;         // its public half alone (from its SubjectPublicKeyInfo), for verifying
  unsigned char ed_pk[32], ed_sk[64];  // EdDSA
};

JwtKey make_key(const std::string& alg) {
  JwtKey k;
  k.alg = alg;
  k.kid = "bench-" + alg;
  if (alg == "RS256") {
    k.pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
    k.jwk = "{\"kty\":\"RSA\",\"kid\":\"" + k.kid + "\",\"n\":\"" + bn_b64(k.pkey, OSSL_PKEY_PARAM_RSA_N, 0) +
            "\",\"e\":\"" + bn_b64(k.pkey, OSSL_PKEY_PARAM_RSA_E, 0) + "\"}";
  } else if (alg == "ES256") {
    k.pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    k.jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + k.kid + "\",\"x\":\"" +
            bn_b64(k.pkey, OSSL_PKEY_PARAM_EC_PUB_X, 32) + "\",\"y\":\"" + bn_b64(k.pkey, OSSL_PKEY_PARAM_EC_PUB_Y, 32) + "\"}";
  } else {
    crypto_sign_keypair(k.ed_pk, k.ed_sk);
    k.jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + k.kid + "\",\"x\":\"" +
            b64url(std::string(reinterpret_cast<char*>(k.ed_pk), 32)) + "\"}";
  }
  if (alg != "EdDSA") {
    if (!k.pkey) die(nullptr, "EVP_PKEY_Q_keygen");
    unsigned char* der = nullptr;
    int n = i2d_PUBKEY(k.pkey, &der);
    const unsigned char* p = der;
    k.pub = d2i_PUBKEY(nullptr, &p, n);
    OPENSSL_free(der);
    if (!k.pub) die(nullptr, "d2i_PUBKEY");
  }
  return k;
}

// The signature as the JWS carries it (ES256: raw r || s) and as the bare verification takes it
// (ES256: DER, what EVP_DigestVerify wants).
struct Signed {
  std::string token, input, der_or_raw;
};

Signed sign_token(const JwtKey& k, long serial) {
  long now = static_cast<long>(std::time(nullptr));
  std::string header = "{\"alg\":\"" + k.alg + "\",\"typ\":\"JWT\",\"kid\":\"" + k.kid + "\"}";
  std::string claims = "{\"iss\":\"https://idp.example.com/\",\"aud\":\"ords-api\",\"sub\":\"user" +
                       std::to_string(serial) + "@example.com\",\"iat\":" + std::to_string(now - 10) +
                       ",\"exp\":" + std::to_string(now + 86400) + ",\"scope\":\"openid example_priv\"}";
  Signed s;
  s.input = b64url(header) + "." + b64url(claims);
  std::string sig;
  if (k.alg == "RS256") {
    sig = s.der_or_raw = evp_sign(k.pkey, s.input);
  } else if (k.alg == "ES256") {
    s.der_or_raw = evp_sign(k.pkey, s.input);
    const auto* p = reinterpret_cast<const unsigned char*>(s.der_or_raw.data());
    ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(s.der_or_raw.size()));
    const BIGNUM *r = nullptr, *sv = nullptr;
    ECDSA_SIG_get0(es, &r, &sv);
    sig.assign(64, '\0');
    BN_bn2binpad(r, reinterpret_cast<unsigned char*>(&sig[0]), 32);
    BN_bn2binpad(sv, reinterpret_cast<unsigned char*>(&sig[32]), 32);
    ECDSA_SIG_free(es);
  } else {
    sig.assign(64, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(&sig[0]), nullptr,
                         reinterpret_cast<const unsigned char*>(s.input.data()), s.input.size(), k.ed_sk);
    s.der_or_raw = sig;
  }
  s.token = s.input + "." + b64url(sig);
  return s;
}

// One bare verification, the way a caller of the library would make it.
bool bare_verify(const JwtKey& k, const Signed& s) {
  const auto* in = reinterpret_cast<const unsigned char*>(s.input.data());
  const auto* sig = reinterpret_cast<const unsigned char*>(s.der_or_raw.data());
  if (k.alg == "EdDSA") return crypto_sign_verify_detached(sig, in, s.input.size(), k.ed_pk) == 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, k.pub) == 1 &&
            EVP_DigestVerify(ctx, sig, s.der_or_raw.size(), in, s.input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::printf(
          "usage: bench [--sessions N] [--seconds S] [--db PATH] [--ext PATH] [--op check|token --iterations N]\n"
          "Prints ords_security's figures beside bare SQLite's on a WAL database (synchronous=NORMAL).\n");
      return 0;
    } else if (a == "--sessions" && i + 1 < argc) {
      o.sessions = std::atoi(argv[++i]);
    } else if (a == "--seconds" && i + 1 < argc) {
      o.seconds = std::atof(argv[++i]);
    } else if (a == "--db" && i + 1 < argc) {
      o.db = argv[++i];
    } else if (a == "--ext" && i + 1 < argc) {
      o.ext = argv[++i];
    } else if (a == "--op" && i + 1 < argc) {
      o.op = argv[++i];
    } else if (a == "--iterations" && i + 1 < argc) {
      o.iterations = std::atol(argv[++i]);
    } else {
      std::fprintf(stderr, "bench: unknown argument %s (try --help)\n", a.c_str());
      return 2;
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((o.db + suffix).c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(o.db.c_str(), &db) != SQLITE_OK) die(db, "open");
  sqlite3_enable_load_extension(db, 1);
  char* err = nullptr;
  if (sqlite3_load_extension(db, o.ext.c_str(), nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "bench: load %s: %s\n", o.ext.c_str(), err ? err : "?");
    return 2;
  }
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");

  // The security model of the seed tutorials: /example/* protected by example_priv.
  exec(db,
       "SELECT create_role('example_role');"
       "SELECT create_privilege('example_priv', 'example_role', 'Example', 'Protects /example/*');"
       "SELECT create_privilege_mapping('example_priv', '/example/*');"
       "SELECT register_client('bench_cc', 'client_credentials', 'bench@example.org');"
       "SELECT grant_client_role('bench_cc', 'example_role');");
  std::string cid, secret;
  {
    Stmt st(db, "SELECT rotate_client_secret('bench_cc')");
    secret = st.one();
    Stmt id(db, "SELECT client_id FROM user_ords_clients WHERE name = 'bench_cc'");
    cid = id.one();
  }
  Stmt token(db, "SELECT oauth_token('client_credentials', ?1, ?2)");
  token.text(1, cid).text(2, secret);

  // 100k live sessions, issued inside one transaction (and timed: tokens per second).
  std::vector<std::string> tokens;
  tokens.reserve(static_cast<size_t>(o.sessions));
  auto t0 = std::chrono::steady_clock::now();
  exec(db, "BEGIN");
  for (int i = 0; i < o.sessions; i++) tokens.push_back(json_field(db, token.one(), "$.access_token"));
  exec(db, "COMMIT");
  double in_tx = o.sessions / std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // The bare counterparts: a table of 32-byte keys as big as the session table.
  exec(db,
       "CREATE TABLE bare_session(id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, client_id INTEGER, "
       "kind TEXT, issued_on INTEGER, expires_on INTEGER);"
       "INSERT INTO bare_session(digest, client_id, kind, issued_on, expires_on) "
       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(o.sessions) +
           ") SELECT randomblob(32), 1, 'access', 0, 4000000000 FROM n;");
  std::vector<std::string> keys;
  {
    sqlite3_stmt* st;
    sqlite3_prepare_v2(db, "SELECT digest FROM bare_session ORDER BY random() LIMIT 1000", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
      keys.emplace_back(static_cast<const char*>(sqlite3_column_blob(st, 0)), sqlite3_column_bytes(st, 0));
    sqlite3_finalize(st);
  }

  if (!o.op.empty()) {  // a fixed amount of one operation, for callgrind or perf
    Stmt decide(db, "SELECT check_request('GET', '/example/resource', ?1)");
    std::string header = "Bearer " + tokens[0];
    for (long i = 0; i < o.iterations; i++) {
      if (o.op == "check") {
        decide.text(1, header);
        decide.one();
      } else {
        token.one();
      }
    }
    sqlite3_close(db);
    return 0;
  }

  std::printf("ords_security bench: %d live sessions, WAL, synchronous=NORMAL, SQLite %s\n\n", o.sessions,
              sqlite3_libversion());
  std::printf("%-44s %14s %14s %8s\n", "operation", "ords_security", "bare SQLite", "ratio");

  // check_request per decision vs a bare point lookup by a 32-byte key.
  {
    Stmt decide(db, "SELECT check_request('GET', '/example/resource', ?1)");
    Stmt lookup(db, "SELECT expires_on FROM bare_session WHERE digest = ?1");
    size_t i = 0, j = 0;
    std::string status = json_field(db, [&] {
      decide.text(1, "Bearer " + tokens[0]);
      return decide.one();
    }(), "$.status");
    if (status != "200") std::fprintf(stderr, "bench: check_request did not allow the request (status %s)\n", status.c_str());
    std::vector<std::string> headers;
    for (size_t k = 0; k < 1000 && k < tokens.size(); k++) headers.push_back("Bearer " + tokens[(k * 97) % tokens.size()]);
    double ours = rate(o.seconds, [&] {
      decide.text(1, headers[i++ % headers.size()]);
      decide.one();
    });
    double bare = rate(o.seconds, [&] {
      const std::string& k = keys[j++ % keys.size()];
      lookup.blob(1, k.data(), static_cast<int>(k.size()));
      lookup.one();
    });
    row("check_request (200, bearer token)", ours, bare, 0.5, 0.3);
  }

  // autocommit oauth_token vs a bare autocommit INSERT of a session row.
  {
    Stmt insert(db,
                "INSERT INTO bare_session(digest, client_id, kind, issued_on, expires_on) "
                "VALUES (randomblob(32), 1, 'access', 0, 4000000000)");
    double ours = rate(o.seconds, [&] { token.one(); });
    double bare = rate(o.seconds, [&] { insert.one(); });
    row("oauth_token client_credentials (autocommit)", ours, bare, 0.8, 0.6);
  }

  row("tokens issued inside one transaction", in_tx, 0, 0, 0);

  // refresh per second: an authorization_code client, one code, then a chain of refreshes.
  {
    exec(db,
         "SELECT register_client(json_object('name','bench_ac','grant_type','authorization_code',"
         "'support_email','bench@example.org','description','bench','redirect_uri','https://app.example.org/cb',"
         "'privilege_names','example_priv'))");
    Stmt rs(db, "SELECT rotate_client_secret('bench_ac')");
    std::string ac_secret = rs.one();
    Stmt ids(db, "SELECT client_id FROM user_ords_clients WHERE name = 'bench_ac'");
    std::string ac_id = ids.one();
    Stmt auth(db,
              "SELECT oauth_authorize(json_object('response_type','code','client_id',?1,'user','bench'))");
    auth.text(1, ac_id);
    std::string redirect = json_field(db, auth.one(), "$.redirect_uri");
    std::string code = redirect.substr(redirect.find("code=") + 5);
    code = code.substr(0, code.find('&'));
    Stmt first(db,
               "SELECT oauth_token(json_object('grant_type','authorization_code','code',?1,'client_id',?2,"
               "'client_secret',?3))");
    first.text(1, code).text(2, ac_id).text(3, ac_secret);
    std::string rt = json_field(db, first.one(), "$.refresh_token");
    Stmt refresh(db,
                 "SELECT oauth_token(json_object('grant_type','refresh_token','refresh_token',?1,'client_id',?2,"
                 "'client_secret',?3))");
    refresh.text(2, ac_id).text(3, ac_secret);
    double ours = rate(o.seconds, [&] {
      refresh.text(1, rt);
      rt = json_field(db, refresh.one(), "$.refresh_token");
    });
    row("refresh_token grants (autocommit)", ours, 0, 0, 0);
  }

  // JWTs: a profile with one key of each algorithm; fresh tokens (more than the memory of
  // verified JWTs holds, cycled in order, so each is verified again) beside one bare verification.
  {
    if (sodium_init() < 0) die(nullptr, "sodium_init");
    std::vector<JwtKey> jwt_keys;
    for (const char* alg : {"RS256", "ES256", "EdDSA"}) jwt_keys.push_back(make_key(alg));
    exec(db, "SELECT create_jwt_profile('https://idp.example.com/', 'ords-api', 'https://idp.example.com/jwks')");
    Stmt install(db, "SELECT set_jwt_profile_keys(?1)");
    install.text(1, "{\"keys\":[" + jwt_keys[0].jwk + "," + jwt_keys[1].jwk + "," + jwt_keys[2].jwk + "]}");
    install.one();
    Stmt decide(db, "SELECT check_request('GET', '/example/resource', ?1)");
    const long fresh_tokens = 1100;  // > the 1024 the memory of verified JWTs holds
    std::string last_ed_header;
    for (const JwtKey& k : jwt_keys) {
      std::vector<Signed> toks;
      for (long n = 0; n < fresh_tokens; n++) toks.push_back(sign_token(k, n));
      std::vector<std::string> headers;
      for (const auto& t : toks) headers.push_back("Bearer " + t.token);
      decide.text(1, headers[0]);
      std::string status = json_field(db, decide.one(), "$.status");
      if (status != "200") std::fprintf(stderr, "bench: check_request refused the %s JWT (status %s)\n", k.alg.c_str(), status.c_str());
      if (!bare_verify(k, toks[0])) std::fprintf(stderr, "bench: the bare %s verification failed\n", k.alg.c_str());
      size_t i = 1, j = 0;
      double ours = rate(o.seconds, [&] {
        decide.text(1, headers[i++ % headers.size()]);
        decide.one();
      });
      double bare = rate(o.seconds, [&] { bare_verify(k, toks[j++ % toks.size()]); });
      std::string what = "check_request, fresh " + k.alg + " JWT";
      row(what.c_str(), ours, bare, 0.77, 0.6);
      if (k.alg == "EdDSA") last_ed_header = headers[0];
    }
    // The same JWT again (remembered) beside an opaque token's check.
    std::vector<std::string> opaque;
    for (size_t k = 0; k < 1000 && k < tokens.size(); k++) opaque.push_back("Bearer " + tokens[(k * 97) % tokens.size()]);
    size_t i = 0;
    decide.text(1, last_ed_header);
    decide.one();
    double ours = rate(o.seconds, [&] {
      decide.text(1, last_ed_header);
      decide.one();
    });
    double bare = rate(o.seconds, [&] {
      decide.text(1, opaque[i++ % opaque.size()]);
      decide.one();
    });
    row("check_request, JWT verified before", ours, bare, 0.5, 0.4);
    std::printf("%-44s %14s %14s\n", "", "", "(opaque token)");
    for (auto& k : jwt_keys)
      if (k.pkey) {
        EVP_PKEY_free(k.pkey);
        EVP_PKEY_free(k.pub);
      }
  }
  sqlite3_close(db);
  return 0;
}
