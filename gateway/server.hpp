// server.hpp: the HTTP side of the gateway on libmicrohttpd: the daemon (thread pool, epoll,
// connection limit, idle timeout, per-connection memory cap for request line and headers), the
// request callbacks (body cap, form decoding by MHD's post processor), the endpoints, and the
// answers as RFC 6749 section 5 / RFC 6750 section 3 give them. Each worker thread opens its own
// WorkerDb on first use.
#pragma once
#include <atomic>

#include "jwks.hpp"
#include "options.hpp"

struct MHD_Daemon;

namespace gw {

class Server {
 public:
  Server(const Options& o, Jwks* jwks) : opt_(o), jwks_(jwks) {}
  // Starts the daemon on an already listening socket; false when MHD refuses to start.
  bool start(int listen_fd);
  // SIGTERM: stop accepting, let requests in flight finish (at most --drain seconds), stop.
  void drain_and_stop();

  const Options& opt_;
  Jwks* jwks_;
  std::atomic<int> in_flight_{0};

 private:
  MHD_Daemon* daemon_ = nullptr;
};

}  // namespace gw
