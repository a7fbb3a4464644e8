// match.cpp: see match.hpp. The glob splits the pattern at its "*"s: the first piece must be a
// prefix of the path, the last a suffix, and the pieces between are found left to right, each at
// its leftmost place after the previous one. With "*" as the only wildcard the leftmost place is
// always a right choice, so nothing is ever retried.
#include "match.hpp"

#include <algorithm>
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

namespace {
// Rank at equal specificity: exact pattern 0, wildcard pattern 1, module base path 2.
int rank(const Candidate& c) {
  if (c.kind == Candidate::Kind::ModuleBase) return 2;
  return c.text.find('*') == std::string::npos ? 0 : 1;
}

// Folds candidate i into the best so far (smaller key wins: specificity descending, then rank,
// "*" count, text, id ascending; a full tie keeps the earlier one).
void consider(const std::vector<Candidate>& candidates, std::size_t i, std::string_view path,
              std::optional<std::size_t>& best, std::size_t& best_spec) {
  const Candidate& c = candidates[i];
  std::optional<std::size_t> spec = specificity(c, path);
  if (!spec) return;
  if (best) {
    const Candidate& b = candidates[*best];
    auto key_c = std::make_tuple(~*spec, rank(c), star_count(c.text), std::string_view(c.text), c.privilege_id);
    auto key_b = std::make_tuple(~best_spec, rank(b), star_count(b.text), std::string_view(b.text), b.privilege_id);
    if (!(key_c < key_b)) return;
  }
  best = i;
  best_spec = *spec;
}

// The literal text every path a candidate matches starts with.
std::string_view filing_key(const Candidate& c) {
  std::string_view t = c.text;
  if (c.kind == Candidate::Kind::ModuleBase) {
    if (!t.empty() && t.back() == '/') t.remove_suffix(1);
    return t;
  }
  if (t.size() >= 2 && t.substr(t.size() - 2) == "/*") t.remove_suffix(2);  // the "/*" rule's shorter form
  return t.substr(0, t.find('*'));
}
}  // namespace

std::optional<std::size_t> deciding_candidate(const std::vector<Candidate>& candidates, std::string_view path) {
  std::optional<std::size_t> best;
  std::size_t best_spec = 0;
  for (std::size_t i = 0; i < candidates.size(); i++) consider(candidates, i, path, best, best_spec);
  return best;
}

std::uint32_t CandidateIndex::node_of(std::string_view key, bool create) {
  std::uint32_t at = 0;
  for (char ch : key) {
    std::uint32_t found = 0;
    for (const auto& [k, n] : nodes_[at].next)
      if (k == ch) found = n;
    if (!found) {
      if (!create) return 0;
      found = static_cast<std::uint32_t>(nodes_.size());
      nodes_[at].next.emplace_back(ch, found);
      nodes_.emplace_back();
    }
    at = found;
  }
  return at;
}

void CandidateIndex::build(const std::vector<Candidate>& candidates) {
  nodes_.assign(1, Node{});
  edits_ = 0;
  for (std::size_t i = 0; i < candidates.size(); i++)
    nodes_[node_of(filing_key(candidates[i]), true)].here.push_back(static_cast<std::uint32_t>(i));
}

void CandidateIndex::add(const std::vector<Candidate>& candidates, std::size_t i) {
  if (nodes_.empty()) nodes_.assign(1, Node{});
  edits_++;
  nodes_[node_of(filing_key(candidates[i]), true)].here.push_back(static_cast<std::uint32_t>(i));
}

void CandidateIndex::remove(const std::vector<Candidate>& candidates, std::size_t i) {
  if (nodes_.empty()) return;  // never built: decide() scans the vector
  edits_++;
  auto unfile = [&](std::size_t which, std::optional<std::uint32_t> refile_as) {
    std::string_view key = filing_key(candidates[which]);
    std::uint32_t at = node_of(key, false);
    auto& here = nodes_[at].here;
    for (auto it = here.begin(); it != here.end(); ++it)
      if (*it == which) {
        if (refile_as) *it = *refile_as;
        else here.erase(it);
        return;
      }
  };
  std::size_t last = candidates.size() - 1;
  unfile(i, std::nullopt);
  if (i != last) unfile(last, static_cast<std::uint32_t>(i));
}

std::optional<std::size_t> CandidateIndex::decide(const std::vector<Candidate>& candidates, std::string_view path) const {
  if (nodes_.empty()) return deciding_candidate(candidates, path);
  // The candidates filed along the path, in index order (so a full tie is broken as the linear
  // scan breaks it).
  std::uint32_t small[16];
  std::vector<std::uint32_t> many;
  std::size_t n = 0;
  auto take = [&](const Node& node) {
    for (std::uint32_t i : node.here) {
      if (n < 16) small[n] = i;
      else {
        if (many.empty()) many.assign(small, small + 16);
        many.push_back(i);
      }
      n++;
    }
  };
  std::uint32_t at = 0;
  take(nodes_[0]);
  for (char ch : path) {
    std::uint32_t found = 0;
    for (const auto& [k, nx] : nodes_[at].next)
      if (k == ch) found = nx;
    if (!found) break;
    at = found;
    take(nodes_[at]);
  }
  std::uint32_t* first = many.empty() ? small : many.data();
  std::sort(first, first + n);
  std::optional<std::size_t> best;
  std::size_t best_spec = 0;
  for (std::size_t k = 0; k < n; k++) consider(candidates, first[k], path, best, best_spec);
  return best;
}

}  // namespace ords::policy
