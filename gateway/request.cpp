// request.cpp: the gateway's reading of untrusted request parts (see request.hpp). Base64 is
// decoded by OpenSSL (EVP_DecodeBlock) and form escapes by libmicrohttpd's own decoder
// (MHD_http_unescape), so nothing here decodes by hand; what is left is splitting and comparing.
#include "request.hpp"

#include <microhttpd.h>
#include <openssl/evp.h>

#include <cctype>
#include <vector>

namespace gw {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// A schema alias as a path segment: 1..128 characters, no slash (MHD has already unescaped it).
bool alias_ok(std::string_view a) {
  if (a.empty() || a.size() > 128) return false;
  for (unsigned char ch : a)
    if (ch < 0x21 || ch == 0x7f || ch == '/') return false;
  return true;
}

// application/x-www-form-urlencoded decoding of one component ('+' is a space), by MHD.
std::string form_decode(std::string_view s) {
  std::string v(s);
  for (char& ch : v)
    if (ch == '+') ch = ' ';
  v.push_back('\0');
  size_t n = MHD_http_unescape(v.data());
  v.resize(n);
  return v;
}

}  // namespace

Route route(std::string_view path) {
  Route r;
  if (path == "/auth") { r.endpoint = Endpoint::Auth; return r; }
  if (path == "/healthz") { r.endpoint = Endpoint::Healthz; return r; }
  constexpr std::string_view prefix = "/ords/";
  if (path.substr(0, prefix.size()) != prefix) return r;
  std::string_view rest = path.substr(prefix.size());
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return r;
  std::string_view alias = rest.substr(0, slash), tail = rest.substr(slash);
  if (!alias_ok(alias)) return r;
  if (tail == "/oauth/token") r.endpoint = Endpoint::Token;
  else if (tail == "/oauth/revoke") r.endpoint = Endpoint::Revoke;
  else if (tail == "/oauth/introspect") r.endpoint = Endpoint::Introspect;
  else if (tail == "/oauth/auth") r.endpoint = Endpoint::Authorize;
  else return r;
  r.alias = std::string(alias);
  return r;
}

bool method_allowed(Endpoint e, std::string_view method) {
  switch (e) {
    case Endpoint::Token: case Endpoint::Revoke: case Endpoint::Introspect: return method == "POST";
    case Endpoint::Authorize: case Endpoint::Auth: case Endpoint::Healthz:
      return method == "GET" || method == "HEAD";
    case Endpoint::None: return false;
  }
  return false;
}

bool has_scheme(std::string_view authorization, std::string_view scheme) {
  return authorization.size() > scheme.size() && iequals(authorization.substr(0, scheme.size()), scheme) &&
         authorization[scheme.size()] == ' ';
}

std::optional<std::string> basic_client_id(std::string_view authorization) {
  if (!has_scheme(authorization, "Basic")) return std::nullopt;
  std::string_view b64 = authorization.substr(6);
  while (!b64.empty() && b64.front() == ' ') b64.remove_prefix(1);
  while (!b64.empty() && b64.back() == ' ') b64.remove_suffix(1);
  if (b64.empty() || b64.size() > 4096 || b64.size() % 4 != 0) return std::nullopt;
  for (unsigned char ch : b64)
    if (!(std::isalnum(ch) || ch == '+' || ch == '/' || ch == '=')) return std::nullopt;
  std::vector<unsigned char> out(b64.size() / 4 * 3 + 1);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding's zero bytes: take them off.
  size_t len = static_cast<size_t>(n);
  if (b64.size() >= 1 && b64[b64.size() - 1] == '=' && len > 0) --len;
  if (b64.size() >= 2 && b64[b64.size() - 2] == '=' && len > 0) --len;
  std::string_view decoded(reinterpret_cast<const char*>(out.data()), len);
  size_t colon = decoded.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string id = form_decode(decoded.substr(0, colon));
  // The decoded value must hold no NUL or control character (an escaped %00 decoded by MHD).
  for (unsigned char ch : id)
    if (ch < 0x20 || ch == 0x7f) return std::nullopt;
  return id;
}

bool Form::add(std::string_view key, std::string_view piece, uint64_t off) {
  auto it = fields_.find(key);
  if (off == 0) {
    if (it != fields_.end()) {
      if (!repeated_) repeated_ = std::string(key);
      it->second.clear();
      it->second.append(piece);
      return true;
    }
    if (fields_.size() >= max_fields) return false;
    fields_.emplace(std::string(key), std::string(piece));
    return true;
  }
  if (it == fields_.end()) {  // a continuation of a field we never saw start
    if (fields_.size() >= max_fields) return false;
    fields_.emplace(std::string(key), std::string(piece));
    return true;
  }
  it->second.append(piece);
  return true;
}

const std::string* Form::get(std::string_view key) const {
  auto it = fields_.find(key);
  return it == fields_.end() ? nullptr : &it->second;
}

std::optional<CheckArgs> check_args(const char* original_method, const char* original_uri) {
  if (!original_uri || !*original_uri) return std::nullopt;
  CheckArgs a;
  a.method = original_method && *original_method ? original_method : "GET";
  a.uri = original_uri;
  return a;
}

bool reason_wants_keys(std::string_view reason) {
  return reason.find("no key with kid") != std::string_view::npos ||
         reason.find("the profile has no keys") != std::string_view::npos ||
         reason.find("the token names no key") != std::string_view::npos;
}

std::string log_safe(std::string_view s, size_t cap, bool spaces) {
  if (s.empty()) return "-";
  std::string out;
  out.reserve(std::min(s.size(), cap));
  for (unsigned char ch : s) {
    if (out.size() >= cap) break;
    out.push_back((ch >= 0x21 && ch < 0x7f) || (spaces && ch == ' ') ? static_cast<char>(ch) : '?');
  }
  return out.empty() ? "-" : out;
}

}  // namespace gw
