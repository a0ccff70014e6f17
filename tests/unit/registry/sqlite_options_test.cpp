// Options in a sqlite: registry URL: a short lock wait and a size cap, used to make a locked or
// full registry fail quickly and cleanly.

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/registry/sqlite_connection.h"

namespace absah::registry {
namespace {

TEST(SqliteOptions, PathWithoutQueryKeepsTheDefaults) {
  auto t = parse_sqlite_target("/var/lib/absah/registry.db");
  ASSERT_TRUE(t.ok()) << t.error().describe();
  EXPECT_EQ(t->first, "/var/lib/absah/registry.db");
  EXPECT_EQ(t->second.busy_timeout_ms, 60000);
  EXPECT_EQ(t->second.max_page_count, 0);
}

TEST(SqliteOptions, BothOptionsAreRead) {
  auto t = parse_sqlite_target("absah.db?busy_timeout_ms=250&max_page_count=64");
  ASSERT_TRUE(t.ok()) << t.error().describe();
  EXPECT_EQ(t->first, "absah.db");
  EXPECT_EQ(t->second.busy_timeout_ms, 250);
  EXPECT_EQ(t->second.max_page_count, 64);
}

TEST(SqliteOptions, UnknownOrMalformedOptionsAreUsageErrors) {
  for (const char* bad : {"a.db?journal=off", "a.db?busy_timeout_ms=", "a.db?busy_timeout_ms=-1",
                          "a.db?max_page_count=1e9", "a.db?busy_timeout_ms=999999999999"}) {
    auto t = parse_sqlite_target(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().code, ErrorCode::Usage) << bad;
  }
}

TEST(SqliteOptions, MaxPageCountCapsTheDatabase) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("absah-sqlite-cap-" +
                     std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".db");
  std::filesystem::remove(path);
  SqliteOptions options;
  options.max_page_count = 4;
  auto conn = SqliteConnection::open(path.string(), options);
  ASSERT_TRUE(conn.ok()) << conn.error().describe();
  ASSERT_TRUE((*conn)->exec_script("CREATE TABLE t (x BLOB);").ok());
  Status filled = ok_status();
  for (int i = 0; i < 16 && filled.ok(); ++i)
    filled = (*conn)->exec_script("INSERT INTO t VALUES (zeroblob(4096));");
  ASSERT_FALSE(filled.ok());
  EXPECT_EQ(filled.error().code, ErrorCode::RegistryUnavailable);
  EXPECT_NE(filled.error().message.find("full"), std::string::npos) << filled.error().message;
  conn->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace
}  // namespace absah::registry
