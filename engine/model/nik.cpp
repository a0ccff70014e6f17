#include "engine/model/nik.h"

#include <cstdio>

namespace absah::model {

namespace {

int num(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

std::string two(int v) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02d", v % 100);
  return buf;
}

// "a NIK is 16 digits, got 15 characters" or "… character 3 is \"O\"".
std::optional<Error> shape_problem(std::string_view s, size_t length, const char* what) {
  if (s.size() != length)
    return Error(ErrorCode::NikInvalid, "",
                 std::string("a ") + what + " is " + std::to_string(length) + " digits, got " +
                     std::to_string(s.size()) + " characters");
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') {
      // Show the byte as a character only when it is printable ASCII; otherwise its value.
      unsigned char c = static_cast<unsigned char>(s[i]);
      std::string shown;
      if (c >= 0x20 && c < 0x7F) {
        shown = std::string("\"") + s[i] + "\"";
      } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", c);
        shown = std::string("byte ") + buf;
      }
      return Error(ErrorCode::NikInvalid, "",
                   std::string("a ") + what + " is " + std::to_string(length) +
                       " digits; character " + std::to_string(i + 1) + " is " + shown);
    }
  }
  return std::nullopt;
}

// DD MM YY without the century: 29 February needs YY divisible by 4 (1900 was no leap year,
// but 2000 was, so YY = 00 is accepted).
std::string day_month_problem(int day, int month, int year2) {
  if (month < 1 || month > 12) return "no month " + two(month);
  int max = month == 2 ? (year2 % 4 == 0 ? 29 : 28) : days_in_month(2001, month);
  if (day < 1 || day > max) return "no day " + two(day) + " in month " + two(month);
  return "";
}

void region_problems(std::string_view s, const char* what, std::vector<Error>& out) {
  std::string region(s.substr(0, 6));
  int province = num(s, 0, 2);
  if (!is_known_province_code(province))
    out.emplace_back(ErrorCode::NikInvalid, "",
                     std::string(what) + " region " + region + ": no province " + two(province) +
                         " (province codes run from 11 Aceh to 96 Papua Barat Daya)");
  if (num(s, 2, 2) == 0)
    out.emplace_back(
        ErrorCode::NikInvalid, "",
        std::string(what) + " region " + region + ": kabupaten/kota 00 does not exist");
  if (num(s, 4, 2) == 0)
    out.emplace_back(ErrorCode::NikInvalid, "",
                     std::string(what) + " region " + region + ": kecamatan 00 does not exist");
}

template <class T>
Result<T> first_with_details(T value, std::vector<Error> problems) {
  if (problems.empty()) return value;
  Error first = std::move(problems.front());
  for (size_t i = 1; i < problems.size(); ++i) first.details.push_back(std::move(problems[i]));
  return first;
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
  if (auto e = shape_problem(s, 16, "NIK")) return std::move(*e);
  std::vector<Error> problems;
  NikParts p;
  p.region = std::string(s.substr(0, 6));
  region_problems(s, "NIK", problems);
  p.date_digits = std::string(s.substr(6, 6));
  int dd = num(s, 6, 2);
  p.sex = dd > 40 ? Sex::Female : Sex::Male;
  p.day = dd > 40 ? dd - 40 : dd;
  p.month = num(s, 8, 2);
  p.year2 = num(s, 10, 2);
  if (dd > 71 || (dd > 31 && dd <= 40) || dd == 0)
    problems.emplace_back(ErrorCode::NikInvalid, "",
                          "NIK birth date digits " + p.date_digits + ": day " + two(dd) +
                              " is neither 01–31 (men) nor 41–71 (women add 40)");
  else if (std::string why = day_month_problem(p.day, p.month, p.year2); !why.empty())
    problems.emplace_back(ErrorCode::NikInvalid, "",
                          "NIK birth date digits " + p.date_digits + " are not a date (" + why +
                              (p.sex == Sex::Female ? ", after removing the +40 of a woman" : "") +
                              ")");
  p.serial = num(s, 12, 4);
  if (p.serial == 0)
    problems.emplace_back(ErrorCode::NikInvalid, "", "NIK serial 0000 is not issued (0001–9999)");
  return first_with_details(std::move(p), std::move(problems));
}

