// match_test.cpp: which privilege pattern or module base path decides for a canonical path
// (policy/match): the "*" semantics, the "/*" rule, specificity and its tie-breaks, case, hostile
// patterns, and that hostile spellings of a protected path never come out public.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "../policy/canonical.hpp"
#include "../policy/match.hpp"

using ords::policy::base_path_specificity;
using ords::policy::Candidate;
using ords::policy::deciding_candidate;
using ords::policy::glob_match;
using ords::policy::pattern_specificity;

namespace {

Candidate pat(const std::string& text, int64_t id) { return {Candidate::Kind::Pattern, text, id}; }
Candidate mod(const std::string& base, int64_t id) { return {Candidate::Kind::ModuleBase, base, id}; }

// The privilege id that decides, 0 when the path is public.
int64_t decide(const std::vector<Candidate>& cs, const std::string& path) {
  auto i = deciding_candidate(cs, path);
  return i ? cs[*i].privilege_id : 0;
}

}  // namespace

TEST_CASE("glob: '*' matches any run of characters, '/' included", "[policy]") {
  CHECK(glob_match("*", ""));
  CHECK(glob_match("*", "/a/b"));
  CHECK(glob_match("/example/*", "/example/"));
  CHECK(glob_match("/example/*", "/example/a/b"));
  CHECK_FALSE(glob_match("/example/*", "/example"));  // the "/*" rule is not the glob's
  CHECK_FALSE(glob_match("/example/*", "/examples/x"));
  CHECK_FALSE(glob_match("/example/*", "/example-x"));
  CHECK_FALSE(glob_match("/example/*", "/EXAMPLE/x"));
  CHECK(glob_match("/a*b*c", "/abc"));
  CHECK(glob_match("/a*b*c", "/aXbYc"));
  CHECK(glob_match("/a*b*c", "/a/b/c"));
  CHECK(glob_match("/a*b*c", "/abcbc"));
  CHECK_FALSE(glob_match("/a*b*c", "/acb"));
  CHECK_FALSE(glob_match("/a*b*c", "/abcd"));
  CHECK_FALSE(glob_match("/a*a", "/a"));  // head and tail may not overlap
  CHECK(glob_match("/a*a", "/aa"));
  CHECK(glob_match("/*x*x*", "/xx"));
  CHECK_FALSE(glob_match("/*x*x*", "/x"));
  CHECK(glob_match("/**", "/"));
  CHECK(glob_match("/x", "/x"));
  CHECK_FALSE(glob_match("/x", "/x/"));
  CHECK_FALSE(glob_match("/x", "/X"));
  CHECK_FALSE(glob_match("", "/"));
  CHECK(glob_match("/docs/*.pdf", "/docs/a/b.pdf"));
  CHECK_FALSE(glob_match("/docs/*.pdf", "/docs/a.pdf/"));
  CHECK(glob_match("/a*ab", "/aab"));
  CHECK(glob_match("/*aab", "/aaab"));
  CHECK(glob_match("/*ab*ab", "/abab"));
  CHECK_FALSE(glob_match("/*ab*ab", "/aba"));
}

TEST_CASE("hostile patterns with many '*' match without backtracking", "[policy]") {
  // A classic exponential case for backtracking globs: "*a*a*a...*b" against "aaaa...".
  std::string pattern = "/";
  for (int i = 0; i < 2000; i++) pattern += "*a";
  pattern += "*b";
  std::string path = "/" + std::string(8000, 'a');
  CHECK_FALSE(glob_match(pattern, path));
  CHECK(glob_match(pattern, path + "b"));
  std::string stars = "/" + std::string(5000, '*') + "z";
  CHECK_FALSE(glob_match(stars, path));
  CHECK(glob_match(stars, path + "z"));
  CHECK(pattern_specificity(stars, path + "z") == 2u);
}

