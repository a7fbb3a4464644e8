// fault_helpers.hpp: what the fault tests (fault_io_test, fault_oom_test, crash_test, soak_test,
// busy_test) share.
//
//   dump(db)         every row of every ords_sec_* table, as text: "nothing changed" is
//                    dump(before) == dump(after)
//   invariants(db)   the issue-13 invariants as a list of the ones that fail (empty: all hold):
//                    integrity_check ok, no client with more than two secret slots, no session
//                    without its client, no token of a family whose code was not consumed, at most
//                    one live refresh token per family
//   Scenario         a model to run every writer on: roles, privileges, a module, three clients
//                    (authorization_code, client_credentials, implicit) with their secrets, a
//                    code, an access/refresh pair, a client_credentials token, and an expired code
//                    that the writing endpoints sweep first; its values (ids, secrets, tokens)
//                    are kept in a map and bound by name, never spliced into SQL
//   writer_calls()   one call of every writer and of each token-endpoint grant, with its values
//                    as named parameters (:ac_id, :code, ...)
#pragma once
#include <sqlite3.h>

#include <map>
#include <string>
#include <vector>

#include "race_helpers.hpp"

namespace faults {

constexpr long long kEpoch = 1800000000;   // the template's pinned clock
constexpr long long kRunEpoch = kEpoch + 400;  // runs: the short code has expired, nothing else

using Values = std::map<std::string, std::string>;

// Runs sql with every :name parameter bound from values (missing: NULL); returns the first
// column of the first row, or the error with its extended code.
inline race::Result run(sqlite3* db, const std::string& sql, const Values& values = {}) {
  sqlite3_stmt* st = nullptr;
  race::Result r;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    r.rc = sqlite3_extended_errcode(db);
    r.text = sqlite3_errmsg(db);
    sqlite3_finalize(st);
    if (r.rc == 0) r.rc = SQLITE_ERROR;
    return r;
  }
  for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
    const char* name = sqlite3_bind_parameter_name(st, i);
    if (!name) continue;
    auto it = values.find(name + 1);
    if (it != values.end())
      sqlite3_bind_text(st, i, it->second.data(), static_cast<int>(it->second.size()), SQLITE_TRANSIENT);
  }
  return race::finish(db, st);
}

// Every row of every ords_sec_* table, in table and rowid/key order, typed ("i:", "t:", "b:" hex).
inline std::string dump(sqlite3* db) {
  std::vector<std::string> tables;
  {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "select name from sqlite_master where type = 'table' and name like 'ords\\_sec\\_%' escape '\\' "
                       "order by name",
                       -1, &st, nullptr);
    while (st && sqlite3_step(st) == SQLITE_ROW)
      tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
  }
  std::string out;
  for (const auto& t : tables) {
    out += "[" + t + "]\n";
    sqlite3_stmt* st = nullptr;
    // table names come from sqlite_master and match ords_sec_[a-z_]*: nothing of a caller's
    std::string sql = "select * from \"" + t + "\" order by 1, 2";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      out += std::string("ERROR ") + sqlite3_errmsg(db) + "\n";
      sqlite3_finalize(st);
      continue;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); i++) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_NULL: out += "N"; break;
          case SQLITE_INTEGER: out += "i:" + std::to_string(sqlite3_column_int64(st, i)); break;
          case SQLITE_FLOAT: out += "f:" + std::to_string(sqlite3_column_double(st, i)); break;
          case SQLITE_TEXT:
            out += "t:" + std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i)),
                                      static_cast<size_t>(sqlite3_column_bytes(st, i)));
            break;
          default: {
            const unsigned char* b = static_cast<const unsigned char*>(sqlite3_column_blob(st, i));
            static const char* hex = "0123456789abcdef";
            out += "b:";
            for (int k = 0; k < sqlite3_column_bytes(st, i); k++) {
              out += hex[b[k] >> 4];
              out += hex[b[k] & 15];
            }
          }
        }
        out += '|';
      }
      out += '\n';
    }
    if (rc != SQLITE_DONE) out += std::string("ERROR ") + sqlite3_errmsg(db) + "\n";
    sqlite3_finalize(st);
  }
  return out;
}

