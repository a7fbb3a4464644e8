// secret_import.cpp: import_client_secret_hash (see secret_import.hpp).
#include "secret_import.hpp"

#include <algorithm>

#include "../core/error.hpp"
#include "../core/text.hpp"
#include "../store/schema.hpp"
#include "client_key.hpp"
#include "schemas.hpp"
#include "secret_hash_text.hpp"
#include "secret_slots.hpp"

namespace ords::secrets {

namespace {

// Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// YYYY-MM-DDTHH:MM:SSZ (what every ords_security timestamp looks like) as epoch seconds.
int64_t parse_issued_on(const std::string& s) {
  static const char kShape[] = "dddd-dd-ddTdd:dd:ddZ";
  bool ok = s.size() == sizeof kShape - 1;
  for (size_t i = 0; ok && i < s.size(); i++)
    ok = kShape[i] == 'd' ? (s[i] >= '0' && s[i] <= '9') : s[i] == kShape[i];
  auto num = [&s](size_t at, size_t n) { return static_cast<int64_t>(std::stoll(s.substr(at, n))); };
  if (ok) {
    int64_t y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), se = num(17, 2);
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    ok = mo >= 1 && mo <= 12 && d >= 1 && d <= kDays[mo - 1] && (mo != 2 || d <= 28 || leap) && h <= 23 && mi <= 59 &&
         se <= 59 && y >= 1970;
    if (ok) return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
  }
  throw Error("p_issued_on must be an ISO 8601 UTC time YYYY-MM-DDTHH:MM:SSZ from 1970 on (as the views show it)");
}

Value import_client_secret_hash(Call& c) {
  clients::ClientKey key = clients::client_key_arg(c, "client_name");
  std::optional<int64_t> slot = c.args.opt_int("slot");
  if (!slot) throw Error("p_slot must not be NULL");
  if (*slot != 1 && *slot != 2) throw Error("p_slot must be 1 or 2");
  crypto::SecretHash h = hash_from_text(c.args.text("hash"), "p_hash");  // "must not be NULL" first
  std::optional<std::string> when = c.args.opt_text("issued_on");
  c.begin_write();
  int64_t issued_on = when ? parse_issued_on(*when) : c.now();
  store::Db& db = c.db();
  clients::ClientRow row = clients::require_client(db, schema_of(c), key);
  if (row.grant_type == "implicit")
    throw Error(key.param + ": client " + text::quote_input(row.name) +
                " uses the implicit grant, which has no client secret (an implicit client cannot keep one)");
  std::vector<Slot> slots = load_slots(db, row.id);
  int64_t seq = 1;
  for (const auto& s : slots) {
    if (s.slot == *slot)
      throw Error("p_slot: slot " + std::to_string(*slot) + " of client " + text::quote_input(row.name) +
                      " already holds a secret; an import never replaces one (revoke it first with "
                      "revoke_client_secrets)",
                  Code::Constraint);
    seq = std::max(seq, store::next_in_sequence(s.seq, "ords_sec_client_secret.seq"));
  }
  store::Stmt put = db.prepare(
      "INSERT INTO ords_sec_client_secret"
      "(client_id, slot, kind, salt, hash, opslimit, memlimit, issued_on, seq, stored) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL)");
  put.bind(1, row.id).bind(2, *slot).bind(3, crypto::kind_name(h.kind));
  put.bind_blob(4, h.salt.data(), h.salt.size()).bind_blob(5, h.hash.data(), h.hash.size());
  if (h.kind == crypto::HashKind::Argon2id) put.bind(6, h.opslimit).bind(7, h.memlimit);
  else put.bind_null(6).bind_null(7);
  put.bind(8, issued_on).bind(9, seq);
  put.run();
  return Value::null();
}

}  // namespace

const std::vector<FnSpec>& secret_import_functions() {
  static const ParamSpec kClientKey{"client_key", ParamType::Object};
  static const std::vector<FnSpec> fns = {
      fn("import_client_secret_hash", import_client_secret_hash)
          .writer()
          .with_params({{"client_name", ParamType::Name},
                        {"slot", ParamType::Int},
                        {"hash", ParamType::Text, false, 255},
                        {"issued_on", ParamType::Text, false, 64}})
          .with_named_only({kClientKey}),
  };
  return fns;
}

}  // namespace ords::secrets
