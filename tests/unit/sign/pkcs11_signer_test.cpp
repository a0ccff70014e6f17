#include "engine/sign/pkcs11_signer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "engine/sign/pades.h"
#include "engine/sign/pades_check.h"
#include "tests/unit/sign/sign_test_support.h"

namespace absah::sign {
namespace {

using namespace absah::sign::testing;

constexpr const char* kPin = "246810";

// A throwaway SoftHSM2 token holding the development signing keys (EC as id 01, RSA as id 02),
// made once per process; SOFTHSM2_CONF points the module at it.
class SoftHsmToken {
 public:
  static const SoftHsmToken& get() {
    static SoftHsmToken token;
    return token;
  }
  bool available() const { return m_available; }
  const std::string& why_not() const { return m_why_not; }
  const std::filesystem::path& dir() const { return m_dir.path(); }

 private:
  SoftHsmToken() {
    if (!std::filesystem::exists(kDefaultPkcs11Module) || !have_tool("softhsm2-util")) {
      m_why_not = "softhsm2 is not installed";
      return;
    }
    std::filesystem::create_directories(m_dir / "tokens");
    write_bytes(m_dir / "softhsm2.conf", "directories.tokendir = " + (m_dir / "tokens").string() +
                                             "\nobjectstore.backend = file\nlog.level = ERROR\n");
    ::setenv("SOFTHSM2_CONF", (m_dir / "softhsm2.conf").c_str(), 1);
    ::unsetenv("ABSAH_PKCS11_MODULE");
    auto init = run("softhsm2-util --init-token --free --label absah-test --pin " +
                    std::string(kPin) + " --so-pin 13579246");
    if (init.exit_code != 0) {
      m_why_not = init.out;
      return;
    }
    for (auto [name, id] : {std::pair{"ec", "01"}, std::pair{"rsa", "02"}}) {
      auto imported =
          run("softhsm2-util --import " +
              quote((pki_dir() / ("signing-" + std::string(name) + "-key.pem")).string()) +
              " --token absah-test --label signing-" + name + " --id " + id + " --pin " + kPin);
      if (imported.exit_code != 0) {
        m_why_not = imported.out;
        return;
      }
    }
    m_available = true;
  }
  TempDir m_dir;
  bool m_available = false;
  std::string m_why_not;
};

Pkcs11Options options_for(const std::string& which) {
  Pkcs11Options o;
  o.certificate = pki_dir() / ("signing-" + which + ".pem");
  o.chain = pki_dir() / "chain.pem";
  return o;
}

class Pkcs11Sign : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!SoftHsmToken::get().available()) GTEST_SKIP() << SoftHsmToken::get().why_not();
  }
};

TEST_P(Pkcs11Sign, TokenSignatureIsValidAndTrusted) {
  const std::string which = GetParam();
  auto signer = Pkcs11Signer::open(
      "pkcs11:token=absah-test;object=signing-" + which + "?pin-value=" + kPin, options_for(which));
  ASSERT_TRUE(signer.ok()) << signer.error().describe();
  EXPECT_EQ((*signer)->algorithm(), which == "ec" ? SignatureAlgorithm::EcdsaP256Sha256
                                                  : SignatureAlgorithm::RsaPkcs1Sha256);
  EXPECT_EQ((*signer)->chain().size(), 2u);
  std::string pdf = make_placeholder_pdf();
  auto signed_ok = sign_pdf(pdf, **signer);
  ASSERT_TRUE(signed_ok.ok()) << signed_ok.error().describe();

  TempDir dir;
  write_bytes(dir / "hsm.pdf", pdf);
  std::string report = pdfsig(dir / "hsm.pdf");
  EXPECT_TRUE(pdfsig_accepts(report)) << report;
  auto qpdf = run("qpdf --check " + quote((dir / "hsm.pdf").string()));
  EXPECT_EQ(qpdf.exit_code, 0) << qpdf.out;

  auto trust = TrustStore::from_file(pki_dir() / "root-ca.pem");
  ASSERT_TRUE(trust.ok());
  CheckOptions at;
  at.verification_time = 1767225600 + 86400 * 300;
  auto check = check_last_signature(pdf, *trust, at);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->code, SignatureCheckCode::None) << check->message;
}

INSTANTIATE_TEST_SUITE_P(Keys, Pkcs11Sign, ::testing::Values("ec", "rsa"));

TEST(Pkcs11SignerErrors, PinSourceIdAndClearErrors) {
  if (!SoftHsmToken::get().available()) GTEST_SKIP() << SoftHsmToken::get().why_not();
  TempDir dir;
  write_bytes(dir / "pin", std::string(kPin) + "\n");
  // By id (percent-encoded) with the PIN from a file.
  auto by_id =
      Pkcs11Signer::open("pkcs11:token=absah-test;id=%02?pin-source=file:" + (dir / "pin").string(),
                         options_for("rsa"));
  ASSERT_TRUE(by_id.ok()) << by_id.error().describe();
  EXPECT_EQ((*by_id)->algorithm(), SignatureAlgorithm::RsaPkcs1Sha256);
  // PKCS#11 login state is per token and application (v2.40 §5.6): while a signer is open, a
  // second login is not checked. Close it so the wrong PIN below really reaches the token.
  by_id = Error(ErrorCode::None, "", "");

  auto wrong_pin = Pkcs11Signer::open("pkcs11:token=absah-test;object=signing-ec;pin-value=999999",
                                      options_for("ec"));
  ASSERT_FALSE(wrong_pin.ok());
  EXPECT_NE(wrong_pin.error().message.find("wrong PIN"), std::string::npos)
      << wrong_pin.error().describe();
  EXPECT_EQ(wrong_pin.error().describe().find("999999"), std::string::npos);

  auto no_token =
      Pkcs11Signer::open("pkcs11:token=nope;object=signing-ec?pin-value=1", options_for("ec"));
  ASSERT_FALSE(no_token.ok());
  EXPECT_NE(no_token.error().message.find("no PKCS#11 token"), std::string::npos);

  auto no_key = Pkcs11Signer::open(
      "pkcs11:token=absah-test;object=missing?pin-value=" + std::string(kPin), options_for("ec"));
  ASSERT_FALSE(no_key.ok());
  EXPECT_NE(no_key.error().message.find("no private key"), std::string::npos);

  // The EC key with the RSA certificate: refused before anything is signed.
  auto mismatch =
      Pkcs11Signer::open("pkcs11:token=absah-test;object=signing-ec?pin-value=" + std::string(kPin),
                         options_for("rsa"));
  ASSERT_FALSE(mismatch.ok());

  auto bad_module = Pkcs11Signer::open(
      "pkcs11:token=absah-test;object=signing-ec?module-path=/nonexistent/lib.so", {});
  ASSERT_FALSE(bad_module.ok());
  EXPECT_NE(bad_module.error().message.find("cannot load PKCS#11 module"), std::string::npos);
}

}  // namespace
}  // namespace absah::sign
