#pragma once
// Official document numbers from a pattern such as "SKPWNI/{office}/{ddmmyyyy}/{seq4}" or
// "474.3/{seq4}/DUKCAPIL/{mm}/{yyyy}".

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah::registry {

struct LocalDate {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
};

// The office's local calendar day of a Unix time.
LocalDate local_date(int64_t unix_seconds, int utc_offset_minutes);

// The counter a pattern draws from: type, plus the office when the number shows it, plus the
// finest period the number shows (day, month, year or none). Two requests share a counter exactly
// when their numbers could otherwise collide. Fails when the pattern has no {seq}.
Result<std::string> counter_scope(std::string_view pattern, std::string_view type,
                                  std::string_view office, LocalDate date);

// Fills the placeholders; an unknown placeholder is an error, so a typo never reaches paper.
Result<std::string> format_number(std::string_view pattern, std::string_view type,
                                  std::string_view office, LocalDate date, int64_t seq);

}  // namespace absah::registry
