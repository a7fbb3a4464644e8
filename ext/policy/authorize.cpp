// authorize.cpp: see authorize.hpp.
#include "authorize.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "../core/text.hpp"

namespace ords::policy {

namespace {

// The pieces joined in one allocation: a reason is written on every decision (ISSUE 14).
std::string cat(std::initializer_list<std::string_view> parts) {
  size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  std::string s;
  s.reserve(n);
  for (std::string_view p : parts) s.append(p);
  return s;
}

std::string quoted(std::string_view s) { return cat({"\"", s, "\""}); }

// The start of every refusal's reason.
std::string protect(const protection::Guard& g) { return cat({"protected by privilege \"", g.privilege, "\""}); }

bool holds(const std::vector<int64_t>& ids, int64_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

Verdict deny(std::string reason) { return Verdict{403, std::move(reason)}; }

// "a", "a" or "b", "a", "b" or "c": the privilege's roles, each quoted.
std::string role_list(const protection::Guard& g) {
  std::string list;
  for (size_t i = 0; i < g.roles.size(); i++)
    list += (i ? (i + 1 == g.roles.size() ? " or " : ", ") : "") + quoted(g.roles[i].name);
  return list;
}

Verdict as_client(const Principal& who, const protection::Guard& g) {
  if (who.scope && !scope_names(*who.scope, g.privilege))
    return deny(protect(g) + ", which the token's scope does not name; ask for a token with scope " + quoted(g.privilege));
  const std::string* held = nullptr;
  for (const auto& r : g.roles)
    if (holds(who.role_ids, r.id)) { held = &r.name; break; }
  if (!g.roles.empty() && !held)
    return deny(protect(g) + ", which needs role " + role_list(g) + "; client " + quoted(who.client_name) +
                " holds none: grant_client_role(" + text::sql_literal(who.client_name) + ", " +
                text::sql_literal(g.roles[0].name) + ")");
  if (held)
    return Verdict{200, cat({"client \"", who.client_name, "\" holds role \"", *held, "\" of privilege \"", g.privilege, "\""})};
  return Verdict{200, cat({"privilege \"", g.privilege, "\" has no roles: any valid token of the schema satisfies it"})};
}

Verdict as_user(const Principal& who, const protection::Guard& g) {
  if (!who.scope || !scope_names(*who.scope, g.privilege))
    return deny(protect(g) + ", which the token's approved scope does not name; ask for scope " + quoted(g.privilege) +
                " when authorizing");
  // The approval holds only while the client still lists the privilege: taking it out of the
  // client's p_privilege_names takes it from the tokens already issued.
  if (!holds(who.privilege_ids, g.privilege_id))
    return deny(protect(g) + ", which client " + quoted(who.client_name) +
                " no longer lists; give it back with update_client_privileges");
  return Verdict{200, cat({"the token's approved scope names privilege \"", g.privilege, "\""})};
}

bool names(const std::vector<std::string>& items, const std::string& name) {
  return std::find(items.begin(), items.end(), name) != items.end();
}

// A JWT accepted by the schema's profile: its scope (`scope`/`scp`) names the privilege, or its
// role claim names one of the privilege's roles. A privilege without roles needs the scope.
Verdict as_jwt(const Principal& who, const protection::Guard& g) {
  if (names(who.claimed_scopes, g.privilege)) return Verdict{200, cat({"the JWT's scope names privilege \"", g.privilege, "\""})};
  for (const auto& r : g.roles)
    if (names(who.claimed_roles, r.name))
      return Verdict{200, cat({"the JWT's role claim names role \"", r.name, "\" of privilege \"", g.privilege, "\""})};
  std::string reason = protect(g) + ", which the JWT's scope does not name";
  if (!g.roles.empty())
    reason += " and whose role " + role_list(g) + (g.roles.size() > 1 ? " are" : " is") + " not in its role claim";
  return deny(reason + "; the identity provider must issue scope " + quoted(g.privilege) +
              (g.roles.empty() ? "" : " or one of those roles"));
}

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

Verdict authorize(const Principal& who, const protection::Guard& deciding, std::optional<std::string_view> origin) {
  // A JWT has no client of ours, so no origins_allowed: the Origin is not checked for it.
  if (who.proof == Principal::Proof::Jwt) return as_jwt(who, deciding);
  Verdict v = who.acting == Principal::Acting::Client ? as_client(who, deciding) : as_user(who, deciding);
  if (v.status != 200) return v;
  if (origin && who.origins_allowed && !origin_allowed(*who.origins_allowed, *origin))
    return deny(protect(deciding) + "; the request's Origin is not in client " + quoted(who.client_name) + "'s origins_allowed");
  return v;
}

}  // namespace ords::policy
