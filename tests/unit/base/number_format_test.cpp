#include "engine/base/number_format.h"

#include <gtest/gtest.h>

#include <clocale>

namespace absah {

TEST(NumberFormat, TrimsTrailingZerosAndDot) {
  EXPECT_EQ(format_decimal(12.5), "12.5");
  EXPECT_EQ(format_decimal(12.0), "12");
  EXPECT_EQ(format_decimal(0.0001), "0");
  EXPECT_EQ(format_decimal(-0.0001), "0");
  EXPECT_EQ(format_decimal(595.2756, 2), "595.28");
}

TEST(NumberFormat, IgnoresProcessLocale) {
  const char* previous = std::setlocale(LC_NUMERIC, nullptr);
  std::string saved = previous ? previous : "C";
  if (std::setlocale(LC_NUMERIC, "de_DE.UTF-8") == nullptr) GTEST_SKIP() << "de_DE locale absent";
  EXPECT_EQ(format_decimal(1.25), "1.25");
  std::setlocale(LC_NUMERIC, saved.c_str());
}

TEST(NumberFormat, NonFiniteBecomesZero) {
  EXPECT_EQ(format_decimal(std::numeric_limits<double>::infinity()), "0");
  EXPECT_EQ(format_decimal(std::numeric_limits<double>::quiet_NaN()), "0");
}

}  // namespace absah
