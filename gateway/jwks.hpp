// jwks.hpp: the JWKS refresher of --jwks-refresh. A thread of its own, with its own connection,
// fetches each JWT profile's p_jwk_url over HTTPS (libcurl, --ca-file) at the interval and when a
// worker reports a token naming an unknown kid (kick(), at most once per --jwks-min-interval per
// profile), and installs the keys with set_jwt_profile_keys. A failed fetch or a refused JWK Set
// keeps the keys the profile had and is logged with its reason.
#pragma once
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "options.hpp"

namespace gw {

class Jwks {
 public:
  explicit Jwks(const Options& o);
  ~Jwks();
  void start();
  // A worker saw a token whose kid the schema's profile lacks: fetch soon, unless a fetch for
  // this reason ran less than the minimum interval ago.
  void kick(const std::string& schema);
  void stop();

 private:
  void run();
  void refresh(const std::string& schema);

  const Options& opt_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::set<std::string> kicked_;
  std::map<std::string, std::chrono::steady_clock::time_point> last_kick_fetch_;
};

// Fetches an https:// URL (no redirects, capped at 1 MiB, 10 s); returns the body or throws
// std::runtime_error with libcurl's reason. Used by Jwks.
std::string https_get(const std::string& url, const std::string& ca_file);

}  // namespace gw
