#include "engine/registry/number_pattern.h"

#include <chrono>
#include <cstdio>

namespace absah::registry {

namespace {

std::string pad(int64_t value, int width) {
  std::string s = std::to_string(value);
  if (static_cast<int>(s.size()) < width) s.insert(0, width - s.size(), '0');
  return s;
}

bool contains(std::string_view pattern, std::string_view token) {
  return pattern.find(token) != std::string_view::npos;
}

Error pattern_error(std::string_view pattern, std::string message) {
  return Error(ErrorCode::Usage, "number_pattern", std::string(pattern) + ": " + message);
}

}  // namespace

LocalDate local_date(int64_t unix_seconds, int utc_offset_minutes) {
  using namespace std::chrono;
  sys_seconds t{seconds{unix_seconds + int64_t{utc_offset_minutes} * 60}};
  year_month_day ymd{floor<days>(t)};
  return LocalDate{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                   static_cast<unsigned>(ymd.day())};
}

Result<std::string> counter_scope(std::string_view pattern, std::string_view type,
                                  std::string_view office, LocalDate d) {
  if (!contains(pattern, "{seq")) return pattern_error(pattern, "no {seq} placeholder");
  std::string scope(type);
  scope += '|';
  if (contains(pattern, "{office}")) scope += office;
  scope += '|';
  if (contains(pattern, "{dd") || contains(pattern, "{yyyymmdd}")) {
    scope += pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2);
  } else if (contains(pattern, "{mm}")) {
    scope += pad(d.year, 4) + "-" + pad(d.month, 2);
  } else if (contains(pattern, "{yyyy}")) {
    scope += pad(d.year, 4);
  }
  return scope;
}

Result<std::string> format_number(std::string_view pattern, std::string_view type,
                                  std::string_view office, LocalDate d, int64_t seq) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c != '{') {
      out += c;
      ++i;
      continue;
    }
    size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) return pattern_error(pattern, "unclosed '{'");
    std::string_view name = pattern.substr(i + 1, close - i - 1);
    if (name == "office") {
      out += office;
    } else if (name == "type") {
      out += type;
    } else if (name == "dd") {
      out += pad(d.day, 2);
    } else if (name == "mm") {
      out += pad(d.month, 2);
    } else if (name == "yyyy") {
      out += pad(d.year, 4);
    } else if (name == "ddmmyyyy") {
      out += pad(d.day, 2) + pad(d.month, 2) + pad(d.year, 4);
    } else if (name == "yyyymmdd") {
      out += pad(d.year, 4) + pad(d.month, 2) + pad(d.day, 2);
    } else if (name.substr(0, 3) == "seq") {
      std::string_view digits = name.substr(3);
      int width = 0;
      if (digits.size() > 2) {
        return pattern_error(pattern, "bad placeholder {" + std::string(name) + "}");
      }
      for (char ch : digits) {
        if (ch < '0' || ch > '9') {
          return pattern_error(pattern, "bad placeholder {" + std::string(name) + "}");
        }
        width = width * 10 + (ch - '0');
      }
      out += pad(seq, width);
    } else {
      return pattern_error(pattern, "unknown placeholder {" + std::string(name) + "}");
    }
    i = close + 1;
  }
  return out;
}

}  // namespace absah::registry
