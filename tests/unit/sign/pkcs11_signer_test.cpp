#include "engine/sign/pkcs11_signer.h"

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <p11-kit-1/p11-kit/pkcs11.h>
#include <stdlib.h>

#include "engine/sign/openssl_util.h"
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

// Stores the EC signing certificate on the token next to its key (label signing-ec, id 01), as
// HSM vendors' tools do, using the PKCS#11 API directly (softhsm2-util imports keys only).
std::string store_certificate_on_token() {
  void* lib = ::dlopen(kDefaultPkcs11Module, RTLD_NOW | RTLD_LOCAL);
  if (!lib) return "dlopen failed";
  auto get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(lib, "C_GetFunctionList"));
  CK_FUNCTION_LIST_PTR f = nullptr;
  get_list(&f);
  std::string why;
  CK_RV rv = f->C_Initialize(nullptr);
  CK_SLOT_ID slots[8];
  CK_ULONG count = 8;
  CK_SESSION_HANDLE session = 0;
  if (rv == CKR_OK) rv = f->C_GetSlotList(CK_TRUE, slots, &count);
  CK_SLOT_ID slot = 0;
  for (CK_ULONG i = 0; rv == CKR_OK && i < count; ++i) {
    CK_TOKEN_INFO info{};
    f->C_GetTokenInfo(slots[i], &info);
    if (std::string(reinterpret_cast<char*>(info.label), 10) == "absah-test") slot = slots[i];
  }
  if (rv == CKR_OK)
    rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session);
  if (rv == CKR_OK)
    rv = f->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(kPin)),
                    6);
  auto certs = parse_pem_certificates(read_bytes(pki_dir() / "signing-ec.pem"), "cert");
  std::vector<uint8_t> der = der_of_certificate(certs->front().get());
  unsigned char* subject = nullptr;
  int subject_len = i2d_X509_NAME(X509_get_subject_name(certs->front().get()), &subject);
  CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE type = CKC_X_509;
  CK_BBOOL yes = CK_TRUE;
  std::string label = "signing-ec";
  CK_BYTE id = 0x01;
  CK_ATTRIBUTE tmpl[] = {
      {CKA_CLASS, &cls, sizeof cls},
      {CKA_CERTIFICATE_TYPE, &type, sizeof type},
      {CKA_TOKEN, &yes, sizeof yes},
      {CKA_LABEL, label.data(), label.size()},
      {CKA_ID, &id, 1},
      {CKA_SUBJECT, subject, static_cast<CK_ULONG>(subject_len)},
      {CKA_VALUE, der.data(), der.size()},
  };
  CK_OBJECT_HANDLE object = 0;
  if (rv == CKR_OK) rv = f->C_CreateObject(session, tmpl, 7, &object);
  if (rv != CKR_OK) why = "PKCS#11 error " + std::to_string(rv);
  OPENSSL_free(subject);
  f->C_CloseSession(session);
  f->C_Finalize(nullptr);
  ::dlclose(lib);
  return why;
}

TEST(Pkcs11SignerToken, CertificateReadFromTheToken) {
  if (!SoftHsmToken::get().available()) GTEST_SKIP() << SoftHsmToken::get().why_not();
  std::string stored = store_certificate_on_token();
  ASSERT_EQ(stored, "");
  Pkcs11Options options;
  options.chain = pki_dir() / "chain.pem";
  auto signer = Pkcs11Signer::open(
      "pkcs11:token=absah-test;object=signing-ec?pin-value=" + std::string(kPin), options);
  ASSERT_TRUE(signer.ok()) << signer.error().describe();
  auto expected = parse_pem_certificates(read_bytes(pki_dir() / "signing-ec.pem"), "cert");
  EXPECT_EQ(X509_cmp((*signer)->certificate(), expected->front().get()), 0);
  std::string pdf = make_placeholder_pdf();
  ASSERT_TRUE(sign_pdf(pdf, **signer).ok());
  TempDir dir;
  write_bytes(dir / "token-cert.pdf", pdf);
  std::string report = pdfsig(dir / "token-cert.pdf");
  EXPECT_TRUE(pdfsig_accepts(report)) << report;
}

}  // namespace
}  // namespace absah::sign
