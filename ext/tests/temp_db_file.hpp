// temp_db_file.hpp: a database file of a test's own in /tmp, its name made unique by mkstemp, and
// every file SQLite makes beside it (journal, WAL, shared memory) removed when the test ends.
//
//   TempDbFile file;
//   DbFixture a{file.path.c_str()}, b{file.path.c_str()};  // two connections on one file
#pragma once
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

struct TempDbFile {
  std::string path;
  TempDbFile() {
    char tmpl[] = "/tmp/ords_test_XXXXXX";
    int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    close(fd);
    path = tmpl;
    std::remove(path.c_str());  // SQLite makes the database; the name stays ours
  }
  ~TempDbFile() {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  }
  TempDbFile(const TempDbFile&) = delete;
  TempDbFile& operator=(const TempDbFile&) = delete;
};
