#include "engine/model/validate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base/base64.h"

namespace absah::model {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

Enumerations enums() {
  return *parse_enumerations(
      json{{"jenis_kelamin", {"LAKI-LAKI", "PEREMPUAN"}},
           {"agama",
            {"ISLAM", "KRISTEN", "KATHOLIK", "HINDU", "BUDHA", "KHONGHUCU", "X1", "X2", "X3"}}});
}

Schema schema_of(const char* text) {
  auto s = parse_schema(json::parse(text, nullptr, true, /*ignore_comments=*/true), enums());
  EXPECT_TRUE(s) << s.error().describe();
  return s ? *s : Schema{};
}

Schema person_schema() {
  return schema_of(R"({
    "fields": {
      "nik": {"type": "nik", "sex": "jenis_kelamin", "birth_date": "tanggal_lahir"},
      "nama": {"type": "name"},
      "tanggal_lahir": {"type": "date"},
      "jenis_kelamin": {"type": "enum", "enum": "jenis_kelamin"},
      "agama": {"type": "enum", "enum": "agama", "required": false},
      "rt_rw": {"type": "string", "pattern": "^[0-9]{3}/[0-9]{3}$", "hint": "RT/RW as 003/019"},
      "anak_ke": {"type": "integer", "min": 1, "max": 30, "required": false},
      "berat": {"type": "number", "min": 0.3, "max": 8, "required": false},
      "kawin": {"type": "boolean", "required": false},
      "pukul": {"type": "time", "required": false},
      "no_kk": {"type": "nkk", "required": false},
      "nip": {"type": "nip", "required": false},
      "foto": {"type": "image", "required": false},
      "alamat": {"type": "object", "required": false, "fields": {
          "jalan": {"type": "string", "max_length": 10},
          "rt_rw": {"type": "string", "pattern": "^[0-9]{3}/[0-9]{3}$"}}},
      "anggota": {"type": "array", "required": false, "max_items": 3,
                  "items": {"fields": {"nama": {"type": "name"}, "nik": {"type": "nik"}}}},
      "gelar": {"type": "array", "required": false, "items": {"type": "enum", "enum": "agama"}},
      "catatan": {"type": "text", "required": false, "max_length": 20},
      "tanggal_kematian": {"type": "date", "required": false}
    },
    "rules": [{"rule": "date_order", "earlier": "tanggal_lahir", "later": "tanggal_kematian",
               "message": "a death follows the birth"},
              {"rule": "date_not_future", "field": "tanggal_kematian"}]
  })");
}

json good_person() {
  return json{{"nik", "5271036303900001"},
              {"nama", "BAIQ NURUL HIDAYATI"},
              {"tanggal_lahir", "1990-03-23"},
              {"jenis_kelamin", "PEREMPUAN"},
              {"rt_rw", "004/002"}};
}

std::vector<std::string> paths(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.path);
  return out;
}

std::vector<ErrorCode> codes(const std::vector<Error>& errors) {
  std::vector<ErrorCode> out;
  for (const auto& e : errors) out.push_back(e.code);
  return out;
}

std::string describe(const ValidationResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += e.describe() + "\n";
  return out;
}

}  // namespace

TEST(Validate, AcceptsAGoodRecord) {
  auto r = validate_record(good_person(), person_schema());
  EXPECT_TRUE(r.ok()) << describe(r);
  EXPECT_TRUE(r.warnings.empty());
  json full = good_person();
  full["agama"] = "ISLAM";
  full["anak_ke"] = 2;
  full["berat"] = 3.2;
  full["kawin"] = false;
  full["pukul"] = "14.05";
  full["no_kk"] = "5271031503200007";
  full["nip"] = "197203151998031004";
  full["alamat"] = {{"jalan", "JL. MAJAPA"}, {"rt_rw", "001/002"}};
  full["anggota"] = json::array({{{"nama", "LALU AHMAD"}, {"nik", "5271032303900001"}}});
  full["gelar"] = {"HINDU", "ISLAM"};
  full["catatan"] = "baris satu\nbaris 2";
  full["tanggal_kematian"] = "2020-01-01";
  r = validate_record(full, person_schema(), CivilDate{2020, 1, 2});
  EXPECT_TRUE(r.ok()) << describe(r);
}

