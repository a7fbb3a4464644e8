// authenticate.cpp: see authenticate.hpp.
#include "authenticate.hpp"

#include "../core/text.hpp"

namespace ords::policy {

std::optional<SecretText> bearer(std::string_view header) {
  std::optional<std::string_view> t = bearer_view(header);
  if (!t) return std::nullopt;
  return SecretText(*t);
}

std::optional<std::string_view> bearer_view(std::string_view header) {
  auto trimmed = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  std::string_view h = trimmed(header);
  if (h.size() < 7 || !text::iequals(h.substr(0, 7), "bearer ")) return std::nullopt;
  std::string_view t = trimmed(h.substr(7));
  if (t.empty() || t.find(' ') != std::string_view::npos) return std::nullopt;
  return t;
}

Authenticated principal_from_session(std::optional<sessions::Found> session, int64_t deciding_schema_id, int64_t now) {
  Authenticated out;
  // One sentence for every way a token fails, so the answer never tells which.
  if (!session || !session->live_access(now) || session->schema_id != deciding_schema_id) {
    out.failure = "the token is unknown, expired or revoked";
    return out;
  }
  sessions::Found& s = *session;
  Principal p;
  p.proof = Principal::Proof::OpaqueToken;
  p.acting = s.client.grant_type == "client_credentials" ? Principal::Acting::Client : Principal::Acting::User;
  p.schema_id = s.schema_id;
  p.client_id = std::move(s.client.client_id);
  p.client_name = std::move(s.client.name);
  p.user = std::move(s.user);
  p.scope = std::move(s.scope);
  p.role_ids = std::move(s.client_role_ids);
  p.privilege_ids = std::move(s.client_privilege_ids);
  p.origins_allowed = std::move(s.client.origins_allowed);
  out.principal = std::move(p);
  return out;
}

Principal client_principal(sessions::ClientView v, int64_t schema_id) {
  Principal p;
  p.proof = Principal::Proof::OpaqueToken;
  p.acting = v.client.grant_type == "client_credentials" ? Principal::Acting::Client : Principal::Acting::User;
  p.schema_id = schema_id;
  p.client_id = std::move(v.client.client_id);
  p.client_name = std::move(v.client.name);
  p.role_ids = std::move(v.role_ids);
  p.privilege_ids = std::move(v.privilege_ids);
  p.origins_allowed = std::move(v.client.origins_allowed);
  return p;
}

const Principal* principal_from_access(const std::optional<sessions::Access>& session, const Principal* client,
                                       int64_t deciding_schema_id, int64_t now, Authenticated& own) {
  if (!session || !client || !session->live_access(now) || session->schema_id != deciding_schema_id) {
    own.failure = "the token is unknown, expired or revoked";
    return nullptr;
  }
  if (!session->user && !session->scope) return client;
  own.principal = *client;
  own.principal->user = session->user;
  own.principal->scope = session->scope;
  return &*own.principal;
}

}  // namespace ords::policy
