#include "engine/model/indonesian.h"

#include <gtest/gtest.h>

namespace absah::model {

TEST(CivilDate, ParsesRealDatesOnly) {
  EXPECT_TRUE(parse_iso_date("2024-02-29"));
  EXPECT_FALSE(parse_iso_date("2023-02-29"));
  EXPECT_FALSE(parse_iso_date("1900-02-29")) << "1900 was not a leap year";
  EXPECT_TRUE(parse_iso_date("2000-02-29"));
  auto bad = parse_iso_date("1990-02-30");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("no such day"), std::string::npos);
  EXPECT_FALSE(parse_iso_date("23-03-1990"));
  EXPECT_FALSE(parse_iso_date("1990-3-23"));
}

TEST(CivilDate, DaysAndWeekdaysRoundTrip) {
  CivilDate d{2020, 3, 23};
  EXPECT_EQ(CivilDate::from_days_since_epoch(d.days_since_epoch()), d);
  EXPECT_EQ((CivilDate{1970, 1, 1}.days_since_epoch()), 0);
  EXPECT_EQ(weekday_name(d), "Senin");
  EXPECT_EQ(weekday_name(CivilDate{2026, 11, 29}), "Minggu");
  EXPECT_EQ(age_on(CivilDate{1990, 3, 23}, CivilDate{2026, 3, 22}), 35);
  EXPECT_EQ(age_on(CivilDate{1990, 3, 23}, CivilDate{2026, 3, 23}), 36);
}

TEST(Indonesian, DateForms) {
  EXPECT_EQ(format_date_long({2020, 3, 23}), "23 Maret 2020");
  EXPECT_EQ(format_date_long({2020, 3, 5}), "5 Maret 2020");
  EXPECT_EQ(format_date_numeric({2020, 3, 5}), "05-03-2020");
  EXPECT_EQ(format_date_words({2020, 3, 23}), "DUA PULUH TIGA MARET DUA RIBU DUA PULUH");
  EXPECT_EQ(format_date_words({1990, 11, 11}),
            "SEBELAS NOVEMBER SERIBU SEMBILAN RATUS SEMBILAN PULUH");
  EXPECT_EQ(format_date_words({2001, 1, 1}), "SATU JANUARI DUA RIBU SATU");
  EXPECT_EQ(format_time({14, 5}), "14.05");
}

TEST(Indonesian, NumberWordsUseTheSpecialForms) {
  EXPECT_EQ(number_to_words(0), "nol");
  EXPECT_EQ(number_to_words(1), "satu");
  EXPECT_EQ(number_to_words(10), "sepuluh");
  EXPECT_EQ(number_to_words(11), "sebelas");
  EXPECT_EQ(number_to_words(19), "sembilan belas");
  EXPECT_EQ(number_to_words(23), "dua puluh tiga");
  EXPECT_EQ(number_to_words(100), "seratus");
  EXPECT_EQ(number_to_words(111), "seratus sebelas");
  EXPECT_EQ(number_to_words(1000), "seribu");
  EXPECT_EQ(number_to_words(1990), "seribu sembilan ratus sembilan puluh");
  EXPECT_EQ(number_to_words(2020), "dua ribu dua puluh");
  EXPECT_EQ(number_to_words(21000), "dua puluh satu ribu");
  EXPECT_EQ(number_to_words(1'000'000), "satu juta");
  EXPECT_EQ(number_to_words(2'500'011), "dua juta lima ratus ribu sebelas");
}

TEST(Indonesian, UpperCaseKeepsDiacritics) {
  EXPECT_EQ(to_upper_id("muhammad ṣaliḥ"), "MUHAMMAD ṢALIḤ");
  EXPECT_EQ(to_upper_id("andré"), "ANDRÉ");
  EXPECT_EQ(to_upper_id("robi'ah al-adawiyah"), "ROBI'AH AL-ADAWIYAH");
  EXPECT_EQ(to_upper_id("łódź"), "ŁÓDŹ");
  EXPECT_EQ(to_upper_id("ÿ"), "Ÿ");
}

}  // namespace absah::model
