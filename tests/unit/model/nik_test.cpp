#include "engine/model/nik.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace absah::model {

using ::testing::HasSubstr;

std::vector<std::string> all_messages(const Error& e) {
  std::vector<std::string> out{e.message};
  for (const Error& d : e.details) out.push_back(d.message);
  return out;
}

TEST(Nik, ParsesAMansNik) {
  auto nik = parse_nik("5271032303900001");
  ASSERT_TRUE(nik) << nik.error().describe();
  EXPECT_EQ(nik->region, "527103");
  EXPECT_EQ(nik->date_digits, "230390");
  EXPECT_EQ(nik->day, 23);
  EXPECT_EQ(nik->month, 3);
  EXPECT_EQ(nik->year2, 90);
  EXPECT_EQ(nik->sex, Sex::Male);
  EXPECT_EQ(nik->serial, 1);
}

TEST(Nik, ParsesAWomansNikWithTheFortyOffset) {
  // documents.md §1.1: 5271035003900001 = Cakranegara, woman born 10-03-1990, serial 0001.
  auto nik = parse_nik("5271035003900001");
  ASSERT_TRUE(nik) << nik.error().describe();
  EXPECT_EQ(nik->day, 10);
  EXPECT_EQ(nik->date_digits, "500390");
  EXPECT_EQ(nik->sex, Sex::Female);
  EXPECT_TRUE(parse_nik("5271037103909999")) << "31 + 40 = 71 is the last woman's day";
  EXPECT_EQ(parse_nik("5271037103909999")->serial, 9999);
}

TEST(Nik, AcceptsOtherProvincesBecausePeopleMove) {
  EXPECT_TRUE(parse_nik("3171012303900001"));  // DKI Jakarta
  EXPECT_TRUE(parse_nik("1101012303900001"));  // Aceh
  EXPECT_TRUE(parse_nik("9601012303900001"));  // Papua Barat Daya (2022)
}

TEST(Nik, RejectsWrongLengthAndNonDigits) {
  auto short_nik = parse_nik("527103230390001");
  ASSERT_FALSE(short_nik);
  EXPECT_EQ(short_nik.error().code, ErrorCode::NikInvalid);
  EXPECT_EQ(short_nik.error().message, "a NIK is 16 digits, got 15 characters");
  EXPECT_THAT(parse_nik("52710323039000011").error().message, HasSubstr("got 17"));
  EXPECT_EQ(parse_nik("52710323039000O1").error().message,
            "a NIK is 16 digits; character 15 is \"O\"");
  EXPECT_THAT(parse_nik("5271 32303900001").error().message, HasSubstr("character 5 is \" \""));
  EXPECT_THAT(parse_nik(std::string("527103230390000\0", 16)).error().message,
              HasSubstr("byte 0x00"));
  EXPECT_FALSE(parse_nik(""));
}

TEST(Nik, RejectsImpossibleDates) {
  EXPECT_THAT(parse_nik("5271033303900001").error().message,
              HasSubstr("day 33 is neither 01–31 (men) nor 41–71 (women add 40)"));
  EXPECT_THAT(parse_nik("5271034003900001").error().message, HasSubstr("day 40"));
  EXPECT_THAT(parse_nik("5271037203900001").error().message, HasSubstr("day 72"));
  EXPECT_THAT(parse_nik("5271030003900001").error().message, HasSubstr("day 00"));
  EXPECT_THAT(parse_nik("5271033102900001").error().message,
              HasSubstr("not a date (no day 31 in month 02)"));
  EXPECT_THAT(parse_nik("5271037102900001").error().message,
              HasSubstr("after removing the +40 of a woman"));
  EXPECT_THAT(parse_nik("5271031513900001").error().message, HasSubstr("no month 13"));
  // 29 February only in a year divisible by 4 (00 may be 2000, a leap year).
  EXPECT_TRUE(parse_nik("5271032902920001"));
  EXPECT_TRUE(parse_nik("5271036902000001"));
  EXPECT_THAT(parse_nik("5271032902930001").error().message, HasSubstr("no day 29 in month 02"));
}

TEST(Nik, RejectsUnknownRegionsAndSerialZero) {
  EXPECT_THAT(parse_nik("9971032303900001").error().message, HasSubstr("no province 99"));
  EXPECT_THAT(parse_nik("2071032303900001").error().message, HasSubstr("no province 20"));
  EXPECT_THAT(parse_nik("5200032303900001").error().message, HasSubstr("kabupaten/kota 00"));
  EXPECT_THAT(parse_nik("5271002303900001").error().message, HasSubstr("kecamatan 00"));
  EXPECT_EQ(parse_nik("5271032303900000").error().message,
            "NIK serial 0000 is not issued (0001–9999)");
}

TEST(Nik, ReportsEveryStructuralProblem) {
  auto bad = parse_nik("9971033303900000");  // province, day and serial all wrong
  ASSERT_FALSE(bad);
  auto messages = all_messages(bad.error());
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_THAT(messages[0], HasSubstr("no province 99"));
  EXPECT_THAT(messages[1], HasSubstr("day 33"));
  EXPECT_THAT(messages[2], HasSubstr("serial 0000"));
}

