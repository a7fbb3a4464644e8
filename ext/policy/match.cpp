// match.cpp: see match.hpp. The glob splits the pattern at its "*"s: the first piece must be a
// prefix of the path, the last a suffix, and the pieces between are found left to right, each at
// its leftmost place after the previous one. With "*" as the only wildcard the leftmost place is
// always a right choice, so nothing is ever retried.
#include "match.hpp"

#include <tuple>

namespace ords::policy {

bool glob_match(std::string_view pattern, std::string_view path) {
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == path;
  size_t last_star = pattern.rfind('*');
  std::string_view head = pattern.substr(0, star);
  std::string_view tail = pattern.substr(last_star + 1);
  if (head.size() + tail.size() > path.size()) return false;
  if (path.substr(0, head.size()) != head) return false;
  if (path.substr(path.size() - tail.size()) != tail) return false;
  // The pieces between the first and the last "*", inside the window between head and tail.
  std::string_view window = path.substr(head.size(), path.size() - head.size() - tail.size());
  size_t at = 0;
  size_t k = star + 1;
  while (k < last_star) {
    size_t next = pattern.find('*', k);
    std::string_view piece = pattern.substr(k, next - k);
    if (!piece.empty()) {
      size_t found = window.find(piece, at);
      if (found == std::string_view::npos) return false;
      at = found + piece.size();
    }
    k = next + 1;
  }
  return true;
}

namespace {
size_t literal_length(std::string_view pattern) {
  size_t n = 0;
  for (char ch : pattern)
    if (ch != '*') n++;
  return n;
}
size_t star_count(std::string_view pattern) { return pattern.size() - literal_length(pattern); }
}  // namespace

std::optional<std::size_t> pattern_specificity(std::string_view pattern, std::string_view path) {
  if (glob_match(pattern, path)) return literal_length(pattern);
  // "/example/*" also matches "/example": the pattern without its final "/*".
  if (pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == "/*") {
    std::string_view shorter = pattern.substr(0, pattern.size() - 2);
    if (glob_match(shorter, path)) return literal_length(shorter);
  }
  return std::nullopt;
}

std::optional<std::size_t> base_path_specificity(std::string_view base, std::string_view path) {
  std::string_view dir = base;  // "/hr" from "/hr/"
  if (!dir.empty() && dir.back() == '/') dir.remove_suffix(1);
  if (path == dir) return dir.size();
  if (path.size() > dir.size() && path.substr(0, dir.size()) == dir && path[dir.size()] == '/')
    return dir.size() + 1;
  return std::nullopt;
}

std::optional<std::size_t> specificity(const Candidate& c, std::string_view path) {
  return c.kind == Candidate::Kind::Pattern ? pattern_specificity(c.text, path) : base_path_specificity(c.text, path);
}

std::optional<std::size_t> deciding_candidate(const std::vector<Candidate>& candidates, std::string_view path) {
  // Rank at equal specificity: exact pattern 0, wildcard pattern 1, module base path 2.
  auto rank = [](const Candidate& c) {
    if (c.kind == Candidate::Kind::ModuleBase) return 2;
    return c.text.find('*') == std::string::npos ? 0 : 1;
  };
  std::optional<std::size_t> best;
  std::size_t best_spec = 0;
  for (std::size_t i = 0; i < candidates.size(); i++) {
    const Candidate& c = candidates[i];
    std::optional<std::size_t> spec = specificity(c, path);
    if (!spec) continue;
    if (best) {
      const Candidate& b = candidates[*best];
      // Smaller key wins: specificity descending, then rank, "*" count, text, id ascending.
      auto key_c = std::make_tuple(~*spec, rank(c), star_count(c.text), std::string_view(c.text), c.privilege_id);
      auto key_b = std::make_tuple(~best_spec, rank(b), star_count(b.text), std::string_view(b.text), b.privilege_id);
      if (!(key_c < key_b)) continue;
    }
    best = i;
    best_spec = *spec;
  }
  return best;
}

}  // namespace ords::policy
