// jwt_sql_test.cpp: JWT bearer profiles end to end through SQL: keys made at test time with the
// openssl command line, the JWK Set installed with set_jwt_profile_keys, tokens signed here with
// libcrypto, and check_request deciding: 200, 403, and every refusal of the JWT part of the
// security requirements (alg confusion, none, unknown kid, kid of another kty, iss, aud, exp, nbf,
// skew boundaries, age, tampering, another key, truncated and padded segments, huge tokens,
// duplicate claims, non-integer exp, a token of another schema's provider), the memory of
// verified tokens (a second check verifies no signature; a change of keys or profile drops it),
// and never any part of a token in a reason. Tag [jwt_sql].
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <sodium.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "../core/value.hpp"
#include "../policy/jwt_auth.hpp"
#include "db_fixture.hpp"
#include "jwt_test_keys.hpp"

using ords::Value;

namespace {

using namespace jwt_values;

// ---- keys made with the openssl command line -----------------------------------------------
// The key pairs of these tests, made on first use.
struct Keys {
  static const TestKeySet& get() {
    static const TestKeySet k("ords_jwt_sql_test", {
      {"rsa1", "RSA", "-algorithm RSA -pkeyopt rsa_keygen_bits:2048"},
      {"rsa2", "RSA", "-algorithm RSA -pkeyopt rsa_keygen_bits:2048"},
      {"ec1", "EC", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256"},
      {"ed1", "ED25519", "-algorithm ED25519"},
      {"hr_ed", "ED25519", "-algorithm ED25519"}});
    return k;
  }
};

std::string jwks_text(std::vector<std::string> names) {
  std::vector<Value> list;
  for (const auto& n : names) list.push_back(Keys::get()[n].jwk);
  return json(obj({{"keys", arr(list)}}));
}

// ---- signing --------------------------------------------------------------------------------
// RS256 for RSA keys: the algorithm these tests sign with.
std::string sign_with(const TestKey& key, const std::string& input) { return sign_with(key, "RS256", input); }

const int64_t kNow = 1700000000;
const char* const kIssuer = "https://idp.example.com/";

Value claims_base() {
  return obj({{"iss", str(kIssuer)},
              {"aud", str("ords-api")},
              {"sub", str("alice@example.com")},
              {"azp", str("spa-client")},
              {"iat", num(kNow - 10)},
              {"exp", num(kNow + 3600)},
              {"scope", str("openid hr.employees")}});
}
const char* alg_of(const std::string& key) {
  const std::string& kind = Keys::get()[key].kind;
  return kind == "RSA" ? "RS256" : kind == "EC" ? "ES256" : "EdDSA";
}
Value header_for(const std::string& key) { return obj({{"alg", str(alg_of(key))}, {"typ", str("JWT")}, {"kid", str(key)}}); }

std::string sign_text(const std::string& key, const std::string& header_json, const std::string& claims_json) {
  std::string input = b64url(header_json) + "." + b64url(claims_json);
  return input + "." + b64url(sign_with(Keys::get()[key], input));
}
std::string token(const std::string& key, const Value& claims) { return sign_text(key, json(header_for(key)), json(claims)); }
std::string token(const std::string& key) { return token(key, claims_base()); }

// ---- the database ------------------------------------------------------------------------------
struct Decision {
  std::string status, reason, user, client_id;
};

struct JwtDb : DbFixture {
  JwtDb() {
    REQUIRE(exec("select ords_security_test_clock(" + std::to_string(kNow) + ");"
                 "select create_role('hr_role');"
                 "select define_privilege('hr.employees', 'hr_role', '/emp/*');"
                 "select create_role('admin_role');"
                 "select define_privilege('hr.admin', 'admin_role', '/admin/*');"
                 "select define_privilege('open', NULL, '/open/*');") == "");
    REQUIRE(exec("select create_jwt_profile(json_object('issuer', 'https://idp.example.com/', 'audience', 'ords-api', "
                 "'jwk_url', 'https://idp.example.com/.well-known/jwks.json', 'allowed_skew', 0, 'allowed_age', 0, "
                 "'role_claim_name', '/roles'))") == "");
    REQUIRE(bind_one("select set_jwt_profile_keys(?1)", {jwks_text({"rsa1", "ec1", "ed1"})}) == "NULL");
  }
  // Runs one statement with text parameters ?1.. and returns column 0 as text.
  std::string bind_one(const std::string& sql, const std::vector<std::string>& params) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return std::string("ERROR: ") + sqlite3_errmsg(db);
    for (size_t i = 0; i < params.size(); i++)
      sqlite3_bind_text(st, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
    std::string out;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      out = t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(st, 0)) : "NULL";
    } else if (rc != SQLITE_DONE) {
      out = std::string("ERROR: ") + sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
    return out;
  }
  // check_request for a bearer token; asserts that no part of the token is in the reason.
  Decision check(const std::string& tok, const std::string& path = "/emp/7") {
    std::string auth = "Bearer " + tok;
    Decision d;
    d.status = bind_one("select check_request('GET', ?1, ?2) ->> 'status'", {path, auth});
    d.reason = bind_one("select check_request('GET', ?1, ?2) ->> 'reason'", {path, auth});
    d.user = bind_one("select check_request('GET', ?1, ?2) ->> 'user'", {path, auth});
    d.client_id = bind_one("select check_request('GET', ?1, ?2) ->> 'client_id'", {path, auth});
    size_t start = 0;
    while (start < tok.size()) {
      size_t dot = tok.find('.', start);
      if (dot == std::string::npos) dot = tok.size();
      std::string part = tok.substr(start, dot - start);
      if (part.size() >= 8) {
        INFO("a part of the token is in the reason: " << d.reason);
        CHECK(d.reason.find(part.substr(0, 8)) == std::string::npos);
      }
      start = dot + 1;
    }
    return d;
  }
  std::string refusal(const std::string& tok, const std::string& path = "/emp/7") {
    Decision d = check(tok, path);
    CHECK(d.status == "401");
    return d.reason;
  }
};

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a JWT signed by an installed key is accepted: RS256, ES256, EdDSA", "[jwt_sql]") {
  JwtDb f;
  for (const char* key : {"rsa1", "ec1", "ed1"}) {
    INFO(key);
    Decision d = f.check(token(key));
    CHECK(d.status == "200");
    CHECK(d.reason == "the JWT's scope names privilege \"hr.employees\"");
    CHECK(d.user == "alice@example.com");
    CHECK(d.client_id == "spa-client");
  }
  // scp as an array (Entra ID, Okta) names privileges too.
  Value c = claims_base();
  erase(&c, "scope");
  set(&c, "scp", arr({str("hr.employees")}));
  CHECK(f.check(token("ed1", c)).status == "200");
}

