#include "engine/seal/base32.h"

#include <gtest/gtest.h>

namespace absah::seal {
namespace {

TEST(Base32, Rfc4648Vectors) {
  // RFC 4648 §10 test vectors, without padding.
  EXPECT_EQ(base32_encode(""), "");
  EXPECT_EQ(base32_encode("f"), "MY");
  EXPECT_EQ(base32_encode("fo"), "MZXQ");
  EXPECT_EQ(base32_encode("foo"), "MZXW6");
  EXPECT_EQ(base32_encode("foob"), "MZXW6YQ");
  EXPECT_EQ(base32_encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  for (const char* s : {"f", "fo", "foo", "foob", "fooba", "foobar"}) {
    auto back = base32_decode(base32_encode(s));
    ASSERT_TRUE(back.ok()) << s;
    EXPECT_EQ(*back, s);
  }
}

TEST(Base32, RoundTripAllByteValuesAndLengths) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(255 - i);
  for (size_t n = 0; n <= 40; ++n) {
    auto back = base32_decode(base32_encode(all.substr(0, n)));
    ASSERT_TRUE(back.ok()) << n;
    EXPECT_EQ(*back, all.substr(0, n));
  }
  EXPECT_EQ(*base32_decode(base32_encode(all)), all);
}

TEST(Base32, RejectsPaddingWithOffset) {
  auto r = base32_decode("MY======");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 2u);
}

TEST(Base32, RejectsLowerCaseOtherAlphabetsAndSpaceWithOffset) {
  auto lower = base32_decode("MZXw6YTB");
  ASSERT_FALSE(lower.ok());
  EXPECT_EQ(lower.error().offset, 3u);
  auto digit = base32_decode("MZX16YTB");  // '1' is not in the alphabet (only 2–7)
  ASSERT_FALSE(digit.ok());
  EXPECT_EQ(digit.error().offset, 3u);
  auto space = base32_decode("MZXW 6YTB");
  ASSERT_FALSE(space.ok());  // 9 characters: impossible length, reported first
  auto space8 = base32_decode("MZ W6YTB");
  ASSERT_FALSE(space8.ok());
  EXPECT_EQ(space8.error().offset, 2u);
}

TEST(Base32, RejectsImpossibleLengths) {
  for (const char* s : {"M", "MZX", "MZXW6Y"}) {
    auto r = base32_decode(s);
    ASSERT_FALSE(r.ok()) << s;
    EXPECT_EQ(r.error().offset, std::string_view(s).size() - 1) << s;
  }
}

TEST(Base32, RejectsNonZeroTrailingBits) {
  // "MZ" decodes to 'f' with two unused bits 0b01: a second spelling of "MY".
  auto r = base32_decode("MZ");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 1u);
  EXPECT_TRUE(base32_decode("MY").ok());
}

}  // namespace
}  // namespace absah::seal
