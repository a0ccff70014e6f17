#include "engine/model/nik.h"

#include <cstdio>

namespace absah::model {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int num(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

Error nik_error(const std::string& msg) {
  return Error(ErrorCode::NikInvalid, "", msg);
}

bool plausible_day_month(int day, int month) {
  // Without the century the year is unknown: allow 29 February.
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(2000, month);
}

std::string two(int v) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02d", v % 100);
  return buf;
}

}  // namespace

bool is_known_province_code(int c) {
  // Kepmendagri 300.2.2-2430/2025 province codes (incl. the Papua provinces of 2022).
  static const int kCodes[] = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33,
                               34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72,
                               73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96};
  for (int k : kCodes)
    if (k == c) return true;
  return false;
}

Result<NikParts> parse_nik(std::string_view s) {
  if (s.size() != 16 || !all_digits(s))
    return nik_error("a NIK is 16 digits, got " + std::to_string(s.size()) +
                     (all_digits(s) ? " digits" : " characters"));
  NikParts p;
  p.region = std::string(s.substr(0, 6));
  int province = num(s, 0, 2);
  if (!is_known_province_code(province))
    return nik_error("NIK region " + p.region + ": no province " + two(province));
  if (num(s, 2, 2) == 0)
    return nik_error("NIK region " + p.region + ": kabupaten/kota 00 does not exist");
  int dd = num(s, 6, 2);
  p.sex = dd > 40 ? Sex::Female : Sex::Male;
  p.day = dd > 40 ? dd - 40 : dd;
  p.month = num(s, 8, 2);
  p.year2 = num(s, 10, 2);
  if (!plausible_day_month(p.day, p.month))
    return nik_error("NIK birth date digits " + std::string(s.substr(6, 6)) +
                     " are not a date (women add 40 to the day)");
  p.serial = num(s, 12, 4);
  if (p.serial == 0) return nik_error("NIK serial 0000 is not issued (0001–9999)");
  return p;
}

Result<NkkParts> parse_nkk(std::string_view s) {
  if (s.size() != 16 || !all_digits(s))
    return nik_error("a Nomor KK is 16 digits, got " + std::to_string(s.size()) + " characters");
  NkkParts p;
  p.region = std::string(s.substr(0, 6));
  if (!is_known_province_code(num(s, 0, 2)))
    return nik_error("Nomor KK region " + p.region + ": unknown province");
  p.day = num(s, 6, 2);
  p.month = num(s, 8, 2);
  p.year2 = num(s, 10, 2);
  if (!plausible_day_month(p.day, p.month))
    return nik_error("Nomor KK recording date digits " + std::string(s.substr(6, 6)) +
                     " are not a date");
  p.serial = num(s, 12, 4);
  if (p.serial == 0) return nik_error("Nomor KK serial 0000 is not issued");
  return p;
}

Result<NipParts> parse_nip(std::string_view s) {
  if (s.size() != 18 || !all_digits(s))
    return nik_error("a NIP is 18 digits, got " + std::to_string(s.size()) + " characters");
  NipParts p;
  auto birth = parse_iso_date(std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) +
                              "-" + std::string(s.substr(6, 2)));
  if (!birth)
    return nik_error("NIP birth date digits " + std::string(s.substr(0, 8)) + " are not a date");
  p.birth = *birth;
  p.start_year = num(s, 8, 4);
  p.start_month = num(s, 12, 2);
  if (p.start_month < 1 || p.start_month > 12 || p.start_year < p.birth.year)
    return nik_error("NIP start of service " + std::string(s.substr(8, 6)) +
                     " is not a plausible year and month");
  int sex = num(s, 14, 1);
  if (sex != 1 && sex != 2)
    return nik_error("NIP sex digit must be 1 or 2, got " + std::to_string(sex));
  p.sex = sex == 1 ? Sex::Male : Sex::Female;
  p.serial = num(s, 15, 3);
  return p;
}

std::vector<Error> check_nik_consistency(const NikParts& nik, std::optional<std::string_view> sex,
                                         std::optional<CivilDate> birth, const std::string& path) {
  std::vector<Error> out;
  if (sex) {
    Sex record_sex = *sex == "PEREMPUAN"   ? Sex::Female
                     : *sex == "LAKI-LAKI" ? Sex::Male
                                           : Sex::Unknown;
    if (record_sex != Sex::Unknown && record_sex != nik.sex)
      out.emplace_back(ErrorCode::NikInvalid, path,
                       record_sex == Sex::Female
                           ? "NIK day " + two(nik.day) +
                                 " is a man's; for PEREMPUAN the day carries +40 (" +
                                 two(nik.day + 40) + ")"
                           : "NIK day " + two(nik.day + 40) +
                                 " carries the +40 of a woman, but the record says LAKI-LAKI");
  }
  if (birth) {
    if (birth->day != nik.day || birth->month != nik.month || birth->year % 100 != nik.year2)
      out.emplace_back(ErrorCode::NikInvalid, path,
                       "NIK birth date " + two(nik.day) + two(nik.month) + two(nik.year2) +
                           " does not match the birth date " + birth->iso());
  }
  return out;
}

std::string mask_nik(std::string_view nik) {
  if (nik.size() <= 6) return std::string(nik.size(), '*');
  return std::string(nik.substr(0, 4)) + std::string(nik.size() - 6, '*') +
         std::string(nik.substr(nik.size() - 2));
}

}  // namespace absah::model