TEST(Validate, ThreeMistakesGiveThreeErrorsInSchemaOrder) {
  json rec = good_person();
  rec["tanggal_lahir"] = "1990-02-30";
  rec["jenis_kelamin"] = "WANITA";
  rec["rt_rw"] = "4/2";
  auto r = validate_record(rec, person_schema());
  // Fields in the order the schema object holds them (sorted by name), rules last.
  EXPECT_THAT(paths(r.errors), ElementsAre("jenis_kelamin", "rt_rw", "tanggal_lahir"));
  EXPECT_THAT(codes(r.errors),
              ElementsAre(ErrorCode::FieldEnum, ErrorCode::FieldFormat, ErrorCode::DateInvalid));
  EXPECT_EQ(r.errors[0].message, "\"WANITA\" is not one of LAKI-LAKI, PEREMPUAN");
  EXPECT_EQ(r.errors[1].message, "\"4/2\" does not match RT/RW as 003/019");
  EXPECT_EQ(r.errors[2].message,
            "expected a date YYYY-MM-DD, got \"1990-02-30\" (no such day: February 1990 has 28 "
            "days)");
}

TEST(Validate, MissingAndBlankRequiredFields) {
  json rec = good_person();
  rec.erase("nama");
  rec["rt_rw"] = "";
  rec["jenis_kelamin"] = nullptr;
  rec["agama"] = "";  // optional: blank is fine
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r.errors), ElementsAre("jenis_kelamin", "nama", "rt_rw"));
  EXPECT_THAT(codes(r.errors), ElementsAre(ErrorCode::FieldMissing, ErrorCode::FieldMissing,
                                           ErrorCode::FieldMissing));
  EXPECT_EQ(r.errors[1].message, "required name field is missing");
  EXPECT_EQ(r.errors[2].message, "required string field is missing (blank)");
}

TEST(Validate, NikMustAgreeWithSexAndBirthDate) {
  json rec = good_person();
  rec["jenis_kelamin"] = "LAKI-LAKI";
  rec["tanggal_lahir"] = "1990-03-24";
  auto r = validate_record(rec, person_schema());
  ASSERT_EQ(r.errors.size(), 2u) << describe(r);
  EXPECT_THAT(paths(r.errors), ElementsAre("nik", "nik"));
  EXPECT_THAT(codes(r.errors), ElementsAre(ErrorCode::NikInvalid, ErrorCode::NikInvalid));
  EXPECT_THAT(r.errors[0].message, HasSubstr("jenis_kelamin is LAKI-LAKI"));
  EXPECT_THAT(r.errors[1].message, HasSubstr("does not match tanggal_lahir 1990-03-24"));
}

TEST(Validate, StructurallyBadNikReportsEachProblem) {
  json rec = good_person();
  rec["nik"] = "9971037303900000";
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r.errors), ElementsAre("nik", "nik", "nik"));
  rec["nik"] = 5271036303900001;
  r = validate_record(rec, person_schema());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::FieldType);
  EXPECT_EQ(r.errors[0].message,
            "expected a NIK as a string of 16 digits, got the number 5271036303900001");
}

TEST(Validate, LegacyNikIsAWarning) {
  Schema s = schema_of(R"({"fields": {"nik": {"type": "nik", "legacy_ok": true}}})");
  auto r = validate_record(json{{"nik", "5271039903900001"}}, s);
  EXPECT_TRUE(r.ok()) << describe(r);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].path, "nik");
  EXPECT_EQ(r.warnings[0].code, ErrorCode::NikInvalid);
  EXPECT_THAT(r.warnings[0].message, HasSubstr("accepted as a legacy NIK"));
  // Not 16 digits is still a warning under legacy_ok; a non-string is still an error.
  EXPECT_TRUE(validate_record(json{{"nik", "12345"}}, s).ok());
  EXPECT_FALSE(validate_record(json{{"nik", 12345}}, s).ok());
}

