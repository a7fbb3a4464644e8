// client_rules.hpp: what clients.cpp and secrets.cpp share: the rules a client's attributes obey
// (API.md section 5), how a call names its client (p_name, or the named form's client_key
// {id|name|client_id}), and the JSON shapes of t_client_key and t_client_credentials.
//
// Every check throws ords::Error naming the parameter; none puts a secret in its message.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../conn/call.hpp"

namespace ords::clients {

// ---- attribute rules ---------------------------------------------------------------------------

// authorization_code, implicit or client_credentials (any case); returns the lower-case form.
std::string check_grant_type(const std::string& param, const std::string& v);

// Absolute, no fragment, no user information, https; http only for localhost, 127.0.0.1, [::1].
void check_redirect_uri(const std::string& param, const std::string& uri);

// Comma-separated URL prefixes (http:// or https://) or "*"; NULL when the list is empty.
std::optional<std::string> check_origins(const std::string& param, const std::optional<std::string>& v);

// A positive whole number of seconds, at most `max`, or NULL (the instance default).
void check_duration(const std::string& param, const std::optional<int64_t>& v, int64_t max);
constexpr int64_t kMaxTokenSeconds = 315360000;  // ten years, as security.oauth.tokenLifetime
constexpr int64_t kMaxCodeSeconds = 600;         // as security.oauth.codeLifetime

// p_token_duration, p_refresh_duration, p_code_duration, read and checked.
struct Durations {
  std::optional<int64_t> token, refresh, code;
};
Durations read_durations(const Call& c);

// One line of text: not empty, no control characters (support email, support URI, content type).
void check_line(const std::string& param, const std::string& v);
// A description: no control characters other than tab, CR and LF.
void check_description(const std::string& param, const std::string& v);
// A media type such as image/png (RFC 9110 type "/" subtype, token characters only).
void check_media_type(const std::string& param, const std::string& v);
// An imported client_id: 1..255 URL-unreserved characters (A-Z a-z 0-9 - . _ ~).
void check_client_id(const std::string& param, const std::string& v);

// p_description and p_redirect_uri may be NULL only for client_credentials.
void check_required_for_grant(const std::string& grant, const std::optional<std::string>& description,
                              const std::optional<std::string>& redirect_uri);

// An unknown key of a nested object, as an error message may quote it: only when it looks like a
// parameter name (letters, digits, _; at most 32), else "?": a value pasted where a key goes (a
// secret, a hash) never reaches a message.
std::string shown_key(const std::string& key);

// ---- naming the client ---------------------------------------------------------------------------

// How a call names its client: p_<name_param> or the named form's client_key object.
struct ClientKey {
  std::optional<int64_t> id;
  std::optional<std::string> name, client_id;
  std::string param;  // "p_name", "p_client_name" or "p_client_key", for messages
};

// Reads the key from c.args (before any write): exactly one of p_<name_param> and p_client_key.
ClientKey client_key_arg(const Call& c, const char* name_param);

// The client a call acts on, within `schema`.
struct ClientRow {
  int64_t id = 0;
  std::string name, client_id, grant_type;
};
ClientRow require_client(store::Db& db, int64_t schema, const ClientKey& key);

// A client name that is free in the schema (new names, renames); throws naming `param`.
void require_free_name(store::Db& db, int64_t schema, const std::string& name, const std::string& param,
                       int64_t except_id = 0);

// Privilege names (p_privilege_names) to ids; each must exist in the schema.
std::vector<int64_t> privilege_ids(store::Db& db, int64_t schema, const std::vector<std::string>& names,
                                   const std::string& param);
// Replaces the client's privilege list.
void set_privileges(store::Db& db, int64_t client, const std::vector<int64_t>& ids);

// Binds an optional value (NULL when empty).
void bind_opt(store::Stmt& st, int idx, const std::optional<std::string>& v);
void bind_opt(store::Stmt& st, int idx, const std::optional<int64_t>& v);

// Sets the client's updated_on.
void touch(store::Db& db, int64_t client, int64_t now);

// ---- results -------------------------------------------------------------------------------------

// {"id":7,"name":"CLIENT_TEST","client_id":"..."}
std::string client_key_json(const ClientRow& c);

// What the client_secret member of a credentials result says.
struct SecretOut {
  const std::string* secret = nullptr;  // only where the call generated or received it
  std::optional<int64_t> slot;          // 1, 2, 3 (both) or NULL (none)
  std::optional<int64_t> issued_on;
};
// {"client_key":{...},"client_secret":{"secret":"...","slot":1,"issued_on":"...Z"}}
std::string credentials_json(const ClientRow& c, const SecretOut& s);

}  // namespace ords::clients
