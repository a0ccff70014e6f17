#pragma once
// Indonesian population numbers (reference/documents.md §1.1; UU 23/2006 Pasal 13,
// Permendagri 73/2022 for the region codes of Kepmendagri 300.2.2-2430/2025):
//  NIK  16 digits  PP KK CC DD MM YY SSSS — province, kabupaten/kota and kecamatan where the
//                  person was first registered, birth date (day + 40 for women), serial
//                  0001–9999. The NIK stays the same after moving, so any known province is
//                  accepted, not only 52.71 (Kota Mataram).
//  NKK  16 digits  6-digit region of the issuing office, DDMMYY recording date, serial 0001–.
//  NIP  18 digits  yyyymmdd birth, yyyymm start of service, sex 1/2, serial 001–999
//                  (PP 11/2017 on the civil service; the layout is what BKN prints).
// The century is not encoded in a NIK or NKK: callers compare YY with the record's year.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/model/civil_date.h"

namespace absah::model {

enum class Sex : uint8_t { Unknown = 0, Male, Female };

struct NikParts {
  std::string region;       // 6 digits: province, kabupaten/kota, kecamatan
  std::string date_digits;  // DDMMYY as written (a woman's day carries +40)
  int day = 0;              // with the +40 removed
  int month = 0;
  int year2 = 0;  // YY
  Sex sex = Sex::Unknown;
  int serial = 0;
};

struct NkkParts {
  std::string region;
  int day = 0, month = 0, year2 = 0;  // recording date DDMMYY
  int serial = 0;
};

struct NipParts {
  CivilDate birth;
  int start_year = 0, start_month = 0;
  Sex sex = Sex::Unknown;
  int serial = 0;
};

// The 38 province codes (11 Aceh … 96 Papua Barat Daya, incl. the Papua provinces of 2022).
bool is_known_province_code(int code);

// Structure only. Errors have code NikInvalid and an empty path (the caller names the field).
// When a number has several problems (unknown province and an impossible date, say), the
// returned Error is the first and `details` holds the others, so a validator can report each.
Result<NikParts> parse_nik(std::string_view nik);
Result<NkkParts> parse_nkk(std::string_view nkk);
Result<NipParts> parse_nip(std::string_view nip);

// The NIK's date and sex digits against the record: `sex` is the record's jenis_kelamin
// ("LAKI-LAKI" / "PEREMPUAN"; any other value is left to the enumeration check), `birth` its
// birth date, of which only the day, month and year % 100 can be compared. Each disagreement is
// one Error (NikInvalid) with `path`; the field names appear in the messages:
//   NIK birth date 230390 does not match tanggal_lahir 1990-03-24
std::vector<Error> check_nik_consistency(const NikParts& nik, std::optional<std::string_view> sex,
                                         std::optional<CivilDate> birth, const std::string& path,
                                         std::string_view sex_field = "jenis_kelamin",
                                         std::string_view birth_field = "tanggal_lahir");

// For logs and public pages: the first four and the last two digits, the rest masked
// ("5271**********01"). Shorter input is masked entirely.
std::string mask_nik(std::string_view nik);

}  // namespace absah::model
