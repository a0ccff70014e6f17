#include "engine/seal/base64url.h"

#include <gtest/gtest.h>

namespace absah::seal {
namespace {

TEST(Base64Url, Rfc4648Vectors) {
  // RFC 4648 §10 test vectors, in the URL alphabet without padding.
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("\xfb\xff\xbf"), "-_-_");  // the two URL-specific symbols
}

TEST(Base64Url, RoundTripAllByteValues) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t n = 0; n <= all.size(); n += 37) {
    auto back = base64url_decode(base64url_encode(all.substr(0, n)));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, all.substr(0, n));
  }
}

TEST(Base64Url, RejectsPaddingWithOffset) {
  auto r = base64url_decode("Zg==");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 2u);
}

TEST(Base64Url, RejectsStandardAlphabetAndSpaceWithOffset) {
  auto plus = base64url_decode("Zm9v+mFy");
  ASSERT_FALSE(plus.ok());
  EXPECT_EQ(plus.error().offset, 4u);
  auto slash = base64url_decode("Zm/v");
  ASSERT_FALSE(slash.ok());
  EXPECT_EQ(slash.error().offset, 2u);
  auto space = base64url_decode("Zm9v YmFy");
  ASSERT_FALSE(space.ok());
  EXPECT_EQ(space.error().offset, 4u);
}

TEST(Base64Url, RejectsTruncatedLength) {
  auto r = base64url_decode("Zm9vY");  // 5 symbols: 1 mod 4 cannot encode whole bytes
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 4u);
}

TEST(Base64Url, RejectsNonZeroTrailingBits) {
  // "Zh" decodes to 'f' with unused low bits 0b0001: a second spelling of "Zg".
  auto r = base64url_decode("Zh");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 1u);
  EXPECT_TRUE(base64url_decode("Zg").ok());
}

}  // namespace
}  // namespace absah::seal
