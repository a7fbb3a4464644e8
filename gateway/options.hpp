// options.hpp: the command line of ords-gateway (docs/gateway.md has the manual page). parse()
// reads argv into Options or throws UsageError with a message naming the option; exit codes are
// here too, so main.cpp and the docs agree on them.
#pragma once
#include <stdexcept>
#include <string>

namespace gw {

// Exit codes (docs/gateway.md "EXIT STATUS").
enum Exit : int {
  exit_ok = 0,         // SIGTERM or SIGINT: requests in flight finished
  exit_internal = 1,   // an unexpected failure (message on stderr)
  exit_usage = 2,      // a bad or missing option
  exit_database = 3,   // the database cannot be opened, or the extension not loaded into it
  exit_listen = 4,     // the address cannot be listened on (in use, not local, no permission)
  exit_http = 5,       // libmicrohttpd or libcurl could not start
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string db;
  std::string host = "127.0.0.1";
  int port = -1;
  std::string ext;  // the extension's path without .so (default: ords_security beside the binary)
  int workers = 8;  // more than cores: a worker waits while the writer commits its OAuth call
  std::string trust_user_header;
  int jwks_refresh = 0;  // seconds, 0: never
  std::string ca_file;
  int jwks_min_interval = 60;  // seconds between fetches caused by unknown kids, per profile
  size_t max_body = 16 * 1024;
  size_t max_header = 16 * 1024;
  int timeout = 10;          // seconds a connection may stay idle or stalled
  int max_connections = 1024;
  int busy_timeout_ms = 5000;  // the longest a request waits for the write lock
  int drain = 10;            // seconds SIGTERM waits for requests in flight
  bool quiet = false;        // no access log
  bool decision_memo = true; // /auth remembers decisions within one second and database state
  bool help = false;
};

Options parse(int argc, char** argv);
const char* help_text();

}  // namespace gw