// The invariants of issue 13; returns the names of those that fail (empty: all hold).
inline std::vector<std::string> invariants(sqlite3* db) {
  std::vector<std::string> bad;
  auto expect = [&](const char* what, const char* sql, const char* want) {
    race::Result r = run(db, sql);
    if (!r.ok() || r.text != want) bad.push_back(std::string(what) + " (got " + r.text + ")");
  };
  expect("integrity_check", "PRAGMA integrity_check", "ok");
  bool has_sessions = run(db, "select count(*) from sqlite_master where name = 'ords_sec_session'").text == "1";
  if (!has_sessions) return bad;
  expect("a client has at most two secret slots",
         "select count(*) from (select client_id from ords_sec_client_secret group by client_id having count(*) > 2)",
         "0");
  expect("no secret without its client",
         "select count(*) from ords_sec_client_secret where client_id not in (select id from ords_sec_client)", "0");
  expect("no session without its client",
         "select count(*) from ords_sec_session where client_id not in (select id from ords_sec_client)", "0");
  expect("no token of a family whose code was not consumed",
         "select count(*) from ords_sec_session t join ords_sec_session c on c.id = t.family and c.kind = 'code' "
         "where t.kind <> 'code' and c.consumed_on is null",
         "0");
  expect("at most one live refresh token per family",
         "select count(*) from (select family from ords_sec_session where kind = 'refresh' and consumed_on is null "
         "group by family having count(*) > 1)",
         "0");
  return bad;
}

inline std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
  return s;
}

// Pins this connection's clock and random bytes (test hooks), so two runs of one call on one
// template make the same rows.
inline void pin(sqlite3* db, long long epoch, int seed) {
  run(db, "select ords_security_test_clock(" + std::to_string(epoch) + ")");
  run(db, "select ords_security_test_seed(" + std::to_string(seed) + ")");
}

inline std::string field(sqlite3* db, const std::string& json, const char* path) {
  return run(db, std::string("select json_extract(:j, '") + path + "')", {{"j", json}}).text;
}

inline std::string code_of(sqlite3* db, const std::string& authorize_result) {
  std::string uri = field(db, authorize_result, "$.redirect_uri");
  size_t at = uri.find("code=");
  if (at == std::string::npos) return "";
  size_t end = uri.find('&', at);
  return uri.substr(at + 5, end == std::string::npos ? std::string::npos : end - at - 5);
}