TEST_CASE("what a JWT satisfies: its scope, or its role claim naming one of the privilege's roles", "[jwt_sql]") {
  JwtDb f;
  Value c = claims_base();
  erase(&c, "scope");
  set(&c, "roles", arr({str("hr_role")}));
  Decision d = f.check(token("ed1", c));
  CHECK(d.status == "200");
  CHECK(d.reason == "the JWT's role claim names role \"hr_role\" of privilege \"hr.employees\"");
  // Neither: 403 saying what would grant access.
  d = f.check(token("ed1"), "/admin/x");
  CHECK(d.status == "403");
  CHECK(d.reason ==
        "protected by privilege \"hr.admin\", which the JWT's scope does not name and whose role \"admin_role\" is not "
        "in its role claim; the identity provider must issue scope \"hr.admin\" or one of those roles");
  // A privilege without roles needs the scope: a valid JWT alone is not enough.
  d = f.check(token("ed1"), "/open/x");
  CHECK(d.status == "403");
  set(&c, "scope", str("open"));
  CHECK(f.check(token("ed1", c), "/open/x").status == "200");
  // A public path needs nothing, and the origin is not checked for a JWT.
  CHECK(f.check(token("ed1"), "/public").status == "200");
  CHECK(f.bind_one("select check_request('GET', '/emp/1', ?1, 'https://evil.example.net') ->> 'status'",
                   {"Bearer " + token("ed1")}) == "200");
}

