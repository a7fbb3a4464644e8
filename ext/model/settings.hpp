// settings.hpp: ords_security_version, ords_security_info, ords_security_config (API.md
// section 10), and the lookup of instance defaults other model files use.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../conn/call.hpp"

namespace ords {

const std::vector<FnSpec>& settings_functions();

// The value in effect for a setting key (the stored one, else the built-in default). A stored
// value outside the setting's range, or not an integer (planted by SQL: ords_security_config
// never writes one), is refused: "the ords_security tables are damaged: ...".
int64_t setting(ConnState& s, std::string_view key);

// The lifetime in seconds of what a client is issued: its own duration when it has one, else the
// setting `key` (security.oauth.tokenLifetime, refreshTokenLifetime or codeLifetime). A client's
// duration read back outside the range its registration allows is refused as damaged, so
// now + lifetime cannot overflow and expires_in is never negative or wrapped.
int64_t lifetime(ConnState& s, const std::optional<int64_t>& own, std::string_view key);

}  // namespace ords
