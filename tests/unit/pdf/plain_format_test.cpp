#include "engine/pdf/plain_format.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdio>
#include <string>

namespace absah::pdf {
namespace {

std::string plain(const char* format, ...) {
  std::string out = "<";
  va_list args;
  va_start(args, format);
  append_plain_format(out, format, args);
  va_end(args);
  return out;
}

std::string reference(const char* format, ...) {
  char buffer[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  return std::string("<") + buffer;
}

#define EXPECT_AS_PRINTF(format, ...)                        \
  do {                                                       \
    EXPECT_TRUE(is_plain_format(format));                    \
    EXPECT_EQ(plain(format __VA_OPT__(, ) __VA_ARGS__),      \
              reference(format __VA_OPT__(, ) __VA_ARGS__)); \
  } while (false)

TEST(PlainFormat, WritesWhatPrintfWrites) {
  EXPECT_AS_PRINTF("%i %i obj\n", 12, 0);
  EXPECT_AS_PRINTF(" %i %hi R", 7, 3);
  EXPECT_AS_PRINTF("%d|%i|%u", INT_MIN, INT_MAX, UINT_MAX);
  EXPECT_AS_PRINTF("%hi|%hu|%hhi|%hhu", 70000, 70000, 200, 300);  // narrowed as printf does
  EXPECT_AS_PRINTF("%ld|%lu|%lli|%llu", LONG_MIN, ULONG_MAX, LLONG_MIN, ULLONG_MAX);
  EXPECT_AS_PRINTF("%zu|%zd", size_t{123456789}, ssize_t{-5});
  EXPECT_AS_PRINTF("/%s%c%%EOF%%", "Name", 'x');
  EXPECT_AS_PRINTF("no conversions at all");
  EXPECT_AS_PRINTF("");
  EXPECT_AS_PRINTF("%s", "");
  EXPECT_AS_PRINTF("%%%%EOF\n");
}

TEST(PlainFormat, LeavesEverythingElseToPrintf) {
  EXPECT_FALSE(is_plain_format("%0.10lu %0.5hu %c \n"));  // PoDoFo's xref lines
  EXPECT_FALSE(is_plain_format("%f"));
  EXPECT_FALSE(is_plain_format("%5i"));
  EXPECT_FALSE(is_plain_format("%-i"));
  EXPECT_FALSE(is_plain_format("%02X"));
  EXPECT_FALSE(is_plain_format("%ls"));
  EXPECT_FALSE(is_plain_format("%.3s"));
  EXPECT_FALSE(is_plain_format("trailing %"));
}

}  // namespace
}  // namespace absah::pdf
