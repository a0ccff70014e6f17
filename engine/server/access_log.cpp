#include "engine/server/access_log.h"

#include <cmath>
#include <ctime>

#include <nlohmann/json.hpp>

namespace absah::server {

std::string format_access_log_line(const AccessLogEntry& entry) {
  const std::time_t seconds = static_cast<std::time_t>(entry.unix_millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[40];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(entry.unix_millis % 1000));
  nlohmann::json line = {{"time", stamp},
                         {"method", entry.method},
                         {"route", entry.route},
                         {"status", entry.status},
                         {"ms", std::round(entry.millis * 100) / 100},
                         {"bytes_in", entry.bytes_in},
                         {"bytes_out", entry.bytes_out},
                         {"remote", entry.remote}};
  return line.dump();
}

}  // namespace absah::server
