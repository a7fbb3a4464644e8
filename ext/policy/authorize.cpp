// authorize.cpp: see authorize.hpp.
#include "authorize.hpp"

#include <algorithm>
#include <string_view>

#include "../core/text.hpp"

namespace ords::policy {

namespace {

bool holds(const std::vector<int64_t>& ids, int64_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

bool names(const std::vector<std::string>& items, const std::string& name) {
  return std::find(items.begin(), items.end(), name) != items.end();
}

using Why = Judgement::Why;

Judgement as_client(const Principal& who, const protection::Guard& g) {
  if (who.scope && !scope_names(*who.scope, g.privilege)) return {Why::ScopeMissing};
  for (const auto& r : g.roles)
    if (holds(who.role_ids, r.id)) return {Why::HoldsRole, &r.name};
  return {g.roles.empty() ? Why::NoRoles : Why::RoleMissing};
}

Judgement as_user(const Principal& who, const protection::Guard& g) {
  if (!who.scope || !scope_names(*who.scope, g.privilege)) return {Why::UserScopeMissing};
  // The approval holds only while the client still lists the privilege: taking it out of the
  // client's p_privilege_names takes it from the tokens already issued.
  if (!holds(who.privilege_ids, g.privilege_id)) return {Why::NoLongerListed};
  return {Why::UserScope};
}

// A JWT accepted by the schema's profile: its scope (`scope`/`scp`) names the privilege, or its
// role claim names one of the privilege's roles. A privilege without roles needs the scope.
Judgement as_jwt(const Principal& who, const protection::Guard& g) {
  if (names(who.claimed_scopes, g.privilege)) return {Why::JwtScope};
  for (const auto& r : g.roles)
    if (names(who.claimed_roles, r.name)) return {Why::JwtRole, &r.name};
  return {Why::JwtRefused};
}

// "a", "a" or "b", "a", "b" or "c": the privilege's roles.
void role_list(const protection::Guard& g, ReasonOut& out) {
  for (size_t i = 0; i < g.roles.size(); i++) {
    if (i) out.word(i + 1 == g.roles.size() ? " or " : ", ");
    out.name(g.roles[i].name);
  }
}

// The reason as plain text.
class TextReason final : public ReasonOut {
 public:
  explicit TextReason(std::string& s) : s_(s) {}
  void word(std::string_view w) override { s_.append(w); }
  void text(std::string_view t) override { s_.append(t); }
  void name(std::string_view n) override {
    s_ += '"';
    s_.append(n);
    s_ += '"';
  }

 private:
  std::string& s_;
};

}  // namespace

bool scope_names(const std::string& scope, const std::string& privilege) {
  size_t i = 0;
  while (i <= scope.size()) {
    size_t j = scope.find(' ', i);
    if (j == std::string::npos) j = scope.size();
    if (j - i == privilege.size() && scope.compare(i, j - i, privilege) == 0) return true;
    i = j + 1;
  }
  return false;
}

bool origin_matches(std::string_view allowed_item, std::string_view origin) {
  if (allowed_item == "*") return true;
  size_t n = allowed_item.size();
  while (n > 0 && allowed_item[n - 1] == '/') n--;
  if (n == 0 || origin.size() < n || origin.compare(0, n, allowed_item.substr(0, n)) != 0) return false;
  return origin.size() == n || origin[n] == ':' || origin[n] == '/';
}

bool origin_allowed(const std::string& allowed_csv, std::string_view origin) {
  std::vector<std::string> items = text::split_list(allowed_csv);
  if (items.empty()) return true;
  for (const auto& item : items)
    if (origin_matches(item, origin)) return true;
  return false;
}

int Judgement::status() const {
  switch (why) {
    case Why::HoldsRole: case Why::NoRoles: case Why::UserScope: case Why::JwtScope: case Why::JwtRole: return 200;
    default: return 403;
  }
}

// The sentence. A name goes out quoted ("client \"svc\" holds role ..."), a word as it is.
void Judgement::say(const Principal& who, const protection::Guard& g, ReasonOut& out) const {
  auto protect = [&] {
    out.word("protected by privilege ");
    out.name(g.privilege);
  };
  switch (why) {
    case Why::HoldsRole:
      out.word("client ");
      out.name(who.client_name);
      out.word(" holds role ");
      out.name(*role);
      out.word(" of privilege ");
      out.name(g.privilege);
      return;
    case Why::NoRoles:
      out.word("privilege ");
      out.name(g.privilege);
      out.word(" has no roles: any valid token of the schema satisfies it");
      return;
    case Why::ScopeMissing:
      protect();
      out.word(", which the token's scope does not name; ask for a token with scope ");
      out.name(g.privilege);
      return;
    case Why::RoleMissing:
      protect();
      out.word(", which needs role ");
      role_list(g, out);
      out.word("; client ");
      out.name(who.client_name);
      out.word(" holds none: grant_client_role(");
      out.text(text::sql_literal(who.client_name));
      out.word(", ");
      out.text(text::sql_literal(g.roles[0].name));
      out.word(")");
      return;
    case Why::UserScope:
      out.word("the token's approved scope names privilege ");
      out.name(g.privilege);
      return;
    case Why::UserScopeMissing:
      protect();
      out.word(", which the token's approved scope does not name; ask for scope ");
      out.name(g.privilege);
      out.word(" when authorizing");
      return;
    case Why::NoLongerListed:
      protect();
      out.word(", which client ");
      out.name(who.client_name);
      out.word(" no longer lists; give it back with update_client_privileges");
      return;
    case Why::JwtScope:
      out.word("the JWT's scope names privilege ");
      out.name(g.privilege);
      return;
    case Why::JwtRole:
      out.word("the JWT's role claim names role ");
      out.name(*role);
      out.word(" of privilege ");
      out.name(g.privilege);
      return;
    case Why::JwtRefused:
      protect();
      out.word(", which the JWT's scope does not name");
      if (!g.roles.empty()) {
        out.word(" and whose role ");
        role_list(g, out);
        out.word(g.roles.size() > 1 ? " are" : " is");
        out.word(" not in its role claim");
      }
      out.word("; the identity provider must issue scope ");
      out.name(g.privilege);
      if (!g.roles.empty()) out.word(" or one of those roles");
      return;
    case Why::OriginRefused:
      protect();
      out.word("; the request's Origin is not in client ");
      out.name(who.client_name);
      out.word("'s origins_allowed");
      return;
  }
}

Judgement judge(const Principal& who, const protection::Guard& g, std::optional<std::string_view> origin) {
  // A JWT has no client of ours, so no origins_allowed: the Origin is not checked for it.
  if (who.proof == Principal::Proof::Jwt) return as_jwt(who, g);
  Judgement o = who.acting == Principal::Acting::Client ? as_client(who, g) : as_user(who, g);
  if (o.status() != 200) return o;
  if (origin && who.origins_allowed && !origin_allowed(*who.origins_allowed, *origin)) return {Why::OriginRefused};
  return o;
}


Verdict authorize(const Principal& who, const protection::Guard& deciding, std::optional<std::string_view> origin) {
  Judgement j = judge(who, deciding, origin);
  Verdict v;
  v.status = j.status();
  TextReason text(v.reason);
  j.say(who, deciding, text);
  return v;
}

}  // namespace ords::policy
