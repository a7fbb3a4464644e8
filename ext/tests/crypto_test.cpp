// crypto_test.cpp: the libsodium wrappers of core/crypto: the ORDS id format, the hash policy
// (salted BLAKE2b for generated secrets, Argon2id with recorded cost for chosen ones), constant-
// time verification, the dummy verification, and the SecretBuffer that wipes itself.
#include <catch2/catch.hpp>
#include <sodium.h>

#include <set>
#include <string>

#include "../core/crypto.hpp"
#include "../core/error.hpp"

using namespace ords;
using namespace ords::crypto;


namespace {

struct SodiumInit {
  SodiumInit() { REQUIRE(sodium_init() >= 0); }
};

const unsigned char* bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string hex(const std::string& raw) {
  std::string out(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(&out[0], out.size(), bytes(raw), raw.size());
  out.pop_back();
  return out;
}

Rng seeded(int64_t n) {
  Rng r;
  r.seed(n);
  return r;
}

}  // namespace

TEST_CASE_METHOD(SodiumInit, "ORDS ids are 16 random bytes, base64url, then '..'", "[crypto][format]") {
  Rng rng;
  std::set<std::string> seen;
  for (int i = 0; i < 200; i++) {
    std::string id = new_ords_id(rng).str();
    REQUIRE(id.size() == 24);
    CHECK(id.substr(22) == "..");
    for (size_t k = 0; k < 22; k++) {
      char ch = id[k];
      bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
                ch == '_';
      CHECK(ok);
    }
    CHECK(is_ords_format(id));
    unsigned char raw[32];
    size_t len = 0;
    REQUIRE(sodium_base642bin(raw, sizeof raw, id.data(), 22, nullptr, &len, nullptr,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0);
    CHECK(len == 16);
    seen.insert(id);
  }
  CHECK(seen.size() == 200);  // no repeats among 200 draws of 128 bits
}

TEST_CASE_METHOD(SodiumInit, "a seeded RNG makes reproducible ids (test build seam)", "[crypto][format]") {
  Rng a = seeded(42), b = seeded(42), c = seeded(43);
  std::string x = new_ords_id(a).str();
  CHECK(x == new_ords_id(b).str());
  CHECK(x != new_ords_id(c).str());
  CHECK(new_ords_id(a).str() != x);  // the stream moves on
}

TEST_CASE_METHOD(SodiumInit, "is_ords_format refuses anything but 22 base64url characters and '..'", "[crypto][format]") {
  CHECK(is_ords_format("gcw4QUOiITMyPIycaQdsZQ.."));
  CHECK(is_ords_format("RaFhM690PA6cN1ffpkNx3Q.."));
  CHECK_FALSE(is_ords_format(""));
  CHECK_FALSE(is_ords_format("gcw4QUOiITMyPIycaQdsZQ"));     // no padding
  CHECK_FALSE(is_ords_format("gcw4QUOiITMyPIycaQdsZQ=="));   // standard padding
  CHECK_FALSE(is_ords_format("gcw4QUOiITMyPIycaQdsZQ..."));  // too long
  CHECK_FALSE(is_ords_format("gcw4QUOiITMyPIycaQdsZ.."));    // too short
  CHECK_FALSE(is_ords_format("gcw4QUOiITMyPIyc+QdsZQ.."));   // standard alphabet
  CHECK_FALSE(is_ords_format("gcw4QUOiITMyPIyc/QdsZQ.."));
  CHECK_FALSE(is_ords_format("gcw4QUOiITMyPIyc QdsZQ.."));
  CHECK_FALSE(is_ords_format(std::string("gcw4QUOiITMyPIyc\0QdsZQ..", 24)));
  CHECK_FALSE(is_ords_format("gcw4QUOiITMyPIycaQdsZQ.x"));
}

TEST_CASE_METHOD(SodiumInit, "generated secrets: salted BLAKE2b-256 that verifies only the same bytes", "[crypto][policy]") {
  Rng rng;
  SecretBuffer secret = new_ords_id(rng);
  SecretHash h = hash_generated(rng, secret.data(), secret.size());
  CHECK(h.kind == HashKind::Blake2b);
  CHECK(h.salt.size() == 16);
  CHECK(h.hash.size() == 32);
  CHECK(h.opslimit == 0);
  CHECK(h.memlimit == 0);
  CHECK(verify(h, secret.data(), secret.size()));

  SECTION("a fresh salt each time: the same secret hashes differently") {
    SecretHash h2 = hash_generated(rng, secret.data(), secret.size());
    CHECK(h2.salt != h.salt);
    CHECK(h2.hash != h.hash);
    CHECK(verify(h2, secret.data(), secret.size()));
  }
  SECTION("a wrong, shorter, longer or empty secret fails") {
    std::string s = secret.str();
    std::string wrong = s;
    wrong[3] ^= 1;
    CHECK_FALSE(verify(h, bytes(wrong), wrong.size()));
    CHECK_FALSE(verify(h, bytes(s), s.size() - 1));
    std::string longer = s + "x";
    CHECK_FALSE(verify(h, bytes(longer), longer.size()));
    CHECK_FALSE(verify(h, nullptr, 0));
  }
  SECTION("tampering with the record fails") {
    SecretHash t = h;
    t.hash[0] ^= 1;
    CHECK_FALSE(verify(t, secret.data(), secret.size()));
    t = h;
    t.salt[15] ^= 0x80;
    CHECK_FALSE(verify(t, secret.data(), secret.size()));
    t = h;
    t.hash.pop_back();
    CHECK_FALSE(verify(t, secret.data(), secret.size()));
    t = h;
    t.salt += "x";
    CHECK_FALSE(verify(t, secret.data(), secret.size()));
    t = h;
    t.kind = HashKind::Argon2id;  // same bytes read as another kind
    CHECK_FALSE(verify(t, secret.data(), secret.size()));
  }
}

TEST_CASE_METHOD(SodiumInit, "hashes cover the byte length, not up to a NUL (R-22)", "[crypto][policy]") {
  Rng rng;
  const std::string with_nul("abc\0def", 7);
  const std::string prefix("abc");
  for (int chosen = 0; chosen < 2; chosen++) {
    SecretHash h = chosen ? hash_chosen(rng, bytes(with_nul), with_nul.size())
                          : hash_generated(rng, bytes(with_nul), with_nul.size());
    CHECK(verify(h, bytes(with_nul), with_nul.size()));
    CHECK_FALSE(verify(h, bytes(prefix), prefix.size()));
    const std::string other_tail("abc\0xyz", 7);
    CHECK_FALSE(verify(h, bytes(other_tail), other_tail.size()));
  }
}

TEST_CASE_METHOD(SodiumInit, "a stored hash presented as the secret never authenticates (R-23)", "[crypto][policy]") {
  Rng rng;
  SecretBuffer secret = new_ords_id(rng);
  for (int chosen = 0; chosen < 2; chosen++) {
    SecretHash h = chosen ? hash_chosen(rng, secret.data(), secret.size())
                          : hash_generated(rng, secret.data(), secret.size());
    CHECK_FALSE(verify(h, bytes(h.hash), h.hash.size()));
    std::string hx = hex(h.hash);
    CHECK_FALSE(verify(h, bytes(hx), hx.size()));
    std::string both = h.salt + h.hash;
    CHECK_FALSE(verify(h, bytes(both), both.size()));
  }
}

TEST_CASE_METHOD(SodiumInit, "chosen secrets: Argon2id with the cost recorded beside the hash", "[crypto][policy]") {
  Rng rng;
  const std::string secret = "correct horse battery staple";
  PwhashParams p = default_pwhash_params();
  // The test build hashes with the minimum cost; the release build uses INTERACTIVE.
  CHECK(p.opslimit == static_cast<int64_t>(crypto_pwhash_OPSLIMIT_MIN));
  CHECK(p.memlimit == static_cast<int64_t>(crypto_pwhash_MEMLIMIT_MIN));

  SecretHash h = hash_chosen(rng, bytes(secret), secret.size());
  CHECK(h.kind == HashKind::Argon2id);
  CHECK(h.salt.size() == 16);
  CHECK(h.hash.size() == 32);
  CHECK(h.opslimit == p.opslimit);
  CHECK(h.memlimit == p.memlimit);
  CHECK(verify(h, bytes(secret), secret.size()));
  CHECK_FALSE(verify(h, bytes(std::string("correct horse battery stapl")), 27));

  SECTION("verification uses the recorded cost, whatever the build's default") {
    PwhashParams higher{static_cast<int64_t>(crypto_pwhash_OPSLIMIT_MIN) + 1,
                        static_cast<int64_t>(crypto_pwhash_MEMLIMIT_MIN) * 2};
    SecretHash h2 = hash_chosen(rng, bytes(secret), secret.size(), higher);
    CHECK(h2.opslimit == higher.opslimit);
    CHECK(h2.memlimit == higher.memlimit);
    CHECK(verify(h2, bytes(secret), secret.size()));
    SecretHash lied = h2;
    lied.opslimit = p.opslimit;  // a record whose cost does not match its hash
    CHECK_FALSE(verify(lied, bytes(secret), secret.size()));
  }
  SECTION("a record with a cost outside libsodium's bounds or above SENSITIVE never verifies") {
    SecretHash t = h;
    t.opslimit = 0;
    CHECK_FALSE(verify(t, bytes(secret), secret.size()));
    t = h;
    t.memlimit = static_cast<int64_t>(crypto_pwhash_MEMLIMIT_SENSITIVE) * 2;
    CHECK_FALSE(verify(t, bytes(secret), secret.size()));
    t = h;
    t.opslimit = -1;
    CHECK_FALSE(verify(t, bytes(secret), secret.size()));
  }
  SECTION("hashing with a cost out of range is refused without naming the secret") {
    try {
      hash_chosen(rng, bytes(secret), secret.size(), PwhashParams{0, 0});
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find(secret) == std::string::npos);
    }
  }
}

TEST_CASE_METHOD(SodiumInit, "the constructions are pinned: a seeded salt gives the same digest forever", "[crypto][policy]") {
  // If one of these changes, every secret already stored stops verifying: add a new kind instead.
  const std::string secret = "RaFhM690PA6cN1ffpkNx3Q..";
  Rng a = seeded(7);
  SecretHash g = hash_generated(a, bytes(secret), secret.size());
  Rng b = seeded(7);
  SecretHash c = hash_chosen(b, bytes(secret), secret.size(), PwhashParams{1, 8192});
  CHECK(g.salt == c.salt);  // the same seeded salt for both
  // The digests computed directly with libsodium from that salt:
  unsigned char want[32];
  const unsigned char personal[16] = {'o', 'r', 'd', 's', '_', 's', 'e', 'c', '.', 's', 'e', 'c', 'r', 'e', 't', '1'};
  REQUIRE(crypto_generichash_blake2b_salt_personal(want, 32, bytes(secret), secret.size(), nullptr, 0,
                                                   bytes(g.salt), personal) == 0);
  CHECK(g.hash == std::string(reinterpret_cast<char*>(want), 32));
  REQUIRE(crypto_pwhash(want, 32, secret.data(), secret.size(), bytes(c.salt), 1, 8192,
                        crypto_pwhash_ALG_ARGON2ID13) == 0);
  CHECK(c.hash == std::string(reinterpret_cast<char*>(want), 32));
  // And the golden values of the first seeded salt (recorded when the construction was written).
  CHECK(hex(g.salt) == "62d5c4f2b8a2d1b657ab5983336af3c7");
  CHECK(hex(g.hash) == "ad0e031b808f3726a990594c3dee1c899ddc8e80fe97032b1ff0b59701ef34c7");
  CHECK(hex(c.hash) == "b831be478276b08c04dd51c001af45d373c33c5498b5b7fe14cd9a410605469d");
}

TEST_CASE_METHOD(SodiumInit, "dummy verification does the work of one BLAKE2b slot and never succeeds", "[crypto][policy]") {
  Rng rng;
  SecretBuffer secret = new_ords_id(rng);
  CHECK_FALSE(dummy_verify(secret.data(), secret.size()));
  CHECK_FALSE(dummy_verify(nullptr, 0));
  std::string big(5000, 'x');
  CHECK_FALSE(dummy_verify(bytes(big), big.size()));
  HashCounts before = hash_counts();
  dummy_verify(secret.data(), secret.size());
  SecretHash h = hash_generated(rng, secret.data(), secret.size());
  HashCounts mid = hash_counts();
  verify(h, secret.data(), secret.size());
  HashCounts after = hash_counts();
  CHECK(mid.blake2b - before.blake2b == 2);  // dummy + hash
  CHECK(after.blake2b - mid.blake2b == 1);   // a real verification: one digest, as the dummy
  CHECK(after.argon2id == before.argon2id);
}

TEST_CASE_METHOD(SodiumInit, "presented secrets longer than the limit never verify", "[crypto][policy]") {
  Rng rng;
  std::string big(kMaxSecretBytes + 1, 'a');
  SecretHash h = hash_generated(rng, bytes(big), big.size());
  CHECK_FALSE(verify(h, bytes(big), big.size()));
  std::string edge(kMaxSecretBytes, 'a');
  SecretHash e = hash_generated(rng, bytes(edge), edge.size());
  CHECK(verify(e, bytes(edge), edge.size()));
}

TEST_CASE("SecretBuffer copies, moves and owns its bytes", "[crypto]") {
  SecretBuffer a(std::string("s3cret"));
  CHECK(a.size() == 6);
  CHECK(a.str() == "s3cret");
  SecretBuffer b(std::move(a));
  CHECK(a.empty());
  CHECK(a.data() == nullptr);
  CHECK(b.str() == "s3cret");
  SecretBuffer c(4);
  CHECK(c.str() == std::string(4, '\0'));
  c = std::move(b);
  CHECK(c.str() == "s3cret");
  CHECK(b.empty());
  SecretBuffer none;
  CHECK(none.empty());
  CHECK(none.str().empty());
}

TEST_CASE("hash kinds have stable names", "[crypto]") {
  HashKind k;
  CHECK(std::string(kind_name(HashKind::Blake2b)) == "blake2b");
  CHECK(std::string(kind_name(HashKind::Argon2id)) == "argon2id");
  REQUIRE(kind_from_name("argon2id", &k));
  CHECK(k == HashKind::Argon2id);
  REQUIRE(kind_from_name("blake2b", &k));
  CHECK(k == HashKind::Blake2b);
  CHECK_FALSE(kind_from_name("bcrypt", &k));
  CHECK_FALSE(kind_from_name("", &k));
}
