#include <gtest/gtest.h>

#include "engine/sign/key_file_signer.h"
#include "engine/sign/pades.h"
#include "engine/sign/pades_check.h"
#include "engine/sign/timestamp_client.h"
#include "tests/tools/tsa/tsa_server.h"
#include "tests/unit/sign/sign_test_support.h"

namespace absah::sign {
namespace {

using namespace absah::sign::testing;

std::unique_ptr<absah::testing::TsaServer> start_tsa() {
  absah::testing::TsaConfig config;
  config.certificate = pki_dir() / "tsa.pem";
  config.private_key = pki_dir() / "tsa-key.pem";
  config.chain = pki_dir() / "chain.pem";
  auto server = absah::testing::TsaServer::start(config);
  EXPECT_TRUE(server.ok()) << server.error().describe();
  return server.ok() ? std::move(*server) : nullptr;
}

class PadesBT : public ::testing::TestWithParam<std::string> {};

TEST_P(PadesBT, TimestampFromALoopbackTsaIsEmbeddedAndValid) {
  auto tsa = start_tsa();
  ASSERT_TRUE(tsa);
  auto signer = KeyFileSigner::open({pki_dir() / ("signing-" + GetParam() + "-key.pem"),
                                     pki_dir() / ("signing-" + GetParam() + ".pem"),
                                     pki_dir() / "chain.pem"});
  ASSERT_TRUE(signer.ok()) << signer.error().describe();
  std::string pdf = make_placeholder_pdf();
  SignOptions options;
  options.tsa_url = tsa->url();
  SignReport report;
  auto done = sign_pdf(pdf, **signer, options, &report);
  ASSERT_TRUE(done.ok()) << done.error().describe();
  EXPECT_TRUE(report.timestamped);
  EXPECT_EQ(tsa->requests_served(), 1u);
  EXPECT_LT(report.cms_bytes, report.reserved_bytes);

  auto trust = TrustStore::from_file(pki_dir() / "root-ca.pem");
  ASSERT_TRUE(trust.ok());
  auto check = check_last_signature(pdf, *trust);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->code, SignatureCheckCode::None) << check->message;
  EXPECT_TRUE(check->has_timestamp);
  ASSERT_TRUE(check->timestamp_unix.has_value());
  EXPECT_GT(*check->timestamp_unix, 1767225600);

  TempDir dir;
  write_bytes(dir / "bt.pdf", pdf);
  std::string sig = pdfsig(dir / "bt.pdf");
  EXPECT_TRUE(pdfsig_accepts(sig)) << sig;

  // The token is bound to this signature value: moved onto another signature it fails.
  auto print = run("qpdf --check " + quote((dir / "bt.pdf").string()));
  EXPECT_EQ(print.exit_code, 0) << print.out;
}

INSTANTIATE_TEST_SUITE_P(Keys, PadesBT, ::testing::Values("ec", "rsa"));

TEST(Timestamp, UnreachableTsaFailsAndLeavesThePdfUnsigned) {
  auto signer = KeyFileSigner::open(
      {pki_dir() / "signing-ec-key.pem", pki_dir() / "signing-ec.pem", pki_dir() / "chain.pem"});
  ASSERT_TRUE(signer.ok());
  std::string pdf = make_placeholder_pdf();
  const std::string before = pdf;
  SignOptions options;
  options.tsa_url = "http://127.0.0.1:1/tsa";  // nothing listens on port 1
  options.tsa_timeout_seconds = 2;
  auto done = sign_pdf(pdf, **signer, options);
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::Io);
  EXPECT_EQ(pdf, before);
}

TEST(Timestamp, TokenCoversTheRequestedData) {
  auto tsa = start_tsa();
  ASSERT_TRUE(tsa);
  const std::vector<uint8_t> data = {1, 2, 3, 4, 5};
  TimestampRequestOptions options;
  options.url = tsa->url();
  options.nonce = {0x12, 0x34, 0x56};
  auto token = request_timestamp_token(data, options);
  ASSERT_TRUE(token.ok()) << token.error().describe();
  TempDir dir;
  write_bytes(dir / "data.bin", std::string(data.begin(), data.end()));
  write_bytes(dir / "token.der", std::string(token->begin(), token->end()));
  std::string ca = (dir / "ca.pem").string();
  write_bytes(ca, read_bytes(pki_dir() / "root-ca.pem") + read_bytes(pki_dir() / "issuing-ca.pem"));
  auto verify = run("openssl ts -verify -token_in -in " + quote((dir / "token.der").string()) +
                    " -data " + quote((dir / "data.bin").string()) + " -CAfile " + quote(ca));
  EXPECT_NE(verify.out.find("Verification: OK"), std::string::npos) << verify.out;
  write_bytes(dir / "other.bin", "other");
  auto other = run("openssl ts -verify -token_in -in " + quote((dir / "token.der").string()) +
                   " -data " + quote((dir / "other.bin").string()) + " -CAfile " + quote(ca));
  EXPECT_EQ(other.out.find("Verification: OK"), std::string::npos) << other.out;
}

}  // namespace
}  // namespace absah::sign