TEST(Validate, NikReferenceFromTheRoot) {
  Schema s = schema_of(R"({"fields": {
      "anak": {"type": "object", "fields": {"tanggal_lahir": {"type": "date"},
                                            "jenis_kelamin": {"type": "enum", "enum": "jenis_kelamin"}}},
      "nik_anak": {"type": "nik", "sex": "/anak.jenis_kelamin", "birth_date": "/anak.tanggal_lahir"}}})");
  json rec = {{"anak", {{"tanggal_lahir", "2020-03-23"}, {"jenis_kelamin", "LAKI-LAKI"}}},
              {"nik_anak", "5271032303200001"}};
  EXPECT_TRUE(validate_record(rec, s).ok());
  rec["anak"]["tanggal_lahir"] = "2020-03-22";
  auto r = validate_record(rec, s);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message,
            "NIK birth date 230320 does not match anak.tanggal_lahir 2020-03-22");
}

TEST(Validate, ArrayItemsNestedObjectsAndUnknownFields) {
  json rec = good_person();
  rec["anggota"] = json::array({json{{"nama", "A B"}, {"nik", "5271036303900001"}},
                                json{{"nama", "C D"}, {"nik", "12345"}, {"umur", 3}}});
  rec["alamat"] = {{"jalan", "JL. PANJANG SEKALI"}, {"rt_rw", "1/2"}, {"kota", "MATARAM"}};
  rec["alamt"] = "typo";
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r.errors), ElementsAre("alamat.jalan", "alamat.rt_rw", "alamat.kota",
                                           "anggota[1].nik", "anggota[1].umur", "alamt"));
  EXPECT_EQ(r.errors[0].code, ErrorCode::FieldLength);
  EXPECT_EQ(r.errors[0].message, "18 characters, at most 10 allowed");
  EXPECT_EQ(r.errors[1].message, "\"1/2\" does not match the pattern ^[0-9]{3}/[0-9]{3}$");
  EXPECT_EQ(r.errors[2].code, ErrorCode::FieldUnknown);
  EXPECT_THAT(r.errors[2].message, HasSubstr("this object has jalan, rt_rw"));
  EXPECT_EQ(r.errors[5].code, ErrorCode::FieldUnknown);
}

TEST(Validate, ArraysOfValuesAndWrongShapes) {
  json rec = good_person();
  rec["gelar"] = {"ISLAM", "islam", "", 7};
  rec["anggota"] = json::array({"A B"});
  rec["alamat"] = "JL. MAJAPAHIT";
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r.errors),
              ElementsAre("alamat", "anggota[0]", "gelar[1]", "gelar[2]", "gelar[3]"));
  EXPECT_EQ(r.errors[0].message, "expected an object, got a string");
  EXPECT_THAT(r.errors[2].message, HasSubstr("values are upper case: \"ISLAM\""));
  EXPECT_EQ(r.errors[3].code, ErrorCode::FieldMissing);
  EXPECT_EQ(r.errors[4].code, ErrorCode::FieldType);
}

TEST(Validate, EnumErrorsListAtMostEightValues) {
  json rec = good_person();
  rec["agama"] = "LAIN";
  auto r = validate_record(rec, person_schema());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::FieldEnum);
  EXPECT_EQ(r.errors[0].message,
            "\"LAIN\" is not one of ISLAM, KRISTEN, KATHOLIK, HINDU, BUDHA, KHONGHUCU, X1, X2, … "
            "(9 values in enumeration agama)");
}

TEST(Validate, NumbersIntegersBooleansAndTimes) {
  json rec = good_person();
  rec["anak_ke"] = "dua";
  rec["berat"] = 9.5;
  rec["kawin"] = "YA";
  rec["pukul"] = "25.00";
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r.errors), ElementsAre("anak_ke", "berat", "kawin", "pukul"));
  EXPECT_EQ(r.errors[0].message, "expected a whole number, got a string");
  EXPECT_EQ(r.errors[1].message, "expected a number from 0.3 to 8.0, got 9.5");
  EXPECT_EQ(r.errors[2].message, "expected true or false, got a string");
  EXPECT_EQ(r.errors[3].code, ErrorCode::FieldFormat);
  rec = good_person();
  rec["anak_ke"] = 2.5;
  EXPECT_EQ(validate_record(rec, person_schema()).errors.at(0).message,
            "expected a whole number, got the number 2.5");
  rec["anak_ke"] = 31;
  EXPECT_EQ(validate_record(rec, person_schema()).errors.at(0).message,
            "expected a whole number from 1.0 to 30.0, got 31");
  rec["anak_ke"] = 30;
  EXPECT_TRUE(validate_record(rec, person_schema()).ok());
}

