#include "engine/model/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace absah::model {

using nlohmann::json;
using ::testing::HasSubstr;

namespace {

Enumerations enums() {
  return *parse_enumerations(
      json{{"jenis_kelamin", {"LAKI-LAKI", "PEREMPUAN"}}, {"agama", {"ISLAM", "KRISTEN"}}});
}

Error schema_error(const std::string& text) {
  auto s = parse_schema(json::parse(text), enums());
  EXPECT_FALSE(s) << text;
  return s ? Error() : s.error();
}

}  // namespace

TEST(Schema, ParsesFieldsTypesAndDefaults) {
  auto s = parse_schema(json::parse(R"({
    "fields": {
      "nik": {"type": "nik", "sex": "jenis_kelamin", "birth_date": "tanggal_lahir"},
      "nama": {"type": "name"},
      "tempat_lahir": {"type": "string"},
      "tanggal_lahir": {"type": "date"},
      "jenis_kelamin": {"type": "enum", "enum": "jenis_kelamin"},
      "catatan": {"type": "text", "required": false},
      "anak_ke": {"type": "integer", "min": 1, "max": 30},
      "alamat": {"type": "object", "fields": {"rt_rw": {"type": "string", "pattern": "^[0-9]{3}/[0-9]{3}$"}}},
      "anggota": {"type": "array", "items": {"fields": {"nama": {"type": "name"}}}},
      "gelar": {"type": "array", "max_items": 3, "items": {"type": "string", "max_length": 10}}
    }
  })"),
                        enums());
  ASSERT_TRUE(s) << s.error().describe();
  const ObjectSpec& root = *s->root;
  ASSERT_EQ(root.fields.size(), 10u);
  EXPECT_EQ(root.find("nama")->max_length, 60u);
  EXPECT_EQ(root.find("tempat_lahir")->max_length, 200u);
  EXPECT_EQ(root.find("catatan")->max_length, 10000u);
  EXPECT_FALSE(root.find("catatan")->required);
  EXPECT_TRUE(root.find("nama")->required);
  EXPECT_EQ(root.find("jenis_kelamin")->enum_values.size(), 2u);
  EXPECT_EQ(*root.find("anak_ke")->max, 30);
  EXPECT_EQ(root.find("anggota")->max_items, 200u);
  EXPECT_EQ(root.find("anggota")->object->fields.size(), 1u);
  EXPECT_EQ(root.find("gelar")->item->type, FieldType::String);
  EXPECT_EQ(root.find("alamat")->object->find("rt_rw")->pattern_source, "^[0-9]{3}/[0-9]{3}$");
  EXPECT_EQ(root.find("nope"), nullptr);
}

TEST(Schema, ErrorsNameTheSchemaPath) {
  Error e = schema_error(R"({"fields": {"a": {"type": "strin"}}})");
  EXPECT_EQ(e.code, ErrorCode::LayoutInvalid);
  EXPECT_EQ(e.path, "fields.a.type");
  EXPECT_THAT(e.message, HasSubstr("unknown field type \"strin\""));

  e = schema_error(R"({"fields": {"a": {"type": "enum", "enum": "nope"}}})");
  EXPECT_EQ(e.path, "fields.a.enum");
  EXPECT_THAT(e.message, HasSubstr("unknown enumeration \"nope\" (known: agama, jenis_kelamin)"));

  e = schema_error(
      R"({"fields": {"anggota": {"type": "array", "items": {"fields": {"nik": {"typ": "nik"}}}}}})");
  EXPECT_EQ(e.path, "fields.anggota.items.fields.nik.type");

  e = schema_error(R"({"fields": {"a": {"type": "integer", "max_length": 3}}})");
  EXPECT_EQ(e.path, "fields.a.max_length");
  EXPECT_THAT(e.message, HasSubstr("does not apply to a field of type integer"));

  e = schema_error(R"({"fields": {"a": {"type": "string", "pattern": "([0-9"}}})");
  EXPECT_EQ(e.path, "fields.a.pattern");
  EXPECT_THAT(e.message, HasSubstr("not a valid regular expression"));

  e = schema_error(R"({"fields": {"a": {"type": "string", "required": "no"}}})");
  EXPECT_EQ(e.path, "fields.a.required");

  e = schema_error(R"({"fields": {}, "rulez": []})");
  EXPECT_EQ(e.path, "rulez");

  e = schema_error(R"({"fieldz": {}})");
  EXPECT_EQ(e.path, "fieldz");
}

TEST(Schema, BoundsAreChecked) {
  EXPECT_EQ(schema_error(R"({"fields": {"a": {"type": "array", "max_items": 5000,
                                              "items": {"fields": {}}}}})")
                .path,
            "fields.a.max_items");
  EXPECT_EQ(schema_error(R"({"fields": {"a": {"type": "array", "min_items": 5, "max_items": 2,
                                              "items": {"fields": {}}}}})")
                .path,
            "fields.a.min_items");
  EXPECT_EQ(schema_error(R"({"fields": {"a": {"type": "text", "max_length": 20000}}})").path,
            "fields.a.max_length");
  EXPECT_EQ(schema_error(R"({"fields": {"a": {"type": "string", "min_length": 5,
                                              "max_length": 2}}})")
                .path,
            "fields.a.min_length");
  EXPECT_EQ(schema_error(R"({"fields": {"a": {"type": "integer", "min": 5, "max": 2}}})").path,
            "fields.a.min");
  EXPECT_THAT(schema_error(R"({"fields": {"a": {"type": "string", "max_length": 1000,
                                                "pattern": "^a*$"}}})")
                  .message,
              HasSubstr("a pattern needs max_length ≤ 256"));
  EXPECT_EQ(schema_error(R"({"fields": {"a": {"type": "array"}}})").path, "fields.a.items");
}

