// log.cpp: stderr lines (log.hpp).
#include "log.hpp"

#include <unistd.h>

namespace gw {

void log_line(const std::string& line) {
  std::string l = line;
  l.push_back('\n');
  ssize_t w = ::write(2, l.data(), l.size());
  (void)w;
}

void access_log(std::string_view method, std::string_view path, int status, std::string_view client_id,
                long long micros) {
  std::string l;
  l.reserve(96);
  l += "access ";
  l += log_safe(method, 16);
  l += ' ';
  l += log_safe(path.substr(0, path.find('?')), 200);
  l += ' ';
  l += status > 0 ? std::to_string(status) : std::string("-");
  l += " client_id=";
  l += log_safe(client_id, 64);
  l += ' ';
  l += std::to_string(micros);
  l += "us";
  log_line(l);
}

}  // namespace gw
