#include "engine/model/validate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/canonical_json.h"

namespace absah::model {

using nlohmann::json;
using ::testing::HasSubstr;

namespace {

Enumerations enums() {
  return *parse_enumerations(
      json{{"jenis_kelamin", {"LAKI-LAKI", "PEREMPUAN"}},
           {"agama",
            {"ISLAM", "KRISTEN", "KATHOLIK", "HINDU", "BUDHA", "KHONGHUCU", "X1", "X2", "X3"}}});
}

Schema person_schema() {
  json j = json::parse(R"({
    "fields": {
      "nik": {"type": "nik", "sex": "jenis_kelamin", "birth_date": "tanggal_lahir"},
      "nama": {"type": "name"},
      "tanggal_lahir": {"type": "date"},
      "jenis_kelamin": {"type": "enum", "enum": "jenis_kelamin"},
      "agama": {"type": "enum", "enum": "agama", "required": false},
      "rt_rw": {"type": "string", "pattern": "^[0-9]{3}/[0-9]{3}$", "hint": "RT/RW as 003/019"},
      "anak_ke": {"type": "integer", "min": 1, "max": 30, "required": false},
      "anggota": {"type": "array", "required": false, "max_items": 3,
                  "items": {"fields": {"nama": {"type": "name"}, "nik": {"type": "nik"}}}},
      "catatan": {"type": "text", "required": false, "max_length": 20}
    },
    "rules": [{"rule": "date_order", "earlier": "tanggal_lahir", "later": "tanggal_kematian"}]
  })");
  auto s = parse_schema(j, enums());
  EXPECT_TRUE(s) << s.error().describe();
  return *s;
}

json good_person() {
  return json{{"nik", "5271036303900001"},
              {"nama", "BAIQ NURUL HIDAYATI"},
              {"tanggal_lahir", "1990-03-23"},
              {"jenis_kelamin", "PEREMPUAN"},
              {"rt_rw", "004/002"}};
}

std::vector<std::string> paths(const ValidationResult& r) {
  std::vector<std::string> out;
  for (const auto& e : r.errors) out.push_back(e.path);
  return out;
}

}  // namespace

TEST(Validate, AcceptsAGoodRecord) {
  auto r = validate_record(good_person(), person_schema());
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].describe());
}

TEST(Validate, ReportsEveryProblemWithItsPath) {
  json rec = good_person();
  rec["tanggal_lahir"] = "1990-02-30";
  rec["jenis_kelamin"] = "WANITA";
  rec["rt_rw"] = "4/2";
  rec.erase("nama");
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r),
              ::testing::UnorderedElementsAre("tanggal_lahir", "jenis_kelamin", "rt_rw", "nama"));
  for (const auto& e : r.errors) {
    if (e.path == "tanggal_lahir") EXPECT_THAT(e.message, HasSubstr("no such day"));
    if (e.path == "jenis_kelamin") EXPECT_EQ(e.code, ErrorCode::FieldEnum);
    if (e.path == "jenis_kelamin") EXPECT_THAT(e.message, HasSubstr("LAKI-LAKI, PEREMPUAN"));
    if (e.path == "rt_rw") EXPECT_THAT(e.message, HasSubstr("RT/RW as 003/019"));
    if (e.path == "nama") EXPECT_EQ(e.code, ErrorCode::FieldMissing);
  }
}

TEST(Validate, NikMustAgreeWithSexAndBirthDate) {
  json rec = good_person();
  rec["jenis_kelamin"] = "LAKI-LAKI";
  auto r = validate_record(rec, person_schema());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].path, "nik");
  EXPECT_EQ(r.errors[0].code, ErrorCode::NikInvalid);
}

TEST(Validate, ArrayItemsAndUnknownFields) {
  json rec = good_person();
  rec["anggota"] = json::array({json{{"nama", "A B"}, {"nik", "5271036303900001"}},
                                json{{"nama", "C D"}, {"nik", "12345"}, {"umur", 3}}});
  rec["alamt"] = "typo";
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r),
              ::testing::UnorderedElementsAre("anggota[1].nik", "anggota[1].umur", "alamt"));
}

TEST(Validate, EnumErrorsListAtMostEightValues) {
  json rec = good_person();
  rec["agama"] = "LAIN";
  auto r = validate_record(rec, person_schema());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].message, HasSubstr("9 values in enumeration agama"));
}

TEST(Validate, TypesLengthsControlCharactersAndUtf8) {
  json rec = good_person();
  rec["anak_ke"] = "dua";
  rec["catatan"] = std::string(25, 'x');
  rec["nama"] = "BAIQ\tNURUL";
  auto r = validate_record(rec, person_schema());
  EXPECT_THAT(paths(r), ::testing::UnorderedElementsAre("anak_ke", "catatan", "nama"));
  rec = good_person();
  rec["nama"] = std::string(70, 'A');
  EXPECT_THAT(validate_record(rec, person_schema()).errors.at(0).message, HasSubstr("at most 60"));
  rec["nama"] = "AGUS 2";
  EXPECT_THAT(validate_record(rec, person_schema()).errors.at(0).message, HasSubstr("found \"2\""));
  rec["nama"] = "MUHAMMAD ṢALIḤ";
  EXPECT_TRUE(validate_record(rec, person_schema()).ok()) << "Latin Extended letters are letters";
}

TEST(Validate, TooManyArrayItemsIsOneErrorNotAWalk) {
  json rec = good_person();
  rec["anggota"] = json::array();
  for (int i = 0; i < 1000; ++i) rec["anggota"].push_back(json{{"nama", "A B"}});
  auto r = validate_record(rec, person_schema());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].message, HasSubstr("1000 items"));
}

TEST(Schema, ErrorsNameTheSchemaPath) {
  auto bad_type = parse_schema(json::parse(R"({"fields": {"a": {"type": "strin"}}})"), enums());
  ASSERT_FALSE(bad_type);
  EXPECT_EQ(bad_type.error().path, ".fields.a.type");
  auto bad_enum =
      parse_schema(json::parse(R"({"fields": {"a": {"type": "enum", "enum": "nope"}}})"), enums());
  ASSERT_FALSE(bad_enum);
  EXPECT_THAT(bad_enum.error().message, HasSubstr("unknown enumeration"));
}

TEST(CanonicalJson, SortsKeysAndUsesMinimalEscapes) {
  json j = json::parse(R"({"b": 1, "a": {"z": [true, null, "x\"y"], "é": "\u0001"}, "A": 2})");
  EXPECT_EQ(canonical_json(j), R"({"A":2,"a":{"z":[true,null,"x\"y"],"é":"\u0001"},"b":1})");
  EXPECT_EQ(record_digest(j), record_digest(json::parse(canonical_json(j))))
      << "stable under re-parsing";
  json k = j;
  k["b"] = 2;
  EXPECT_NE(record_digest(j), record_digest(k));
}

}  // namespace absah::model
