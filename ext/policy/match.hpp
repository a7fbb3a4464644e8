// match.hpp: which privilege protects a canonical path (API.md section 7, SECURITY.md R-27).
// Pure C++: the caller loads the candidates of the schema and passes them in.
//
// Two kinds of candidates:
//   - a privilege pattern, relative to the schema alias: "*" matches any run of characters, "/"
//     included; every other character matches itself, byte for byte (case-sensitive, as ORDS
//     paths are). A pattern ending in "/*" also matches the path without that "/":
//     "/example/*" matches "/example", "/example/", "/example/a/b", not "/examples/x" or
//     "/example-x". A pattern without "*" matches that one path exactly.
//   - a module base path ("/hr/", as normalize_base_path stores it): protects "/hr", "/hr/" and
//     everything under "/hr/"; it behaves exactly as the pattern "/hr/*".
// The candidate that decides is the most specific: the one whose literal characters match the
// most characters of the path (the pattern's length without its "*"s; one less when a "/*"
// pattern matched the path without its trailing "/"). Ties, in order: an exact pattern (no "*")
// beats a wildcard pattern, which beats a module base path; then fewer "*"; then the smaller text
// (byte order); then the smaller privilege_id. So the outcome never depends on the order of the
// candidates. No backtracking: each match is a left-to-right scan, at worst
// O(path length x pattern length), whatever the number of "*".
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ords::policy {

struct Candidate {
  enum class Kind { Pattern, ModuleBase };
  Kind kind;
  std::string text;          // "/example/*" (Pattern) or "/hr/" (ModuleBase)
  std::int64_t privilege_id; // the caller's handle, returned through the index; last tie-break
};

// True when `pattern` ("*" = any run, "/" included) matches the whole of `path`. No "/*" rule.
bool glob_match(std::string_view pattern, std::string_view path);

// Number of path characters the pattern's literal characters match, with the "/*" rule; none
// when the pattern does not match.
std::optional<std::size_t> pattern_specificity(std::string_view pattern, std::string_view path);

// The same for a module base path ("/hr/"; "/hr" is read as "/hr/").
std::optional<std::size_t> base_path_specificity(std::string_view base, std::string_view path);

// Either of the above, by kind.
std::optional<std::size_t> specificity(const Candidate& c, std::string_view path);

// Index in `candidates` of the candidate that decides for the canonical `path`, or none when no
// candidate matches (the path is public).
std::optional<std::size_t> deciding_candidate(const std::vector<Candidate>& candidates, std::string_view path);

// The same answer as deciding_candidate, found through a prefix trie (ISSUE 14): each candidate
// is filed under the literal text a matching path must start with (a pattern's text before its
// first "*", less a final "/*"; a module base path without its final "/"), and a decision
// walks the path through the trie once, ranking only the candidates filed along the way. So
// 1,000 privileges cost about what one does. Built once per schema, and patched (add, remove)
// when the change log says only some privileges' guards changed (policy/decision_cache.cpp).
class CandidateIndex {
 public:
  void build(const std::vector<Candidate>& candidates);
  std::optional<std::size_t> decide(const std::vector<Candidate>& candidates, std::string_view path) const;

  // Patches, each keeping decide() equal to deciding_candidate() over the patched vector.
  // add: candidates[i] was just appended (i == candidates.size() - 1); it is filed.
  void add(const std::vector<Candidate>& candidates, std::size_t i);
  // remove: candidates[i] is about to be replaced by the last candidate, which is then popped
  // (candidates[i] = candidates.back(); pop_back()): i is unfiled and the last one filed as i.
  void remove(const std::vector<Candidate>& candidates, std::size_t i);
  // Patches since the last build: nodes emptied by remove() stay, so a caller rebuilds when
  // this grows past the number of candidates.
  std::size_t edits() const { return edits_; }

 private:
  struct Node {
    std::vector<std::pair<char, std::uint32_t>> next;
    std::vector<std::uint32_t> here;  // candidates filed at this prefix (decide() sorts them)
  };
  // The node of this filing key; with `create`, made as needed (else 0 when missing: the root
  // is never a key's node but for the empty key, which always exists).
  std::uint32_t node_of(std::string_view key, bool create);
  std::vector<Node> nodes_;
  std::size_t edits_ = 0;
};

}  // namespace ords::policy
