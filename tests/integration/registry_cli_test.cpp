// The registry through the binary: issuing allocates gapless numbers inside the registry's
// transaction, an idempotency key makes a retry return the same number, a failed render uses
// no number, and `absah verify` reports valid / revoked / superseded / unknown / tampered from
// the signature, the seal and the registry. The library's own suite (tests/unit/registry) runs
// the same lifecycle against SQLite and PostgreSQL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/integration/tool_runner.h"

namespace absah::testing {

namespace {

using ::testing::HasSubstr;

class RegistryCli : public ::testing::Test {
 protected:
  void SetUp() override {
    auto init = run_absah("keys init --dir " + quote(pki().string()));
    ASSERT_EQ(init.exit_code, 0) << init.out;
    auto record = nlohmann::json::parse(read_text(source_dir() / "samples" / "sk_kematian.json"));
    record.erase("nomor");  // numbered by the registry
    std::ofstream(dir / "record.json") << record.dump();
    record["tanggal_lahir"] = "1948-02-30";
    std::ofstream(dir / "bad.json") << record.dump();
  }
  std::filesystem::path pki() const { return dir / "pki"; }
  std::string registry() const {
    return "--registry " + quote("sqlite:" + (dir / "absah.db").string());
  }

  // Returns the issued number ("" on failure).
  std::string issue(const std::string& out, const std::string& data = "record.json",
                    const std::string& extra = "", ToolResult* result = nullptr) {
    auto r = run_absah("render --type sk_kematian --data " + quote((dir / data).string()) +
                       " --out " + quote((dir / out).string()) + " --keys " +
                       quote(pki().string()) + " " + registry() + " " + extra);
    if (result) *result = r;
    std::smatch m;
    return std::regex_search(r.out, m, std::regex("issued: (\\S+)")) ? std::string(m[1])
                                                                     : std::string();
  }

  nlohmann::json verify(const std::string& file, int* exit_code = nullptr) {
    auto r = run_absah("verify " + quote((dir / file).string()) + " --json --trust " +
                       quote(pki().string()) + " " + registry());
    if (exit_code) *exit_code = r.exit_code;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }

  TempDir dir;
};

}  // namespace

TEST_F(RegistryCli, NumbersAreGaplessRetriesIdempotentAndFailuresConsumeNothing) {
  EXPECT_EQ(issue("a.pdf", "record.json", "--idempotency-key order-1"),
            "474.3/0001/DUKCAPIL/11/2026");
  ToolResult retry;
  EXPECT_EQ(issue("a2.pdf", "record.json", "--idempotency-key order-1", &retry),
            "474.3/0001/DUKCAPIL/11/2026");
  EXPECT_THAT(retry.out, HasSubstr("already issued"));
  ToolResult failed;
  EXPECT_EQ(issue("bad.pdf", "bad.json", "", &failed), "");
  EXPECT_EQ(failed.exit_code, 2) << failed.out;
  EXPECT_THAT(failed.out, HasSubstr("tanggal_lahir"));
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.pdf"));
  EXPECT_EQ(issue("b.pdf"), "474.3/0002/DUKCAPIL/11/2026") << "the failed render used no number";
  auto audit = run_absah("registry audit " + registry());
  EXPECT_EQ(audit.exit_code, 0) << audit.out;
  EXPECT_THAT(audit.out, HasSubstr("chain intact"));
}

TEST_F(RegistryCli, VerifyReportsTheRegistryStatus) {
  ASSERT_EQ(issue("a.pdf"), "474.3/0001/DUKCAPIL/11/2026");
  ASSERT_EQ(issue("b.pdf"), "474.3/0002/DUKCAPIL/11/2026");
  ASSERT_EQ(issue("c.pdf"), "474.3/0003/DUKCAPIL/11/2026");
  int code = -1;
  auto valid = verify("a.pdf", &code);
  EXPECT_EQ(valid["verdict"], "valid") << valid.dump(2);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(valid["document"]["number"], "474.3/0001/DUKCAPIL/11/2026");
  EXPECT_EQ(valid["document"]["type"], "sk_kematian");

  ASSERT_EQ(
      run_absah("registry revoke 474.3/0001/DUKCAPIL/11/2026 --reason 'data keliru' " + registry())
          .exit_code,
      0);
  auto revoked = verify("a.pdf", &code);
  EXPECT_EQ(revoked["verdict"], "revoked");
  EXPECT_EQ(code, 1);
  EXPECT_THAT(revoked.dump(), HasSubstr("data keliru"));

  ASSERT_EQ(
      run_absah("registry supersede 474.3/0002/DUKCAPIL/11/2026 474.3/0003/DUKCAPIL/11/2026 " +
                registry())
          .exit_code,
      0);
  auto superseded = verify("b.pdf", &code);
  EXPECT_EQ(superseded["verdict"], "superseded");
  EXPECT_THAT(superseded.dump(), HasSubstr("474.3/0003/DUKCAPIL/11/2026"));

  auto shown = run_absah("registry show 474.3/0002/DUKCAPIL/11/2026 --json " + registry());
  EXPECT_EQ(nlohmann::json::parse(shown.out)["status"], "superseded") << shown.out;

  // A document signed and sealed by this office but never registered.
  auto other = run_absah("render --type kk --data " +
                         quote((source_dir() / "samples" / "kk.json").string()) + " --out " +
                         quote((dir / "kk.pdf").string()) + " --keys " + quote(pki().string()));
  ASSERT_EQ(other.exit_code, 0) << other.out;
  EXPECT_EQ(verify("kk.pdf")["verdict"], "unknown");

  // One changed byte inside the signed range.
  std::string bytes = read_text(dir / "c.pdf");
  bytes[bytes.find("/Producer") + 12] ^= 0x01;
  std::ofstream(dir / "c-tampered.pdf", std::ios::binary) << bytes;
  auto tampered = verify("c-tampered.pdf", &code);
  EXPECT_EQ(tampered["verdict"], "tampered") << tampered.dump(2);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(verify("c.pdf")["verdict"], "valid");
}

}  // namespace absah::testing