// Builds the scenario on db (a fresh file database); returns its values, or sets *error.
inline Values build_scenario(sqlite3* db, std::string* error) {
  Values v;
  v["redirect"] = "https://app.example.org/cb";
  pin(db, kEpoch, 42);
  auto must = [&](const std::string& sql) {
    race::Result r = run(db, sql, v);
    if (!r.ok() && error->empty()) *error = sql + ": " + r.text;
    return r.text;
  };
  must("select create_role('r1')");
  must("select create_role('r2')");
  must("select create_role('r_spare')");
  must("select define_module('m1', '/m1/')");
  must("select define_template('m1', 't/')");
  must("select define_privilege('p1', 'r1', '/a/*,/b/*', 'm1', 'L', 'D', 'C')");
  must("select create_privilege('p2', 'r2', 'L2', 'D2')");
  must("select create_privilege('p_spare')");
  must("select create_privilege_mapping('p2', '/c/*')");
  must("select ords_security_config('security.oauth.tokenLifetime', 3600)");
  std::string ac = must(
      "select register_client('AC', 'authorization_code', 'a@example.org', 'ac', 'p1', NULL, :redirect, NULL, "
      "3600, 86400, 600)");
  v["ac_id"] = field(db, ac, "$.client_key.client_id");
  v["ac_secret"] = must("select rotate_client_secret('AC')");
  std::string ac2 = must(
      "select register_client('AC2', 'authorization_code', 'a2@example.org', 'ac2', 'p1', NULL, :redirect)");
  v["ac2_id"] = field(db, ac2, "$.client_key.client_id");
  std::string cc = must("select register_client('CC', 'client_credentials', 'c@example.org', 'cc', 'p1')");
  v["cc_id"] = field(db, cc, "$.client_key.client_id");
  v["cc_secret"] = must("select rotate_client_secret('CC')");
  must("select rotate_client_secret('CC')");  // two slots: a third rotation overwrites the oldest
  must("select grant_client_role('CC', 'r1')");
  std::string im =
      must("select register_client('IM', 'implicit', 'i@example.org', 'im', 'p1', NULL, :redirect)");
  v["im_id"] = field(db, im, "$.client_key.client_id");
  must("select register_client('SPARE', 'client_credentials', 's@example.org', 'spare', 'p1')");
  const char* authorize =
      "select oauth_authorize(json_object('response_type', 'code', 'client_id', :ac_id, 'redirect_uri', "
      ":redirect, 'scope', 'p1', 'state', 'st', 'user', 'alice'))";
  v["code"] = code_of(db, must(authorize));
  std::string code0 = code_of(db, must(authorize));
  std::string pair = run(db,
                         "select oauth_token(json_object('grant_type', 'authorization_code', 'code', :c, "
                         "'redirect_uri', :redirect, 'client_id', :ac_id, 'client_secret', :ac_secret))",
                         {{"c", code0}, {"redirect", v["redirect"]}, {"ac_id", v["ac_id"]}, {"ac_secret", v["ac_secret"]}})
                         .text;
  v["access"] = field(db, pair, "$.access_token");
  v["refresh"] = field(db, pair, "$.refresh_token");
  std::string cct = must(
      "select oauth_token(json_object('grant_type', 'client_credentials', 'client_id', :cc_id, 'client_secret', "
      ":cc_secret))");
  v["cc_access"] = field(db, cct, "$.access_token");
  // A code of AC2 (default code duration 300 s): expired at kRunEpoch, swept by the writers.
  run(db,
      "select oauth_authorize(json_object('response_type', 'code', 'client_id', :ac2_id, 'redirect_uri', "
      ":redirect, 'scope', 'p1', 'user', 'bob'))",
      v);
  if (v["code"].size() != 43 || v["access"].size() != 43 || v["refresh"].size() != 43 || v["cc_access"].size() != 43)
    if (error->empty()) *error = "the scenario's tokens were not made";
  return v;
}

struct Call {
  const char* name;  // what the error message starts with
  const char* sql;
  bool oauth;        // answers OAuth errors as JSON (success: no "error" member)
};

