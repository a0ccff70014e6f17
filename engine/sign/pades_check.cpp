#include "engine/sign/pades_check.h"

#include <openssl/ess.h>
#include <openssl/objects.h>

#include <ctime>

#include "engine/sign/openssl_util.h"
#include "engine/sign/signature_locator.h"

namespace absah::sign {

std::string_view to_string(SignatureCheckCode code) {
  switch (code) {
    case SignatureCheckCode::None:
      return "none";
    case SignatureCheckCode::NoSignature:
      return "signature.missing";
    case SignatureCheckCode::ByteRangeMalformed:
      return "signature.byte_range_malformed";
    case SignatureCheckCode::ByteRangeNotFromStart:
      return "signature.byte_range_not_from_start";
    case SignatureCheckCode::GapNotContents:
      return "signature.gap_not_contents";
    case SignatureCheckCode::ContentsNotHex:
      return "signature.contents_not_hex";
    case SignatureCheckCode::CmsMalformed:
      return "signature.cms_malformed";
    case SignatureCheckCode::ContentsPaddingNotZero:
      return "signature.contents_padding";
    case SignatureCheckCode::NotDetachedSignedData:
      return "signature.not_detached";
    case SignatureCheckCode::SignatureInvalid:
      return "signature.invalid";
    case SignatureCheckCode::CertificateUntrusted:
      return "signature.certificate_untrusted";
    case SignatureCheckCode::SigningCertificateMismatch:
      return "signature.signing_certificate";
    case SignatureCheckCode::SigningTimeAttribute:
      return "signature.signing_time_attribute";
    case SignatureCheckCode::TimestampInvalid:
      return "signature.timestamp_invalid";
    case SignatureCheckCode::NotWholeFile:
      return "signature.not_whole_file";
    case SignatureCheckCode::CertificateNotValidAtTime:
      return "signature.certificate_expired";
  }
  return "unknown";
}

namespace {

using TsVerifyCtxPtr = std::unique_ptr<TS_VERIFY_CTX, OsslDeleter<TS_VERIFY_CTX_free>>;
using TstInfoPtr = std::unique_ptr<TS_TST_INFO, OsslDeleter<TS_TST_INFO_free>>;
using EssV2Ptr = std::unique_ptr<ESS_SIGNING_CERT_V2, OsslDeleter<ESS_SIGNING_CERT_V2_free>>;

void free_x509_stack_shallow(STACK_OF(X509) * s) {
  sk_X509_free(s);
}
using X509StackRefPtr = std::unique_ptr<STACK_OF(X509), OsslDeleter<free_x509_stack_shallow>>;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

SignatureCheck fail(SignatureCheck check, SignatureCheckCode code, std::string message) {
  check.code = code;
  check.message = std::move(message);
  return check;
}

std::string subject_of(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

// Path validation of the signer certificate (RFC 5280 §6) with the CMS's certificates as
// untrusted intermediates, the S/MIME signing purpose CMS_verify would use, and the caller's
// time on this context only (the shared store is never modified).
std::string verify_chain(X509* signer, CMS_ContentInfo* cms, X509_STORE* store,
                         const CheckOptions& options, int& error_code) {
  using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OsslDeleter<X509_STORE_CTX_free>>;
  X509StackPtr untrusted(CMS_get1_certs(cms));
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store, signer, untrusted.get()) != 1)
    return "cannot start path validation";
  X509_STORE_CTX_set_default(ctx.get(), "smime_sign");
  if (options.verification_time)
    X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(*options.verification_time));
  if (X509_verify_cert(ctx.get()) == 1) return {};
  openssl_errors();
  error_code = X509_STORE_CTX_get_error(ctx.get());
  return X509_verify_cert_error_string(error_code);
}

