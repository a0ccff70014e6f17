#include "engine/sign/pades.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "engine/sign/dev_pki.h"
#include "engine/sign/key_file_signer.h"
#include "engine/sign/pades_check.h"
#include "engine/sign/signature_locator.h"
#include "tests/unit/sign/sign_test_support.h"

namespace absah::sign {
namespace {

using namespace absah::sign::testing;

const TrustStore& dev_trust() {
  static TrustStore store = *TrustStore::from_file(pki_dir() / "root-ca.pem");
  return store;
}

CheckOptions in_2026() {
  CheckOptions o;
  o.verification_time = 1767225600 + 86400 * 300;
  return o;
}

class PadesFileKey : public ::testing::TestWithParam<std::string> {};

TEST_P(PadesFileKey, PdfsigQpdfAndOurCheckAccept) {
  auto signer = file_signer(GetParam());
  ASSERT_TRUE(signer);
  std::string pdf = make_placeholder_pdf();
  const size_t unsigned_size = pdf.size();
  SignReport report;
  auto signed_ok = sign_pdf(pdf, *signer, {}, &report);
  ASSERT_TRUE(signed_ok.ok()) << signed_ok.error().describe();
  EXPECT_EQ(pdf.size(), unsigned_size);  // patched in place
  EXPECT_EQ(report.reserved_bytes, 16384u);
  EXPECT_GT(report.cms_bytes, 1000u);

  TempDir dir;
  write_bytes(dir / "signed.pdf", pdf);
  std::string sig = pdfsig(dir / "signed.pdf");
  EXPECT_TRUE(pdfsig_accepts(sig)) << sig;
  EXPECT_NE(sig.find("Signing Hash Algorithm: SHA-256"), std::string::npos) << sig;
  EXPECT_NE(sig.find("Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Mataram"),
            std::string::npos)
      << sig;
  auto qpdf = run("qpdf --check " + quote((dir / "signed.pdf").string()));
  EXPECT_EQ(qpdf.exit_code, 0) << qpdf.out;
  EXPECT_NE(qpdf.out.find("No syntax or stream encoding errors found"), std::string::npos)
      << qpdf.out;

  auto check = check_last_signature(pdf, dev_trust(), in_2026());
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->code, SignatureCheckCode::None) << check->message;
  EXPECT_EQ(check->cms_bytes, report.cms_bytes);
  EXPECT_EQ(check->byte_range[0], 0u);
  EXPECT_EQ(check->byte_range[2] + check->byte_range[3], pdf.size());
  EXPECT_EQ(check->algorithm, signer->algorithm());
  EXPECT_FALSE(check->has_timestamp);
}

TEST_P(PadesFileKey, OpensslCliVerifiesTheDetachedCmsAndSeesNoSigningTime) {
  auto signer = file_signer(GetParam());
  ASSERT_TRUE(signer);
  std::string pdf = make_placeholder_pdf();
  ASSERT_TRUE(sign_pdf(pdf, *signer).ok());
  auto check = check_last_signature(pdf, dev_trust(), in_2026());
  ASSERT_TRUE(check.ok());
  const auto br = check->byte_range;
  std::string content = pdf.substr(0, br[1]) + pdf.substr(br[2], br[3]);
  std::string der;
  for (size_t i = 0; i < check->cms_bytes; ++i)
    der += static_cast<char>(std::stoi(pdf.substr(br[1] + 1 + 2 * i, 2), nullptr, 16));

  TempDir dir;
  write_bytes(dir / "sig.der", der);
  write_bytes(dir / "content.bin", content);
  auto verify =
      run("openssl cms -verify -binary -inform DER -in " + quote((dir / "sig.der").string()) +
          " -content " + quote((dir / "content.bin").string()) + " -CAfile " +
          quote((pki_dir() / "root-ca.pem").string()) + " -out /dev/null");
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_NE(verify.out.find("Verification successful"), std::string::npos) << verify.out;

  auto print =
      run("openssl cms -cmsout -print -inform DER -in " + quote((dir / "sig.der").string()));
  EXPECT_NE(print.out.find("contentType"), std::string::npos);
  EXPECT_NE(print.out.find("messageDigest"), std::string::npos);
  EXPECT_NE(print.out.find("id-smime-aa-signingCertificateV2"), std::string::npos) << print.out;
  EXPECT_EQ(print.out.find("signingTime"), std::string::npos) << print.out;
  EXPECT_EQ(print.out.find("SMIMECapabilities"), std::string::npos);
  // Three certificates embedded: signer, issuing CA, root.
  size_t certs = 0;
  for (size_t pos = print.out.find("cert_info:"); pos != std::string::npos;
       pos = print.out.find("cert_info:", pos + 1))
    ++certs;
  EXPECT_EQ(certs, 3u);
}

INSTANTIATE_TEST_SUITE_P(Keys, PadesFileKey, ::testing::Values("ec", "rsa"));

TEST(Pades, RsaSigningIsDeterministic) {
  auto signer = file_signer("rsa");
  ASSERT_TRUE(signer);
  std::string a = make_placeholder_pdf();
  std::string b = make_placeholder_pdf();
  ASSERT_TRUE(sign_pdf(a, *signer).ok());
  ASSERT_TRUE(sign_pdf(b, *signer).ok());
  EXPECT_EQ(a, b);
}

TEST(Pades, TamperingIsReported) {
  auto signer = file_signer("ec");
  ASSERT_TRUE(signer);
  std::string pdf = make_placeholder_pdf();
  ASSERT_TRUE(sign_pdf(pdf, *signer).ok());
  auto good = check_last_signature(pdf, dev_trust(), in_2026());
  ASSERT_TRUE(good.ok());
  ASSERT_EQ(good->code, SignatureCheckCode::None) << good->message;
  const auto br = good->byte_range;

  // A flipped byte in the first range (the page's content stream) and in the second (xref).
  for (size_t at : {pdf.find("re f"), pdf.find("startxref")}) {
    std::string bad = pdf;
    bad[at] ^= 0x01;
    auto r = check_last_signature(bad, dev_trust(), in_2026());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->code, SignatureCheckCode::SignatureInvalid) << at << ": " << r->message;
    TempDir dir;
    write_bytes(dir / "bad.pdf", bad);
    EXPECT_NE(pdfsig(dir / "bad.pdf").find("Digest Mismatch"), std::string::npos);
  }
  // Bytes appended after %%EOF.
  {
    auto r = check_last_signature(pdf + "% appended\n", dev_trust(), in_2026());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->code, SignatureCheckCode::NotWholeFile);
    EXPECT_EQ(r->bytes_after_signed_range, 11u);
    EXPECT_TRUE(r->signature_valid);
  }
  // A payload hidden in the zero padding after the DER inside Contents.
  {
    std::string bad = pdf;
    bad[br[2] - 3] = '7';
    auto r = check_last_signature(bad, dev_trust(), in_2026());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->code, SignatureCheckCode::ContentsPaddingNotZero) << r->message;
  }
  // A ByteRange whose gap is not the Contents string.
  {
    std::string bad = pdf;
    std::string written = "[0 " + std::to_string(br[1]) + " " + std::to_string(br[2]);
    size_t at = bad.find(written);
    ASSERT_NE(at, std::string::npos);
    bad.replace(at, written.size(),
                "[0 " + std::to_string(br[1] - 1) + " " + std::to_string(br[2]));
    auto r = check_last_signature(bad, dev_trust(), in_2026());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->code, SignatureCheckCode::GapNotContents) << r->message;
  }
  // Non-hex inside Contents.
  {
    std::string bad = pdf;
    bad[br[1] + 5] = 'G';
    auto r = check_last_signature(bad, dev_trust(), in_2026());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->code, SignatureCheckCode::ContentsNotHex);
  }
  // An unsigned file and a ByteRange with numbers beyond the file.
  {
    auto r = check_last_signature("%PDF-1.7\n%%EOF\n", dev_trust());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->code, SignatureCheckCode::NoSignature);
    auto huge =
        check_last_signature("/ByteRange [0 5 999999999999999 7]/Contents <00>", dev_trust());
    ASSERT_TRUE(huge.ok());
    EXPECT_EQ(huge->code, SignatureCheckCode::ByteRangeMalformed);
    auto neg = check_last_signature("/ByteRange [0 -5 9 7]", dev_trust());
    ASSERT_TRUE(neg.ok());
    EXPECT_EQ(neg->code, SignatureCheckCode::ByteRangeMalformed);
  }
}

