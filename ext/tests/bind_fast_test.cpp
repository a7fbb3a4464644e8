// bind_fast_test.cpp: the one-pass binding of plain named calls (core/bind_fast.hpp) against the
// generic path (json::parse, then bind_named), on every registered function: for each input both
// must bind the same Args (every parameter's value, kind and given flag) or fail with the same
// message. The inputs: hand-written hostile ones (NUL, escapes, non-ASCII, invalid UTF-8, huge,
// duplicate keys, keys naming one parameter twice, wrong types, nested values, trailing commas,
// text after the object, lengths at and past each limit) and thousands made at random from each
// function's own parameter names.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "../conn/bind_call.hpp"
#include "../core/bind_fast.hpp"
#include "../core/error.hpp"
#include "../host/registry.hpp"

using namespace ords;

namespace {

struct Outcome {
  bool ok = false;
  bool named = false;
  std::string error;
  Args args;
};

Outcome bind(const FnSpec& spec, const Value& arg, bool fast) {
  Outcome o;
  std::vector<Value> values{arg};
  try {
    bind_values(spec, values, o.args, o.named, fast);
    o.ok = true;
  } catch (const Error& e) {
    o.error = std::string(e.what()) + " #" + std::to_string(e.sqlite_code());
  }
  return o;
}

// Both outcomes alike: the same error, or the same value and given flag for every parameter the
// named form accepts (and nothing for a name it does not).
std::string differs(const FnSpec& spec, const Outcome& a, const Outcome& b) {
  if (a.ok != b.ok) return "one bound, the other failed: " + a.error + " / " + b.error;
  if (!a.ok) return a.error == b.error ? "" : "errors differ: " + a.error + " / " + b.error;
  if (a.named != b.named) return "named flag differs";
  std::vector<std::string> names;
  for (const auto& p : named_params(spec)) names.push_back(p.name);
  names.push_back("no_such_parameter");
  for (const auto& n : names) {
    const Value& x = a.args.get(n);
    const Value& y = b.args.get(n);
    if (x.kind != y.kind || x.i != y.i || x.json != y.json || std::string_view(x.s) != std::string_view(y.s) ||
        x.members.size() != y.members.size() || x.items.size() != y.items.size())
      return "value of " + n + " differs";
    if (a.args.given(n) != b.args.given(n)) return "given(" + n + ") differs";
  }
  return "";
}

std::string q(const std::string& s) { return "\"" + s + "\""; }

// Hand-written inputs for a spec whose first named parameter is `k` (and second `k2`).
std::vector<std::string> hostile(const std::string& k, const std::string& k2) {
  std::string nul("\"x\0y\"", 5);
  std::vector<std::string> v = {
      "{}", " { } ", "{", "}", "{\"" + k + "\"}", "{" + q(k) + ":}", "{" + q(k) + ":" + q("v") + "}",
      "{" + q(k) + ":" + q("v") + ",}", "{" + q(k) + ":" + q("v") + "} x", "{" + q(k) + ":" + q("v") + "}\n",
      "\t\r\n{ " + q(k) + " : " + q("v") + " }  ", "{" + q(k) + ":" + nul + "}", "{" + q(k) + ":\"a\\u0000b\"}",
      "{" + q(k) + ":\"a\\\"b\"}", "{" + q(k) + ":\"\\u0041\"}", "{" + q(k) + ":\"caf\xc3\xa9\"}",
      "{" + q(k) + ":\"bad\xff\"}", "{" + q(k) + ":\"\xed\xa0\x80\"}", "{" + q(k) + ":\"tab\there\"}",
      "{" + q(k) + ":\"del\x7f\"}", "{" + q(k) + ":\"\xc2\x85\"}", "{" + q(k) + ":1}", "{" + q(k) + ":1.5}",
      "{" + q(k) + ":true}", "{" + q(k) + ":null}", "{" + q(k) + ":[\"a\"]}", "{" + q(k) + ":{\"a\":\"b\"}}",
      "{" + q(k) + ":\"\"}", "{" + q(k) + ":\" lead\"}", "{" + q(k) + ":\"trail \"}", "{" + q(k) + ":\" \"}",
      "{" + q(k) + ":\"a\"," + q(k) + ":\"b\"}", "{" + q(k) + ":\"a\",\"P_" + k + "\":\"b\"}",
      "{" + q(k) + ":\"a\",\"" + std::string(k.begin(), k.end()) + "\":\"a\"}", "{\"unknown\":\"a\",\"unknown\":\"b\"}",
      "{\"unknown\":\"a\"}", "{\"p_\":\"a\"}", "{\"\":\"a\"}", "{\"P_SCHEMA\":\"MAIN\"}", "{\"schema\":\"\"}",
      "{\"schema\":\"main\",\"Schema\":\"x\"}", "{" + q(k) + ":\"a\"," + q(k2) + ":\"b\"}",
      "{" + q(k2) + ":\"b\"," + q(k) + ":\"a\"}", "[\"a\"]", "\"text\"", "{\"a\\u0000\":\"b\"}",
      "{\"k\xc3\xa9y\":\"b\"}", "{\"" + std::string(65, 'a') + "\":\"b\"}", "{\"" + std::string(64, 'a') + "\":\"b\"}",
      "{" + q(k) + ":\"" + std::string(255, 'n') + "\"}", "{" + q(k) + ":\"" + std::string(256, 'n') + "\"}",
      "{" + q(k) + ":\"" + std::string(4000, 't') + "\"}", "{" + q(k) + ":\"" + std::string(4001, 't') + "\"}",
      "{" + q(k) + ":\"" + std::string(70000, 'h') + "\"}", "{" + q(k) + ":\"" + std::string((1u << 20) + 8, 'h') + "\"}",
      "{" + q(k) + ":\"v\" , " + q(k2) + " :\"w\"}", "{" + q(k) + " \"v\"}", "{" + q(k) + "::\"v\"}",
      "{" + q(k) + ":'v'}", "{'" + k + "':\"v\"}", "{" + q(k) + ":\"v\"/*c*/}", "{" + q(k) + ":\"unterminated}",
  };
  std::string many = "{";
  for (int i = 0; i < 17; i++) many += (i ? "," : "") + q("u" + std::to_string(i)) + ":\"x\"";
  v.push_back(many + "}");
  std::string sixteen = "{";
  for (int i = 0; i < 15; i++) sixteen += (i ? "," : "") + q("u" + std::to_string(i)) + ":\"x\"";
  v.push_back(sixteen + "," + q(k) + ":\"x\"}");
  return v;
}

// A random named-argument text from the spec's own parameter names, mostly well formed.
std::string random_text(std::mt19937& rng, const std::vector<std::string>& names) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* const kPieces[] = {"a", "Z", "0", " ", "\t", "\\\"", "\\\\", "\\n", "\\u00e9", "\xc3\xa9",
                                        "\xff", "\x7f", "\x01", "-", "_", ".", "=", "/", "+", ":"};
  static const char* const kWs[] = {"", "", "", " ", "\n", "\t", "\r\n"};
  auto ws = [&] { return std::string(kWs[pick(7)]); };
  auto key = [&] {
    int r = pick(10);
    std::string k = r < 7 ? names[static_cast<size_t>(pick(static_cast<int>(names.size())))] : r < 9 ? "extra" : "p_";
    if (pick(3) == 0) k = "p_" + k;
    if (pick(4) == 0)
      for (auto& c : k) c = static_cast<char>(c >= 'a' && c <= 'z' && pick(2) ? c - 32 : c);
    return k;
  };
  auto value = [&] {
    int r = pick(20);
    if (r == 0) return std::string("null");
    if (r == 1) return std::to_string(pick(3));
    if (r == 2) return std::string(pick(2) ? "true" : "[\"a\"]");
    std::string s;
    int len = pick(8) == 0 ? 250 + pick(10) : pick(12);
    for (int i = 0; i < len; i++) s += pick(6) ? std::string(1, static_cast<char>('a' + pick(26))) : kPieces[pick(20)];
    return "\"" + s + "\"";
  };
  std::string t = ws() + "{";
  int n = pick(6);
  for (int i = 0; i < n; i++) t += (i ? "," : "") + ws() + "\"" + key() + "\"" + ws() + ":" + ws() + value() + ws();
  if (pick(30) == 0) t += ",";
  t += "}" + (pick(30) == 0 ? std::string("x") : ws());
  return t;
}

}  // namespace

