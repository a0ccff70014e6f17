#include "engine/model/canonical_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>

namespace absah::model {

using nlohmann::json;
using ::testing::HasSubstr;

namespace {

std::string hex(const std::array<uint8_t, 32>& d) {
  std::string out;
  char buf[3];
  for (uint8_t b : d) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

std::string number(double d) {
  return canonical_json(json(d));
}

}  // namespace

TEST(CanonicalJson, SortsKeysAndDropsWhiteSpace) {
  json j = json::parse(R"({"b": 1, "a": {"z": [true, null, "x"], "é": false}, "A": 2})");
  EXPECT_EQ(canonical_json(j), R"({"A":2,"a":{"z":[true,null,"x"],"é":false},"b":1})");
}

TEST(CanonicalJson, SortsByUtf16CodeUnits) {
  // RFC 8785 §3.2.3: U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB01 (ﬁ), although
  // its UTF-8 and code point order is after (node: Object.keys(o).sort() agrees).
  json j = json::parse(R"({"\ufb01": 1, "\ud83d\ude00": 2, "z": 3, "\u00e9": 4})");
  EXPECT_EQ(canonical_json(j), "{\"z\":3,\"é\":4,\"😀\":2,\"ﬁ\":1}");
}

TEST(CanonicalJson, EscapesOnlyWhatJsonRequires) {
  json j = std::string("q\" b\\ \b\f\n\r\t \x01\x1f\x7f / é € 😀");
  EXPECT_EQ(canonical_json(j), "\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f\x7f / é € 😀\"");
}

TEST(CanonicalJson, NumbersFollowEcmaScript) {
  // Expected strings are what JavaScript prints (checked with node: JSON.stringify(x)), as
  // RFC 8785 §3.2.2.3 and appendix B require.
  EXPECT_EQ(canonical_json(json(0)), "0");
  EXPECT_EQ(canonical_json(json(-7)), "-7");
  EXPECT_EQ(canonical_json(json(int64_t{9007199254740993})), "9007199254740993")
      << "integers are exact (AD-HOC beyond 2^53)";
  EXPECT_EQ(canonical_json(json(uint64_t{18446744073709551615u})), "18446744073709551615");
  EXPECT_EQ(number(3.0), "3");
  EXPECT_EQ(number(-0.0), "0");
  EXPECT_EQ(number(3.2), "3.2");
  EXPECT_EQ(number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(number(1e21), "1e+21");
  EXPECT_EQ(number(1e20), "100000000000000000000");
  EXPECT_EQ(number(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(number(0.000001), "0.000001");
  EXPECT_EQ(number(0.0000001), "1e-7");
  EXPECT_EQ(number(1.5e-7), "1.5e-7");
  EXPECT_EQ(number(-1.5e300), "-1.5e+300");
  EXPECT_EQ(number(5e-324), "5e-324");
  EXPECT_EQ(number(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(number(333333333.33333329), "333333333.3333333");
  EXPECT_EQ(number(4.50), "4.5");
  EXPECT_EQ(number(2e-3), "0.002");
  EXPECT_EQ(canonical_json(json::parse("[1.0, 1e2, 12.50]")), "[1,100,12.5]");
}

TEST(CanonicalJson, StableUnderReparsingAndKeyOrder) {
  json a = json::parse(R"({"nama": "BAIQ", "anggota": [{"nik": "1", "x": 0.5}], "n": 2})");
  json b = json::parse(R"({"n": 2.0, "anggota": [{"x": 5e-1, "nik": "1"}], "nama": "BAIQ"})");
  EXPECT_EQ(canonical_json(a), canonical_json(b));
  EXPECT_EQ(record_digest(a), record_digest(b));
  EXPECT_EQ(record_digest(a), record_digest(json::parse(canonical_json(a))));
  json c = a;
  c["n"] = 3;
  EXPECT_NE(record_digest(a), record_digest(c));
  c = a;
  c["anggota"][0]["nik"] = "2";
  EXPECT_NE(record_digest(a), record_digest(c));
}

TEST(CanonicalJson, DigestIsSha256OfTheCanonicalText) {
  // Expected values from an independent tool:
  //   printf '%s' '{"a":1,"b":"é"}' | sha256sum
  //   printf '%s' '""' | sha256sum
  EXPECT_EQ(canonical_json(json::parse(R"({"b":"é","a":1})")), "{\"a\":1,\"b\":\"é\"}");
  EXPECT_EQ(hex(record_digest(json::parse(R"({"b":"é","a":1})"))),
            "09ad9fd2fb648cb2f62141215828ea00a62c299db05d20aa9ade2f527a301cc6");
  EXPECT_EQ(hex(record_digest(json::parse(R"("")"))),
            "12ae32cb1ec02d01eda3581b127c1fee3b0dc53572ed6baf239721a03d82e126");
}

// Names that are all ASCII keep nlohmann's order; one non-ASCII name sorts the whole object,
// and invalid bytes in names and values become U+FFFD each, escapes staying minimal.
TEST(CanonicalJson, RepairsAndSortsNamesAndValuesAlike) {
  json j = {{"b", std::string("x\xFF\xC3\n\"", 5)},
            {std::string("a\x80", 2), 1},
            {"\xC3\xA9", json::array({std::string("\x01\xE2\x82\xAC\\", 5)})},
            {"A", json::object({{"z", 1}, {"Z", 2}})}};
  EXPECT_EQ(
      canonical_json(j),
      "{\"A\":{\"Z\":2,\"z\":1},\"a\xEF\xBF\xBD\":1,\"b\":\"x\xEF\xBF\xBD\xEF\xBF\xBD\\n\\\"\","
      "\"\xC3\xA9\":[\"\\u0001\xE2\x82\xAC\\\\\"]}");
  auto strict = try_canonical_json(j);
  ASSERT_FALSE(strict);
  EXPECT_EQ(strict.error().message, "a member name is not valid UTF-8");
  EXPECT_EQ(strict.error().path, "");
}

TEST(CanonicalJson, StrictFormRejectsWhatHasNoCanonicalForm) {
  json bad = {{"anggota", json::array({json{{"nama", std::string("A\xC3", 2)}}})}};
  auto r = try_canonical_json(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::FieldFormat);
  EXPECT_EQ(r.error().path, "anggota[0].nama");
  EXPECT_EQ(canonical_json(bad), "{\"anggota\":[{\"nama\":\"A\xEF\xBF\xBD\"}]}")
      << "the lenient form repairs with U+FFFD";

  json nan = {{"x", std::nan("")}};
  EXPECT_EQ(try_canonical_json(nan).error().code, ErrorCode::FieldType);
  EXPECT_EQ(canonical_json(nan), "{\"x\":null}");

  EXPECT_EQ(*try_canonical_json(json::parse(R"({"b":[1,{"c":null}],"a":"x"})")),
            R"({"a":"x","b":[1,{"c":null}]})");
}

TEST(CanonicalJson, DeepNestingNeitherCrashesNorPassesTheStrictForm) {
  json deep = json::array();
  for (int i = 0; i < 100000; ++i) deep = json::array({std::move(deep)});
  std::string text = canonical_json(deep);
  EXPECT_EQ(text.size(), 2u * 100001);
  auto strict = try_canonical_json(deep);
  ASSERT_FALSE(strict);
  EXPECT_EQ(strict.error().code, ErrorCode::RecordInvalid);
  json ok = json::array();
  for (int i = 1; i < kMaxCanonicalDepth; ++i) ok = json::array({std::move(ok)});
  EXPECT_TRUE(try_canonical_json(ok));
}

}  // namespace absah::model
