#include "engine/qr/qr_matrix.h"

#include <gtest/gtest.h>

#include <string>

namespace absah::qr {
namespace {

TEST(QrMatrix, SizeFollowsVersion) {
  auto m = encode_qr("http://localhost:8080/v/abc", QrEcLevel::M);
  ASSERT_TRUE(m.ok()) << m.error().describe();
  EXPECT_GE(m->version, 1);
  EXPECT_EQ(m->size, 17 + 4 * m->version);  // ISO/IEC 18004 §5.3.1
  EXPECT_EQ(m->dark.size(), static_cast<size_t>(m->size * m->size));
}

TEST(QrMatrix, FinderPatternsAreWhereTheStandardPutsThem) {
  auto m = encode_qr("HELLO", QrEcLevel::M);
  ASSERT_TRUE(m.ok());
  // ISO/IEC 18004 §6.3.3: 7x7 finder patterns in three corners: a dark ring, a light ring,
  // a dark 3x3 centre.
  auto check_finder = [&](int ox, int oy) {
    for (int y = 0; y < 7; ++y)
      for (int x = 0; x < 7; ++x) {
        bool ring = x == 0 || y == 0 || x == 6 || y == 6;
        bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
        EXPECT_EQ(m->at(ox + x, oy + y), ring || centre) << ox + x << "," << oy + y;
      }
  };
  check_finder(0, 0);
  check_finder(m->size - 7, 0);
  check_finder(0, m->size - 7);
  EXPECT_FALSE(m->at(-1, 0));
  EXPECT_FALSE(m->at(m->size, 0));
}

TEST(QrMatrix, HigherErrorCorrectionNeedsAtLeastTheSameVersion) {
  std::string text(300, 'a');
  auto l = qr_version_for(text, QrEcLevel::L);
  auto h = qr_version_for(text, QrEcLevel::H);
  ASSERT_TRUE(l.ok() && h.ok());
  EXPECT_GT(*h, *l);
}

TEST(QrMatrix, KnownCapacityBoundary) {
  // ISO/IEC 18004 Table 7: version 1-M holds 14 bytes in byte mode, so 15 needs version 2.
  EXPECT_EQ(*qr_version_for(std::string(14, 'x'), QrEcLevel::M), 1);
  EXPECT_EQ(*qr_version_for(std::string(15, 'x'), QrEcLevel::M), 2);
}

TEST(QrMatrix, TooLongFails) {
  auto m = encode_qr(std::string(3000, 'x'), QrEcLevel::M);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, ErrorCode::FieldLength);
}

TEST(QrMatrix, EmptyOrNoLevelFails) {
  EXPECT_FALSE(encode_qr("", QrEcLevel::M).ok());
  EXPECT_EQ(encode_qr("x", QrEcLevel::None).error().code, ErrorCode::Usage);
}

}  // namespace
}  // namespace absah::qr

namespace absah::qr {
namespace {

TEST(QrMatrix, UpperCaseRunsUseAlphanumericMode) {
  // 300 characters of base32 fit a smaller version than 300 lower-case letters: the former go
  // in an alphanumeric segment (5.5 bits each, ISO/IEC 18004 §7.4.4), the latter in byte mode.
  std::string upper, lower;
  for (int i = 0; i < 300; ++i) {
    upper += "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[i % 32];
    lower += static_cast<char>('a' + i % 26);
  }
  EXPECT_LT(*qr_version_for("http://x/v/" + upper, QrEcLevel::M),
            *qr_version_for("http://x/v/" + lower, QrEcLevel::M));
  EXPECT_EQ(encode_qr(std::string("a\0b", 3), QrEcLevel::M).error().code, ErrorCode::FieldFormat);
}

}  // namespace
}  // namespace absah::qr
