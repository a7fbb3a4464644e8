// canonical.cpp: see canonical.hpp. A path already in canonical form is recognised by one scan
// and kept as it is (plain_path); any other goes through the general pass, segment by segment:
// strip ";" parameters, decode, check, then apply the segment to a stack (dot segments, empty
// segments).
#include "canonical.hpp"

#include <vector>

#include "../core/text.hpp"

namespace ords::policy {

namespace {

CanonicalPath refuse(const char* why) {
  CanonicalPath r;
  r.error = why;
  return r;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The alias rule of enable_schema (schemas.cpp check_alias): one URL segment of letters, digits,
// _ - . ~, at most 128 bytes.
bool valid_alias(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (char ch : s)
    if (!(is_alpha(ch) || is_digit(ch) || ch == '_' || ch == '-' || ch == '.' || ch == '~')) return false;
  return true;
}

// Length of the "scheme" of "scheme://...", or 0 when raw does not start that way (RFC 3986 3.1).
size_t scheme_length(std::string_view raw) {
  if (raw.empty() || !is_alpha(raw[0])) return 0;
  size_t i = 1;
  while (i < raw.size() && (is_alpha(raw[i]) || is_digit(raw[i]) || raw[i] == '+' || raw[i] == '-' || raw[i] == '.'))
    i++;
  return raw.substr(i, 3) == "://" ? i : 0;
}

// Decodes one raw segment (";" parameters already dropped) into `out`. Returns the reason of a
// refusal, or nullptr.
const char* decode_segment(std::string_view raw, std::string& out) {
  out.clear();
  for (size_t k = 0; k < raw.size(); k++) {
    char ch = raw[k];
    if (ch != '%') {
      out.push_back(ch);
      continue;
    }
    if (k + 2 >= raw.size())  // fewer than two characters follow the "%"
      return "p_path holds a malformed percent escape (\"%\" not followed by two hex digits)";
    int hi = hex_value(raw[k + 1]), lo = hex_value(raw[k + 2]);
    if (hi < 0 || lo < 0) return "p_path holds a malformed percent escape (\"%\" not followed by two hex digits)";
    char b = static_cast<char>(hi * 16 + lo);
    if (b == '/') return "p_path holds an encoded slash (%2F), which is never served";
    if (b == '\\') return "p_path holds an encoded backslash (%5C), which is never served";
    if (b == '\0') return "p_path holds an encoded NUL (%00), which is never served";
    out.push_back(b);
    k += 2;
  }
  if (!text::valid_utf8(out)) return "p_path holds invalid or overlong UTF-8 once percent-decoded";
  if (text::has_control(out)) return "p_path holds a control character once percent-decoded";
  return nullptr;
}

// The bytes a canonical path can hold as they are: printable ASCII but for "%" (an escape), ";"
// (a parameter), "\\" (refused), "?" and "#" (the query and the fragment). Anything else (a
// control character, a byte of a multi-byte character) sends the path to the general pass.
struct PlainTable {
  bool ok[256] = {};
  constexpr PlainTable() {
    for (int c = 0x20; c < 0x7F; ++c) ok[c] = true;
    for (char c : {'%', ';', '\\', '?', '#'}) ok[static_cast<unsigned char>(c)] = false;
  }
};
constexpr PlainTable kPlain{};

// True when `raw` is its own canonical form and names no alias, so the general pass would give
// back `raw` itself: it starts with "/", holds only kPlain bytes, has no empty segment but a
// trailing one ("//" collapses), no "." or ".." segment, and its first segment is not "ords".
// ext/tests/canonical_test.cpp checks it against the general pass on every input it accepts.
bool plain_path(std::string_view raw) {
  if (raw.empty() || raw[0] != '/' || raw.size() > kMaxPathBytes) return false;
  const size_t n = raw.size();
  size_t seg = 1;  // where the current segment starts
  for (size_t i = 1; i <= n; i++) {
    if (i < n && raw[i] != '/') {
      if (!kPlain.ok[static_cast<unsigned char>(raw[i])]) return false;
      continue;
    }
    std::string_view s = raw.substr(seg, i - seg);
    if (s.empty() ? i < n : (s == "." || s == "..")) return false;  // "//", "/./", "/../"
    if (seg == 1 && iequals(s, "ords")) return false;
    seg = i + 1;
  }
  return true;
}

}  // namespace

CanonicalPath canonicalize_path(std::string_view raw) {
  if (plain_path(raw)) {
    CanonicalPath r;
    r.path.assign(raw.data(), raw.size());
    return r;
  }
  return canonicalize_path_general(raw);
}

CanonicalPath canonicalize_path_general(std::string_view raw) {
  // 1. Size, then the raw text as a whole.
  if (raw.size() > kMaxPathBytes) return refuse("p_path is longer than 8192 bytes");
  if (raw.empty()) return refuse("p_path is empty: it must be a path starting with \"/\"");
  {
    std::string whole(raw);
    if (text::has_control(whole)) return refuse("p_path holds a control character");
    if (!text::valid_utf8(whole)) return refuse("p_path is not valid UTF-8");
  }

  // 2. Scheme and authority of a whole URL; then query and fragment.
  size_t start = 0;
  bool url = false;
  if (raw[0] != '/') {
    size_t n = scheme_length(raw);
    if (n == 0) return refuse("p_path must start with \"/\" (or be a whole http or https URL)");
    std::string_view scheme = raw.substr(0, n);
    if (!iequals(scheme, "http") && !iequals(scheme, "https"))
      return refuse("p_path is a URL whose scheme is not http or https");
    start = raw.find_first_of("/?#", n + 3);
    if (start == std::string_view::npos) start = raw.size();
    url = true;
  }
  size_t end = raw.find_first_of("?#", start);
  if (end == std::string_view::npos) end = raw.size();

  // 3. A raw backslash before the query (in the path or the authority).
  if (raw.substr(0, end).find('\\') != std::string_view::npos)
    return refuse("p_path holds a backslash, which is never served");

  // 4 and 5. Segment by segment.
  std::string_view p = raw.substr(start, end - start);  // "" (a URL without a path) or "/..."
  std::string out;                                      // "/seg/seg": the segments kept so far
  std::vector<size_t> starts;                           // where each kept segment's "/" is in out
  out.reserve(p.size());
  auto segment = [&](size_t k) {
    size_t b = starts[k] + 1, e = k + 1 < starts.size() ? starts[k + 1] : out.size();
    return std::string_view(out).substr(b, e - b);
  };
  bool trailing = false;       // the path ends with "/" (last raw segment empty, "." or "..")
  bool pending_empty = false;  // an empty segment since the last named segment or ".."
  std::string seg;
  size_t i = p.empty() ? 0 : 1;
  while (!p.empty()) {
    size_t slash = p.find('/', i);
    bool last = slash == std::string_view::npos;
    if (last) slash = p.size();
    std::string_view rs = p.substr(i, slash - i);
    size_t semi = rs.find(';');
    if (semi != std::string_view::npos) rs = rs.substr(0, semi);
    if (const char* why = decode_segment(rs, seg)) return refuse(why);

    if (seg.empty()) {
      pending_empty = true;
      trailing = last;
    } else if (seg == ".") {
      trailing = last;
    } else if (seg == "..") {
      if (pending_empty)
        return refuse("p_path holds \"..\" after an empty segment (\"//..\"), which routers resolve differently");
      if (starts.empty()) return refuse("p_path climbs above the root with \"..\"");
      if (iequals(segment(0), "ords") && starts.size() <= 2)
        return refuse("p_path climbs out of /ords/<alias>/ with \"..\"");
      out.resize(starts.back());
      starts.pop_back();
      trailing = last;
    } else {
      starts.push_back(out.size());
      out.push_back('/');
      out += seg;
      pending_empty = false;
      trailing = false;
    }
    if (last) break;
    i = slash + 1;
  }

  // 6. The schema alias.
  CanonicalPath r;
  size_t first = 0;
  if (!starts.empty() && iequals(segment(0), "ords")) {
    if (starts.size() < 2) return refuse("p_path names /ords/ without a schema alias");
    std::string_view alias = segment(1);
    if (!valid_alias(alias))
      return refuse("p_path names /ords/<alias>/ with an alias that is not letters, digits, _ - . ~ (at most 128)");
    r.alias = text::lower(std::string(alias));
    first = 2;
  } else if (url) {
    return refuse("p_path is a URL that does not name /ords/<alias>/");
  }
  if (first < starts.size()) {
    r.path = out.substr(starts[first]);
    if (trailing) r.path.push_back('/');
  } else {
    r.path = "/";
  }
  return r;
}

std::string check_method(std::string_view method) {
  static constexpr std::string_view kMethods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  for (std::string_view m : kMethods)
    if (method == m) return {};
  if (method.empty()) return "p_method is empty: it must be GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS";
  return "p_method must be GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS (upper case)";
}

CanonicalPath canonicalize(std::string_view method, std::string_view raw_path) {
  std::string why = check_method(method);
  if (!why.empty()) {
    CanonicalPath r;
    r.error = std::move(why);
    return r;
  }
  return canonicalize_path(raw_path);
}

}  // namespace ords::policy
