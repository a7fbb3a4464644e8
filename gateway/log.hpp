// log.hpp: the gateway's lines on stderr: the access log (one line per request: method, path
// without its query, status, client_id, microseconds; never a token, a secret, an Authorization
// header or a query string) and its own notices. Each line is one write(2), so lines of
// concurrent workers never interleave.
#pragma once
#include <string>
#include <string_view>

#include "request.hpp"

namespace gw {

void log_line(const std::string& line);
void access_log(std::string_view method, std::string_view path, int status, std::string_view client_id,
                long long micros);

}  // namespace gw
