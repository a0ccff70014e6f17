#include "engine/sign/cms_template.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>

#include "engine/sign/der.h"
#include "engine/sign/key_file_signer.h"
#include "engine/sign/pades.h"
#include "tests/unit/sign/sign_test_support.h"

namespace absah::sign {
namespace {

using namespace absah::sign::testing;

// The certificates of a real signer and a signature value fixed by the test, so that the
// OpenSSL-built reference and the template can be compared for any value length.
class FixedValueSigner final : public Signer {
 public:
  FixedValueSigner(const Signer& real, std::vector<uint8_t> value)
      : m_real(real), m_value(std::move(value)) {}
  Result<std::vector<uint8_t>> sign_message(std::span<const uint8_t> message) override {
    m_last_message.assign(message.begin(), message.end());
    return m_value;
  }
  X509* certificate() const override { return m_real.certificate(); }
  std::vector<X509*> chain() const override { return m_real.chain(); }
  SignatureAlgorithm algorithm() const override { return m_real.algorithm(); }
  std::vector<uint8_t> m_last_message;

 private:
  const Signer& m_real;
  std::vector<uint8_t> m_value;
};

Sha256Digest digest_of(uint8_t seed) {
  Sha256Digest d{};
  for (size_t i = 0; i < d.size(); ++i) d[i] = static_cast<uint8_t>(seed + 37 * i);
  return d;
}

std::vector<uint8_t> value_of(size_t size, uint8_t seed) {
  std::vector<uint8_t> v(size);
  for (size_t i = 0; i < size; ++i) v[i] = static_cast<uint8_t>(seed * 11 + i);
  return v;
}

TEST(Der, LengthsInTheShortestForm) {
  struct Case {
    size_t length;
    std::vector<uint8_t> encoded;
  };
  for (const auto& c : std::vector<Case>{{0, {0x00}},
                                         {127, {0x7f}},
                                         {128, {0x81, 0x80}},
                                         {255, {0x81, 0xff}},
                                         {256, {0x82, 0x01, 0x00}},
                                         {65535, {0x82, 0xff, 0xff}},
                                         {65536, {0x83, 0x01, 0x00, 0x00}}}) {
    std::vector<uint8_t> out;
    der::append_length(out, c.length);
    EXPECT_EQ(out, c.encoded) << c.length;
    EXPECT_EQ(der::length_size(c.length), c.encoded.size()) << c.length;
    EXPECT_EQ(der::tlv_size(c.length), 1 + c.encoded.size() + c.length);
  }
}

TEST(Der, ReadsWhatItWritesAndRejectsNonDer) {
  std::vector<uint8_t> inner(300, 0x5a);
  std::vector<uint8_t> seq;
  std::vector<uint8_t> content;
  der::append_tlv(content, 0x04, inner);
  der::append_tlv(content, 0x02, std::vector<uint8_t>{0x01});
  der::append_tlv(seq, 0x30, content);
  auto top = der::read_element(seq, 0);
  ASSERT_TRUE(top.ok()) << top.error().describe();
  EXPECT_EQ(top->end, seq.size());
  auto children = der::read_children(seq, *top);
  ASSERT_TRUE(children.ok());
  ASSERT_EQ(children->size(), 2u);
  EXPECT_EQ((*children)[0].content_length(), 300u);
  EXPECT_EQ((*children)[1].tag, 0x02);

  const std::vector<uint8_t> indefinite{0x30, 0x80, 0x00, 0x00};
  const std::vector<uint8_t> long_form_for_short{0x04, 0x81, 0x01, 0x00};
  const std::vector<uint8_t> too_long{0x04, 0x05, 0x00};
  EXPECT_FALSE(der::read_element(indefinite, 0).ok());
  EXPECT_FALSE(der::read_element(long_form_for_short, 0).ok());
  EXPECT_FALSE(der::read_element(too_long, 0).ok());
}

class CmsTemplateKeys : public ::testing::TestWithParam<std::string> {};

TEST_P(CmsTemplateKeys, EqualsTheOpensslBuiltCmsByteForByte) {
  auto real = file_signer(GetParam());
  ASSERT_TRUE(real);
  // ECDSA P-256 values are 70 to 72 bytes (and shorter, rarely); RSA-3072 ones 384.
  const std::vector<size_t> sizes =
      GetParam() == "ec" ? std::vector<size_t>{8, 70, 71, 72} : std::vector<size_t>{384};
  uint8_t seed = 1;
  for (size_t size : sizes) {
    FixedValueSigner fixed(*real, value_of(size, seed));
    const Sha256Digest digest = digest_of(seed++);
    auto reference = CmsSignature::build(fixed, digest);
    ASSERT_TRUE(reference.ok()) << reference.error().describe();
    auto reference_der = reference->der();
    ASSERT_TRUE(reference_der.ok());
    const std::vector<uint8_t> signed_by_reference = fixed.m_last_message;

    auto cms_template = CmsTemplate::build(fixed);
    ASSERT_TRUE(cms_template.ok()) << cms_template.error().describe();
    auto assembled = cms_template->sign(fixed, digest);
    ASSERT_TRUE(assembled.ok());
    EXPECT_EQ(*assembled, *reference_der) << "signature value of " << size << " bytes";
    EXPECT_EQ(fixed.m_last_message, signed_by_reference);
    EXPECT_EQ(cms_template->signed_attributes(digest), signed_by_reference);
    EXPECT_LE(assembled->size(), cms_template->max_der_size());
  }
}

TEST_P(CmsTemplateKeys, MaxDerSizeIsTheSizeForTheLongestValue) {
  auto real = file_signer(GetParam());
  ASSERT_TRUE(real);
  auto cms_template = real->cms_template();
  ASSERT_TRUE(cms_template.ok()) << cms_template.error().describe();
  const size_t longest = GetParam() == "ec" ? 72 : 384;
  EXPECT_EQ((*cms_template)->assemble(digest_of(3), value_of(longest, 3)).size(),
            (*cms_template)->max_der_size());
  // The template is built once and kept.
  EXPECT_EQ(*real->cms_template(), *cms_template);
  // Real signatures stay within the bound (ECDSA: 50 random nonces).
  for (uint8_t i = 0; i < (GetParam() == "ec" ? 50 : 2); ++i) {
    auto cms = (*cms_template)->sign(*real, digest_of(i));
    ASSERT_TRUE(cms.ok());
    EXPECT_LE(cms->size(), (*cms_template)->max_der_size());
  }
}

TEST_P(CmsTemplateKeys, KeyFileSignatureVerifiesWithTheCertificateKey) {
  auto real = file_signer(GetParam());
  ASSERT_TRUE(real);
  const std::string message = "the DER of some signed attributes";
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(message.data()),
                                       message.size());
  for (int round = 0; round < 3; ++round) {  // the prepared context is reused
    auto sig = real->sign_message(bytes);
    ASSERT_TRUE(sig.ok()) << sig.error().describe();
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    ASSERT_EQ(EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr,
                                   X509_get0_pubkey(real->certificate())),
              1);
    if (GetParam() == "rsa") {
      ASSERT_EQ(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING), 1);
    }
    EXPECT_EQ(EVP_DigestVerify(ctx.get(), sig->data(), sig->size(), bytes.data(), bytes.size()), 1);
  }
}

