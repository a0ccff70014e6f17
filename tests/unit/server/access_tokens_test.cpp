#include "engine/server/access_tokens.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace absah::server {
namespace {

constexpr const char* kTokens =
    "# backend and counter staff\n"
    "issuer  backend-0123456789abcdef\n"
    "\n"
    "officer\tcounter-0123456789abcdef\r\n";

TEST(AccessTokens, ParsesRolesAndComments) {
  auto tokens = AccessTokens::parse(kTokens, "tokens");
  ASSERT_TRUE(tokens) << tokens.error().describe();
  EXPECT_EQ(tokens->size(), 2u);
  EXPECT_EQ(tokens->role_of("backend-0123456789abcdef"), Role::Issuer);
  EXPECT_EQ(tokens->role_of("counter-0123456789abcdef"), Role::Officer);
  EXPECT_EQ(tokens->role_of("counter-0123456789abcdeF"), std::nullopt);
  EXPECT_EQ(tokens->role_of("counter-0123456789abcde"), std::nullopt);
  EXPECT_EQ(tokens->role_of(""), std::nullopt);
}

TEST(AccessTokens, RefusesBadLinesNamingThem) {
  auto unknown_role = AccessTokens::parse("admin abcdefghijklmnopq\n", "t");
  ASSERT_FALSE(unknown_role);
  EXPECT_EQ(unknown_role.error().path, "t:1");
  auto short_token = AccessTokens::parse("# c\nissuer short\n", "t");
  ASSERT_FALSE(short_token);
  EXPECT_EQ(short_token.error().path, "t:2");
  EXPECT_FALSE(AccessTokens::parse("issuer\n", "t"));
  EXPECT_FALSE(AccessTokens::parse("issuer abcdefghijklmnopq\nofficer abcdefghijklmnopq\n", "t"));
  EXPECT_FALSE(AccessTokens::parse("# nothing\n", "t"));
}

TEST(AccessTokens, RefusesAFileOthersCanRead) {
  const auto path =
      std::filesystem::temp_directory_path() / ("absah-tokens-" + std::to_string(::getpid()));
  std::ofstream(path) << kTokens;
  ::chmod(path.c_str(), 0644);
  auto shared = AccessTokens::load(path);
  ASSERT_FALSE(shared);
  EXPECT_NE(shared.error().message.find("chmod 600"), std::string::npos);
  ::chmod(path.c_str(), 0600);
  auto own = AccessTokens::load(path);
  EXPECT_TRUE(own) << own.error().describe();
  std::filesystem::remove(path);
}

TEST(BearerToken, TakesTheTokenOfTheBearerScheme) {
  EXPECT_EQ(bearer_token("Bearer abc"), "abc");
  EXPECT_EQ(bearer_token("bearer  abc "), "abc");
  EXPECT_EQ(bearer_token("Basic abc"), "");
  EXPECT_EQ(bearer_token("Bearer "), "");
  EXPECT_EQ(bearer_token(""), "");
}

}  // namespace
}  // namespace absah::server
