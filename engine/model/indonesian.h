#pragma once
// Indonesian forms of dates, numbers and case as printed on Dukcapil documents
// (reference/documents.md §1.4, §1.5): "23 Maret 2020", "23-03-2020", event dates in capital
// words on kutipan akta ("DUA PULUH TIGA MARET DUA RIBU DUA PULUH"), times "14.05".

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/model/civil_date.h"

namespace absah::model {

std::string month_name(int month);                  // 1 → "Januari"
std::string weekday_name(const CivilDate&);         // "Senin" … "Minggu"
std::string format_date_long(const CivilDate&);     // "5 Maret 2020" (no leading zero)
std::string format_date_numeric(const CivilDate&);  // "05-03-2020"
std::string format_date_words(const CivilDate&);    // "LIMA MARET DUA RIBU DUA PULUH"
std::string format_time(const CivilTime&);          // "14.05"

// Lower-case words with the special forms satu, sebelas, seratus, seribu:
// 23 → "dua puluh tiga", 111 → "seratus sebelas", 2020 → "dua ribu dua puluh".
// 0 … 999 999 999 999; outside that range the digits are returned unchanged.
std::string number_to_words(int64_t n);

// Upper case for Latin text in UTF-8 including Latin-1, Latin Extended-A and Latin Extended
// Additional (é → É, ṣ → Ṣ, ñ → Ñ); other characters are copied. Invalid UTF-8 is copied
// byte for byte (validation reports it elsewhere).
std::string to_upper_id(std::string_view utf8);

}  // namespace absah::model
