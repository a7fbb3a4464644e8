// patterns.hpp: the rules for URL patterns that protect paths, module base paths and templates.
//
// Paths are matched after they are made canonical (decoded, dot segments removed, slashes
// collapsed), so a pattern must itself be in that form, or it could never match: it starts with
// "/", has no "//", no "." or ".." segment, no "%", "?", "#" or backslash, no control character.
// "*" (privilege patterns only) matches any run of characters, "/" included. It has no ";" either:
// request paths lose their ";" parameters before matching, so a pattern holding one protects nothing.
// And it is relative to the schema alias (a module's base path, for a template): one written as a
// full ORDS path (/ords/<alias>/...), as the tutorials' URLs read, is refused with the relative
// form in the message (write '/example/*'), since it would leave the path it meant public.
#pragma once
#include <string>

namespace ords::patterns {

// Throws Error naming `param` when `p` is not a valid privilege pattern.
void check_privilege_pattern(const std::string& param, const std::string& p);

// "hr" or "/hr" or "/hr/" -> "/hr/"; throws Error naming `param` when invalid.
std::string normalize_base_path(const std::string& param, const std::string& p);

// "employees/:id" (a leading "/" is dropped); throws Error naming `param` when invalid.
// `base_path` (the module's, "/hr/"), when known, makes the hint for a full path exact.
std::string normalize_template(const std::string& param, const std::string& p, const std::string& base_path = "");

// True when `p` (with or without its leading "/") starts with the ORDS context root "ords/".
bool is_full_path(const std::string& p);

}  // namespace ords::patterns