TEST_CASE("specificity: literal characters matched; the '/*' rule counts one less", "[policy]") {
  CHECK(pattern_specificity("/example/*", "/example/") == 9u);
  CHECK(pattern_specificity("/example/*", "/example/a/b") == 9u);
  CHECK(pattern_specificity("/example/*", "/example") == 8u);
  CHECK_FALSE(pattern_specificity("/example/*", "/examples/x"));
  CHECK_FALSE(pattern_specificity("/example/*", "/example-x"));
  CHECK(pattern_specificity("/example/x", "/example/x") == 10u);
  CHECK_FALSE(pattern_specificity("/example/x", "/example/x/"));
  CHECK(pattern_specificity("/a*/b/*", "/aXY/b") == 4u);
  CHECK(pattern_specificity("/*", "/") == 1u);
  CHECK(pattern_specificity("/*", "/anything/at/all") == 1u);
  CHECK(base_path_specificity("/hr/", "/hr") == 3u);
  CHECK(base_path_specificity("/hr/", "/hr/") == 4u);
  CHECK(base_path_specificity("/hr/", "/hr/employees/7") == 4u);
  CHECK(base_path_specificity("/hr", "/hr/x") == 4u);
  CHECK_FALSE(base_path_specificity("/hr/", "/hrx"));
  CHECK_FALSE(base_path_specificity("/hr/", "/h"));
  CHECK_FALSE(base_path_specificity("/hr/", "/HR/x"));
  CHECK_FALSE(base_path_specificity("/hr/", "/"));
}

TEST_CASE("the most specific candidate decides", "[policy]") {
  const std::vector<Candidate> cs = {
      pat("/example/*", 1),  pat("/example/special/*", 2), pat("/example/special/exact", 3),
      mod("/hr/", 4),        pat("/hr/employees/*", 5),    pat("/docs/*.pdf", 6),
      pat("/reports*", 7),
  };
  struct Row {
    const char* path;
    int64_t privilege;  // 0: public
  };
  const std::vector<Row> rows = {
      {"/example", 1},
      {"/example/", 1},
      {"/example/a/b", 1},
      {"/example/%2e%2e/x", 1},  // a double-encoded ".." is a literal segment: still inside
      {"/examples/x", 0},
      {"/example-x", 0},
      {"/EXAMPLE/x", 0},  // paths are case-sensitive: a different path
      {"/Example", 0},
      {"/example/special", 2},
      {"/example/special/", 2},
      {"/example/special/exact", 3},
      {"/example/special/exact/", 2},
      {"/example/special/exactly", 2},
      {"/example/specials", 1},
      {"/hr", 4},
      {"/hr/", 4},
      {"/hr/x", 4},
      {"/hrx", 0},
      {"/HR/x", 0},
      {"/hr/employees", 5},
      {"/hr/employees/", 5},
      {"/hr/employees/7", 5},
      {"/hr/employeesX", 4},
      {"/docs/a.pdf", 6},
      {"/docs/a/b.pdf", 6},
      {"/docs/a.pdf/", 0},
      {"/docs/a.PDF", 0},
      {"/reports", 7},
      {"/reports2024/x", 7},
      {"/", 0},
      {"/other", 0},
  };
  for (const Row& r : rows) {
    INFO("path: " << r.path);
    CHECK(decide(cs, r.path) == r.privilege);
  }
  CHECK_FALSE(deciding_candidate({}, "/x"));
}

