// patterns.hpp: the rules for URL patterns that protect paths, module base paths and templates.
//
// Paths are matched after they are made canonical (decoded, dot segments removed, slashes
// collapsed), so a pattern must itself be in that form, or it could never match: it starts with
// "/", has no "//", no "." or ".." segment, no "%", "?", "#" or backslash, no control character.
// "*" (privilege patterns only) matches any run of characters, "/" included.
#pragma once
#include <string>

namespace ords::patterns {

// Throws Error naming `param` when `p` is not a valid privilege pattern.
void check_privilege_pattern(const std::string& param, const std::string& p);

// "hr" or "/hr" or "/hr/" -> "/hr/"; throws Error naming `param` when invalid.
std::string normalize_base_path(const std::string& param, const std::string& p);

// "employees/:id" (a leading "/" is dropped); throws Error naming `param` when invalid.
std::string normalize_template(const std::string& param, const std::string& p);

}  // namespace ords::patterns
