#pragma once
// The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1 §5.1, SubFilter
// ETSI.CAdES.detached; CMS per RFC 5652):
//   - detached: no eContent, eContentType id-data;
//   - one SignerInfo, digest SHA-256, signature by the Signer over the DER SET OF the signed
//     attributes (RFC 5652 §5.4), so a PKCS#11 token can produce it;
//   - signed attributes: content-type, message-digest, ESS signing-certificate-v2 (RFC 5035,
//     SHA-256 certHash with issuerSerial) and nothing else: no signing-time, because PAdES puts
//     the claimed signing time in the signature dictionary's /M (EN 319 142-1 §5.2.3 / §6.3);
//   - certificates: the signer's and its chain.
// For RSA (PKCS#1 v1.5) the result is a function of its inputs: signing twice gives equal bytes.
//
// Route (see pdf-toolchain.md §3): CMS_sign with CMS_PARTIAL, CMS_add1_signer with the
// certificate's *public* key (CMS only uses it to choose the signatureAlgorithm and match the
// certificate; the private key is never handed to OpenSSL's CMS code), then the signature is
// computed over the attributes we encode ourselves and set with ASN1_STRING_set.
//
// Signing without a timestamp goes through CmsTemplate (cms_template.h), which is built from
// this code once per signer and reproduces its output byte for byte; this builder remains the
// reference and the route for B-T, where a timestamp token is added as an unsigned attribute.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/base/result.h"
#include "engine/sign/openssl_util.h"
#include "engine/sign/signer.h"

namespace absah::sign {

using Sha256Digest = std::array<uint8_t, 32>;

class CmsSignature {
 public:
  // Builds and signs. `content_digest` is the SHA-256 of the signed byte ranges.
  static Result<CmsSignature> build(Signer& signer, const Sha256Digest& content_digest);

  // The same CMS without its signature value: `signed_attributes()` are the bytes to sign,
  // `set_signature_value()` completes it.
  static Result<CmsSignature> prepare(X509* certificate, const std::vector<X509*>& chain,
                                      const Sha256Digest& content_digest);
  Result<std::vector<uint8_t>> signed_attributes() const;
  Status set_signature_value(std::span<const uint8_t> value);

  // The SignerInfo's signature value: what an RFC 3161 timestamp for PAdES B-T covers
  // (EN 319 142-1 §5.3, signature-time-stamp over the signature value).
  std::vector<uint8_t> signature_value() const;

  // Adds the DER TimeStampToken (a CMS ContentInfo) as the unsigned attribute
  // id-aa-timeStampToken (RFC 3161 Appendix A, 1.2.840.113549.1.9.16.2.14).
  Status add_timestamp_token(std::span<const uint8_t> token_der);

  Result<std::vector<uint8_t>> der() const;

 private:
  CmsSignature(CmsPtr cms, CMS_SignerInfo* si) : m_cms(std::move(cms)), m_si(si) {}
  CmsPtr m_cms;
  CMS_SignerInfo* m_si = nullptr;  // owned by m_cms
};

// DER of the signed attributes as the SET OF that the signature covers (RFC 5652 §5.4: the
// IMPLICIT [0] tag is replaced by the SET OF tag 0x31; X.690 §11.6: elements sorted).
Result<std::vector<uint8_t>> signed_attributes_der(CMS_SignerInfo* si);

}  // namespace absah::sign
