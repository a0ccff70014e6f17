#include "engine/base/number_format.h"

#include <gtest/gtest.h>

#include <limits>

namespace absah {

TEST(NumberFormat, TrimsTrailingZerosAndDot) {
  EXPECT_EQ(format_decimal(12.5), "12.5");
  EXPECT_EQ(format_decimal(12.0), "12");
  EXPECT_EQ(format_decimal(0.0001), "0");
  EXPECT_EQ(format_decimal(-0.0001), "0");
  EXPECT_EQ(format_decimal(595.2756, 2), "595.28");
}

TEST(NumberFormat, NonFiniteBecomesZero) {
  EXPECT_EQ(format_decimal(std::numeric_limits<double>::infinity()), "0");
  EXPECT_EQ(format_decimal(std::numeric_limits<double>::quiet_NaN()), "0");
}

}  // namespace absah
