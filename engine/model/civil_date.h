#pragma once
// Calendar dates and clock times as records carry them: ISO 8601 "YYYY-MM-DD" (calendar date,
// extended format, §5.2.1.1) and "HH:MM" (or "HH.MM", the Indonesian way of writing a time).
// Proleptic Gregorian calendar, years 1800–2200: a civil record dated outside that span is a
// typo, and the bound keeps all arithmetic far from overflow.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah::model {

inline constexpr int kMinYear = 1800;
inline constexpr int kMaxYear = 2200;

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const CivilDate&) const = default;

  // Days since 1970-01-01 (negative before); the "days_from_civil" of H. Hinnant's
  // chrono-compatible algorithms.
  int64_t days_since_epoch() const;
  static CivilDate from_days_since_epoch(int64_t days);
  // ISO 8601 weekday minus one: 0 = Senin (Monday) … 6 = Minggu (Sunday).
  int weekday() const;
  // "1990-03-23"
  std::string iso() const;
};

struct CivilTime {
  int hour = 0;    // 0–23
  int minute = 0;  // 0–59
  auto operator<=>(const CivilTime&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);  // 0 for a month outside 1–12

// Exactly "YYYY-MM-DD" with a real day of a real month. Errors (DateInvalid, empty path) say
// what was expected and why the text is not such a date:
//   expected a date YYYY-MM-DD, got "1990-02-30" (no such day: February 1990 has 28 days)
Result<CivilDate> parse_iso_date(std::string_view text);

// "HH:MM" or "HH.MM", 00:00–23:59. Errors have code FieldFormat.
Result<CivilTime> parse_time(std::string_view text);

// Whole years completed from `birth` to `on` (negative when `on` is earlier). Someone born on
// 29 February becomes a year older on 1 March in common years, as in Indonesian practice of
// counting completed years.
int age_on(const CivilDate& birth, const CivilDate& on);

}  // namespace absah::model