TEST(Schema, NestingDepthIsLimitedToEight) {
  auto nested = [](int levels) {
    json inner = json{{"fields", {{"x", {{"type", "string"}}}}}};
    for (int i = 1; i < levels; ++i)
      inner = json{{"fields", {{"o", {{"type", "object"}, {"fields", inner["fields"]}}}}}};
    return inner;
  };
  EXPECT_TRUE(parse_schema(nested(8), enums()));
  auto deep = parse_schema(nested(9), enums());
  ASSERT_FALSE(deep);
  EXPECT_THAT(deep.error().message, HasSubstr("deeper than 8"));
}

TEST(Schema, NikReferencesMustNameFieldsOfTheRightType) {
  Error e = schema_error(R"({"fields": {"nik": {"type": "nik", "sex": "jenis_kelamn"},
                                        "jenis_kelamin": {"type": "enum", "enum": "jenis_kelamin"}}})");
  EXPECT_EQ(e.path, "fields.nik.sex");
  EXPECT_THAT(e.message, HasSubstr("\"jenis_kelamn\" is not a enum field beside this one"));

  e = schema_error(R"({"fields": {"nik": {"type": "nik", "birth_date": "nama"},
                                  "nama": {"type": "name"}}})");
  EXPECT_EQ(e.path, "fields.nik.birth_date");

  // From the root with a leading "/", into nested objects and array items.
  auto ok = parse_schema(json::parse(R"({"fields": {
      "anak": {"type": "object", "fields": {"tanggal_lahir": {"type": "date"}}},
      "ibu": {"type": "object", "fields": {"nik": {"type": "nik", "birth_date": "/anak.tanggal_lahir"}}},
      "anggota": {"type": "array", "items": {"fields": {
          "nik": {"type": "nik", "birth_date": "lahir"}, "lahir": {"type": "date"}}}}}})"),
                         enums());
  EXPECT_TRUE(ok) << ok.error().describe();
  e = schema_error(R"({"fields": {"anggota": {"type": "array", "items": {"fields": {
          "nik": {"type": "nik", "birth_date": "lahr"}, "lahir": {"type": "date"}}}}}})");
  EXPECT_EQ(e.path, "fields.anggota.items.fields.nik.birth_date");
}

TEST(Schema, RulesNameDateFields) {
  auto ok = parse_schema(json::parse(R"({"fields": {
      "ayah": {"type": "object", "fields": {"tanggal_lahir": {"type": "date"}}},
      "tanggal_lahir": {"type": "date"}},
    "rules": [{"rule": "date_order", "earlier": "ayah.tanggal_lahir", "later": "tanggal_lahir",
               "message": "the father is born before the child"},
              {"rule": "date_not_future", "field": "tanggal_lahir"}]})"),
                         enums());
  ASSERT_TRUE(ok) << ok.error().describe();
  ASSERT_EQ(ok->rules.size(), 2u);
  EXPECT_EQ(ok->rules[0].kind, SchemaRule::Kind::DateOrder);
  EXPECT_EQ(ok->rules[0].earlier, "ayah.tanggal_lahir");
  EXPECT_EQ(ok->rules[1].kind, SchemaRule::Kind::DateNotFuture);

  Error e = schema_error(R"({"fields": {"a": {"type": "date"}},
      "rules": [{"rule": "date_order", "earlier": "a", "later": "b"}]})");
  EXPECT_EQ(e.path, "rules[0].later");
  EXPECT_THAT(e.message, HasSubstr("\"b\" is not a date field"));
  e = schema_error(R"({"fields": {"a": {"type": "date"}}, "rules": [{"rule": "date_before"}]})");
  EXPECT_EQ(e.path, "rules[0].rule");
  e = schema_error(
      R"({"fields": {"a": {"type": "date"}}, "rules": [{"rule": "date_not_future", "field": "a", "feld": 1}]})");
  EXPECT_EQ(e.path, "rules[0].feld");
}

TEST(Enumerations, ListsAreNonEmptyAndUnique) {
  auto e = parse_enumerations(json{{"a", {"X", "Y"}}});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->lists.at("a").size(), 2u);
  EXPECT_EQ(parse_enumerations(json{{"a", {"X", "X"}}}).error().path, "a[1]");
  EXPECT_EQ(parse_enumerations(json{{"a", json::array()}}).error().path, "a");
  EXPECT_EQ(parse_enumerations(json{{"a", {"X", 1}}}).error().path, "a[1]");
  EXPECT_EQ(parse_enumerations(json{{"a", {""}}}).error().path, "a[0]");
  EXPECT_FALSE(parse_enumerations(json::array()));
}

}  // namespace absah::model
