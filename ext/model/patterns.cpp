// patterns.cpp: see patterns.hpp.
#include "patterns.hpp"

#include <optional>

#include "../core/error.hpp"
#include "../core/text.hpp"

namespace ords::patterns {

namespace {
// Common checks for anything matched against canonical paths.
void check_canonical(const std::string& param, const std::string& p, bool allow_star) {
  if (text::has_control(p)) throw Error(param + " must not contain control characters");
  for (char ch : p) {
    if (ch == '%') throw Error(param + " must not contain \"%\": patterns match decoded paths, write the character itself");
    if (ch == '?' || ch == '#') throw Error(param + " must not contain a query or fragment (\"?\" or \"#\")");
    if (ch == '\\') throw Error(param + " must not contain a backslash");
    if (ch == ';')
      throw Error(param + " must not contain \";\": request paths lose their \";\" parameters before they are matched, "
                          "so it could never match");
    if (ch == '*' && !allow_star) throw Error(param + " must not contain \"*\"");
  }
  if (p.find("//") != std::string::npos) throw Error(param + " must not contain \"//\"");
  // dot segments
  size_t start = 0;
  while (start <= p.size()) {
    size_t slash = p.find('/', start);
    if (slash == std::string::npos) slash = p.size();
    std::string seg = p.substr(start, slash - start);
    if (seg == "." || seg == "..") throw Error(param + " must not contain \".\" or \"..\" segments");
    start = slash + 1;
  }
}

// For a full ORDS path "ords/<alias>/rest" (with or without its leading "/"; the context root as
// the tutorials' URLs show it): the relative form "/rest" ("/" when nothing follows the alias, ""
// when there is no alias to strip, as in "/ords/*"). Nothing when `p` is not a full path.
std::optional<std::string> below_alias(const std::string& p) {
  std::string t = p;
  if (!t.empty() && t[0] == '/') t.erase(0, 1);
  if (t != "ords" && t.compare(0, 5, "ords/") != 0) return std::nullopt;
  if (t.size() <= 5) return std::string();
  size_t slash = t.find('/', 5);
  std::string alias = t.substr(5, slash == std::string::npos ? std::string::npos : slash - 5);
  if (alias.find('*') != std::string::npos) return std::string();
  return slash == std::string::npos ? std::string("/") : t.substr(slash);
}

// "<param> '/ords/main/example/*' is a full path; <what> are relative to <to>: write '/example/*'"
// (the "write" part only when there is a relative form to show).
[[noreturn]] void refuse_full_path(const std::string& param, const std::string& given, const std::string& what,
                                   const std::string& to, const std::string& relative) {
  std::string msg = param + " " + text::sql_literal(given) + " is a full path; " + what + " are relative to " + to;
  if (!relative.empty() && text::showable(given)) msg += ": write " + text::sql_literal(relative);
  throw Error(msg);
}
}  // namespace

bool is_full_path(const std::string& p) { return below_alias(p).has_value(); }

void check_privilege_pattern(const std::string& param, const std::string& p) {
  if (auto rel = below_alias(p)) refuse_full_path(param, p, "patterns", "the schema alias", *rel);
  if (p.empty() || p[0] != '/')
    throw Error(param + " must start with \"/\" (patterns are relative to the schema alias, e.g. /example/*)");
  check_canonical(param, p, true);
}

std::string normalize_base_path(const std::string& param, const std::string& p) {
  std::string out = p;
  if (out.empty() || out[0] != '/') out = "/" + out;
  if (out.back() != '/') out += "/";
  if (out == "/") throw Error(param + " must name a path, such as /hr/");
  if (auto rel = below_alias(out)) refuse_full_path(param, p, "base paths", "the schema alias", *rel == "/" ? "" : *rel);
  check_canonical(param, out, false);
  return out;
}

std::string normalize_template(const std::string& param, const std::string& p, const std::string& base_path) {
  std::string out = p;
  while (!out.empty() && out[0] == '/') out.erase(0, 1);
  if (out.empty()) throw Error(param + " must name a path below the module's base path, such as employees/:id");
  if (auto rel = below_alias(out)) {
    // Written under this module's base path ("/hr/employees/" for base path "/hr/"): the template
    // is what follows it.
    std::string t;
    if (!base_path.empty() && rel->size() > base_path.size() && rel->compare(0, base_path.size(), base_path) == 0)
      t = rel->substr(base_path.size());
    refuse_full_path(param, p, "templates",
                     base_path.empty() ? std::string("the module's base path") : "the module's base path " + text::sql_literal(base_path), t);
  }
  check_canonical(param, out, false);
  return out;
}

}  // namespace ords::patterns
