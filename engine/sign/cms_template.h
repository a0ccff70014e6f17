#pragma once
// The CMS SignedData of cms_builder.h, assembled from DER pieces that are the same for every
// document a signer signs: the certificates, the SignerIdentifier, the algorithm identifiers
// and the content-type and ESS signing-certificate-v2 attributes. Only the message-digest value
// and the signature value change per document, so the pieces are encoded once (by OpenSSL,
// through CmsSignature) and each signature costs one copy of the attributes with the digest in
// place, the signature, and a few re-encoded lengths (the ECDSA value is 70 to 72 bytes).
//
// The output equals CmsSignature's byte for byte for the same digest and signature value
// (tests/unit/sign/cms_template_test.cpp). A template is immutable once built and may be read
// from any thread; Signer::cms_template() keeps one per signer.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/base/result.h"
#include "engine/sign/cms_builder.h"
#include "engine/sign/signer.h"

namespace absah::sign {

class CmsTemplate {
 public:
  // Encodes the signer's CMS once with OpenSSL and keeps its pieces; never calls sign_message.
  static Result<CmsTemplate> build(const Signer& signer);

  // The DER SET OF signed attributes with `digest` in place: what the signature covers.
  std::vector<uint8_t> signed_attributes(const Sha256Digest& digest) const;
  // The DER ContentInfo for `digest` and a signature value over signed_attributes(digest).
  std::vector<uint8_t> assemble(const Sha256Digest& digest,
                                std::span<const uint8_t> signature_value) const;
  // signed_attributes, signer.sign_message, assemble.
  Result<std::vector<uint8_t>> sign(Signer& signer, const Sha256Digest& digest) const;

  // The longest DER that assemble() returns for the key's longest signature value (72 bytes for
  // ECDSA P-256, the modulus size for RSA): what a Contents placeholder must hold.
  size_t max_der_size() const;

 private:
  CmsTemplate() = default;
  size_t der_size(size_t signature_size) const;

  std::vector<uint8_t> m_content_type;         // ContentInfo's contentType TLV (id-signedData)
  std::vector<uint8_t> m_signed_data_head;     // SignedData content up to signerInfos
  std::vector<uint8_t> m_signer_info_head;     // SignerInfo content up to signedAttrs
  std::vector<uint8_t> m_signed_attributes;    // SET OF form, digest bytes zero
  size_t m_digest_offset = 0;                  // of the message-digest value in the above
  std::vector<uint8_t> m_signature_algorithm;  // SignerInfo's signatureAlgorithm TLV
  size_t m_max_signature_size = 0;
};

}  // namespace absah::sign