// RFC 3161 token over the signature value (EN 319 142-1 §5.3): TSA signature, imprint and the
// TSA certificate chain (the store must trust the TSA's root).
std::string check_timestamp(X509_ATTRIBUTE* attr, const std::vector<uint8_t>& signature_value,
                            X509_STORE* store, std::optional<int64_t>& gen_time) {
  ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attr, 0);
  if (!value || value->type != V_ASN1_SEQUENCE) return "timestamp attribute is not a SEQUENCE";
  const uint8_t* p = value->value.sequence->data;
  Pkcs7Ptr token(d2i_PKCS7(nullptr, &p, value->value.sequence->length));
  if (!token) return "timestamp token is not a ContentInfo";
  TsVerifyCtxPtr ctx(TS_VERIFY_CTX_new());
  if (!ctx) return "out of memory";
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_DATA);
  // The context frees what it is given (OpenSSL 3.0 TS_VERIFY_CTX_cleanup).
  X509_STORE_up_ref(store);
  TS_VERIFY_CTX_set_store(ctx.get(), store);
  TS_VERIFY_CTX_set_data(
      ctx.get(), BIO_new_mem_buf(signature_value.data(), static_cast<int>(signature_value.size())));
  if (TS_RESP_verify_token(ctx.get(), token.get()) != 1)
    return "timestamp token invalid: " + openssl_errors();
  TstInfoPtr info(PKCS7_to_TS_TST_INFO(token.get()));
  if (info) {
    struct tm tm {};
    if (ASN1_TIME_to_tm(TS_TST_INFO_get_time(info.get()), &tm) == 1) gen_time = timegm(&tm);
  }
  return {};
}

}  // namespace

Result<SignatureCheck> check_last_signature(std::string_view pdf, const TrustStore& trust,
                                            const CheckOptions& options) {
  auto br = find_last_byte_range(pdf);
  SignatureCheck check;
  if (!br) return fail(check, SignatureCheckCode::NoSignature, "no /ByteRange in the file");
  if (!br->well_formed)
    return fail(check, SignatureCheckCode::ByteRangeMalformed,
                "the last /ByteRange is not four non-negative integers");
  return check_signature(pdf, br->values, trust, options);
}

