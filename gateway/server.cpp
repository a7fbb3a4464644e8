// server.cpp: libmicrohttpd callbacks and the gateway's endpoints (server.hpp, API.md section 12).
#include "server.hpp"

#include <microhttpd.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "log.hpp"
#include "memo.hpp"
#include "request.hpp"
#include "worker_db.hpp"

namespace gw {

namespace {

using Clock = std::chrono::steady_clock;

// What one request carries between the callbacks of libmicrohttpd.
struct Req {
  Clock::time_point start = Clock::now();
  Route route;
  std::string method, path;
  MHD_PostProcessor* pp = nullptr;
  Form form;
  bool form_refused = false;
  size_t body_bytes = 0;
  bool too_large = false;
  bool unreadable_body = false;
  bool answered = false;
  int status = 0;
  std::string client_id;
  ~Req() {
    if (pp) MHD_destroy_post_processor(pp);
  }
};

thread_local std::unique_ptr<WorkerDb> tls_db;
constexpr size_t max_discard = 1 << 20;

WorkerDb& worker_db(const Options& o) {
  if (!tls_db) tls_db = std::make_unique<WorkerDb>(o.db, o.ext, o.busy_timeout_ms);
  return *tls_db;
}

struct Header {
  const char* name;
  std::string value;
};

MHD_Result answer(MHD_Connection* c, Req& r, int status, const std::string& body, const char* type,
                  const std::vector<Header>& headers = {}) {
  MHD_Response* resp =
      MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  if (!resp) return MHD_NO;
  if (type) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
  for (const auto& h : headers) MHD_add_response_header(resp, h.name, h.value.c_str());
  MHD_Result rc = MHD_queue_response(c, static_cast<unsigned>(status), resp);
  MHD_destroy_response(resp);
  r.answered = true;
  r.status = status;
  return rc;
}

const char* json_type = "application/json;charset=UTF-8";

// A JSON error body of RFC 6749 5.2, built by SQLite's json_object would need a connection: the
// two members are fixed texts of ours or the extension's message, escaped here for JSON.
std::string json_escape(const std::string& s) {
  std::string o;
  for (unsigned char ch : s) {
    switch (ch) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      default:
        if (ch < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", ch);
          o += b;
        } else {
          o.push_back(static_cast<char>(ch));
        }
    }
  }
  return o;
}

std::string error_body(const std::string& error, const std::string& description) {
  return "{\"error\":\"" + json_escape(error) + "\",\"error_description\":\"" + json_escape(description) + "\"}";
}

std::vector<Header> no_store() { return {{"Cache-Control", "no-store"}, {"Pragma", "no-cache"}}; }

MHD_Result oauth_error(MHD_Connection* c, Req& r, int status, const std::string& error, const std::string& desc,
                       bool basic = false) {
  auto h = no_store();
  if (status == 401 && basic) h.push_back({"WWW-Authenticate", "Basic realm=\"ords\""});
  if (status == 503) h.push_back({"Retry-After", "1"});
  return answer(c, r, status, error_body(error, desc), json_type, h);
}

// A request header's value; nullptr when absent. A value holding a NUL (which a C string would
// cut short: "/public\0/../emp" read as "/public") sets *bad.
const char* header(MHD_Connection* c, const char* name, bool* bad = nullptr) {
  const char* v = nullptr;
  size_t n = 0;
  if (MHD_lookup_connection_value_n(c, MHD_HEADER_KIND, name, std::strlen(name), &v, &n) != MHD_YES || !v)
    return nullptr;
  if (std::strlen(v) != n) {
    if (bad) *bad = true;
    return nullptr;
  }
  return v;
}

Param field(const Form& f, const char* k) {
  const std::string* v = f.get(k);
  return v ? Param(*v) : std::nullopt;
}

MHD_Result post_field(void* cls, MHD_ValueKind, const char* key, const char*, const char*, const char*,
                      const char* data, uint64_t off, size_t size) {
  auto* r = static_cast<Req*>(cls);
  if (!r->form.add(key ? key : "", std::string_view(data ? data : "", data ? size : 0), off)) {
    r->form_refused = true;
    return MHD_NO;
  }
  return MHD_YES;
}

MHD_Result query_field(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* r = static_cast<Req*>(cls);
  if (!r->form.add(key ? key : "", value ? value : "", 0)) r->form_refused = true;
  return MHD_YES;
}

bool form_type(const char* ct) {
  constexpr const char* want = "application/x-www-form-urlencoded";
  return ct && strncasecmp(ct, want, std::strlen(want)) == 0 &&
         (ct[std::strlen(want)] == '\0' || ct[std::strlen(want)] == ';' || ct[std::strlen(want)] == ' ');
}

// ---- the endpoints ----

// Token, revoke, introspect: form fields to the named form of the extension's function.
MHD_Result oauth_form(Server& s, MHD_Connection* c, Req& r) {
  if (r.form_refused) return oauth_error(c, r, 400, "invalid_request", "the form body is malformed or has too many fields");
  if (r.form.repeated())
    return oauth_error(c, r, 400, "invalid_request", "parameter " + log_safe(*r.form.repeated(), 64) + " is repeated");
  WorkerDb& db = worker_db(s.opt_);
  auto schema = schema_of_alias(db, r.route.alias);
  if (!schema) return oauth_error(c, r, 404, "invalid_request", "no enabled schema has this alias");
  db.use_schema(*schema);

  bool bad = false;
  const char* auth = header(c, MHD_HTTP_HEADER_AUTHORIZATION, &bad);
  if (bad) return oauth_error(c, r, 400, "invalid_request", "the Authorization header holds a NUL");
  bool basic = auth && has_scheme(auth, "Basic");
  Param authorization = basic ? Param(auth) : std::nullopt;
  std::optional<std::string> client_id;
  if (basic) {
    client_id = basic_client_id(auth);
    if (!client_id) return oauth_error(c, r, 401, "invalid_client", "client authentication failed", true);
  } else if (const std::string* id = r.form.get("client_id")) {
    client_id = *id;
  }
  if (client_id) r.client_id = *client_id;
  // oauth_token finds a client by its client_id in every schema: /ords/<alias>/oauth/token must
  // serve only the clients of <alias>'s schema, as ORDS does (a finding for the SQL API).
  if (client_id && !client_in_schema(db, *client_id, *schema))
    return oauth_error(c, r, basic ? 401 : 400, "invalid_client", "client authentication failed", basic);

  WorkerDb::Fn fn;
  std::vector<std::pair<const char*, Param>> fields;
  switch (r.route.endpoint) {
    case Endpoint::Token:
      fn = WorkerDb::Fn::Token;
      for (const char* k : {"grant_type", "client_id", "client_secret", "code", "redirect_uri", "refresh_token",
                            "code_verifier", "scope"})
        fields.emplace_back(k, field(r.form, k));
      break;
    case Endpoint::Revoke:
    case Endpoint::Introspect:
      fn = r.route.endpoint == Endpoint::Revoke ? WorkerDb::Fn::Revoke : WorkerDb::Fn::Introspect;
      for (const char* k : {"token", "token_type_hint", "client_id", "client_secret"})
        fields.emplace_back(k, field(r.form, k));
      break;
    default:
      return oauth_error(c, r, 500, "server_error", "unexpected endpoint");
  }
  fields.emplace_back("authorization", authorization);
  OAuthAnswer a = db.oauth(fn, fields);
  if (!a.error) return answer(c, r, 200, a.json, json_type, no_store());
  int status = 400;
  auto h = no_store();
  if (*a.error == "invalid_client" && basic) {
    status = 401;
    h.push_back({"WWW-Authenticate", "Basic realm=\"ords\""});
  }
  return answer(c, r, status, a.json, json_type, h);
}

// GET /ords/<alias>/oauth/auth: the user comes from the trusted header the proxy sets.
MHD_Result authorize(Server& s, MHD_Connection* c, Req& r) {
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_field, &r);
  if (r.form_refused) return oauth_error(c, r, 400, "invalid_request", "too many query parameters");
  if (r.form.repeated())
    return oauth_error(c, r, 400, "invalid_request", "parameter " + log_safe(*r.form.repeated(), 64) + " is repeated");
  bool bad = false;
  const char* user = s.opt_.trust_user_header.empty() ? nullptr : header(c, s.opt_.trust_user_header.c_str(), &bad);
  if (bad) return oauth_error(c, r, 400, "invalid_request", "the user header holds a NUL");
  if (!user || !*user)
    return oauth_error(c, r, 401, "access_denied", "no signed-in user: the proxy in front signs the user in");
  WorkerDb& db = worker_db(s.opt_);
  auto schema = schema_of_alias(db, r.route.alias);
  if (!schema) return oauth_error(c, r, 404, "invalid_request", "no enabled schema has this alias");
  db.use_schema(*schema);
  if (const std::string* id = r.form.get("client_id")) {
    r.client_id = *id;
    if (!client_in_schema(db, *id, *schema)) return oauth_error(c, r, 400, "invalid_client", "unknown client_id");
  }
  std::vector<std::pair<const char*, Param>> fields;
  for (const char* k : {"response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
                        "code_challenge_method"})
    fields.emplace_back(k, field(r.form, k));
  fields.emplace_back("user", Param(user));
  OAuthAnswer a = db.oauth(WorkerDb::Fn::Authorize, fields);
  if (a.redirect_uri) {
    auto h = no_store();
    h.push_back({MHD_HTTP_HEADER_LOCATION, *a.redirect_uri});
    return answer(c, r, 302, "", nullptr, h);
  }
  return answer(c, r, 400, a.json, json_type, no_store());
}

