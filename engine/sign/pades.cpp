#include "engine/sign/pades.h"

#include <openssl/evp.h>

#include <cstdio>

#include "engine/sign/cms_builder.h"
#include "engine/sign/signature_locator.h"
#include "engine/sign/timestamp_client.h"

namespace absah::sign {

Status sign_pdf(std::string& pdf, Signer& signer, const SignOptions& options, SignReport* report) {
  auto where = find_placeholders(pdf);
  if (!where) return where.take_error();
  const Placeholders& ph = *where;

  // ISO 32000-1 §12.8.1: the excluded gap is exactly the Contents hex string, delimiters
  // included; everything else is signed.
  const uint64_t first_len = ph.contents_open;
  const uint64_t second_start = ph.contents_close + 1;
  const uint64_t second_len = pdf.size() - second_start;
  char text[64];
  int n = std::snprintf(
      text, sizeof text, "[0 %llu %llu %llu", static_cast<unsigned long long>(first_len),
      static_cast<unsigned long long>(second_start), static_cast<unsigned long long>(second_len));
  const size_t width = kByteRangePlaceholder.size();
  if (n < 0 || static_cast<size_t>(n) + 1 > width)
    return Error(ErrorCode::PdfWrite, "signature.byte_range",
                 "file too large for the ByteRange placeholder");
  std::string byte_range(text, static_cast<size_t>(n));
  byte_range.append(width - 1 - byte_range.size(), ' ');
  byte_range += ']';
  pdf.replace(ph.byte_range_open, width, byte_range);
  // On failure the document goes back to its unsigned state, placeholders intact.
  auto fail = [&](Error error) -> Status {
    pdf.replace(ph.byte_range_open, width, kByteRangePlaceholder);
    return error;
  };

  // Hash the two ranges where they are, without copying the document.
  Sha256Digest digest{};
  EvpMdCtxPtr sha(EVP_MD_CTX_new());
  if (!sha || EVP_DigestInit_ex(sha.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(sha.get(), pdf.data(), first_len) != 1 ||
      EVP_DigestUpdate(sha.get(), pdf.data() + second_start, second_len) != 1 ||
      EVP_DigestFinal_ex(sha.get(), digest.data(), nullptr) != 1)
    return fail(openssl_error(ErrorCode::Internal, "", "SHA-256 failed"));

  auto cms = CmsSignature::build(signer, digest);
  if (!cms) return fail(cms.take_error());
  if (!options.tsa_url.empty()) {
    TimestampRequestOptions ts;
    ts.url = options.tsa_url;
    ts.timeout_seconds = options.tsa_timeout_seconds;
    ts.policy_oid = options.tsa_policy_oid;
    auto token = request_timestamp_token(cms->signature_value(), ts);
    if (!token) return fail(token.take_error());
    if (auto added = cms->add_timestamp_token(*token); !added) return fail(added.take_error());
  }
  auto der = cms->der();
  if (!der) return fail(der.take_error());

  const size_t capacity = (ph.contents_close - ph.contents_open - 1) / 2;
  if (der->size() > capacity)
    return fail(Error(ErrorCode::PdfWrite, "signature.contents",
                      "signature of " + std::to_string(der->size()) +
                          " bytes does not fit the Contents placeholder of " +
                          std::to_string(capacity) + " bytes; reserve more in the PDF writer"));
  static const char* digits = "0123456789ABCDEF";
  char* out = pdf.data() + ph.contents_open + 1;
  for (size_t i = 0; i < der->size(); ++i) {
    out[2 * i] = digits[(*der)[i] >> 4];
    out[2 * i + 1] = digits[(*der)[i] & 15];
  }
  if (report) {
    report->cms_bytes = der->size();
    report->reserved_bytes = capacity;
    report->timestamped = !options.tsa_url.empty();
  }
  return ok_status();
}

}  // namespace absah::sign
