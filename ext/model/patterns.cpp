// patterns.cpp: see patterns.hpp.
#include "patterns.hpp"

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
}  // namespace

void check_privilege_pattern(const std::string& param, const std::string& p) {
  if (p.empty() || p[0] != '/')
    throw Error(param + " must start with \"/\" (patterns are relative to the schema alias, e.g. /example/*)");
  check_canonical(param, p, true);
}

std::string normalize_base_path(const std::string& param, const std::string& p) {
  std::string out = p;
  if (out.empty() || out[0] != '/') out = "/" + out;
  if (out.back() != '/') out += "/";
  if (out == "/") throw Error(param + " must name a path, such as /hr/");
  check_canonical(param, out, false);
  return out;
}

std::string normalize_template(const std::string& param, const std::string& p) {
  std::string out = p;
  while (!out.empty() && out[0] == '/') out.erase(0, 1);
  if (out.empty()) throw Error(param + " must name a path below the module's base path, such as employees/:id");
  check_canonical(param, out, false);
  return out;
}

}  // namespace ords::patterns
