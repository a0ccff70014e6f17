#include "engine/model/indonesian.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/base/utf8.h"

namespace absah::model {

TEST(Indonesian, MonthAndWeekdayNames) {
  EXPECT_EQ(month_name(1), "Januari");
  EXPECT_EQ(month_name(8), "Agustus");
  EXPECT_EQ(month_name(12), "Desember");
  EXPECT_EQ(month_name(13), "?");
  EXPECT_EQ(weekday_name({2020, 3, 23}), "Senin");
  EXPECT_EQ(weekday_name({2020, 3, 24}), "Selasa");
  EXPECT_EQ(weekday_name({1945, 8, 17}), "Jumat");
  EXPECT_EQ(weekday_name({2026, 11, 28}), "Sabtu");
  EXPECT_EQ(weekday_name({2026, 11, 29}), "Minggu");
}

TEST(Indonesian, LongAndNumericDates) {
  EXPECT_EQ(format_date_long({2020, 3, 23}), "23 Maret 2020");
  EXPECT_EQ(format_date_long({2020, 3, 5}), "5 Maret 2020") << "no leading zero";
  EXPECT_EQ(format_date_long({1999, 12, 31}), "31 Desember 1999");
  EXPECT_EQ(format_date_numeric({2020, 3, 23}), "23-03-2020");
  EXPECT_EQ(format_date_numeric({2020, 3, 5}), "05-03-2020");
  EXPECT_EQ(format_time({14, 5}), "14.05");
  EXPECT_EQ(format_time({0, 0}), "00.00");
}

TEST(Indonesian, DatesInCapitalWords) {
  struct Case {
    CivilDate date;
    const char* words;
  } cases[] = {
      {{2020, 3, 23}, "DUA PULUH TIGA MARET DUA RIBU DUA PULUH"},
      {{1990, 11, 11}, "SEBELAS NOVEMBER SERIBU SEMBILAN RATUS SEMBILAN PULUH"},
      {{2001, 1, 1}, "SATU JANUARI DUA RIBU SATU"},
      {{2000, 12, 10}, "SEPULUH DESEMBER DUA RIBU"},
      {{1999, 2, 28}, "DUA PULUH DELAPAN FEBRUARI SERIBU SEMBILAN RATUS SEMBILAN PULUH SEMBILAN"},
      {{2011, 8, 17}, "TUJUH BELAS AGUSTUS DUA RIBU SEBELAS"},
      {{1945, 8, 17}, "TUJUH BELAS AGUSTUS SERIBU SEMBILAN RATUS EMPAT PULUH LIMA"},
      {{2024, 2, 29}, "DUA PULUH SEMBILAN FEBRUARI DUA RIBU DUA PULUH EMPAT"},
      {{1900, 5, 31}, "TIGA PULUH SATU MEI SERIBU SEMBILAN RATUS"},
      {{2100, 6, 12}, "DUA BELAS JUNI DUA RIBU SERATUS"},
      {{1810, 7, 20}, "DUA PULUH JULI SERIBU DELAPAN RATUS SEPULUH"},
      {{2019, 10, 30}, "TIGA PULUH OKTOBER DUA RIBU SEMBILAN BELAS"},
      {{2111, 4, 15}, "LIMA BELAS APRIL DUA RIBU SERATUS SEBELAS"},
      {{2000, 9, 1}, "SATU SEPTEMBER DUA RIBU"},
  };
  for (const Case& c : cases) EXPECT_EQ(format_date_words(c.date), c.words) << c.date.iso();
}

TEST(Indonesian, NumberWordsUseTheSpecialForms) {
  struct Case {
    int64_t n;
    const char* words;
  } cases[] = {
      {0, "nol"},
      {1, "satu"},
      {10, "sepuluh"},
      {11, "sebelas"},
      {12, "dua belas"},
      {19, "sembilan belas"},
      {20, "dua puluh"},
      {23, "dua puluh tiga"},
      {100, "seratus"},
      {101, "seratus satu"},
      {110, "seratus sepuluh"},
      {111, "seratus sebelas"},
      {200, "dua ratus"},
      {1000, "seribu"},
      {1001, "seribu satu"},
      {1100, "seribu seratus"},
      {1990, "seribu sembilan ratus sembilan puluh"},
      {2001, "dua ribu satu"},
      {2020, "dua ribu dua puluh"},
      {10000, "sepuluh ribu"},
      {11000, "sebelas ribu"},
      {21000, "dua puluh satu ribu"},
      {100000, "seratus ribu"},
      {111111, "seratus sebelas ribu seratus sebelas"},
      {1'000'000, "satu juta"},
      {1'001'000, "satu juta seribu"},
      {2'500'011, "dua juta lima ratus ribu sebelas"},
      {1'000'000'000, "satu miliar"},
      {999'999'999'999,
       "sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta "
       "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan"},
  };
  for (const Case& c : cases) EXPECT_EQ(number_to_words(c.n), c.words) << c.n;
  EXPECT_EQ(number_to_words(1'000'000'000'000), "1000000000000") << "outside the range: digits";
  EXPECT_EQ(number_to_words(-5), "-5");
}

TEST(Indonesian, UpperCaseKeepsDiacritics) {
  EXPECT_EQ(to_upper_id("muhammad ṣaliḥ"), "MUHAMMAD ṢALIḤ");
  EXPECT_EQ(to_upper_id("andré"), "ANDRÉ");
  EXPECT_EQ(to_upper_id("peña"), "PEÑA");
  EXPECT_EQ(to_upper_id("müller"), "MÜLLER");
  EXPECT_EQ(to_upper_id("robi'ah al-adawiyah"), "ROBI'AH AL-ADAWIYAH");
  EXPECT_EQ(to_upper_id("łódź"), "ŁÓDŹ");
  EXPECT_EQ(to_upper_id("ÿ"), "Ÿ");
  EXPECT_EQ(to_upper_id("ștefan țurcan ǎ"), "ȘTEFAN ȚURCAN Ǎ") << "Latin Extended-B";
  EXPECT_EQ(to_upper_id("straße"), "STRAßE") << "no length-changing mappings";
  EXPECT_EQ(to_upper_id("a1 b-2, ①"), "A1 B-2, ①");
  EXPECT_EQ(to_upper_id(std::string("a\xFF"
                                    "b",
                                    3)),
            std::string("A\xFF"
                        "B",
                        3))
      << "invalid bytes are copied";
}

// tests/unit/model/data/latin_upper.txt was generated with Python's str.upper(), independent
// of the engine's tables:
//   python3 -c 'for c in [*range(0x250), *range(0x1E00, 0x1F00)]: u = chr(c).upper();
//               len(u) == 1 and ord(u) != c and c != 0xB5 and print("%04X %04X" % (c, ord(u)))'
TEST(Indonesian, UpperCaseAgreesWithUnicodeForLatinLetters) {
  std::ifstream in(std::filesystem::path(__FILE__).parent_path() / "data" / "latin_upper.txt");
  ASSERT_TRUE(in) << "missing data/latin_upper.txt";
  std::string line;
  int checked = 0;
  std::set<uint32_t> changing;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    uint32_t lower = 0, upper = 0;
    fields >> std::hex >> lower >> upper;
    std::string l, u;
    append_utf8(l, lower);
    append_utf8(u, upper);
    EXPECT_EQ(to_upper_id(l), u) << std::hex << "U+" << lower;
    changing.insert(lower);
    ++checked;
  }
  EXPECT_GT(checked, 300);
  // Everything else in those blocks is left alone (upper case letters, signs, ß, ŉ, µ).
  for (uint32_t c = 0x20; c < 0x250; ++c) {
    if (changing.count(c) || (c >= 0x80 && c < 0xA0)) continue;
    std::string s;
    append_utf8(s, c);
    EXPECT_EQ(to_upper_id(s), s) << std::hex << "U+" << c;
  }
}

}  // namespace absah::model