TEST_CASE("the alg comes from the key: alg confusion, none, and header/key mismatches are refused", "[jwt_sql]") {
  JwtDb f;
  std::string claims = json(claims_base());
  // HS256 with the RSA public key (its PEM) as the HMAC secret: the classic confusion.
  {
    std::string header = json(obj({{"alg", str("HS256")}, {"kid", str("rsa1")}}));
    std::string input = b64url(header) + "." + b64url(claims);
    const std::string& secret = Keys::get()["rsa1"].public_pem;
    unsigned char mac[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(input.data()),
         input.size(), mac, &len);
    std::string r = f.refusal(input + "." + b64url(std::string(reinterpret_cast<char*>(mac), len)));
    CHECK(has(r, "the JWT is refused: alg 'HS256'"));
  }
  // none, with an empty signature and with one.
  {
    std::string input = b64url(json(obj({{"alg", str("none")}, {"kid", str("ed1")}}))) + "." + b64url(claims);
    CHECK(has(f.refusal(input + "."), "signature part of the token is empty"));
    CHECK(has(f.refusal(input + ".AAAA"), "alg 'none'"));
  }
  // ES256 naming an RSA key's kid; RS256 naming the EC key.
  CHECK(has(f.refusal(sign_text("ec1", json(obj({{"alg", str("ES256")}, {"kid", str("rsa1")}})), claims)),
            "does not match key 'rsa1'"));
  CHECK(has(f.refusal(sign_text("rsa1", json(obj({{"alg", str("RS256")}, {"kid", str("ec1")}})), claims)),
            "does not match key 'ec1'"));
  // A kid the profile does not have.
  CHECK(has(f.refusal(sign_text("ed1", json(obj({{"alg", str("EdDSA")}, {"kid", str("k9")}})), claims)),
            "no key with kid 'k9'; install the provider's keys with set_jwt_profile_keys"));
  // crit is refused; jku is ignored (keys come only from set_jwt_profile_keys).
  CHECK(has(f.refusal(sign_text("ed1", json(obj({{"alg", str("EdDSA")}, {"kid", str("ed1")}, {"crit", arr({str("exp")})}})), claims)),
            "crit"));
  CHECK(f.check(sign_text("ed1", json(obj({{"alg", str("EdDSA")}, {"kid", str("ed1")}, {"jku", str("https://evil.example/k")}})),
                          claims)).status == "200");
}

TEST_CASE("claims: iss, aud, exp, nbf, iat and integers", "[jwt_sql]") {
  JwtDb f;
  auto with = [](const std::string& name, Value v) {
    Value c = claims_base();
    set(&c, name, std::move(v));
    return token("ed1", c);
  };
  CHECK(has(f.refusal(with("iss", str("https://other.example.com/"))), "iss is 'https://other.example.com/', the profile expects"));
  CHECK(has(f.refusal(with("aud", str("x"))), "aud is 'x', the profile expects 'ords-api'"));
  CHECK(f.check(with("aud", arr({str("x"), str("ords-api")}))).status == "200");
  CHECK(has(f.refusal(with("exp", num(kNow - 130))), "expired 130 s ago"));
  CHECK(f.refusal(with("exp", num(kNow))) != "");  // the second it expires it is refused
  CHECK(f.check(with("exp", num(kNow + 1))).status == "200");
  CHECK(has(f.refusal(with("nbf", num(kNow + 5))), "nbf"));
  CHECK(has(f.refusal(with("iat", num(kNow + 5))), "iat"));
  CHECK(has(f.refusal(with("exp", Value::real(1700003600.5))), "exp must be a JSON integer"));
  CHECK(has(f.refusal(with("exp", str("1700003600"))), "exp must be a JSON integer"));
  Value no_exp = claims_base();
  erase(&no_exp, "exp");
  CHECK(has(f.refusal(token("ed1", no_exp)), "exp"));
  // Duplicate claims: the strict reader refuses the payload (after the signature verified).
  std::string dup = json(claims_base());
  dup.insert(dup.size() - 1, ",\"exp\":99999999999");
  CHECK(has(f.refusal(sign_text("ed1", json(header_for("ed1")), dup)), "names \"exp\" twice"));
  // A payload that is not a JSON object.
  CHECK(has(f.refusal(sign_text("ed1", json(header_for("ed1")), "[1]")), "the token payload is not a JSON object"));
}

