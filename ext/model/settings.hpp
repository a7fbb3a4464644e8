// settings.hpp: ords_security_version, ords_security_info, ords_security_config (API.md
// section 10), and the lookup of instance defaults other model files use.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "../conn/call.hpp"

namespace ords {

const std::vector<FnSpec>& settings_functions();

// The value in effect for a setting key (the stored one, else the built-in default).
int64_t setting(store::Db& db, const std::string& key);

}  // namespace ords