// GET /auth for nginx's auth_request: headers only.
MHD_Result auth(Server& s, MHD_Connection* c, Req& r) {
  bool bad = false;
  const char* method = header(c, "X-Original-Method", &bad);
  const char* uri = header(c, "X-Original-URI", &bad);
  const char* authz = header(c, MHD_HTTP_HEADER_AUTHORIZATION, &bad);
  const char* origin = header(c, "Origin", &bad);
  auto args = check_args(method, uri);
  if (!args || bad) return answer(c, r, 400, "", nullptr, {{"Cache-Control", "no-store"}});
  Decision d = decide(s.opt_, worker_db(s.opt_), *args, authz, origin);
  if (d.client_id) r.client_id = *d.client_id;
  std::vector<Header> h = {{"Cache-Control", "no-store"}};
  switch (d.status) {
    case 200:
      if (d.client_id) h.push_back({"X-Ords-Client-Id", *d.client_id});
      if (d.user) h.push_back({"X-Ords-User", *d.user});
      if (d.privilege) h.push_back({"X-Ords-Privilege", *d.privilege});
      break;
    case 401:
      h.push_back({MHD_HTTP_HEADER_WWW_AUTHENTICATE,
                   authz ? "Bearer realm=\"ords\", error=\"invalid_token\"" : "Bearer realm=\"ords\""});
      if (s.jwks_ && d.reason && d.schema && reason_wants_keys(*d.reason)) s.jwks_->kick(*d.schema);
      break;
    case 403:
      h.push_back({MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"ords\", error=\"insufficient_scope\""});
      break;
    case 400: case 404: break;
    default: d.status = 500;
  }
  return answer(c, r, d.status, "", nullptr, h);
}

