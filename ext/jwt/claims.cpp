// claims.cpp: iss, aud, exp, nbf, iat, age, crit; sub, scope/scp and the role claim.
#include "claims.hpp"

#include <algorithm>

#include "common.hpp"

namespace ords::jwt {

namespace {

const char* kClaims = "the token payload";

void add_unique(std::vector<std::string>* out, std::string item) {
  if (item.empty()) return;
  if (std::find(out->begin(), out->end(), item) == out->end()) out->push_back(std::move(item));
}

void add_words(std::vector<std::string>* out, const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    add_unique(out, s.substr(i, j - i));
    i = j + 1;
  }
}

// "a string", "a real number", "an array": what a claim of the wrong type was.
std::string described(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Int: return "an integer";
    case Value::Kind::Real: return "a real number";
    case Value::Kind::Text: return "a string";
    case Value::Kind::Blob: return "binary data";
    case Value::Kind::Bool: return "a boolean";
    case Value::Kind::Object: return "an object";
    case Value::Kind::Array: return "an array";
  }
  return "a value";
}

// A NumericDate claim (RFC 7519 section 2): false when absent.
bool numeric(const Value& claims, const char* name, int64_t* out) {
  const Value* v = member(claims, name, kClaims, true);
  if (!v) return false;
  if (v->kind != Value::Kind::Int)
    throw Refused(std::string(name) + " must be a JSON integer (seconds since 1970-01-01); it is " +
                  described(*v));
  if (v->i < 0 || v->i > kMaxTime)
    throw Refused(std::string(name) + " is out of range (0 to " + std::to_string(kMaxTime) + ")");
  *out = v->i;
  return true;
}

std::string seconds(int64_t n) { return std::to_string(n) + " s"; }

std::string skew_note(int64_t skew) {
  return skew > 0 ? " (beyond the profile's " + seconds(skew) + " of clock skew)" : std::string();
}

std::string shown_list(const Value& arr) {
  std::string out = "[";
  size_t n = 0;
  for (const Value& v : arr.items) {
    if (n == 4) {
      out += ", ...";
      break;
    }
    if (n) out += ", ";
    out += shown(v.s);
    ++n;
  }
  return out + "]";
}

void check_iss(const Value& claims, const Profile& p) {
  const Value* iss = member(claims, "iss", kClaims, true);
  if (!iss) throw Refused("the token has no iss; the profile expects " + shown(p.issuer));
  if (iss->kind != Value::Kind::Text) throw Refused("iss is not a string; the profile expects " + shown(p.issuer));
  if (iss->s != p.issuer) throw Refused("iss is " + shown(iss->s) + ", the profile expects " + shown(p.issuer));
}

void check_aud(const Value& claims, const Profile& p) {
  const Value* aud = member(claims, "aud", kClaims, true);
  if (!aud) throw Refused("the token has no aud; the profile expects " + shown(p.audience));
  if (aud->kind == Value::Kind::Text) {
    if (aud->s != p.audience) throw Refused("aud is " + shown(aud->s) + ", the profile expects " + shown(p.audience));
    return;
  }
  if (aud->kind != Value::Kind::Array) throw Refused("aud must be a string or an array of strings");
  bool found = false;
  for (const Value& v : aud->items) {
    if (v.kind != Value::Kind::Text) throw Refused("aud must be a string or an array of strings");
    found |= (v.s == p.audience);
  }
  if (!found) throw Refused("aud is " + shown_list(*aud) + ", the profile expects " + shown(p.audience));
}

void check_times(const Value& claims, const Profile& p, int64_t now, Identity* id) {
  int64_t skew = std::min(std::max<int64_t>(p.allowed_skew, 0), kMaxSkew);
  int64_t exp = 0, nbf = 0, iat = 0;
  if (!numeric(claims, "exp", &exp)) throw Refused("the token has no exp; the profile accepts only tokens that expire");
  bool has_nbf = numeric(claims, "nbf", &nbf);
  bool has_iat = numeric(claims, "iat", &iat);
  if (now >= exp + skew) throw Refused("expired " + seconds(now - exp) + " ago" + skew_note(skew));
  if (has_nbf && now < nbf - skew) throw Refused("not valid for another " + seconds(nbf - now) + " (nbf)" + skew_note(skew));
  if (has_iat && now < iat - skew)
    throw Refused("issued " + seconds(iat - now) + " in the future (iat)" + skew_note(skew) +
                  "; the provider's clock and this host's disagree");
  if (p.allowed_age > 0) {
    if (!has_iat) throw Refused("the token has no iat; the profile limits token age to " + seconds(p.allowed_age));
    if (now > iat + p.allowed_age + skew)
      throw Refused("issued " + seconds(now - iat) + " ago (iat); the profile accepts tokens up to " +
                    seconds(p.allowed_age) + " old" + skew_note(skew));
  }
  id->exp = exp;
}