TEST_CASE("skew and age: the profile's values, or the instance settings when NULL", "[jwt_sql]") {
  JwtDb f;
  auto exp_at = [](int64_t exp) {
    Value c = claims_base();
    set(&c, "exp", num(exp));
    return token("ed1", c);
  };
  // NULL skew and age: the settings apply, as they are at decision time.
  REQUIRE(f.exec("select delete_jwt_profile();"
                 "select create_jwt_profile('https://idp.example.com/', 'ords-api', 'https://idp.example.com/jwks', NULL, NULL, NULL, '/roles');") == "");
  REQUIRE(f.bind_one("select set_jwt_profile_keys(?1)", {jwks_text({"ed1"})}) == "NULL");
  CHECK(f.one("select allowed_skew is null and allowed_age is null from user_ords_jwt_profile") == "1");
  std::string late = exp_at(kNow - 30);
  CHECK(f.check(late).status == "401");
  REQUIRE(f.one("select ords_security_config('security.jwt.allowed.skew', 31)") == "31");
  CHECK(f.check(late).status == "200");   // now < exp + 31
  CHECK(f.check(exp_at(kNow - 31)).status == "401");  // now == exp + 31: refused
  REQUIRE(f.one("select ords_security_config('security.jwt.allowed.skew', NULL)") == "0");
  CHECK(f.check(late).status == "401");   // the memory of verified tokens re-checks the claims

  // The profile's own skew of 60 (the most), and an age limit of 100 s from iat.
  REQUIRE(f.exec("select delete_jwt_profile();"
                 "select create_jwt_profile('https://idp.example.com/', 'ords-api', 'https://idp.example.com/jwks', NULL, 60, 100);") == "");
  REQUIRE(f.bind_one("select set_jwt_profile_keys(?1)", {jwks_text({"ed1"})}) == "NULL");
  CHECK(f.check(exp_at(kNow - 59)).status == "200");
  CHECK(f.check(exp_at(kNow - 60)).status == "401");
  auto iat_at = [](int64_t iat) {
    Value c = claims_base();
    set(&c, "iat", num(iat));
    return token("ed1", c);
  };
  CHECK(f.check(iat_at(kNow - 160)).status == "200");  // now == iat + age + skew: still accepted
  CHECK(has(f.refusal(iat_at(kNow - 161)), "iat"));
  CHECK(f.check(iat_at(kNow + 60)).status == "200");   // issued "in the future" within the skew
  CHECK(f.refusal(iat_at(kNow + 61)) != "");
  Value no_iat = claims_base();
  erase(&no_iat, "iat");
  CHECK(has(f.refusal(token("ed1", no_iat)), "iat"));  // an age limit needs iat
}

TEST_CASE("tampered, truncated, padded, other-key and huge tokens are refused", "[jwt_sql]") {
  JwtDb f;
  std::string good = token("rsa1");
  size_t d1 = good.find('.'), d2 = good.rfind('.');
  std::string header = good.substr(0, d1), payload = good.substr(d1 + 1, d2 - d1 - 1), sig = good.substr(d2 + 1);
  Value more = claims_base();
  set(&more, "scope", str("hr.employees hr.admin"));
  std::string other_payload = b64url(json(more));
  CHECK(has(f.refusal(header + "." + other_payload + "." + sig), "the signature does not verify with key 'rsa1'"));
  std::string other_header = b64url(json(obj({{"alg", str("RS384")}, {"kid", str("rsa1")}})));
  CHECK(has(f.refusal(other_header + "." + payload + "." + sig), "does not verify"));
  // Signed by another RSA key under rsa1's kid.
  CHECK(has(f.refusal(sign_text("rsa2", json(header_for("rsa1")), json(claims_base()))), "does not verify"));
  // Truncated and padded segments.
  CHECK(f.refusal(good.substr(0, good.size() - 1)) != "");
  CHECK(has(f.refusal(good + "="), "base64url"));
  CHECK(has(f.refusal(header + "=." + payload + "." + sig), "base64url"));
  CHECK(has(f.refusal(header + "." + payload), "three parts"));
  CHECK(has(f.refusal(good + ".x.y"), "three parts"));
  // Huge: refused by size before anything is decoded.
  CHECK(has(f.refusal(header + "." + std::string(9000, 'A') + "." + sig), "at most 8192"));
  Value big = claims_base();
  set(&big, "pad", str(std::string(7000, 'x')));
  CHECK(has(f.refusal(token("ed1", big)), "at most 8192"));
  // The good one still passes.
  CHECK(f.check(good).status == "200");
}

