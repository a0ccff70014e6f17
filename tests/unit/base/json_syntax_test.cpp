#include "engine/base/json_syntax.h"

#include <gtest/gtest.h>

namespace absah {
namespace {

TEST(ParseJson, ReturnsTheValue) {
  auto parsed = parse_json(R"({"a": [1, 2.5, "x"]})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value()["a"][2], "x");
}

TEST(ParseJson, CommentsOnlyWhenAsked) {
  EXPECT_FALSE(parse_json("// note\n{}").ok());
  EXPECT_TRUE(parse_json("// note\n{}", /*allow_comments=*/true).ok());
}

TEST(ParseJson, ASyntaxErrorHasItsOffsetAndNotTheInput) {
  auto parsed = parse_json(R"({"nik": 5271031504180007x})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::JsonSyntax);
  ASSERT_TRUE(parsed.error().offset.has_value());
  EXPECT_EQ(*parsed.error().offset, 24u);
  EXPECT_EQ(parsed.error().message.find("5271031504180007"), std::string::npos)
      << parsed.error().message;
}

TEST(ParseJson, ANumberBeyondADoubleIsAnErrorNotAnException) {
  for (const char* text : {"[1e999]", R"({"x": -1E400})"}) {
    auto parsed = parse_json(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::JsonSyntax);
    EXPECT_NE(parsed.error().message.find("too large"), std::string::npos);
    EXPECT_EQ(parsed.error().message.find("1e999"), std::string::npos);
  }
}

}  // namespace
}  // namespace absah
