#pragma once
// One JSON object per request on the access log: when, method, route template (never the
// path, which can carry a document number or a seal), status, duration, bytes. No NIK, no
// token, no query string.

#include <cstdint>
#include <string>

namespace absah::server {

struct AccessLogEntry {
  int64_t unix_millis = 0;
  std::string method;
  std::string route;
  int status = 0;
  double millis = 0;
  size_t bytes_in = 0;
  size_t bytes_out = 0;
  std::string remote;
};

std::string format_access_log_line(const AccessLogEntry& entry);  // without the newline

}  // namespace absah::server