TEST(Validate, LengthsControlCharactersAndUtf8) {
  json rec = good_person();
  rec["catatan"] = std::string(25, 'x');
  rec["nama"] = "BAIQ\tNURUL";
  rec["rt_rw"] = std::string("004/00\x80", 7);
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r.errors), ElementsAre("catatan", "nama", "rt_rw"));
  EXPECT_EQ(r.errors[0].message, "25 characters, at most 20 allowed");
  EXPECT_EQ(r.errors[1].message, "control character U+0009 at byte 4");
  EXPECT_EQ(r.errors[2].message, "invalid UTF-8 at byte 6 (byte 0x80)");

  rec = good_person();
  rec["catatan"] = "satu\r\ndua";
  rec["nama"] = "BAIQ\nNURUL";
  rec["rt_rw"] = "004/002\xC2\x85";  // U+0085 NEXT LINE, a C1 control
  r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r.errors), ElementsAre("catatan", "nama", "rt_rw"));
  EXPECT_EQ(r.errors[0].message, "control character U+000D at byte 4");
  EXPECT_THAT(r.errors[1].message, HasSubstr("only \"text\" fields may have them"));
  EXPECT_EQ(r.errors[2].message, "control character U+0085 at byte 7");

  // Invalid UTF-8 is the problem named even after an earlier control character.
  rec = good_person();
  rec["rt_rw"] = std::string("0\x01\xC3(/002", 7);
  r = validate_record(rec, person_schema());
  ASSERT_THAT(paths(r.errors), ElementsAre("rt_rw"));
  EXPECT_EQ(r.errors[0].message, "invalid UTF-8 at byte 2 (byte 0xC3)");

  rec = good_person();
  rec["nama"] = std::string(61, 'A');
  EXPECT_EQ(validate_record(rec, person_schema()).errors.at(0).message,
            "61 characters, at most 60 allowed");
  rec["nama"] = "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ";
  EXPECT_TRUE(validate_record(rec, person_schema()).ok()) << "60 characters in 120 bytes";
}

TEST(Validate, NamesFollowPermendagri73) {
  json rec = good_person();
  auto first_message = [&](const char* name) {
    rec["nama"] = name;
    auto r = validate_record(rec, person_schema());
    return r.errors.empty() ? std::string() : r.errors[0].message;
  };
  EXPECT_EQ(first_message("MUHAMMAD ṢALIḤ"), "") << "Latin Extended letters are letters";
  EXPECT_EQ(first_message("I GUSTI AYU NGURAH, S.PD."), "");
  EXPECT_EQ(first_message("ROBI'AH AL-ADAWIYAH"), "");
  EXPECT_EQ(first_message("AGUS 2"),
            "a name has Latin letters, spaces and ' . , - only (Permendagri 73/2022); found "
            "\"2\" at byte 5");
  EXPECT_THAT(first_message("AGUS_SALIM"), HasSubstr("found \"_\""));
  EXPECT_THAT(first_message("АННА"), HasSubstr("found \"А\""));  // Cyrillic
  EXPECT_THAT(first_message(" AGUS"), HasSubstr("leading, trailing or double spaces"));
  EXPECT_THAT(first_message("AGUS  SALIM"), HasSubstr("leading, trailing or double spaces"));
  EXPECT_EQ(first_message("..."), "a name needs letters, got \"...\"");
}