MHD_Result dispatch(Server& s, MHD_Connection* c, Req& r) {
  try {
    switch (r.route.endpoint) {
      case Endpoint::Token: case Endpoint::Revoke: case Endpoint::Introspect: return oauth_form(s, c, r);
      case Endpoint::Authorize: return authorize(s, c, r);
      case Endpoint::Auth: return auth(s, c, r);
      case Endpoint::Healthz: {
        bool ok = worker_db(s.opt_).healthy();
        return answer(c, r, ok ? 200 : 503, ok ? "ok\n" : "database not answering\n", "text/plain", no_store());
      }
      case Endpoint::None: break;
    }
    return answer(c, r, 404, "", nullptr);
  } catch (const Busy&) {
    if (r.route.endpoint == Endpoint::Auth) return answer(c, r, 503, "", nullptr, {{"Retry-After", "1"}});
    return oauth_error(c, r, 503, "temporarily_unavailable", "the database is busy; retry");
  } catch (const CallError& e) {
    if (r.route.endpoint == Endpoint::Auth) return answer(c, r, 400, "", nullptr);
    return oauth_error(c, r, 400, "invalid_request", e.what());
  } catch (const std::exception& e) {
    log_line(std::string("error: ") + log_safe(e.what(), 300, true));
    if (r.route.endpoint == Endpoint::Auth) return answer(c, r, 500, "", nullptr);
    return oauth_error(c, r, 500, "server_error", "the gateway could not answer");
  } catch (...) {
    return answer(c, r, 500, "", nullptr);
  }
}

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method, const char*,
                      const char* upload_data, size_t* upload_size, void** con_cls) {
  auto& s = *static_cast<Server*>(cls);
  auto* r = static_cast<Req*>(*con_cls);
  if (!r) {
    // First call: the headers are in. Decide what can be decided before any body.
    try {
      r = new Req;
    } catch (...) {
      return MHD_NO;
    }
    *con_cls = r;
    s.in_flight_.fetch_add(1);
    r->method = method;
    r->path = url;
    r->route = route(r->path);
    if (r->route.endpoint == Endpoint::None) return answer(c, *r, 404, "", nullptr);
    if (!method_allowed(r->route.endpoint, r->method)) {
      bool post = r->route.endpoint == Endpoint::Token || r->route.endpoint == Endpoint::Revoke ||
                  r->route.endpoint == Endpoint::Introspect;
      return answer(c, *r, 405, "", nullptr, {{"Allow", post ? "POST" : "GET, HEAD"}});
    }
    if (const char* cl = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
      char* end = nullptr;
      unsigned long long n = std::strtoull(cl, &end, 10);
      if (n > s.opt_.max_body) return answer(c, *r, 413, "", nullptr, {{"Connection", "close"}});
    }
    if (r->method == "POST") {
      const char* ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
      if (form_type(ct)) {
        r->pp = MHD_create_post_processor(c, 4096, post_field, r);
        if (!r->pp) return oauth_error(c, *r, 400, "invalid_request", "the body cannot be decoded");
      } else if (ct) {
        return oauth_error(c, *r, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
      }
    }
    return MHD_YES;
  }
  if (*upload_size > 0) {
    size_t n = *upload_size;
    *upload_size = 0;
    if (r->answered) return MHD_YES;
    if (r->too_large) {
      r->body_bytes += n;
      return r->body_bytes > max_discard ? MHD_NO : MHD_YES;
    }
    r->body_bytes += n;
    if (r->body_bytes > s.opt_.max_body) {
      // libmicrohttpd 0.9.75 takes no answer in the middle of a body: the rest is read and
      // dropped, and 413 answered at its end; a body going on past max_discard is a flood and
      // its connection is closed.
      r->too_large = true;
      if (r->body_bytes > max_discard) return MHD_NO;
      return MHD_YES;
    }
    if (!r->pp) {  // a body where none is decoded: answered 400 at its end
      r->unreadable_body = true;
      return MHD_YES;
    }
    if (MHD_post_process(r->pp, upload_data, n) != MHD_YES) r->form_refused = true;
    return MHD_YES;
  }
  if (r->answered) return MHD_YES;
  if (r->too_large) return answer(c, *r, 413, "", nullptr, {{"Connection", "close"}});
  if (r->unreadable_body) return oauth_error(c, *r, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
  return dispatch(s, c, *r);
}

void on_completed(void* cls, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
  auto& s = *static_cast<Server*>(cls);
  auto* r = static_cast<Req*>(*con_cls);
  if (!r) return;
  *con_cls = nullptr;
  if (!s.opt_.quiet) {
    long long us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - r->start).count();
    access_log(r->method, r->path, r->answered ? r->status : 0, r->client_id, us);
  }
  delete r;
  s.in_flight_.fetch_sub(1);
}

void on_mhd_error(void*, const char* fmt, va_list ap) {
  char buf[512];
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  std::string line = std::string("mhd: ") + buf;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  log_line(log_safe(line, 400, true));
}

}  // namespace

bool Server::start(int listen_fd) {
  // TURBO: no per-call checks that the listen socket is non-blocking (main.cpp made it so) and
  // no shutdown() before close() on a connection.
  unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_USE_TURBO;
  daemon_ = MHD_start_daemon(
      flags, 0, nullptr, nullptr, &on_request, this,
      MHD_OPTION_EXTERNAL_LOGGER, &on_mhd_error, nullptr,
      MHD_OPTION_LISTEN_SOCKET, listen_fd,
      MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(opt_.workers),
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(opt_.max_connections),
      MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(opt_.timeout),
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, opt_.max_header,
      MHD_OPTION_NOTIFY_COMPLETED, &on_completed, this,
      MHD_OPTION_STRICT_FOR_CLIENT, 1,
      MHD_OPTION_END);
  return daemon_ != nullptr;
}

void Server::drain_and_stop() {
  if (!daemon_) return;
  MHD_socket fd = MHD_quiesce_daemon(daemon_);
  if (fd != MHD_INVALID_SOCKET) ::close(fd);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opt_.drain);
  while (in_flight_.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  MHD_stop_daemon(daemon_);
  daemon_ = nullptr;
}

}  // namespace gw