TEST_CASE("a JWT of one schema's provider is refused in another schema", "[jwt_sql]") {
  JwtDb f;
  REQUIRE(f.exec("select enable_schema(1, 'hr');"
                 "select create_role(json_object('schema', 'HR', 'role_name', 'hr_role'));"
                 "select define_privilege(json_object('schema', 'HR', 'privilege_name', 'hr.employees', 'roles', 'hr_role', 'patterns', '/emp/*'));"
                 "select create_jwt_profile(json_object('schema', 'HR', 'issuer', 'https://hr-idp.example.com/', "
                 "'audience', 'hr-api', 'jwk_url', 'https://hr-idp.example.com/jwks'));") == "");
  REQUIRE(f.bind_one("select set_jwt_profile_keys(json_object('schema', 'HR', 'jwks', json(?1)))", {jwks_text({"hr_ed"})}) == "NULL");
  CHECK(f.one("select count(*) from user_ords_jwt_profile") == "1");
  Value hr = claims_base();
  set(&hr, "iss", str("https://hr-idp.example.com/"));
  set(&hr, "aud", str("hr-api"));
  std::string hr_token = token("hr_ed", hr);
  CHECK(f.check(hr_token, "/ords/hr/emp/1").status == "200");
  CHECK(has(f.refusal(hr_token, "/ords/main/emp/1"), "no key with kid 'hr_ed'"));
  // MAIN's token in HR.
  CHECK(has(f.refusal(token("ed1"), "/ords/hr/emp/1"), "no key with kid 'ed1'"));
  // A schema without a profile says so.
  REQUIRE(f.exec("select enable_schema(1, 'sales');"
                 "select create_role(json_object('schema', 'SALES', 'role_name', 'r'));"
                 "select define_privilege(json_object('schema', 'SALES', 'privilege_name', 's', 'roles', 'r', 'patterns', '/s/*'));") == "");
  std::string r = f.refusal(token("ed1"), "/ords/sales/s/1");
  CHECK(r == "protected by privilege \"s\"; no JWT profile in schema SALES; create one with create_jwt_profile(p_issuer, "
             "p_audience, p_jwk_url) and install the provider's keys with set_jwt_profile_keys(p_jwks)");
}

TEST_CASE("a verified JWT is remembered until its exp and forgotten when the profile or keys change", "[jwt_sql]") {
  JwtDb f;
  std::string t = token("rsa1");
  uint64_t before = ords::policy::jwt_signature_checks();
  CHECK(f.check(t).status == "200");  // check() decides four times
  CHECK(ords::policy::jwt_signature_checks() == before + 1);
  CHECK(f.check(t).status == "200");
  CHECK(ords::policy::jwt_signature_checks() == before + 1);
  // Another commit (by anyone) does not drop it: the profile's generation is the same.
  REQUIRE(f.exec("select create_role('unrelated')") == "");
  CHECK(f.check(t).status == "200");
  CHECK(ords::policy::jwt_signature_checks() == before + 1);

  // Until its exp: the remembered claims are checked again with the clock's now.
  REQUIRE(f.exec("select ords_security_test_clock(" + std::to_string(kNow + 3600 + 5) + ")") == "");
  CHECK(has(f.refusal(t), "expired 5 s ago"));
  REQUIRE(f.exec("select ords_security_test_clock(" + std::to_string(kNow) + ")") == "");
  CHECK(f.check(t).status == "200");

  // Keys replaced: the remembered token is refused at once.
  REQUIRE(f.bind_one("select set_jwt_profile_keys(?1)", {jwks_text({"ec1"})}) == "NULL");
  CHECK(has(f.refusal(t), "no key with kid 'rsa1'"));
  REQUIRE(f.bind_one("select set_jwt_profile_keys(?1)", {jwks_text({"rsa1", "ec1"})}) == "NULL");
  CHECK(f.check(t).status == "200");

  // Inside the caller's transaction its own uncommitted change counts, and a ROLLBACK undoes it.
  REQUIRE(f.exec("begin") == "");
  REQUIRE(f.bind_one("select set_jwt_profile_keys(?1)", {jwks_text({"ed1"})}) == "NULL");
  CHECK(has(f.refusal(t), "no key with kid 'rsa1'"));
  REQUIRE(f.exec("rollback") == "");
  CHECK(f.check(t).status == "200");

  // The profile deleted: refused, saying so; made again with another issuer: refused again.
  REQUIRE(f.exec("select delete_jwt_profile()") == "");
  CHECK(f.one("select count(*) from ords_sec_jwt_key") == "0");
  CHECK(has(f.refusal(t), "no JWT profile in schema MAIN"));
  REQUIRE(f.exec("select create_jwt_profile('https://other.example.com/', 'ords-api', 'https://other.example.com/jwks')") == "");
  REQUIRE(f.bind_one("select set_jwt_profile_keys(?1)", {jwks_text({"rsa1"})}) == "NULL");
  CHECK(has(f.refusal(t), "iss is 'https://idp.example.com/', the profile expects 'https://other.example.com/'"));
}

