#include "engine/sign/cms_template.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstring>

#include "engine/sign/der.h"

namespace absah::sign {

namespace {

// Attribute { attrType id-messageDigest (1.2.840.113549.1.9.4), attrValues SET { OCTET STRING
// (32) } } up to the digest value; the 32 bytes follow.
constexpr uint8_t kMessageDigestHead[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                          0x01, 0x09, 0x04, 0x31, 0x22, 0x04, 0x20};

constexpr uint8_t kSequence = 0x30, kSet = 0x31, kOctetString = 0x04, kContext0 = 0xa0;

Error unexpected(const std::string& what) {
  return Error(ErrorCode::Internal, "", "unexpected CMS encoding: " + what);
}

std::vector<uint8_t> bytes_of(std::span<const uint8_t> all, size_t from, size_t to) {
  return std::vector<uint8_t>(all.begin() + static_cast<std::ptrdiff_t>(from),
                              all.begin() + static_cast<std::ptrdiff_t>(to));
}

void append(std::vector<uint8_t>& out, std::span<const uint8_t> bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

}  // namespace

Result<CmsTemplate> CmsTemplate::build(const Signer& signer) {
  X509* cert = signer.certificate();
  if (!cert) return Error(ErrorCode::Internal, "", "signer has no certificate");
  const int max_signature = EVP_PKEY_get_size(X509_get0_pubkey(cert));
  if (max_signature <= 0)
    return Error(ErrorCode::Internal, "", "cannot tell the signature size of the signer's key");

  // The reference encoding, with a zero digest and a zero signature value of the longest size.
  auto cms = CmsSignature::prepare(cert, signer.chain(), Sha256Digest{});
  if (!cms) return cms.take_error();
  auto attributes = cms->signed_attributes();
  if (!attributes) return attributes.take_error();
  ABSAH_TRY_STATUS(cms->set_signature_value(std::vector<uint8_t>(max_signature, 0)));
  auto encoded = cms->der();
  if (!encoded) return encoded.take_error();
  const std::span<const uint8_t> all(*encoded);

  // ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT SignedData } (RFC 5652 §3, §5.1).
  auto content_info = der::read_element(all, 0);
  if (!content_info) return content_info.take_error();
  if (content_info->tag != kSequence || content_info->end != all.size())
    return unexpected("ContentInfo");
  auto ci_parts = der::read_children(all, *content_info);
  if (!ci_parts) return ci_parts.take_error();
  if (ci_parts->size() != 2 || (*ci_parts)[1].tag != kContext0) return unexpected("ContentInfo");
  auto explicit0 = der::read_children(all, (*ci_parts)[1]);
  if (!explicit0) return explicit0.take_error();
  if (explicit0->size() != 1 || (*explicit0)[0].tag != kSequence) return unexpected("SignedData");
  const der::Element signed_data = (*explicit0)[0];

  // SignedData: ..., signerInfos SET OF SignerInfo, the last element; exactly one SignerInfo.
  auto sd_parts = der::read_children(all, signed_data);
  if (!sd_parts) return sd_parts.take_error();
  if (sd_parts->empty() || sd_parts->back().tag != kSet) return unexpected("signerInfos");
  auto signer_infos = der::read_children(all, sd_parts->back());
  if (!signer_infos) return signer_infos.take_error();
  if (signer_infos->size() != 1 || (*signer_infos)[0].tag != kSequence)
    return unexpected("SignerInfo");

  // SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature.
  auto si_parts = der::read_children(all, (*signer_infos)[0]);
  if (!si_parts) return si_parts.take_error();
  if (si_parts->size() != 6 || (*si_parts)[3].tag != kContext0 || (*si_parts)[4].tag != kSequence ||
      (*si_parts)[5].tag != kOctetString ||
      (*si_parts)[5].content_length() != static_cast<size_t>(max_signature))
    return unexpected("SignerInfo fields");

  // What is signed must be what is embedded: the SET OF differs from [0] in its tag only.
  const der::Element& embedded = (*si_parts)[3];
  if (attributes->size() != embedded.end - embedded.start || (*attributes)[0] != kSet ||
      !std::equal(attributes->begin() + 1, attributes->end(), all.begin() + embedded.start + 1))
    return unexpected("signed attributes differ from the ones signed");

  CmsTemplate t;
  const auto head = std::search(attributes->begin(), attributes->end(),
                                std::begin(kMessageDigestHead), std::end(kMessageDigestHead));
  if (head == attributes->end()) return unexpected("no message-digest attribute");
  if (std::search(head + 1, attributes->end(), std::begin(kMessageDigestHead),
                  std::end(kMessageDigestHead)) != attributes->end())
    return unexpected("two message-digest attributes");
  t.m_digest_offset = static_cast<size_t>(head - attributes->begin()) + sizeof kMessageDigestHead;
  t.m_content_type = bytes_of(all, (*ci_parts)[0].start, (*ci_parts)[0].end);
  t.m_signed_data_head = bytes_of(all, signed_data.content_start, sd_parts->back().start);
  t.m_signer_info_head = bytes_of(all, (*signer_infos)[0].content_start, embedded.start);
  t.m_signed_attributes = std::move(*attributes);
  t.m_signature_algorithm = bytes_of(all, (*si_parts)[4].start, (*si_parts)[4].end);
  t.m_max_signature_size = static_cast<size_t>(max_signature);
  if (t.der_size(t.m_max_signature_size) != all.size()) return unexpected("size");
  return t;
}

std::vector<uint8_t> CmsTemplate::signed_attributes(const Sha256Digest& digest) const {
  std::vector<uint8_t> out = m_signed_attributes;
  std::memcpy(out.data() + m_digest_offset, digest.data(), digest.size());
  return out;
}

size_t CmsTemplate::der_size(size_t signature_size) const {
  const size_t signer_info =
      der::tlv_size(m_signer_info_head.size() + m_signed_attributes.size() +
                    m_signature_algorithm.size() + der::tlv_size(signature_size));
  const size_t signed_data = der::tlv_size(m_signed_data_head.size() + der::tlv_size(signer_info));
  return der::tlv_size(m_content_type.size() + der::tlv_size(signed_data));
}

size_t CmsTemplate::max_der_size() const {
  return der_size(m_max_signature_size);
}

std::vector<uint8_t> CmsTemplate::assemble(const Sha256Digest& digest,
                                           std::span<const uint8_t> signature_value) const {
  const size_t signer_info_content = m_signer_info_head.size() + m_signed_attributes.size() +
                                     m_signature_algorithm.size() +
                                     der::tlv_size(signature_value.size());
  const size_t signer_infos_content = der::tlv_size(signer_info_content);
  const size_t signed_data_content =
      m_signed_data_head.size() + der::tlv_size(signer_infos_content);
  const size_t explicit0_content = der::tlv_size(signed_data_content);
  const size_t content_info_content = m_content_type.size() + der::tlv_size(explicit0_content);

  std::vector<uint8_t> out;
  out.reserve(der::tlv_size(content_info_content));
  der::append_header(out, kSequence, content_info_content);
  append(out, m_content_type);
  der::append_header(out, kContext0, explicit0_content);
  der::append_header(out, kSequence, signed_data_content);
  append(out, m_signed_data_head);
  der::append_header(out, kSet, signer_infos_content);
  der::append_header(out, kSequence, signer_info_content);
  append(out, m_signer_info_head);
  // signedAttrs [0] IMPLICIT: the signed SET OF with its tag replaced (RFC 5652 §5.4).
  const size_t attributes_at = out.size();
  append(out, m_signed_attributes);
  out[attributes_at] = kContext0;
  std::memcpy(out.data() + attributes_at + m_digest_offset, digest.data(), digest.size());
  append(out, m_signature_algorithm);
  der::append_tlv(out, kOctetString, signature_value);
  return out;
}

Result<std::vector<uint8_t>> CmsTemplate::sign(Signer& signer, const Sha256Digest& digest) const {
  auto signature = signer.sign_message(signed_attributes(digest));
  if (!signature) return signature.take_error();
  return assemble(digest, *signature);
}

}  // namespace absah::sign
