// plsql_fuzz.cpp: libFuzzer harness for the ORDS script parser (ext/plsql: lexer and parser),
// which reads whatever text a caller hands ords_plsql before anything runs.
//
//   make B=build fuzz                          builds build/plsql_fuzz (clang++, ASan, UBSan)
//   build/plsql_fuzz -max_total_time=300 fuzz/corpus/plsql    (the seed scripts are there)
//
// The input is a script. Nothing may crash, leak or hang; every refusal must be an
// ords::Error whose message starts with "line N: " (or names p_script) and is at most 1000
// bytes; a script that parses must parse again to the same number of top-level items.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../ext/core/error.hpp"
#include "../ext/plsql/parser.hpp"

namespace {
const ords::plsql::Catalog& catalog() {
  static const ords::plsql::Catalog c = {
      {"user_ords_clients", {"id", "name", "client_id", "client_secret", "grant_type"}},
      {"user_ords_roles", {"id", "name"}},
      {"user_ords_privileges", {"id", "name", "label", "description", "comments"}},
      {"dba_ords_schemas", {"id", "parsing_schema", "pattern", "status"}},
  };
  return c;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string script(reinterpret_cast<const char*>(data), size);
  try {
    ords::plsql::Script s = ords::plsql::parse(script, catalog());
    ords::plsql::Script again = ords::plsql::parse(script, catalog());
    if (s.items.size() != again.items.size()) abort();
  } catch (const ords::Error& e) {
    std::string m = e.what();
    if (m.size() > 1000) abort();
    if (m.rfind("line ", 0) != 0 && m.rfind("p_script", 0) != 0) abort();
  }
  return 0;
}
