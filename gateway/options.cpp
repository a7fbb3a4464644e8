// options.cpp: parsing of ords-gateway's command line (options.hpp) and its --help text.
#include "options.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace gw {

const char* help_text() {
  return
      "usage: ords-gateway --db FILE --listen HOST:PORT [options]\n"
      "Serves the ords_security model of FILE over HTTP: the OAuth token, revoke, introspect and\n"
      "authorization endpoints under /ords/<alias>/oauth/, GET /auth for nginx's auth_request,\n"
      "GET /healthz. Each worker holds its own SQLite connection with the extension loaded.\n"
      "\n"
      "  --db FILE                 the database (WAL mode is set on it); must exist or be creatable\n"
      "  --listen HOST:PORT        the address to listen on (HOST an IPv4 or [IPv6] literal;\n"
      "                            PORT 0 picks a free port, printed on stderr)\n"
      "  --ext PATH                the extension to load (default: ords_security beside the binary)\n"
      "  --workers N               worker threads, each with its own connection (default 8, 1..256)\n"
      "  --trust-user-header NAME  the header that carries the signed-in user at /oauth/auth\n"
      "                            (set by the proxy in front after its own login); without it,\n"
      "                            /oauth/auth answers 401\n"
      "  --jwks-refresh SECONDS    fetch each JWT profile's p_jwk_url at this interval (and on an\n"
      "                            unknown kid, at most once a minute) and install the keys\n"
      "  --jwks-min-interval S     the least time between fetches caused by unknown kids (default 60)\n"
      "  --ca-file FILE            CA certificates for the JWKS fetches (default: the system's)\n"
      "  --max-body BYTES          the largest request body (default 16384; larger: 413)\n"
      "  --max-header BYTES        the memory for request line and headers (default 16384; larger: 431)\n"
      "  --timeout SECONDS         idle or stalled connections are closed after this (default 10)\n"
      "  --max-connections N       open connections at most (default 1024)\n"
      "  --busy-timeout MS         the longest a request waits for a concurrent writer (default 5000;\n"
      "                            then 503 with Retry-After)\n"
      "  --drain SECONDS           on SIGTERM, the longest wait for requests in flight (default 10)\n"
      "  --no-decision-memo        /auth calls check_request for every request (default: the same\n"
      "                            request within one second and one database state is answered\n"
      "                            from the worker's memo, exactly as check_request would)\n"
      "  --quiet                   no access log\n"
      "  --help                    this text\n"
      "\n"
      "Exit status: 0 stopped by SIGTERM/SIGINT, 1 internal error, 2 bad option, 3 database or\n"
      "extension cannot be opened, 4 cannot listen on the address (in use?), 5 HTTP library failed.\n";
}

namespace {

long number(std::string_view opt, const char* v, long lo, long hi) {
  errno = 0;
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  if (errno != 0 || end == v || *end != '\0' || n < lo || n > hi)
    throw UsageError(std::string(opt) + " must be a whole number from " + std::to_string(lo) + " to " +
                     std::to_string(hi));
  return n;
}

void listen_address(Options& o, const std::string& v) {
  size_t colon = v.rfind(':');
  if (colon == std::string::npos || colon == 0) throw UsageError("--listen must be HOST:PORT (127.0.0.1:8080)");
  std::string host = v.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  o.host = host;
  o.port = static_cast<int>(number("--listen's PORT", v.c_str() + colon + 1, 0, 65535));
}

}  // namespace

Options parse(int argc, char** argv) {
  Options o;
  bool listen_given = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) throw UsageError(std::string(a) + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") { o.help = true; return o; }
    else if (a == "--db") o.db = value();
    else if (a == "--listen") { listen_address(o, value()); listen_given = true; }
    else if (a == "--ext") o.ext = value();
    else if (a == "--workers") o.workers = static_cast<int>(number(a, value(), 1, 256));
    else if (a == "--trust-user-header") {
      o.trust_user_header = value();
      if (o.trust_user_header.empty()) throw UsageError("--trust-user-header needs a header name");
    } else if (a == "--jwks-refresh") o.jwks_refresh = static_cast<int>(number(a, value(), 1, 86400 * 7));
    else if (a == "--jwks-min-interval") o.jwks_min_interval = static_cast<int>(number(a, value(), 1, 86400));
    else if (a == "--ca-file") o.ca_file = value();
    else if (a == "--max-body") o.max_body = static_cast<size_t>(number(a, value(), 256, 64L << 20));
    else if (a == "--max-header") o.max_header = static_cast<size_t>(number(a, value(), 4096, 1L << 20));
    else if (a == "--timeout") o.timeout = static_cast<int>(number(a, value(), 1, 3600));
    else if (a == "--max-connections") o.max_connections = static_cast<int>(number(a, value(), 1, 65536));
    else if (a == "--busy-timeout") o.busy_timeout_ms = static_cast<int>(number(a, value(), 0, 600000));
    else if (a == "--drain") o.drain = static_cast<int>(number(a, value(), 0, 3600));
    else if (a == "--quiet") o.quiet = true;
    else if (a == "--no-decision-memo") o.decision_memo = false;
    else throw UsageError("unknown option " + std::string(a) + " (ords-gateway --help lists them)");
  }
  if (o.db.empty()) throw UsageError("--db FILE is required");
  if (!listen_given) throw UsageError("--listen HOST:PORT is required");
  if (!o.ca_file.empty() && o.jwks_refresh == 0) throw UsageError("--ca-file needs --jwks-refresh");
  return o;
}

}  // namespace gw
