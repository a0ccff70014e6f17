#include "engine/seal/cbor.h"

#include <gtest/gtest.h>

#include <string>

namespace absah::seal {
namespace {

std::string hex_bytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

std::string to_hex(std::string_view bytes) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    out += d[static_cast<uint8_t>(c) >> 4];
    out += d[static_cast<uint8_t>(c) & 15];
  }
  return out;
}

// RFC 8949 Appendix A examples that fall within what we support.
TEST(Cbor, EncodesRfc8949AppendixAExamples) {
  EXPECT_EQ(to_hex(encode_cbor(CborValue::uint(0))), "00");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::uint(23))), "17");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::uint(24))), "1818");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::uint(1000))), "1903e8");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::uint(1000000))), "1a000f4240");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::uint(1000000000000))), "1b000000e8d4a51000");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::integer(-1))), "20");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::integer(-1000))), "3903e7");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::byte_string("\x01\x02\x03\x04"))), "4401020304");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::text("IETF"))), "6449455446");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::text("\xc3\xbc"))), "62c3bc");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::array(
                {CborValue::uint(1), CborValue::array({CborValue::uint(2), CborValue::uint(3)})}))),
            "8201820203");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::map({{CborValue::uint(1), CborValue::uint(2)},
                                               {CborValue::uint(3), CborValue::uint(4)}}))),
            "a201020304");
  EXPECT_EQ(to_hex(encode_cbor(CborValue::tag(1, CborValue::uint(1363896240)))), "c11a514b67b0");
}

TEST(Cbor, RoundTripsNestedValues) {
  CborValue v = CborValue::tag(
      18, CborValue::array({CborValue::byte_string(std::string(300, '\xab')),
                            CborValue::map({{CborValue::integer(-7), CborValue::text("x")},
                                            {CborValue::text("k"), CborValue::integer(INT64_MIN)}}),
                            CborValue::uint(UINT64_MAX), CborValue::text("Ni Luh Putu Ayu")}));
  std::string bytes = encode_cbor(v);
  auto back = decode_cbor(bytes);
  ASSERT_TRUE(back.ok()) << back.error().describe();
  EXPECT_EQ(encode_cbor(*back), bytes);
  EXPECT_EQ(back->items[0].items[1].find(-7)->bytes, "x");
  EXPECT_EQ(back->items[0].items[1].items[3].as_int(), INT64_MIN);
  EXPECT_EQ(back->items[0].items[2].as_int(), std::nullopt);  // above INT64_MAX
}

struct Malformed {
  const char* name;
  const char* hex;
  uint64_t offset;
};

class CborMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(CborMalformed, IsBadCborWithOffset) {
  auto r = decode_cbor(hex_bytes(GetParam().hex));
  ASSERT_FALSE(r.ok()) << GetParam().name;
  EXPECT_EQ(r.error().code, ErrorCode::FieldFormat);
  EXPECT_EQ(r.error().path, "cbor");
  EXPECT_EQ(r.error().message.rfind("bad CBOR", 0), 0u) << r.error().message;
  EXPECT_EQ(r.error().offset, GetParam().offset) << GetParam().name << ": " << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Classes, CborMalformed,
    ::testing::Values(Malformed{"empty", "", 0}, Malformed{"truncated argument", "811900", 1},
                      Malformed{"truncated string", "8244010203", 1},
                      Malformed{"string longer than input", "82016401", 2},
                      Malformed{"array count beyond input", "9a7fffffff", 0},
                      Malformed{"map count beyond input", "a20102", 0},
                      Malformed{"indefinite array", "9f01ff", 0},
                      Malformed{"indefinite string in array", "825f41014102ff", 1},
                      Malformed{"reserved additional info", "1c", 0},
                      Malformed{"float", "82f93c00", 1}, Malformed{"simple value true", "f5", 0},
                      Malformed{"non-minimal 1-byte", "1817", 0},
                      Malformed{"non-minimal 2-byte", "82001900ff", 2},
                      Malformed{"non-minimal length", "5801ff", 0},
                      Malformed{"duplicate map key", "a3010203040102", 5},
                      Malformed{"invalid utf-8 text", "82016361ff62", 4},
                      Malformed{"trailing bytes", "0102", 1}),
    [](const auto& info) {
      std::string n = info.param.name;
      for (char& c : n)
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return n;
    });

TEST(Cbor, DepthLimit) {
  std::string deep(20, '\x81');
  deep += '\x00';
  auto r = decode_cbor(deep, CborLimits{4096, 8, 512});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 9u);  // the 10th array head is at depth 9
  EXPECT_TRUE(decode_cbor(deep, CborLimits{4096, 20, 512}).ok());
}

TEST(Cbor, SizeLimit) {
  std::string big = encode_cbor(CborValue::byte_string(std::string(5000, 'a')));
  auto r = decode_cbor(big);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("limit"), std::string::npos);
  EXPECT_TRUE(decode_cbor(big, CborLimits{8000, 8, 512}).ok());
}

TEST(Cbor, ItemLimit) {
  std::string many = "\x99\x01\xF4";  // array of 500
  many += std::string(500, '\x00');
  auto r = decode_cbor(many, CborLimits{4096, 8, 100});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 0u);
}

}  // namespace
}  // namespace absah::seal