Result<SignatureCheck> check_signature(std::string_view pdf,
                                       const std::array<uint64_t, 4>& byte_range,
                                       const TrustStore& trust, const CheckOptions& options) {
  SignatureCheck check;
  check.byte_range = byte_range;
  const auto [b0, b1, b2, b3] = byte_range;
  const uint64_t size = pdf.size();
  if (b0 != 0)
    return fail(check, SignatureCheckCode::ByteRangeNotFromStart, "ByteRange does not start at 0");
  // Overflow-safe bounds: every value is below 10^15 and the file size below 2^63.
  if (b1 >= b2 || b2 > size || b3 > size - b2 || b2 - b1 < 2)
    return fail(check, SignatureCheckCode::ByteRangeMalformed,
                "ByteRange does not describe two ranges inside the file");
  if (pdf[b1] != '<' || pdf[b2 - 1] != '>')
    return fail(check, SignatureCheckCode::GapNotContents,
                "the ByteRange gap is not exactly a hex string");
  // The hex string must be the value of /Contents: the token before '<' is that key.
  {
    size_t pos = b1;
    while (pos > 0 && is_pdf_space(pdf[pos - 1])) --pos;
    constexpr std::string_view key = "/Contents";
    if (pos < key.size() || pdf.substr(pos - key.size(), key.size()) != key)
      return fail(check, SignatureCheckCode::GapNotContents,
                  "the ByteRange gap is not the value of /Contents");
  }
  check.contents_offset = b1;
  const uint64_t hex_digits = b2 - b1 - 2;
  if (hex_digits % 2 != 0)
    return fail(check, SignatureCheckCode::ContentsNotHex, "odd number of hex digits in Contents");
  std::vector<uint8_t> contents(hex_digits / 2);
  for (uint64_t i = 0; i < contents.size(); ++i) {
    int hi = hex_value(pdf[b1 + 1 + 2 * i]);
    int lo = hex_value(pdf[b1 + 2 + 2 * i]);
    if (hi < 0 || lo < 0)
      return fail(check, SignatureCheckCode::ContentsNotHex, "Contents is not a plain hex string");
    contents[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  check.reserved_bytes = contents.size();
  check.bytes_after_signed_range = size - (b2 + b3);

  const uint8_t* p = contents.data();
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(contents.size())));
  if (!cms)
    return fail(check, SignatureCheckCode::CmsMalformed,
                "Contents is not a DER CMS: " + openssl_errors());
  check.cms_bytes = static_cast<uint64_t>(p - contents.data());
  for (const uint8_t* q = p; q < contents.data() + contents.size(); ++q)
    if (*q != 0)
      return fail(check, SignatureCheckCode::ContentsPaddingNotZero,
                  "non-zero bytes after the CMS inside Contents, at byte " +
                      std::to_string(q - contents.data()));

  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed ||
      CMS_is_detached(cms.get()) != 1 || !infos || sk_CMS_SignerInfo_num(infos) != 1)
    return fail(check, SignatureCheckCode::NotDetachedSignedData,
                "Contents is not detached SignedData with exactly one signer");
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);

  std::string signed_data;
  signed_data.reserve(b1 + b3);
  signed_data.append(pdf.substr(0, b1));
  signed_data.append(pdf.substr(b2, b3));
  X509_STORE* store = trust.get();

  // Signature and message digest alone first, so that a tampered file and an untrusted chain
  // get different codes.
  {
    BioPtr content(BIO_new_mem_buf(signed_data.data(), static_cast<int>(signed_data.size())));
    if (CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr,
                   CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1)
      return fail(check, SignatureCheckCode::SignatureInvalid,
                  "CMS signature does not verify over the signed ranges: " + openssl_errors());
  }
  check.signature_valid = true;
  X509StackRefPtr signers(CMS_get0_signers(cms.get()));
  X509* signer =
      signers && sk_X509_num(signers.get()) == 1 ? sk_X509_value(signers.get(), 0) : nullptr;
  if (!signer)
    return fail(check, SignatureCheckCode::NotDetachedSignedData, "no signer certificate");
  check.signer_subject = subject_of(signer);
  check.algorithm = algorithm_of_certificate(signer);
  int chain_error = 0;
  if (std::string why = verify_chain(signer, cms.get(), store, options, chain_error);
      !why.empty()) {
    // A chain that reaches an anchor but not at the verification time is a different finding
    // from an unknown signer: the officer needs to know which.
    if (chain_error == X509_V_ERR_CERT_HAS_EXPIRED || chain_error == X509_V_ERR_CERT_NOT_YET_VALID)
      return fail(check, SignatureCheckCode::CertificateNotValidAtTime,
                  "signer certificate chain is not valid at the signing time: " + why);
    return fail(check, SignatureCheckCode::CertificateUntrusted,
                "signer certificate does not chain to a trust anchor: " + why);
  }
  check.certificate_trusted = true;

  // RFC 5035 §5.4: signing-certificate-v2 binds the signer certificate to the signature.
  ASN1_STRING* ess = static_cast<ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
  if (!ess)
    return fail(check, SignatureCheckCode::SigningCertificateMismatch,
                "no ESS signing-certificate-v2 attribute");
  const uint8_t* e = ASN1_STRING_get0_data(ess);
  EssV2Ptr sc2(d2i_ESS_SIGNING_CERT_V2(nullptr, &e, ASN1_STRING_length(ess)));
  if (!sc2 || OSSL_ESS_check_signing_certs(nullptr, sc2.get(), signers.get(), 1) != 1)
    return fail(check, SignatureCheckCode::SigningCertificateMismatch,
                "ESS signing-certificate-v2 does not match the signer: " + openssl_errors());
  if (CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1) >= 0)
    return fail(check, SignatureCheckCode::SigningTimeAttribute,
                "CMS carries a signing-time attribute; PAdES baseline uses /M instead");

  int ts_index = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
  if (ts_index >= 0) {
    check.has_timestamp = true;
    ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
    std::vector<uint8_t> value(ASN1_STRING_get0_data(sig),
                               ASN1_STRING_get0_data(sig) + ASN1_STRING_length(sig));
    std::string why =
        check_timestamp(CMS_unsigned_get_attr(si, ts_index), value, store, check.timestamp_unix);
    if (!why.empty()) return fail(check, SignatureCheckCode::TimestampInvalid, why);
  }

  if (check.bytes_after_signed_range != 0)
    return fail(check, SignatureCheckCode::NotWholeFile,
                std::to_string(check.bytes_after_signed_range) +
                    " bytes after the signed range are not covered by the signature");
  return check;
}

}  // namespace absah::sign
