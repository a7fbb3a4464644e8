// common.cpp: strict base64url (libsodium), duplicate-refusing member lookup, message quoting.
#include "common.hpp"

#include <sodium.h>

namespace ords::jwt {

bool b64url_decode(std::string_view in, std::string* out) {
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

const Value* member(const Value& obj, std::string_view name, const std::string& where, bool from_token) {
  if (obj.kind != Value::Kind::Object) return nullptr;
  const Value* found = nullptr;
  for (const auto& m : obj.members) {
    if (m.first != name) continue;
    if (found) {
      std::string msg = where + " has two '" + std::string(name) + "' members";
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
