// client_rules.cpp: see client_rules.hpp.
#include "client_rules.hpp"

#include "../core/error.hpp"
#include "../core/text.hpp"

namespace ords::clients {

namespace {

bool is_alnum(char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'); }

bool has_space_or_control(const std::string& s) {
  if (text::has_control(s)) return true;
  for (char ch : s)
    if (ch == ' ') return true;
  return false;
}

// RFC 9110 token characters.
bool is_tchar(char ch) {
  return is_alnum(ch) || std::string("!#$%&'*+-.^_`|~").find(ch) != std::string::npos;
}

const char* const kRedirectRule =
    " must be an absolute https:// URI (http:// only for localhost, 127.0.0.1 or [::1])";

}  // namespace

std::string check_grant_type(const std::string& param, const std::string& v) {
  std::string g = text::lower(v);
  if (g != "authorization_code" && g != "implicit" && g != "client_credentials")
    throw Error(param + " must be one of authorization_code, implicit, client_credentials");
  return g;
}

void check_redirect_uri(const std::string& param, const std::string& uri) {
  if (has_space_or_control(uri)) throw Error(param + " must not contain spaces or control characters");
  size_t sep = uri.find("://");
  if (sep == std::string::npos) throw Error(param + kRedirectRule);
  std::string scheme = text::lower(uri.substr(0, sep));
  if (scheme != "https" && scheme != "http") throw Error(param + kRedirectRule);
  if (uri.find('#') != std::string::npos) throw Error(param + " must not have a fragment (#...)");
  size_t start = sep + 3;
  size_t end = uri.find_first_of("/?", start);
  std::string authority = uri.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (authority.empty()) throw Error(param + " has no host");
  if (authority.find('@') != std::string::npos) throw Error(param + " must not carry user information (user@host)");
  std::string host, port;
  if (authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string::npos) throw Error(param + " has an invalid host");
    host = authority.substr(0, close + 1);
    for (size_t i = 1; i < close; i++) {
      char ch = authority[i];
      if (!(is_alnum(ch) || ch == ':' || ch == '.')) throw Error(param + " has an invalid host");
    }
    std::string rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') throw Error(param + " has an invalid host");
      port = rest.substr(1);
      if (port.empty()) throw Error(param + " has an invalid port");
    }
  } else {
    size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) throw Error(param + " has an invalid port");
    }
    if (host.empty()) throw Error(param + " has no host");
    for (char ch : host)
      if (!(is_alnum(ch) || ch == '-' || ch == '.' || ch == '_' || static_cast<unsigned char>(ch) >= 0x80))
        throw Error(param + " has an invalid host");
  }
  if (!port.empty()) {
    bool digits = port.size() <= 5;
    for (char ch : port) digits = digits && ch >= '0' && ch <= '9';
    if (!digits || std::stol(port) < 1 || std::stol(port) > 65535) throw Error(param + " has an invalid port");
  }
  if (scheme == "http") {
    std::string h = text::lower(host);
    if (h != "localhost" && h != "127.0.0.1" && h != "[::1]") throw Error(param + kRedirectRule);
  }
}

std::optional<std::string> check_origins(const std::string& param, const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  if (text::has_control(*v)) throw Error(param + " must not contain control characters");
  std::vector<std::string> items = text::split_list(*v);
  if (items.empty()) return std::nullopt;
  for (const auto& item : items) {
    if (item == "*") continue;
    std::string l = text::lower(item);
    bool ok = (l.compare(0, 8, "https://") == 0 && l.size() > 8) || (l.compare(0, 7, "http://") == 0 && l.size() > 7);
    if (!ok || item.find(' ') != std::string::npos)
      throw Error(param + ": " + text::quote_input(item) + " is not an origin; give URL prefixes (https://host...) or *");
  }
  return *v;
}

void check_duration(const std::string& param, const std::optional<int64_t>& v, int64_t max) {
  if (!v) return;
  if (*v <= 0 || *v > max)
    throw Error(param + " must be a whole number of seconds from 1 to " + std::to_string(max) +
                " (or NULL for the instance default)");
}

Durations read_durations(const Call& c) {
  Durations d;
  d.token = c.args.opt_int("token_duration");
  d.refresh = c.args.opt_int("refresh_duration");
  d.code = c.args.opt_int("code_duration");
  check_duration("p_token_duration", d.token, kMaxTokenSeconds);
  check_duration("p_refresh_duration", d.refresh, kMaxTokenSeconds);
  check_duration("p_code_duration", d.code, kMaxCodeSeconds);
  return d;
}

void check_line(const std::string& param, const std::string& v) {
  if (text::trim(v).empty()) throw Error(param + " must not be empty");
  if (text::has_control(v)) throw Error(param + " must not contain control characters");
}

void check_description(const std::string& param, const std::string& v) {
  if (text::trim(v).empty()) throw Error(param + " must not be empty");
  std::string flat = v;
  for (auto& ch : flat)
    if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  if (text::has_control(flat))
    throw Error(param + " must not contain control characters other than tab and line breaks");
}

void check_media_type(const std::string& param, const std::string& v) {
  size_t slash = v.find('/');
  bool ok = slash != std::string::npos && slash > 0 && slash + 1 < v.size() && v.size() <= 255;
  for (size_t i = 0; ok && i < v.size(); i++) ok = i == slash || is_tchar(v[i]);
  if (!ok) throw Error(param + " must be a media type such as image/png");
}

void check_client_id(const std::string& param, const std::string& v) {
  bool ok = !v.empty() && v.size() <= 255;
  for (char ch : v) ok = ok && (is_alnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~');
  if (!ok) throw Error(param + " must be 1 to 255 characters from A-Z a-z 0-9 - . _ ~");
}

void check_required_for_grant(const std::string& grant, const std::optional<std::string>& description,
                              const std::optional<std::string>& redirect_uri) {
  if (grant == "client_credentials") return;
  if (!description) throw Error("p_description must not be NULL (only a client_credentials client may leave it out)");
  if (!redirect_uri) throw Error("p_redirect_uri must not be NULL (only a client_credentials client may leave it out)");
}

}  // namespace ords::clients