TEST(Pades, UntrustedRootIsReportedSeparatelyFromTampering) {
  auto signer = file_signer("ec");
  ASSERT_TRUE(signer);
  std::string pdf = make_placeholder_pdf();
  ASSERT_TRUE(sign_pdf(pdf, *signer).ok());
  TempDir other;
  DevPkiOptions options;
  options.dir = other.path();
  ASSERT_TRUE(create_dev_pki(options).ok());
  auto foreign = TrustStore::from_file(other / "root-ca.pem");
  ASSERT_TRUE(foreign.ok());
  auto r = check_last_signature(pdf, *foreign, in_2026());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->code, SignatureCheckCode::CertificateUntrusted) << r->message;
  EXPECT_TRUE(r->signature_valid);
  // Past the end of the certificate's validity the chain fails with its own code.
  CheckOptions late;
  late.verification_time = 1924992000 + 86400;
  auto expired = check_last_signature(pdf, dev_trust(), late);
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(expired->code, SignatureCheckCode::CertificateNotValidAtTime) << expired->message;
  EXPECT_EQ(to_string(expired->code), "signature.certificate_expired");
}

TEST(Pades, PlaceholderErrorsNameWhatIsWrong) {
  auto signer = file_signer("ec");
  ASSERT_TRUE(signer);
  // No placeholder at all.
  std::string none = "%PDF-1.7\n1 0 obj << /Type /Sig >> endobj\n%%EOF\n";
  auto r1 = sign_pdf(none, *signer);
  ASSERT_FALSE(r1.ok());
  EXPECT_NE(r1.error().message.find("found 0"), std::string::npos) << r1.error().message;
  // Two placeholders.
  std::string twice = make_placeholder_pdf();
  twice += "5 0 obj << /ByteRange [0 9999999999 9999999999 9999999999] >> endobj\n";
  auto r2 = sign_pdf(twice, *signer);
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.error().message.find("found 2"), std::string::npos) << r2.error().message;
  // Too small a reservation: the message names both sizes, and the PDF is left unsigned.
  std::string small = make_placeholder_pdf(512);
  const std::string before = small;
  auto r3 = sign_pdf(small, *signer);
  ASSERT_FALSE(r3.ok());
  EXPECT_NE(r3.error().message.find("512 bytes"), std::string::npos) << r3.error().message;
  EXPECT_EQ(small, before);
}

