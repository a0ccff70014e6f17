#include <gtest/gtest.h>

#include "engine/layout/layout_loader.h"
#include "engine/model/schema.h"

namespace absah {
namespace {

// Found by fuzz_layout_parser: a field of the wrong JSON type made nlohmann throw out of the
// loader and abort the process.
TEST(LayoutTypes, AFieldOfTheWrongJsonTypeIsALayoutError) {
  auto parsed = layout::parse_layout(nlohmann::json{{"type", {{"jalan", 1}}}}, "bad.jsonc");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::LayoutInvalid);
  EXPECT_EQ(parsed.error().path, "bad.jsonc");
  EXPECT_NE(parsed.error().message.find("wrong JSON type"), std::string::npos);
}

TEST(LayoutTypes, ASchemaFieldOfTheWrongJsonTypeIsAnErrorNotACrash) {
  auto schema = model::parse_schema(nlohmann::json{{"nama", {{"type", 12}}}}, {});
  ASSERT_FALSE(schema.ok());
}

}  // namespace
}  // namespace absah
