// client_rules.hpp: the rules a client's attributes obey (API.md section 5), shared by
// register_client, import_client, create_client, update_client and the single-attribute edits:
// grant type, redirect URI, origins, durations, support lines, description, media type, an
// imported client_id. Pure checks: each throws ords::Error naming the parameter, and none repeats a
// value that is shaped like a secret (core/text.hpp, quote_input).
//
// The rest of what the client functions share has its own header: client_key.hpp (how a call
// names its client), client_writes.hpp (privilege list, updated_on), client_results.hpp (the
// t_client_key and t_client_credentials JSON).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "../conn/call.hpp"

namespace ords::clients {

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

}  // namespace ords::clients
