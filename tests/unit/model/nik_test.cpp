#include "engine/model/nik.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace absah::model {

using ::testing::HasSubstr;

TEST(Nik, ParsesAWomansNikWithTheFortyOffset) {
  auto nik = parse_nik("5271036303900001");
  ASSERT_TRUE(nik) << nik.error().describe();
  EXPECT_EQ(nik->region, "527103");
  EXPECT_EQ(nik->day, 23);
  EXPECT_EQ(nik->month, 3);
  EXPECT_EQ(nik->year2, 90);
  EXPECT_EQ(nik->sex, Sex::Female);
  EXPECT_EQ(nik->serial, 1);
}

TEST(Nik, RejectsWrongLengthAndNonDigits) {
  EXPECT_THAT(parse_nik("527103630390001").error().message, HasSubstr("16 digits, got 15"));
  EXPECT_FALSE(parse_nik("52710363039000O1"));
}

TEST(Nik, RejectsUnknownProvinceImpossibleDateAndSerialZero) {
  EXPECT_THAT(parse_nik("9971036303900001").error().message, HasSubstr("no province 99"));
  EXPECT_THAT(parse_nik("5271037303900001").error().message,
              HasSubstr("not a date"));  // day 33 for a woman
  EXPECT_THAT(parse_nik("5271033102900001").error().message,
              HasSubstr("not a date"));  // 31 February
  EXPECT_THAT(parse_nik("5271032303900000").error().message, HasSubstr("serial 0000"));
}

TEST(Nik, ConsistencyNamesEachDisagreement) {
  auto nik = *parse_nik("5271032303900001");  // a man's NIK, 23-03-90
  auto errors = check_nik_consistency(nik, "PEREMPUAN", CivilDate{1990, 3, 24}, "anggota[1].nik");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].path, "anggota[1].nik");
  EXPECT_THAT(errors[0].message, HasSubstr("+40"));
  EXPECT_THAT(errors[1].message, HasSubstr("does not match the birth date 1990-03-24"));
  EXPECT_TRUE(check_nik_consistency(nik, "LAKI-LAKI", CivilDate{1990, 3, 23}, "nik").empty());
  // The century is not in the NIK: 2090 would also agree, 1991 does not.
  EXPECT_EQ(check_nik_consistency(nik, std::nullopt, CivilDate{1991, 3, 23}, "nik").size(), 1u);
}

TEST(Nkk, ParsesRegionRecordingDateAndSerial) {
  auto nkk = parse_nkk("5271031503200007");
  ASSERT_TRUE(nkk);
  EXPECT_EQ(nkk->region, "527103");
  EXPECT_EQ(nkk->day, 15);
  EXPECT_EQ(nkk->serial, 7);
  EXPECT_FALSE(parse_nkk("5271033013200007"));  // month 13
}

TEST(Nip, ParsesBirthStartSexAndSerial) {
  auto nip = parse_nip("197203151998031004");
  ASSERT_TRUE(nip) << nip.error().describe();
  EXPECT_EQ(nip->birth, (CivilDate{1972, 3, 15}));
  EXPECT_EQ(nip->start_year, 1998);
  EXPECT_EQ(nip->sex, Sex::Male);
  EXPECT_THAT(parse_nip("197203151998033004").error().message, HasSubstr("sex digit"));
}

TEST(Nik, MaskKeepsFirstFourAndLastTwo) {
  EXPECT_EQ(mask_nik("5271036303900001"), "5271**********01");
}

}  // namespace absah::model