Result<NkkParts> parse_nkk(std::string_view s) {
  if (auto e = shape_problem(s, 16, "Nomor KK")) return std::move(*e);
  std::vector<Error> problems;
  NkkParts p;
  p.region = std::string(s.substr(0, 6));
  region_problems(s, "Nomor KK", problems);
  p.day = num(s, 6, 2);
  p.month = num(s, 8, 2);
  p.year2 = num(s, 10, 2);
  if (std::string why = day_month_problem(p.day, p.month, p.year2); !why.empty())
    problems.emplace_back(ErrorCode::NikInvalid, "",
                          "Nomor KK recording date digits " + std::string(s.substr(6, 6)) +
                              " are not a date (" + why + ")");
  p.serial = num(s, 12, 4);
  if (p.serial == 0)
    problems.emplace_back(ErrorCode::NikInvalid, "",
                          "Nomor KK serial 0000 is not issued (serials start at 0001)");
  return first_with_details(std::move(p), std::move(problems));
}

Result<NipParts> parse_nip(std::string_view s) {
  if (auto e = shape_problem(s, 18, "NIP")) return std::move(*e);
  std::vector<Error> problems;
  NipParts p;
  std::string iso = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" +
                    std::string(s.substr(6, 2));
  auto birth = parse_iso_date(iso);
  if (birth)
    p.birth = *birth;
  else
    problems.emplace_back(
        ErrorCode::NikInvalid, "",
        "NIP birth date digits " + std::string(s.substr(0, 8)) + " are not a date yyyymmdd");
  p.start_year = num(s, 8, 4);
  p.start_month = num(s, 12, 2);
  // A civil servant is appointed at 18 at the earliest and before retirement (58–70).
  if (p.start_month < 1 || p.start_month > 12 ||
      (birth && (p.start_year < p.birth.year + 15 || p.start_year > p.birth.year + 70)))
    problems.emplace_back(ErrorCode::NikInvalid, "",
                          "NIP start of service " + std::string(s.substr(8, 6)) +
                              " is not a plausible yyyymm for someone born " +
                              std::string(s.substr(0, 4)));
  int sex = num(s, 14, 1);
  if (sex != 1 && sex != 2)
    problems.emplace_back(
        ErrorCode::NikInvalid, "",
        "NIP sex digit (15th) must be 1 (man) or 2 (woman), got " + std::to_string(sex));
  p.sex = sex == 1 ? Sex::Male : sex == 2 ? Sex::Female : Sex::Unknown;
  p.serial = num(s, 15, 3);
  if (p.serial == 0)
    problems.emplace_back(ErrorCode::NikInvalid, "", "NIP serial 000 is not issued (001–999)");
  return first_with_details(std::move(p), std::move(problems));
}

std::vector<Error> check_nik_consistency(const NikParts& nik, std::optional<std::string_view> sex,
                                         std::optional<CivilDate> birth, const std::string& path,
                                         std::string_view sex_field, std::string_view birth_field) {
  std::vector<Error> out;
  if (sex) {
    Sex record_sex = *sex == "PEREMPUAN"   ? Sex::Female
                     : *sex == "LAKI-LAKI" ? Sex::Male
                                           : Sex::Unknown;
    if (record_sex == Sex::Female && nik.sex == Sex::Male)
      out.emplace_back(
          ErrorCode::NikInvalid, path,
          "NIK day digits " + two(nik.day) + " are a man's, but " + std::string(sex_field) +
              " is PEREMPUAN (a woman's NIK carries the day + 40: " + two(nik.day + 40) + ")");
    else if (record_sex == Sex::Male && nik.sex == Sex::Female)
      out.emplace_back(ErrorCode::NikInvalid, path,
                       "NIK day digits " + two(nik.day + 40) + " carry the +40 of a woman, but " +
                           std::string(sex_field) + " is LAKI-LAKI");
  }
  if (birth &&
      (birth->day != nik.day || birth->month != nik.month || birth->year % 100 != nik.year2)) {
    std::string written = two(nik.day) + two(nik.month) + two(nik.year2);
    out.emplace_back(ErrorCode::NikInvalid, path,
                     "NIK birth date " + written +
                         (written != nik.date_digits && !nik.date_digits.empty()
                              ? " (digits " + nik.date_digits + " less the 40 of a woman)"
                              : "") +
                         " does not match " + std::string(birth_field) + " " + birth->iso());
  }
  return out;
}

std::string mask_nik(std::string_view nik) {
  if (nik.size() <= 6) return std::string(nik.size(), '*');
  return std::string(nik.substr(0, 4)) + std::string(nik.size() - 6, '*') +
         std::string(nik.substr(nik.size() - 2));
}

}  // namespace absah::model
