#include "engine/model/civil_date.h"

#include <cstdio>

namespace absah::model {

bool is_leap_year(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain description).
int64_t CivilDate::days_since_epoch() const {
  int y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int yoe = static_cast<int>(y - era * 400);
  int mp = (month + 9) % 12;
  int doy = (153 * mp + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::from_days_since_epoch(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = static_cast<int>(z - era * 146097);
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;
  int y = static_cast<int>(yoe + era * 400) + (m <= 2 ? 1 : 0);
  return {y, m, d};
}

int CivilDate::weekday() const {
  // 1970-01-01 was a Thursday (index 3 when Monday is 0).
  int64_t d = days_since_epoch();
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

std::string CivilDate::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

Result<CivilDate> parse_iso_date(std::string_view s) {
  auto bad = [&](const std::string& why) {
    std::string shown(s.substr(0, 40));
    if (s.size() > 40) shown += "...";
    return Error(ErrorCode::DateInvalid, "",
                 "expected a date YYYY-MM-DD, got \"" + shown + "\"" +
                     (why.empty() ? "" : " (" + why + ")"));
  };
  CivilDate d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, d.year) ||
      !digits(s, 5, 2, d.month) || !digits(s, 8, 2, d.day))
    return bad("");
  if (d.year < kMinYear || d.year > kMaxYear)
    return bad("year outside " + std::to_string(kMinYear) + "–" + std::to_string(kMaxYear));
  if (d.month < 1 || d.month > 12) return bad("no month " + std::to_string(d.month));
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) {
    static const char* const kMonthsEn[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
    return bad("no such day: " + std::string(kMonthsEn[d.month - 1]) + " " +
               std::to_string(d.year) + " has " + std::to_string(days_in_month(d.year, d.month)) +
               " days");
  }
  return d;
}

Result<CivilTime> parse_time(std::string_view s) {
  CivilTime t;
  if (s.size() != 5 || (s[2] != ':' && s[2] != '.') || !digits(s, 0, 2, t.hour) ||
      !digits(s, 3, 2, t.minute) || t.hour > 23 || t.minute > 59)
    return Error(ErrorCode::FieldFormat, "",
                 "expected a time HH:MM (or HH.MM) from 00:00 to 23:59, got \"" +
                     std::string(s.substr(0, 20)) + "\"");
  return t;
}

int age_on(const CivilDate& birth, const CivilDate& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

}  // namespace absah::model
