#include "engine/sign/cms_builder.h"

#include <openssl/objects.h>

#include <algorithm>

#include "engine/sign/der.h"

namespace absah::sign {

namespace {

// Flags shared by CMS_sign and CMS_add1_signer: detached, binary (no MIME canonicalisation),
// no S/MIME capabilities attribute, CAdES (adds ESS signing-certificate-v2), and partial so
// that OpenSSL neither hashes content nor signs (and so never adds signing-time).
constexpr unsigned kFlags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES | CMS_PARTIAL;

}  // namespace

Result<std::vector<uint8_t>> signed_attributes_der(CMS_SignerInfo* si) {
  std::vector<std::vector<uint8_t>> encoded;
  size_t total = 0;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, i);
    int len = i2d_X509_ATTRIBUTE(attr, nullptr);
    if (len <= 0) return openssl_error(ErrorCode::Internal, "", "cannot encode signed attribute");
    std::vector<uint8_t> der(static_cast<size_t>(len));
    uint8_t* p = der.data();
    i2d_X509_ATTRIBUTE(attr, &p);
    total += der.size();
    encoded.push_back(std::move(der));
  }
  std::sort(encoded.begin(), encoded.end());
  std::vector<uint8_t> out;
  out.reserve(total + 6);
  der::append_header(out, 0x31, total);
  for (const auto& e : encoded) out.insert(out.end(), e.begin(), e.end());
  return out;
}

Result<CmsSignature> CmsSignature::prepare(X509* cert, const std::vector<X509*>& chain,
                                           const Sha256Digest& content_digest) {
  if (!cert) return Error(ErrorCode::Internal, "", "signer has no certificate");
  X509StackPtr extra(sk_X509_new_null());
  for (X509* ca : chain) {
    X509_up_ref(ca);
    sk_X509_push(extra.get(), ca);
  }
  CmsPtr cms(CMS_sign(nullptr, nullptr, extra.get(), nullptr, kFlags));
  if (!cms) return openssl_error(ErrorCode::Internal, "", "CMS_sign failed");
  // The certificate's public key stands in for the private key: CMS_add1_signer checks that
  // the pair matches (which it trivially does) and derives the signatureAlgorithm from it.
  EVP_PKEY* public_key = X509_get0_pubkey(cert);
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), cert, public_key, EVP_sha256(), kFlags);
  if (!si) return openssl_error(ErrorCode::Internal, "", "CMS_add1_signer failed");

  if (CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                  OBJ_nid2obj(NID_pkcs7_data), -1) != 1 ||
      CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                  content_digest.data(),
                                  static_cast<int>(content_digest.size())) != 1)
    return openssl_error(ErrorCode::Internal, "", "cannot add signed attributes");
  return CmsSignature(std::move(cms), si);
}

Result<std::vector<uint8_t>> CmsSignature::signed_attributes() const {
  return signed_attributes_der(m_si);
}

Status CmsSignature::set_signature_value(std::span<const uint8_t> value) {
  if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(m_si), value.data(),
                      static_cast<int>(value.size())) != 1)
    return openssl_error(ErrorCode::Internal, "", "cannot set the signature value");
  return ok_status();
}

Result<CmsSignature> CmsSignature::build(Signer& signer, const Sha256Digest& content_digest) {
  auto cms = prepare(signer.certificate(), signer.chain(), content_digest);
  if (!cms) return cms.take_error();
  auto attrs = cms->signed_attributes();
  if (!attrs) return attrs.take_error();
  auto sig = signer.sign_message(*attrs);
  if (!sig) return sig.take_error();
  ABSAH_TRY_STATUS(cms->set_signature_value(*sig));
  return cms;
}

std::vector<uint8_t> CmsSignature::signature_value() const {
  ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(m_si);
  const uint8_t* data = ASN1_STRING_get0_data(sig);
  return std::vector<uint8_t>(data, data + ASN1_STRING_length(sig));
}

Status CmsSignature::add_timestamp_token(std::span<const uint8_t> token_der) {
  // V_ASN1_SEQUENCE: the attribute value is the token's DER as it is (a ContentInfo SEQUENCE).
  if (CMS_unsigned_add1_attr_by_NID(m_si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE,
                                    token_der.data(), static_cast<int>(token_der.size())) != 1)
    return openssl_error(ErrorCode::Internal, "", "cannot add the timestamp token attribute");
  return ok_status();
}

Result<std::vector<uint8_t>> CmsSignature::der() const {
  int len = i2d_CMS_ContentInfo(m_cms.get(), nullptr);
  if (len <= 0) return openssl_error(ErrorCode::Internal, "", "cannot encode the CMS");
  std::vector<uint8_t> out(static_cast<size_t>(len));
  uint8_t* p = out.data();
  i2d_CMS_ContentInfo(m_cms.get(), &p);
  return out;
}

}  // namespace absah::sign