TEST(Nik, ConsistencyNamesEachDisagreement) {
  auto nik = *parse_nik("5271032303900001");  // a man's NIK, 23-03-90
  auto errors = check_nik_consistency(nik, "PEREMPUAN", CivilDate{1990, 3, 24}, "anggota[1].nik");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].path, "anggota[1].nik");
  EXPECT_EQ(errors[0].code, ErrorCode::NikInvalid);
  EXPECT_EQ(errors[0].message,
            "NIK day digits 23 are a man's, but jenis_kelamin is PEREMPUAN (a woman's NIK "
            "carries the day + 40: 63)");
  EXPECT_EQ(errors[1].message, "NIK birth date 230390 does not match tanggal_lahir 1990-03-24");
  EXPECT_EQ(errors[1].path, "anggota[1].nik");
  EXPECT_TRUE(check_nik_consistency(nik, "LAKI-LAKI", CivilDate{1990, 3, 23}, "nik").empty());
  // The century is not in the NIK: 2090 would also agree, 1991 does not.
  EXPECT_TRUE(check_nik_consistency(nik, std::nullopt, CivilDate{2090, 3, 23}, "nik").empty());
  EXPECT_EQ(check_nik_consistency(nik, std::nullopt, CivilDate{1991, 3, 23}, "nik").size(), 1u);
  EXPECT_EQ(check_nik_consistency(nik, std::nullopt, CivilDate{1990, 4, 23}, "nik").size(), 1u);
  // A value that is neither sex is the enumeration's problem, not the NIK's.
  EXPECT_TRUE(check_nik_consistency(nik, "WANITA", std::nullopt, "nik").empty());
}

TEST(Nik, ConsistencyOfAWomansNik) {
  auto nik = *parse_nik("5271036303900001");  // woman, 23-03-90
  EXPECT_TRUE(check_nik_consistency(nik, "PEREMPUAN", CivilDate{1990, 3, 23}, "nik").empty());
  auto errors = check_nik_consistency(nik, "LAKI-LAKI", CivilDate{1990, 3, 22}, "ibu.nik", "sex",
                                      "ibu.tanggal_lahir");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "NIK day digits 63 carry the +40 of a woman, but sex is LAKI-LAKI");
  EXPECT_EQ(errors[1].message,
            "NIK birth date 230390 (digits 630390 less the 40 of a woman) does not match "
            "ibu.tanggal_lahir 1990-03-22");
}

TEST(Nkk, ParsesRegionRecordingDateAndSerial) {
  auto nkk = parse_nkk("5271031503200007");
  ASSERT_TRUE(nkk) << nkk.error().describe();
  EXPECT_EQ(nkk->region, "527103");
  EXPECT_EQ(nkk->day, 15);
  EXPECT_EQ(nkk->month, 3);
  EXPECT_EQ(nkk->year2, 20);
  EXPECT_EQ(nkk->serial, 7);
}

TEST(Nkk, RejectsBadStructure) {
  EXPECT_THAT(parse_nkk("5271033013200007").error().message, HasSubstr("no month 13"));
  EXPECT_THAT(parse_nkk("5271035503200007").error().message, HasSubstr("not a date"))
      << "no +40 in a Nomor KK";
  EXPECT_THAT(parse_nkk("5271031503200000").error().message, HasSubstr("serial 0000"));
  EXPECT_THAT(parse_nkk("9971031503200007").error().message, HasSubstr("no province 99"));
  EXPECT_THAT(parse_nkk("527103150320007").error().message,
              HasSubstr("a Nomor KK is 16 digits, got 15"));
  EXPECT_THAT(parse_nkk("52710315032000A7").error().message, HasSubstr("character 15"));
}

TEST(Nip, ParsesBirthStartSexAndSerial) {
  auto nip = parse_nip("197203151998031004");
  ASSERT_TRUE(nip) << nip.error().describe();
  EXPECT_EQ(nip->birth, (CivilDate{1972, 3, 15}));
  EXPECT_EQ(nip->start_year, 1998);
  EXPECT_EQ(nip->start_month, 3);
  EXPECT_EQ(nip->sex, Sex::Male);
  EXPECT_EQ(nip->serial, 4);
  EXPECT_EQ(parse_nip("198001012005012001")->sex, Sex::Female);
}

TEST(Nip, RejectsBadStructure) {
  EXPECT_THAT(parse_nip("197203151998033004").error().message, HasSubstr("sex digit"));
  EXPECT_THAT(parse_nip("197202301998031004").error().message,
              HasSubstr("birth date digits 19720230"));
  EXPECT_THAT(parse_nip("197203151998131004").error().message, HasSubstr("start of service"));
  EXPECT_THAT(parse_nip("197203151980031004").error().message, HasSubstr("start of service"))
      << "appointed at 8";
  EXPECT_THAT(parse_nip("197203151998031000").error().message, HasSubstr("serial 000"));
  EXPECT_THAT(parse_nip("19720315199803100").error().message, HasSubstr("18 digits, got 17"));
  auto many = parse_nip("197202301998033000");
  ASSERT_FALSE(many);
  EXPECT_EQ(all_messages(many.error()).size(), 3u) << "birth date, sex digit and serial";
}

TEST(Nik, MaskKeepsFirstFourAndLastTwo) {
  EXPECT_EQ(mask_nik("5271036303900001"), "5271**********01");
  EXPECT_EQ(mask_nik("527103"), "******");
  EXPECT_EQ(mask_nik(""), "");
}

TEST(Nik, KnownProvinces) {
  int known = 0;
  for (int code = 0; code < 100; ++code) known += is_known_province_code(code);
  EXPECT_EQ(known, 38);
  EXPECT_TRUE(is_known_province_code(52));
  EXPECT_FALSE(is_known_province_code(54));
}

}  // namespace absah::model