INSTANTIATE_TEST_SUITE_P(Keys, CmsTemplateKeys, ::testing::Values("ec", "rsa"));

TEST(KeyFileSigner, RsaEqualsEvpDigestSignWithPkcs1) {
  auto real = file_signer("rsa");
  ASSERT_TRUE(real);
  std::string pem = read_bytes(pki_dir() / "signing-rsa-key.pem");
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(key);
  const std::vector<uint8_t> message(500, 0x42);
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  ASSERT_EQ(EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key.get()), 1);
  ASSERT_EQ(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING), 1);
  std::vector<uint8_t> expected(static_cast<size_t>(EVP_PKEY_get_size(key.get())));
  size_t len = expected.size();
  ASSERT_EQ(EVP_DigestSign(ctx.get(), expected.data(), &len, message.data(), message.size()), 1);
  expected.resize(len);
  auto sig = real->sign_message(message);
  ASSERT_TRUE(sig.ok());
  EXPECT_EQ(*sig, expected);
}

TEST(SignatureReservation, FitsTheCmsAndSmallerFailsCleanly) {
  auto ec = file_signer("ec");
  ASSERT_TRUE(ec);
  const size_t reservation = signature_reservation(*ec, {});
  EXPECT_LT(reservation, 3000u);  // the three-certificate ECDSA chain is about 2.2 KB
  SignOptions with_tsa;
  with_tsa.tsa_url = "http://127.0.0.1:1/tsa";
  EXPECT_GE(signature_reservation(*ec, with_tsa), 16384u);

  std::string pdf = make_placeholder_pdf(reservation);
  SignReport report;
  auto signed_ok = sign_pdf(pdf, *ec, {}, &report);
  ASSERT_TRUE(signed_ok.ok()) << signed_ok.error().describe();
  EXPECT_EQ(report.reserved_bytes, reservation);
  TempDir dir;
  write_bytes(dir / "tight.pdf", pdf);
  std::string sig = pdfsig(dir / "tight.pdf");
  EXPECT_TRUE(pdfsig_accepts(sig)) << sig;

  // RSA signatures have one length, so the CMS size is known: one byte less does not fit.
  auto rsa = file_signer("rsa");
  ASSERT_TRUE(rsa);
  std::string exact = make_placeholder_pdf(signature_reservation(*rsa, {}));
  ASSERT_TRUE(sign_pdf(exact, *rsa, {}, &report).ok());
  const size_t cms_bytes = report.cms_bytes;
  EXPECT_EQ(exact.size(), make_placeholder_pdf(signature_reservation(*rsa, {})).size());
  const std::string fits = make_placeholder_pdf(cms_bytes);
  std::string just = fits;
  EXPECT_TRUE(sign_pdf(just, *rsa).ok());
  const std::string too_small = make_placeholder_pdf(cms_bytes - 1);
  std::string pdf_small = too_small;
  auto failed = sign_pdf(pdf_small, *rsa);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::PdfWrite);
  EXPECT_NE(failed.error().message.find("does not fit"), std::string::npos)
      << failed.error().describe();
  EXPECT_EQ(pdf_small, too_small);  // left unsigned, placeholders intact
}

}  // namespace
}  // namespace absah::sign
