// common.cpp: strict base64url (libsodium; OpenSSL's table decoder for input libsodium certainly accepts), duplicate-refusing member lookup, message quoting.
#include "common.hpp"

#include <sodium.h>

#include <openssl/evp.h>

namespace ords::jwt {

namespace {
// The value of a base64url character, or -1.
int b64url_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// Each byte's standard-alphabet character: the same for A-Z a-z 0-9, '+' for '-', '/' for '_',
// and 0 for every byte outside the base64url alphabet. A table, so that the loop over a token
// takes no branch per character (a JWT's characters are random: a branch on each mispredicts).
struct ToStandard {
  char map[256] = {};
  ToStandard() {
    for (int c = 0; c < 256; ++c) {
      int v = b64url_value(static_cast<unsigned char>(c));
      if (v >= 0) map[c] = v == 62 ? '+' : v == 63 ? '/' : static_cast<char>(c);
    }
  }
};
const ToStandard kToStandard;

// The fast path (ISSUE 14: libsodium's constant-time decoder costs about 75 instructions a
// character, 46k for an RS256 JWT, and nothing in a JWT is secret before it is verified):
// OpenSSL's table decoder (EVP_DecodeBlock) on the standard-alphabet, padded copy of the input.
// Taken only for inputs libsodium certainly accepts with the same bytes: every character of the
// base64url alphabet, a length that is not 1 more than a multiple of 4, and zero unused bits in
// the last character. Anything else goes to libsodium, which decides as before.
bool fast_decode(std::string_view in, std::string* out) {
  size_t rem = in.size() % 4;
  if (rem == 1 || in.size() > (1u << 20)) return false;
  thread_local std::string std_alpha;  // reused: no allocation per part once it has grown
  std_alpha.assign(in.size() + (rem ? 4 - rem : 0), '=');
  char* to = &std_alpha[0];
  const char* map = kToStandard.map;
  unsigned char foreign = 0;
  for (size_t i = 0; i < in.size(); i++) {
    char c = map[static_cast<unsigned char>(in[i])];
    foreign |= (c == 0);
    to[i] = c;
  }
  if (foreign) return false;
  if (rem) {
    int last = b64url_value(static_cast<unsigned char>(in.back()));
    if ((rem == 2 && (last & 0x0f)) || (rem == 3 && (last & 0x03))) return false;  // non-canonical
  }
  out->assign(std_alpha.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(&(*out)[0]),
                          reinterpret_cast<const unsigned char*>(std_alpha.data()), static_cast<int>(std_alpha.size()));
  if (n < 0) return false;
  out->resize(static_cast<size_t>(n) - (rem ? 4 - rem : 0));
  return true;
}
}  // namespace

bool b64url_decode(std::string_view in, std::string* out) {
  if (fast_decode(in, out)) return true;
  out->assign(in.size() / 4 * 3 + 3, '\0');
  if (in.empty()) {
    out->clear();
    return true;
  }
  size_t len = 0;
  const char* end = nullptr;
  // b64_end is given so that libsodium stops at a foreign character instead of failing, and the
  // check below then refuses it: the whole input must be consumed.
  int rc = sodium_base642bin(reinterpret_cast<unsigned char*>(&(*out)[0]), out->size(), in.data(), in.size(),
                             nullptr, &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  if (rc != 0 || end != in.data() + in.size()) return false;
  out->resize(len);
  return true;
}

const Value* member(const Value& obj, std::string_view name, std::string_view where, bool from_token) {
  if (obj.kind != Value::Kind::Object) return nullptr;
  const Value* found = nullptr;
  for (const auto& m : obj.members) {
    if (m.first != name) continue;
    if (found) {
      std::string msg = std::string(where) + " has two '" + std::string(name) + "' members";
      if (from_token) throw Refused(msg);
      throw Error(msg);
    }
    found = &m.second;
  }
  return found;
}

std::string shown(std::string_view s) {
  constexpr size_t kMax = 64;
  std::string out = "'";
  size_t n = 0;
  for (unsigned char c : s) {
    if (n == kMax) {
      out += "...";
      break;
    }
    out += (c >= 0x20 && c < 0x7f && c != '\'') ? static_cast<char>(c) : '?';
    ++n;
  }
  out += "'";
  return out;
}

}  // namespace ords::jwt
