// jwks.cpp: fetching and installing JWT profile keys (jwks.hpp).
#include "jwks.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

#include "log.hpp"
#include "worker_db.hpp"

namespace gw {

namespace {

constexpr size_t max_jwks = 1 << 20;

size_t collect(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  size_t len = size * n;
  if (out->size() + len > max_jwks) return 0;  // libcurl then fails with CURLE_WRITE_ERROR
  out->append(data, len);
  return len;
}

// The URL as a log may show it: no query, no fragment, no user info.
std::string shown_url(const std::string& url) {
  std::string u = url.substr(0, url.find_first_of("?#"));
  size_t scheme = u.find("://");
  size_t at = u.find('@');
  if (scheme != std::string::npos && at != std::string::npos && at > scheme) u.erase(scheme + 3, at - scheme - 2);
  return log_safe(u, 200);
}

}  // namespace

std::string https_get(const std::string& url, const std::string& ca_file) {
  if (url.compare(0, 8, "https://") != 0) throw std::runtime_error("p_jwk_url is not https://");
  std::unique_ptr<CURL, void (*)(CURL*)> h(curl_easy_init(), curl_easy_cleanup);
  if (!h) throw std::runtime_error("curl_easy_init failed");
  std::string body;
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(h.get(), CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(h.get(), CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h.get(), CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(h.get(), CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(h.get(), CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h.get(), CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file.empty()) curl_easy_setopt(h.get(), CURLOPT_CAINFO, ca_file.c_str());
  curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(h.get(), CURLOPT_ERRORBUFFER, err);
  curl_easy_setopt(h.get(), CURLOPT_USERAGENT, "ords-gateway");
  CURLcode rc = curl_easy_perform(h.get());
  if (rc != CURLE_OK) {
    std::string why = err[0] ? err : curl_easy_strerror(rc);
    if (rc == CURLE_WRITE_ERROR) why = "the JWK Set is larger than 1 MiB";
    throw std::runtime_error(why);
  }
  long code = 0;
  curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &code);
  if (code != 200) throw std::runtime_error("HTTP status " + std::to_string(code));
  return body;
}

Jwks::Jwks(const Options& o) : opt_(o) {}

Jwks::~Jwks() { stop(); }

void Jwks::start() { thread_ = std::thread([this] { run(); }); }

void Jwks::stop() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Jwks::kick(const std::string& schema) {
  {
    std::lock_guard<std::mutex> l(mu_);
    auto it = last_kick_fetch_.find(schema);
    auto now = std::chrono::steady_clock::now();
    if (it != last_kick_fetch_.end() && now - it->second < std::chrono::seconds(opt_.jwks_min_interval)) return;
    last_kick_fetch_[schema] = now;
    kicked_.insert(schema);
  }
  cv_.notify_all();
}

void Jwks::refresh(const std::string& schema) {
  try {
    WorkerDb db(opt_.db, opt_.ext, opt_.busy_timeout_ms);
    db.use_schema(schema);
    auto urls = db.rows("select jwk_url from user_ords_jwt_profile", {});
    if (urls.empty() || !urls[0]) return;
    const std::string url = *urls[0];
    std::string body;
    try {
      body = https_get(url, opt_.ca_file);
    } catch (const std::exception& e) {
      log_line("jwks: schema " + log_safe(schema) + ": fetch of " + shown_url(url) + " failed: " + log_safe(e.what(), 300, true) +
               "; the profile keeps the keys it had");
      return;
    }
    try {
      db.rows("select set_jwt_profile_keys(?1)", {body});
      auto n = db.rows("select json_array_length(?1, '$.keys')", {body});
      log_line("jwks: schema " + log_safe(schema) + ": installed " + (n.empty() || !n[0] ? "?" : *n[0]) +
               " keys from " + shown_url(url));
    } catch (const std::exception& e) {
      log_line("jwks: schema " + log_safe(schema) + ": the JWK Set from " + shown_url(url) +
               " was refused: " + log_safe(e.what(), 300, true) + "; the profile keeps the keys it had");
    }
  } catch (const std::exception& e) {
    log_line("jwks: schema " + log_safe(schema) + ": " + log_safe(e.what(), 300, true));
  }
}

void Jwks::run() {
  auto next = std::chrono::steady_clock::now();
  for (;;) {
    std::set<std::string> todo;
    bool periodic = false;
    {
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait_until(l, next, [&] { return stop_ || !kicked_.empty(); });
      if (stop_) return;
      todo.swap(kicked_);
      if (std::chrono::steady_clock::now() >= next) {
        periodic = true;
        next = std::chrono::steady_clock::now() + std::chrono::seconds(opt_.jwks_refresh);
      }
    }
    if (periodic) {
      try {
        WorkerDb db(opt_.db, opt_.ext, opt_.busy_timeout_ms);
        for (auto& s : db.rows("select parsing_schema from dba_ords_schemas order by id", {}))
          if (s) todo.insert(*s);
      } catch (const std::exception& e) {
        log_line(std::string("jwks: cannot list the schemas: ") + log_safe(e.what(), 300, true));
      }
    }
    for (const auto& s : todo) refresh(s);
  }
}

}  // namespace gw
