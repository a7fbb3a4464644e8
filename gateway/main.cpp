// main.cpp: ords-gateway, the ords_security model over HTTP (API.md section 12, docs/gateway.md).
// Reads the options, opens the database once to fail early and clearly, listens, starts the
// libmicrohttpd workers and the JWKS refresher, then waits for SIGTERM/SIGINT and drains.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "jwks.hpp"
#include "log.hpp"
#include "options.hpp"
#include "server.hpp"
#include "worker_db.hpp"

namespace {

struct ListenError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The extension beside the binary: <dir of argv[0]>/ords_security.
std::string default_ext(const char* argv0) {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  std::string self = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string(argv0);
  size_t slash = self.rfind('/');
  return (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/ords_security";
}

int listen_on(const std::string& host, int port, int& bound_port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
  addrinfo* res = nullptr;
  std::string p = std::to_string(port);
  int rc = ::getaddrinfo(host.c_str(), p.c_str(), &hints, &res);
  if (rc != 0) throw gw::UsageError("--listen: HOST must be an IP address literal (" + host + "): " + gai_strerror(rc));
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> guard(res, freeaddrinfo);
  int fd = ::socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
  if (fd < 0) throw ListenError(std::string("socket: ") + std::strerror(errno));
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, res->ai_addr, res->ai_addrlen) != 0) {
    int e = errno;
    ::close(fd);
    throw ListenError("cannot listen on " + host + ":" + p + ": " + std::strerror(e) +
                      (e == EADDRINUSE ? " (another program has this port)" : ""));
  }
  if (::listen(fd, 1024) != 0) {
    int e = errno;
    ::close(fd);
    throw ListenError("listen on " + host + ":" + p + ": " + std::strerror(e));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  bound_port = ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port)
                                        : ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  gw::Options o;
  try {
    o = gw::parse(argc, argv);
  } catch (const gw::UsageError& e) {
    std::fprintf(stderr, "ords-gateway: %s\n", e.what());
    return gw::exit_usage;
  }
  if (o.help) {
    std::fputs(gw::help_text(), stdout);
    return gw::exit_ok;
  }
  if (o.ext.empty()) o.ext = default_ext(argv[0]);
  // No global allocator statistics: their mutex would be taken by every worker on every malloc.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

  // Signals: the workers never see them; main waits for them with sigwait.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  try {
    gw::probe_database(o.db, o.ext);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ords-gateway: %s\n", e.what());
    return gw::exit_database;
  }

  int fd = -1, port = 0;
  try {
    fd = listen_on(o.host, o.port, port);
  } catch (const gw::UsageError& e) {
    std::fprintf(stderr, "ords-gateway: %s\n", e.what());
    return gw::exit_usage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ords-gateway: %s\n", e.what());
    return gw::exit_listen;
  }

  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fprintf(stderr, "ords-gateway: libcurl could not start\n");
    return gw::exit_http;
  }
  std::unique_ptr<gw::Jwks> jwks;
  if (o.jwks_refresh > 0) jwks = std::make_unique<gw::Jwks>(o);
  gw::Server server(o, jwks.get());
  if (!server.start(fd)) {
    std::fprintf(stderr, "ords-gateway: libmicrohttpd could not start (see the mhd: lines above)\n");
    return gw::exit_http;
  }
  if (jwks) jwks->start();
  gw::log_line("ords-gateway: listening on " + (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host) +
               ":" + std::to_string(port) + " with " + std::to_string(o.workers) + " workers");

  int sig = 0;
  sigwait(&set, &sig);
  gw::log_line(std::string("ords-gateway: ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
               ": finishing the requests in flight");
  server.drain_and_stop();
  if (jwks) jwks->stop();
  curl_global_cleanup();
  gw::log_line("ords-gateway: stopped (" + gw::oauth_commit_summary() + ")");
  return gw::exit_ok;
}