TEST(KeyFileSignerTest, RefusesKeysReadableByOthersWithoutLeakingThem) {
  TempDir dir;
  std::string key = read_bytes(pki_dir() / "signing-ec-key.pem");
  write_bytes(dir / "key.pem", key);
  ::chmod((dir / "key.pem").c_str(), 0644);
  auto r = KeyFileSigner::open({dir / "key.pem", pki_dir() / "signing-ec.pem", {}});
  ASSERT_FALSE(r.ok());
  std::string text = r.error().describe();
  EXPECT_NE(text.find("group or others"), std::string::npos) << text;
  EXPECT_NE(text.find("0644"), std::string::npos) << text;
  EXPECT_EQ(text.find("PRIVATE KEY"), std::string::npos);

  ::chmod((dir / "key.pem").c_str(), 0600);
  auto mismatch = KeyFileSigner::open({dir / "key.pem", pki_dir() / "signing-rsa.pem", {}});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.error().message.find("does not match"), std::string::npos);
  EXPECT_EQ(mismatch.error().describe().find(key.substr(40, 20)), std::string::npos);

  write_bytes(dir / "garbage.pem",
              "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  ::chmod((dir / "garbage.pem").c_str(), 0600);
  auto garbage = KeyFileSigner::open({dir / "garbage.pem", pki_dir() / "signing-ec.pem", {}});
  ASSERT_FALSE(garbage.ok());
}

}  // namespace
}  // namespace absah::sign

namespace absah::sign {
namespace {

using namespace absah::sign::testing;

// Any one-byte change, insertion or truncation anywhere in a signed file is reported, and no
// damaged input crashes the check (run under ABSAH_SANITIZE too).
TEST(PadesCheckRobustness, EveryDamageIsReportedAndNothingCrashes) {
  auto signer = KeyFileSigner::open(
      {pki_dir() / "signing-ec-key.pem", pki_dir() / "signing-ec.pem", pki_dir() / "chain.pem"});
  ASSERT_TRUE(signer.ok());
  std::string pdf = make_placeholder_pdf(4096);
  ASSERT_TRUE(sign_pdf(pdf, **signer).ok());
  auto trust = TrustStore::from_file(pki_dir() / "root-ca.pem");
  ASSERT_TRUE(trust.ok());
  uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int i = 0; i < 600; ++i) {
    std::string bad = pdf;
    size_t at = next() % bad.size();
    switch (i % 3) {
      case 0: {
        char replacement = static_cast<char>(next() & 0xff);
        if (replacement == bad[at]) replacement ^= 0x20;
        bad[at] = replacement;
        break;
      }
      case 1:
        bad.insert(at, 1, static_cast<char>(next() & 0xff));
        break;
      default:
        bad.resize(at);
        break;
    }
    auto r = check_last_signature(bad, *trust);
    ASSERT_TRUE(r.ok());
    EXPECT_NE(r->code, SignatureCheckCode::None) << "mutation " << i << " at " << at;
  }
}

}  // namespace
}  // namespace absah::sign
