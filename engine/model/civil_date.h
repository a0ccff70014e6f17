#pragma once
// Calendar dates and clock times as records carry them: ISO 8601 "YYYY-MM-DD" and "HH:MM".
// Proleptic Gregorian, years 1800–2200 (older or later dates in a civil record are typos).

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah::model {

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const CivilDate&) const = default;

  // Days since 1970-01-01 (negative before).
  int64_t days_since_epoch() const;
  static CivilDate from_days_since_epoch(int64_t days);
  // 0 = Senin (Monday) … 6 = Minggu (Sunday).
  int weekday() const;
  std::string iso() const;
};

struct CivilTime {
  int hour = 0;
  int minute = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Errors (DateInvalid) say what was expected and why the value is not a date.
Result<CivilDate> parse_iso_date(std::string_view text);
// "HH:MM" or "HH.MM" (the Indonesian way of writing times).
Result<CivilTime> parse_time(std::string_view text);

// Whole years from `birth` to `on`.
int age_on(const CivilDate& birth, const CivilDate& on);

}  // namespace absah::model
