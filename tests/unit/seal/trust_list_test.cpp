#include "engine/seal/trust_list.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/unit/seal/seal_test_support.h"

namespace absah::seal {
namespace {

using testing::new_key;
using testing::trust_entry;

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 256> buf;
  while (fgets(buf.data(), buf.size(), p)) out += buf.data();
  pclose(p);
  return out;
}

TEST(TrustList, ParsesEntries) {
  SealKey a = new_key(), b = new_key();
  auto list = parse_trust_list(
      R"({"version":1,"keys":[)" + trust_entry(a, "2026-01-01T00:00:00Z", "2031-01-01T00:00:00Z") +
      "," + trust_entry(b, "2030-06-01T00:00:00Z", "2035-06-01T00:00:00Z") + "]}");
  ASSERT_TRUE(list.ok()) << list.error().describe();
  ASSERT_EQ(list->keys.size(), 2u);
  EXPECT_EQ(list->keys[0].not_before, 1767225600);  // 2026-01-01T00:00:00Z
  EXPECT_EQ(list->keys[0].not_after, 1924992000);   // 2031-01-01T00:00:00Z
  EXPECT_EQ(list->find(b.kid()).size(), 1u);
  EXPECT_EQ(list->find(b.kid()).front()->office, "5271");
  EXPECT_TRUE(list->find(std::string(8, '\0')).empty());
  EXPECT_TRUE(list->keys[0].valid_at(1767225600));
  EXPECT_FALSE(list->keys[0].valid_at(1924992000));  // not_after is exclusive
}

TEST(TrustList, RejectsKidThatIsNotTheKeys) {
  SealKey a = new_key(), b = new_key();
  std::string entry = trust_entry(a, "2026-01-01T00:00:00Z", "2031-01-01T00:00:00Z");
  std::string forged = entry;
  forged.replace(forged.find(to_hex(a.kid())), 16, to_hex(b.kid()));
  auto r = parse_trust_list(R"({"version":1,"keys":[)" + forged + "]}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "keys[0].kid");
}

TEST(TrustList, RejectsBadShapes) {
  SealKey a = new_key();
  EXPECT_EQ(parse_trust_list("{").error().code, ErrorCode::JsonSyntax);
  EXPECT_EQ(parse_trust_list(R"({"version":2,"keys":[]})").error().path, "version");
  EXPECT_EQ(parse_trust_list(R"({"version":1})").error().path, "keys");
  auto bad_time = parse_trust_list(R"({"version":1,"keys":[)" +
                                   trust_entry(a, "2026-01-01", "2031-01-01T00:00:00Z") + "]}");
  EXPECT_EQ(bad_time.error().path, "keys[0].not_before");
  auto reversed =
      parse_trust_list(R"({"version":1,"keys":[)" +
                       trust_entry(a, "2031-01-01T00:00:00Z", "2026-01-01T00:00:00Z") + "]}");
  EXPECT_EQ(reversed.error().path, "keys[0].not_after");
}

TEST(TrustList, UtcTimestamps) {
  EXPECT_EQ(*parse_utc_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*parse_utc_timestamp("2000-03-01T00:00:01Z"), 951868801);
  EXPECT_FALSE(parse_utc_timestamp("2026-01-01T00:00:00+07:00").ok());
  EXPECT_FALSE(parse_utc_timestamp("2026-13-01T00:00:00Z").ok());
}

// Independent check of the kid derivation and of PEM interop: a key made by the openssl CLI,
// its kid computed by `openssl pkey -pubout -outform DER | sha256sum`.
TEST(SealKeyInterop, OpensslCliKeyAndKid) {
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no openssl CLI";
  auto dir = std::filesystem::temp_directory_path() / ("absah_kid_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string key_path = (dir / "seal-key.pem").string();
  ASSERT_EQ(std::system(("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out " +
                         key_path + " 2>/dev/null")
                            .c_str()),
            0);
  std::string expected_kid =
      run("openssl pkey -in " + key_path + " -pubout -outform DER | sha256sum").substr(0, 16);
  std::ifstream in(key_path);
  std::string pem((std::istreambuf_iterator<char>(in)), {});
  auto key = SealKey::from_pem(pem);
  ASSERT_TRUE(key.ok()) << key.error().describe();
  EXPECT_EQ(to_hex(key->kid()), expected_kid);

  // A P-384 key is refused: ES256 is P-256 only.
  std::string p384 = (dir / "p384.pem").string();
  ASSERT_EQ(std::system(("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out " +
                         p384 + " 2>/dev/null")
                            .c_str()),
            0);
  std::ifstream in384(p384);
  std::string pem384((std::istreambuf_iterator<char>(in384)), {});
  EXPECT_FALSE(SealKey::from_pem(pem384).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace absah::seal
