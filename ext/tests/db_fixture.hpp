// db_fixture.hpp: an in-memory database with ords_security loaded, for unit tests.
//
// The unit-test binary links the test build's objects and SQLite itself; DbFixture registers
// sqlite3_ordssecurity_init as an auto-extension, so every connection it opens has the extension
// loaded exactly as `.load` would do it. Helpers run SQL and return the first column as text, or
// the error message.
#pragma once
#include <sqlite3.h>

#include <string>

extern "C" int sqlite3_ordssecurity_init(sqlite3* db, char** err, const sqlite3_api_routines* api);

struct DbFixture {
  sqlite3* db = nullptr;

  explicit DbFixture(const char* path = ":memory:") {
    sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(sqlite3_ordssecurity_init));
    sqlite3_open(path, &db);
  }
  ~DbFixture() { sqlite3_close(db); }
  DbFixture(const DbFixture&) = delete;

  // First column of the first row as text ("NULL" for NULL, "" for no row); throws nothing.
  // On error returns "ERROR: <message>".
  std::string one(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      std::string e = std::string("ERROR: ") + sqlite3_errmsg(db);
      sqlite3_finalize(st);
      return e;
    }
    std::string out;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      out = t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(st, 0)) : "NULL";
      rc = sqlite3_step(st);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) out = std::string("ERROR: ") + sqlite3_errmsg(db);
    sqlite3_finalize(st);
    return out;
  }

  // Runs a script; returns "" or "ERROR: <message>".
  std::string exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string out = rc == SQLITE_OK ? "" : std::string("ERROR: ") + (err ? err : sqlite3_errstr(rc));
    sqlite3_free(err);
    return out;
  }
};