void take_scopes(const Value& claims, Identity* id) {
  if (const Value* scope = member(claims, "scope", kClaims, true)) {
    if (scope->kind != Value::Kind::Text) throw Refused("scope must be a space-separated string");
    add_words(&id->scopes, scope->s);
  }
  if (const Value* scp = member(claims, "scp", kClaims, true)) {
    if (scp->kind == Value::Kind::Text) {
      add_words(&id->scopes, scp->s);
    } else if (scp->kind == Value::Kind::Array) {
      for (const Value& v : scp->items) {
        if (v.kind != Value::Kind::Text) throw Refused("scp must be a string or an array of strings");
        add_unique(&id->scopes, v.s);
      }
    } else {
      throw Refused("scp must be a string or an array of strings");
    }
  }
}

void take_roles(const Value& claims, const Profile& p, Identity* id) {
  if (p.role_claim_name.empty()) return;
  const Value* roles = resolve_json_pointer(claims, parse_json_pointer(p.role_claim_name));
  if (!roles) return;
  const std::string what = "the role claim " + shown(p.role_claim_name);
  if (roles->kind == Value::Kind::Text) {
    add_words(&id->roles, roles->s);
  } else if (roles->kind == Value::Kind::Array) {
    for (const Value& v : roles->items) {
      if (v.kind != Value::Kind::Text) throw Refused(what + " must be an array of strings or a space-separated string");
      add_unique(&id->roles, v.s);
    }
  } else {
    throw Refused(what + " is " + described(*roles) +
                  "; it must be an array of strings or a space-separated string");
  }
}

}  // namespace

Identity check_claims(const Value& header, const Value& claims, const Profile& profile, int64_t now) {
  if (header.kind != Value::Kind::Object) throw Refused("the token header is not a JSON object");
  if (member(header, "crit", "the token header", true))
    throw Refused("the token header has crit: it demands extensions this verifier does not support");
  if (claims.kind != Value::Kind::Object) throw Refused("the token payload is not a JSON object");
  check_iss(claims, profile);
  check_aud(claims, profile);
  Identity id;
  check_times(claims, profile, now, &id);
  if (const Value* sub = member(claims, "sub", kClaims, true)) {
    if (sub->kind != Value::Kind::Text) throw Refused("sub is not a string");
    id.user = sub->s;
  }
  const Value* cid = member(claims, "client_id", kClaims, true);
  if (!cid || cid->kind != Value::Kind::Text) cid = member(claims, "azp", kClaims, true);
  if (cid && cid->kind == Value::Kind::Text) id.client_id = cid->s;
  take_scopes(claims, &id);
  take_roles(claims, profile, &id);
  return id;
}

std::vector<std::string> parse_json_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.size() > 256) throw Error("p_role_claim_name is longer than 256 bytes");
  if (pointer[0] != '/')
    throw Error("p_role_claim_name must be a JSON pointer starting with '/' (for instance /roles or /realm_access/roles)");
  std::string cur;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(cur);
      cur.clear();
    } else if (pointer[i] == '~') {
      char next = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
      if (next != '0' && next != '1')
        throw Error("p_role_claim_name has a '~' not followed by 0 or 1 (a JSON pointer writes '~' as ~0 and '/' as ~1)");
      cur += next == '0' ? '~' : '/';
      ++i;
    } else {
      cur += pointer[i];
    }
  }
  return tokens;
}

const Value* resolve_json_pointer(const Value& doc, const std::vector<std::string>& tokens) {
  const Value* at = &doc;
  for (const std::string& t : tokens) {
    if (at->kind == Value::Kind::Object) {
      at = member(*at, t, kClaims, true);
    } else if (at->kind == Value::Kind::Array) {
      if (t.empty() || t.size() > 9 || (t.size() > 1 && t[0] == '0') ||
          !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return nullptr;
      size_t idx = std::stoul(t);
      at = idx < at->items.size() ? &at->items[idx] : nullptr;
    } else {
      return nullptr;
    }
    if (!at) return nullptr;
  }
  return at;
}

}  // namespace ords::jwt