TEST_CASE("the memory of verified JWTs is bounded", "[jwt_sql]") {
  ords::policy::JwtMemory m;
  ords::policy::JwtMemory::Digest d{};
  for (uint32_t i = 0; i < 3000; i++) {
    std::memcpy(d.data(), &i, sizeof i);
    m.remember(d, ords::policy::VerifiedJwt{1, 1, Value::null(), Value::null()});
    REQUIRE(m.size() <= ords::policy::JwtMemory::kCapacity);
  }
  uint32_t last = 2999, first = 0;
  std::memcpy(d.data(), &last, sizeof last);
  CHECK(m.find(d) != nullptr);
  std::memcpy(d.data(), &first, sizeof first);
  CHECK(m.find(d) == nullptr);  // the oldest went first
}

TEST_CASE("the memory of verified JWTs replaces, forgets and evicts within a digest's set", "[jwt_sql]") {
  using ords::policy::JwtMemory;
  JwtMemory m;
  auto digest = [](uint32_t first, unsigned char tail) {
    JwtMemory::Digest d{};
    std::memcpy(d.data(), &first, sizeof first);  // the first bytes choose the set
    d[31] = tail;
    return d;
  };
  CHECK(m.find(digest(7, 0)) == nullptr);  // empty: nothing allocated yet, nothing found
  // Five digests of one set (same first bytes): the fifth evicts the oldest, the others stay.
  for (unsigned char t = 0; t < 5; t++) m.remember(digest(7, t), ords::policy::VerifiedJwt{1, t, Value::null(), Value::null()});
  CHECK(m.size() == JwtMemory::kWays);
  CHECK(m.find(digest(7, 0)) == nullptr);
  for (unsigned char t = 1; t < 5; t++) {
    REQUIRE(m.find(digest(7, t)) != nullptr);
    CHECK(m.find(digest(7, t))->generation == t);
  }
  // Another set is untouched by that set's evictions.
  m.remember(digest(8, 0), ords::policy::VerifiedJwt{1, 80, Value::null(), Value::null()});
  CHECK(m.size() == JwtMemory::kWays + 1);
  // The same digest again replaces its entry (no second entry), and a digest that only shares
  // the set is not taken for it.
  m.remember(digest(7, 3), ords::policy::VerifiedJwt{1, 33, Value::null(), Value::null()});
  CHECK(m.size() == JwtMemory::kWays + 1);
  CHECK(m.find(digest(7, 3))->generation == 33);
  CHECK(m.find(digest(7, 9)) == nullptr);
  // The replaced entry counts as the newest: the next newcomer evicts 1, the oldest now.
  m.remember(digest(7, 5), ords::policy::VerifiedJwt{1, 5, Value::null(), Value::null()});
  CHECK(m.find(digest(7, 1)) == nullptr);
  CHECK(m.find(digest(7, 3)) != nullptr);
  // forget drops one entry; clear drops all.
  m.forget(digest(7, 3));
  CHECK(m.find(digest(7, 3)) == nullptr);
  CHECK(m.size() == JwtMemory::kWays);
  m.clear();
  CHECK(m.size() == 0);
  CHECK(m.find(digest(8, 0)) == nullptr);
}

TEST_CASE("opaque tokens still decide beside JWT profiles", "[jwt_sql]") {
  JwtDb f;
  REQUIRE(f.exec("select register_client('svc', 'client_credentials', 'ops@example.org');"
                 "select grant_client_role('svc', 'hr_role');") == "");
  std::string cid = f.one("select client_id from user_ords_clients where name = 'svc'");
  std::string secret = f.one("select rotate_client_secret('svc')");
  std::string tok = f.bind_one("select oauth_token('client_credentials', ?1, ?2) ->> 'access_token'", {cid, secret});
  REQUIRE(tok.size() == 43);
  CHECK(f.check(tok).status == "200");
  CHECK(f.check(token("ec1")).status == "200");
}