TEST(Validate, NkkNipAndImages) {
  json rec = good_person();
  rec["no_kk"] = "5271033013200000";
  rec["nip"] = "19720315199803300";
  rec["foto"] = "not base64!";
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r.errors), ElementsAre("foto", "nip", "no_kk", "no_kk"));
  EXPECT_THAT(codes(r.errors), ElementsAre(ErrorCode::FieldFormat, ErrorCode::NikInvalid,
                                           ErrorCode::NikInvalid, ErrorCode::NikInvalid));
  EXPECT_THAT(r.errors[0].message, HasSubstr("expected a base64 JPEG or PNG"));

  rec = good_person();
  rec["foto"] = base64_encode("GIF89a....");
  EXPECT_EQ(validate_record(rec, person_schema()).errors.at(0).message,
            "the decoded data is neither a JPEG nor a PNG image");
  rec["foto"] = base64_encode(std::string("\xFF\xD8\xFF\xE0rest of a JPEG", 18));
  EXPECT_TRUE(validate_record(rec, person_schema()).ok());
  rec["foto"] = base64_encode(std::string("\x89PNG\r\n\x1a\nrest", 12));
  EXPECT_TRUE(validate_record(rec, person_schema()).ok());
  rec["foto"] = base64_encode(std::string("\xFF\xD8\xFF") + std::string(kMaxImageBytes, 'x'));
  auto big = validate_record(rec, person_schema());
  ASSERT_EQ(big.errors.size(), 1u);
  EXPECT_EQ(big.errors[0].code, ErrorCode::FieldLength);
  EXPECT_THAT(big.errors[0].message, HasSubstr("at most 2 MiB"));
}

TEST(Validate, RulesCompareDatesAcrossTheRecord) {
  json rec = good_person();
  rec["tanggal_kematian"] = "1990-03-22";
  auto r = validate_record(rec, person_schema());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].path, "tanggal_kematian");
  EXPECT_EQ(r.errors[0].code, ErrorCode::DateInvalid);
  EXPECT_EQ(r.errors[0].message,
            "tanggal_kematian 1990-03-22 is before tanggal_lahir 1990-03-23 (a death follows the "
            "birth)");
  rec["tanggal_kematian"] = "1990-03-23";
  EXPECT_TRUE(validate_record(rec, person_schema()).ok()) << "the same day is in order";

  // Not in the future of the issue date: from the argument, else from tanggal_terbit.
  rec["tanggal_kematian"] = "2030-01-01";
  EXPECT_TRUE(validate_record(rec, person_schema()).ok()) << "no issue date: rule skipped";
  r = validate_record(rec, person_schema(), CivilDate{2026, 11, 29});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "tanggal_kematian 2030-01-01 is after the issue date 2026-11-29");
  Schema with_issue = schema_of(R"({"fields": {"tanggal_terbit": {"type": "date"},
      "tanggal_kematian": {"type": "date"}},
      "rules": [{"rule": "date_not_future", "field": "tanggal_kematian"}]})");
  r = validate_record(json{{"tanggal_terbit", "2026-11-29"}, {"tanggal_kematian", "2026-11-30"}},
                      with_issue);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].message, HasSubstr("after the issue date 2026-11-29"));
}

TEST(Validate, RulesRunAlongsideFieldErrors) {
  json rec = good_person();
  rec["nama"] = "AGUS 2";
  rec["tanggal_kematian"] = "1980-01-01";
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r.errors), ElementsAre("nama", "tanggal_kematian"));
}

TEST(Validate, TooManyArrayItemsIsOneErrorNotAWalk) {
  json rec = good_person();
  rec["anggota"] = json::array();
  for (int i = 0; i < 1000; ++i) rec["anggota"].push_back(json{{"nama", "A B"}});
  auto r = validate_record(rec, person_schema());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "1000 items, expected 0 to 3");
}

TEST(Validate, ErrorsStopAfterTheLimit) {
  Schema s = schema_of(R"({"fields": {"a": {"type": "array", "max_items": 1000,
                                            "items": {"fields": {"x": {"type": "date"}}}}}})");
  json rec = {{"a", json::array()}};
  for (int i = 0; i < 1000; ++i) rec["a"].push_back(json{{"x", "no"}, {"y", 1}});
  auto r = validate_record(rec, s);
  ASSERT_EQ(r.errors.size(), kMaxReportedErrors + 1);
  EXPECT_EQ(r.errors.back().code, ErrorCode::RecordInvalid);
  EXPECT_THAT(r.errors.back().message, HasSubstr("the rest are not listed"));
}

TEST(Validate, TheRecordMustBeAnObject) {
  auto r = validate_record(json::array(), person_schema());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].path, "");
  EXPECT_EQ(r.errors[0].message, "the record must be an object, got an array");
}

}  // namespace absah::model