TEST_CASE("bind_fast: the one-pass named binding agrees with the generic path", "[bind][fast]") {
  std::mt19937 rng(14);
  size_t inputs = 0, fast_taken = 0;
  for (const FnSpec* spec : host::all_functions()) {
    std::vector<std::string> names;
    for (const auto& p : named_params(*spec)) names.push_back(p.name);
    if (names.empty()) names.push_back("schema");
    std::vector<std::string> texts = hostile(names[0], names.size() > 1 ? names[1] : names[0]);
    for (int i = 0; i < 300; i++) texts.push_back(random_text(rng, names));
    for (const auto& t : texts) {
      for (bool tagged : {false, true}) {
        Value arg = Value::text(SecretText(t));
        arg.json = tagged;
        Outcome fast = bind(*spec, arg, true);
        Outcome generic = bind(*spec, arg, false);
        std::string why = differs(*spec, fast, generic);
        if (!why.empty()) FAIL(spec->name << ": " << why << " for input of " << t.size() << " bytes: " << t.substr(0, 200));
        Args unused;
        if (bind_named_fast(*spec, t, unused)) fast_taken++;
        inputs++;
      }
    }
  }
  INFO(inputs << " inputs, " << fast_taken << " bound in one pass");
  CHECK(inputs > 20000);
  CHECK(fast_taken > inputs / 20);  // the fast path is really exercised
}

TEST_CASE("bind_fast: what it takes and what it leaves to the generic path", "[bind][fast]") {
  const FnSpec* token = nullptr;
  for (const FnSpec* s : host::all_functions())
    if (std::string(s->name) == "oauth_token") token = s;
  REQUIRE(token);
  Args a;
  REQUIRE(bind_named_fast(*token, "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"abc\",\"P_Client_ID\":\"id\","
                                  "\"client_secret\":\"s\",\"ignored\":\"x\"}",
                          a));
  CHECK(std::string_view(a.get("grant_type").s) == "refresh_token");
  CHECK(std::string_view(a.get("client_id").s) == "id");
  CHECK(a.given("refresh_token"));
  CHECK_FALSE(a.given("scope"));
  CHECK_FALSE(a.has("schema"));
  for (const char* declined :
       {"{\"client_id\":\"a\",\"client_id\":\"b\"}", "{\"client_id\":\"a\",\"p_client_id\":\"b\"}",
        "{\"client_id\":\"a\\u0041\"}", "{\"client_id\":\"caf\xc3\xa9\"}", "{\"client_id\":null}", "{\"client_id\":1}",
        "{\"client_id\":\"a\",}", "{\"client_id\":\"a\"} x", "{\"x\":\"a\",\"x\":\"b\"}"}) {
    Args none;
    INFO(declined);
    CHECK_FALSE(bind_named_fast(*token, declined, none));
    CHECK_FALSE(none.given("client_id"));
  }
  Args nul;
  CHECK_FALSE(bind_named_fast(*token, std::string_view("{\"client_id\":\"a\0b\"}", 19), nul));
}
