#include "engine/model/civil_date.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace absah::model {

using ::testing::HasSubstr;

TEST(CivilDate, LeapYearsFollowTheGregorianRule) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_FALSE(is_leap_year(2023));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2023, 4), 30);
  EXPECT_EQ(days_in_month(2023, 13), 0);
}

TEST(CivilDate, ParsesRealDatesOnly) {
  EXPECT_EQ(*parse_iso_date("2024-02-29"), (CivilDate{2024, 2, 29}));
  EXPECT_TRUE(parse_iso_date("2000-02-29"));
  EXPECT_FALSE(parse_iso_date("2023-02-29"));
  EXPECT_FALSE(parse_iso_date("1900-02-29")) << "1900 was not a leap year";
  EXPECT_FALSE(parse_iso_date("2023-04-31"));
  EXPECT_FALSE(parse_iso_date("2023-00-10"));
  EXPECT_FALSE(parse_iso_date("2023-01-00"));
  auto bad = parse_iso_date("1990-02-30");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::DateInvalid);
  EXPECT_EQ(bad.error().message,
            "expected a date YYYY-MM-DD, got \"1990-02-30\" (no such day: February 1990 has 28 "
            "days)");
  EXPECT_THAT(parse_iso_date("1990-13-01").error().message, HasSubstr("no month 13"));
}

TEST(CivilDate, RejectsOtherShapesAndYearsOutsideTheRange) {
  for (const char* s : {"23-03-1990", "1990-3-23", "1990/03/23", "19900323", " 1990-03-23",
                        "1990-03-23 ", "1990-03-23T00:00", "+990-03-23", "1990-0a-23", ""})
    EXPECT_FALSE(parse_iso_date(s)) << s;
  EXPECT_THAT(parse_iso_date("1799-12-31").error().message, HasSubstr("year outside 1800–2200"));
  EXPECT_TRUE(parse_iso_date("1800-01-01"));
  EXPECT_TRUE(parse_iso_date("2200-12-31"));
  EXPECT_FALSE(parse_iso_date("2201-01-01"));
}

TEST(CivilDate, OrdersByYearMonthDay) {
  EXPECT_LT((CivilDate{1990, 3, 23}), (CivilDate{1990, 3, 24}));
  EXPECT_LT((CivilDate{1990, 12, 31}), (CivilDate{1991, 1, 1}));
  EXPECT_GT((CivilDate{2020, 2, 1}), (CivilDate{2020, 1, 31}));
  EXPECT_EQ((CivilDate{2020, 2, 1}), (CivilDate{2020, 2, 1}));
}

TEST(CivilDate, DaysSinceEpochRoundTripsOverTheWholeRange) {
  EXPECT_EQ((CivilDate{1970, 1, 1}.days_since_epoch()), 0);
  EXPECT_EQ((CivilDate{2000, 3, 1}.days_since_epoch()), 11017);  // date -d 2000-03-01 +%s / 86400
  EXPECT_EQ((CivilDate{1800, 1, 1}.days_since_epoch()), -62091);
  // Every day from 1800 to 2200 maps to the next integer and back.
  CivilDate d{1800, 1, 1};
  int64_t n = d.days_since_epoch();
  while (d.year <= 2200) {
    ASSERT_EQ(CivilDate::from_days_since_epoch(n), d);
    ASSERT_EQ(d.days_since_epoch(), n);
    ++n;
    if (++d.day > days_in_month(d.year, d.month)) {
      d.day = 1;
      if (++d.month > 12) {
        d.month = 1;
        ++d.year;
      }
    }
  }
}

TEST(CivilDate, WeekdayStartsOnMonday) {
  EXPECT_EQ((CivilDate{2020, 3, 23}.weekday()), 0);   // Senin
  EXPECT_EQ((CivilDate{1945, 8, 17}.weekday()), 4);   // Jumat: the proclamation
  EXPECT_EQ((CivilDate{1970, 1, 1}.weekday()), 3);    // Kamis
  EXPECT_EQ((CivilDate{1800, 1, 1}.weekday()), 2);    // Rabu
  EXPECT_EQ((CivilDate{2026, 11, 29}.weekday()), 6);  // Minggu
}

TEST(CivilDate, IsoText) {
  EXPECT_EQ((CivilDate{1990, 3, 5}.iso()), "1990-03-05");
}

TEST(CivilDate, AgeInCompletedYears) {
  EXPECT_EQ(age_on({1990, 3, 23}, {2026, 3, 22}), 35);
  EXPECT_EQ(age_on({1990, 3, 23}, {2026, 3, 23}), 36);
  EXPECT_EQ(age_on({2000, 2, 29}, {2001, 2, 28}), 0);
  EXPECT_EQ(age_on({2000, 2, 29}, {2001, 3, 1}), 1);
  EXPECT_EQ(age_on({2000, 2, 29}, {2004, 2, 29}), 4);
  EXPECT_EQ(age_on({2020, 1, 1}, {2020, 1, 1}), 0);
}

TEST(CivilTime, AcceptsColonAndDot) {
  auto t = parse_time("14:05");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->hour, 14);
  EXPECT_EQ(t->minute, 5);
  EXPECT_EQ(*parse_time("07.30"), (CivilTime{7, 30}));
  EXPECT_TRUE(parse_time("00:00"));
  EXPECT_TRUE(parse_time("23:59"));
  for (const char* s : {"24:00", "12:60", "7:30", "07:3", "0730", "07-30", "07:30:00", ""})
    EXPECT_FALSE(parse_time(s)) << s;
  EXPECT_EQ(parse_time("25:00").error().code, ErrorCode::FieldFormat);
  EXPECT_THAT(parse_time("25:00").error().message, HasSubstr("got \"25:00\""));
  EXPECT_LT((CivilTime{7, 59}), (CivilTime{8, 0}));
}

}  // namespace absah::model