TEST_CASE("tie-breaks are fixed and do not depend on the order of the candidates", "[policy]") {
  // Exact beats a "/*" pattern that matched without its trailing slash (both 4 characters).
  CHECK(decide({pat("/a/b/*", 1), pat("/a/b", 9)}, "/a/b") == 9);
  CHECK(decide({pat("/a/b", 9), pat("/a/b/*", 1)}, "/a/b") == 9);
  // Exact beats a wildcard of the same literal length.
  CHECK(decide({pat("/ab*", 1), pat("/ab", 2)}, "/ab") == 2);
  // A pattern beats a module base path of the same literal length.
  CHECK(decide({mod("/hr/", 1), pat("/hr/*", 2)}, "/hr/x") == 2);
  CHECK(decide({pat("/hr/*", 2), mod("/hr/", 1)}, "/hr/x") == 2);
  CHECK(decide({mod("/hr/", 1), pat("/hr/*", 2)}, "/hr") == 2);
  // More literal characters win over any rank.
  CHECK(decide({pat("/hr/*", 2), mod("/hr/x/", 1)}, "/hr/x/y") == 1);
  // Same length and rank: fewer "*" wins.
  CHECK(decide({pat("/a*b*", 1), pat("/ab*", 2)}, "/abc") == 2);
  // Same length, rank and "*" count: the smaller text ("*" sorts before letters), then id.
  CHECK(decide({pat("/ab*", 3), pat("/a*c", 5)}, "/abc") == 5);
  CHECK(decide({pat("/a*c", 5), pat("/ab*", 3)}, "/abc") == 5);
  CHECK(decide({pat("/x/*", 8), pat("/x/*", 4)}, "/x/y") == 4);
  CHECK(decide({mod("/x/", 8), mod("/x/", 4)}, "/x/y") == 4);

  // Every order of a set gives the same answer.
  std::vector<Candidate> cs = {pat("/a/*", 1), pat("/a/b/*", 2), mod("/a/b/", 3), pat("/a/b", 4),
                               pat("/a/*b", 5), pat("/*", 6),      mod("/a/", 7),    pat("/a/b/*", 8)};
  std::sort(cs.begin(), cs.end(), [](const Candidate& x, const Candidate& y) { return x.privilege_id < y.privilege_id; });
  const std::vector<std::string> paths = {"/a/b", "/a/b/", "/a/b/c", "/a/xb", "/a", "/z", "/a/c"};
  std::vector<int64_t> first;
  for (const auto& p : paths) first.push_back(decide(cs, p));
  CHECK(first == std::vector<int64_t>{4, 2, 2, 5, 1, 6, 1});
  size_t orders = 0;
  do {
    for (size_t k = 0; k < paths.size(); k++) REQUIRE(decide(cs, paths[k]) == first[k]);
    orders++;
  } while (std::next_permutation(cs.begin(), cs.end(), [](const Candidate& x, const Candidate& y) {
    return x.privilege_id < y.privilege_id;
  }));
  CHECK(orders == 40320u);
}

TEST_CASE("no spelling of a protected path is decided as public", "[policy]") {
  const std::vector<Candidate> cs = {pat("/example/*", 1), mod("/hr/", 2)};
  // Each of these reaches /example/... or /hr/... for a router, or is refused: never public.
  const std::vector<std::string> hostile = {
      "/example/x",           "/example",
      "/example/",            "/example/../example/x",
      "/public/../example/x", "/public/%2e%2e/example/x",
      "/public/%2E%2e/example", "/public/..;/example/x",
      "/public/..;x=1/hr/x",  "/public;a/../example",
      "//example//x",         "/./example/./x",
      "/%65xample/x",         "/exampl%65",
      "/example;jsessionid=1", "/example/x?/../../public",
      "/example#/../public",  "/public/%2e%2e%2fexample",
      "/public/..%2fexample", "/public/..%5cexample",
      "/public\\..\\example", "/public/%C0%AE%C0%AE/example",
      "/public/%E0%80%AE%E0%80%AE/example", "/public/.%00./example",
      "/public//../example",  "/public/x/../../example",
      "/hr",                  "/hr/",
      "/h%72/x",              "/hr;x",
      "/public/../hr",        "/ords/main/example/x",
      "/ords/main/public/../example", "https://h:8443/ords/main/public/%2e%2e/example",
      "/ords/main/public/../../main/example",
      "/public/%252e%252e/example",  // stays under /public: see below
  };
  for (const std::string& raw : hostile) {
    INFO("raw path: " << raw);
    auto r = ords::policy::canonicalize_path(raw);
    if (!r.ok()) continue;  // 400: never served
    int64_t who = decide(cs, r.path);
    if (raw == "/public/%252e%252e/example") {
      // One decode gives the literal segment "%2e%2e": the path is /public/%2e%2e/example, which
      // a router that decodes once serves from /public, not from /example.
      CHECK(r.path == "/public/%2e%2e/example");
      CHECK(who == 0);
    } else {
      CHECK(who != 0);
    }
  }
  // Case is not folded: /EXAMPLE/x is another path, which ORDS does not route to /example/.
  auto upper = ords::policy::canonicalize_path("/EXAMPLE/x");
  REQUIRE(upper.ok());
  CHECK(decide(cs, upper.path) == 0);
}
