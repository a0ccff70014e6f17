#pragma once
// Indonesian population numbers (reference/documents.md §1.1):
//  NIK  16 digits  PP KK CC DDMMYY SSSS — region where first registered, birth date (day + 40
//                  for women), serial 0001–9999;
//  NKK  16 digits  6-digit region of the issuing office, DDMMYY recording date, serial;
//  NIP  18 digits  yyyymmdd birth, yyyymm start of service, sex 1/2, serial.
// The century is not encoded: callers compare YY with the record's birth year.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/model/civil_date.h"

namespace absah::model {

enum class Sex : uint8_t { Unknown = 0, Male, Female };

struct NikParts {
  std::string region;  // 6 digits: province, kabupaten/kota, kecamatan
  int day = 0;         // with the +40 removed
  int month = 0;
  int year2 = 0;  // YY
  Sex sex = Sex::Unknown;
  int serial = 0;
};

struct NkkParts {
  std::string region;
  int day = 0, month = 0, year2 = 0;
  int serial = 0;
};

struct NipParts {
  CivilDate birth;
  int start_year = 0, start_month = 0;
  Sex sex = Sex::Unknown;
  int serial = 0;
};

bool is_known_province_code(int code);

// Structure only; every problem is a separate Error with code NikInvalid (path left empty).
Result<NikParts> parse_nik(std::string_view nik);
Result<NkkParts> parse_nkk(std::string_view nkk);
Result<NipParts> parse_nip(std::string_view nip);

// The NIK's date and sex digits against the record. `sex` is the record's jenis_kelamin
// ("LAKI-LAKI" / "PEREMPUAN"). Each disagreement is one Error naming `path`.
std::vector<Error> check_nik_consistency(const NikParts& nik, std::optional<std::string_view> sex,
                                         std::optional<CivilDate> birth, const std::string& path);

// For logs and public pages: the first four and last two digits, the rest masked.
std::string mask_nik(std::string_view nik);

}  // namespace absah::model