// One call of every writer (and of each grant of the token endpoint) on the scenario.
inline const std::vector<Call>& writer_calls() {
  static const std::vector<Call> calls = {
      {"create_role", "select create_role('r3')", false},
      {"rename_role", "select rename_role('r2', 'r2b')", false},
      {"delete_role", "select delete_role('r_spare')", false},
      {"create_privilege", "select create_privilege('p3', 'r1', 'L3', 'D3')", false},
      {"define_privilege", "select define_privilege('p1', 'r2', '/x/*', NULL, 'new label')", false},
      {"delete_privilege", "select delete_privilege('p2')", false},
      {"rename_privilege", "select rename_privilege('p2', 'p2b')", false},
      {"create_privilege_mapping", "select create_privilege_mapping('p2', json_array('/d/*', '/e/*'))", false},
      {"delete_privilege_mapping", "select delete_privilege_mapping('p1', '/a/*')", false},
      {"define_module", "select define_module('m1', '/elsewhere/', 5)", false},
      {"define_template", "select define_template('m1', 'u/')", false},
      {"set_module_privilege", "select set_module_privilege('m1', 'p2')", false},
      {"delete_module", "select delete_module('m1')", false},
      {"enable_schema", "select enable_schema(1, 'hr')", false},
      {"ords_security_config", "select ords_security_config('security.oauth.tokenLifetime', 120)", false},
      {"register_client",
       "select register_client('NEW', 'authorization_code', 'n@example.org', 'new', 'p1', NULL, :redirect)", false},
      {"import_client",
       "select import_client('IMP', 'client_credentials', 'i@example.org', 'imp', 'AAAAAAAAAAAAAAAAAAAAAA..', 'p1')",
       false},
      {"create_client",
       "select create_client('LEG', 'client_credentials', 'owner', 'legacy', NULL, NULL, 'l@example.org')", false},
      {"register_client_secret", "select register_client_secret('CC', 'a chosen secret of 32 chars......')", false},
      {"update_client_secret", "select update_client_secret('CC', 'another chosen secret, 32 chars..')", false},
      {"rotate_client_secret", "select rotate_client_secret('CC', 0, 1)", false},
      {"revoke_client_secrets", "select revoke_client_secrets('CC', NULL, 1)", false},
      {"revoke_client_secret", "select revoke_client_secret('CC', :cc_secret, 1)", false},
      {"grant_client_role", "select grant_client_role('AC', 'r2')", false},
      {"revoke_client_role", "select revoke_client_role('CC', 'r1')", false},
      {"update_client",
       "select update_client('AC', 'AC_NEW', 'renamed', NULL, :redirect, 'x@example.org', NULL)", false},
      {"update_client_privileges", "select update_client_privileges('AC', 'p1,p2')", false},
      {"update_client_token_duration", "select update_client_token_duration('AC', 60, 120, 30)", false},
      {"update_client_logo", "select update_client_logo('AC', 'image/png', x'89504e470d0a1a0a')", false},
      {"rename_client", "select rename_client('IM', 'IM2')", false},
      {"delete_client", "select delete_client('AC')", false},
      {"create_jwt_profile",
       "select create_jwt_profile('https://issuer.example.org', 'api', 'https://issuer.example.org/jwks')", false},
      {"oauth_token",
       "select oauth_token(json_object('grant_type', 'authorization_code', 'code', :code, 'redirect_uri', :redirect, "
       "'client_id', :ac_id, 'client_secret', :ac_secret))",
       true},
      {"oauth_token",
       "select oauth_token(json_object('grant_type', 'refresh_token', 'refresh_token', :refresh, 'client_id', "
       ":ac_id, 'client_secret', :ac_secret))",
       true},
      {"oauth_token",
       "select oauth_token(json_object('grant_type', 'client_credentials', 'client_id', :cc_id, 'client_secret', "
       ":cc_secret))",
       true},
      {"oauth_token", "select oauth_token('client_credentials', :cc_id, :cc_secret)", true},
      {"oauth_authorize",
       "select oauth_authorize(json_object('response_type', 'code', 'client_id', :ac_id, 'redirect_uri', "
       ":redirect, 'scope', 'p1', 'state', 's', 'user', 'carol'))",
       true},
      {"oauth_authorize",
       "select oauth_authorize(json_object('response_type', 'token', 'client_id', :im_id, 'redirect_uri', "
       ":redirect, 'scope', 'p1', 'state', 's', 'user', 'carol'))",
       true},
      {"oauth_revoke",
       "select oauth_revoke(json_object('token', :refresh, 'client_id', :ac_id, 'client_secret', :ac_secret))", true},
      {"oauth_revoke",
       "select oauth_revoke(json_object('token', :access, 'token_type_hint', 'access_token', 'client_id', :ac_id, "
       "'client_secret', :ac_secret))",
       true},
      {"oauth_introspect",
       "select oauth_introspect(json_object('token', :access, 'client_id', :ac_id, 'client_secret', :ac_secret))",
       true},
  };
  return calls;
}

// A call's answer is a success: no SQL error, and for the OAuth endpoints no "error" member.
inline bool succeeded(sqlite3* db, const Call& call, const race::Result& r) {
  if (!r.ok()) return false;
  if (!call.oauth) return true;
  return run(db, "select json_extract(:j, '$.error') is null", {{"j", r.text}}).text == "1";
}

// Copies a file (the template database) byte for byte; true on success.
inline bool copy_file(const std::string& from, const std::string& to) {
  FILE* in = fopen(from.c_str(), "rb");
  if (!in) return false;
  FILE* out = fopen(to.c_str(), "wb");
  if (!out) {
    fclose(in);
    return false;
  }
  char buf[65536];
  size_t n;
  bool ok = true;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) ok = ok && fwrite(buf, 1, n, out) == n;
  fclose(in);
  return fclose(out) == 0 && ok;
}

}  // namespace faults
