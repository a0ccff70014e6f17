#include "engine/sign/pades.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

#include "engine/base/sha256.h"
#include "engine/sign/cms_builder.h"
#include "engine/sign/cms_template.h"
#include "engine/sign/signature_locator.h"
#include "engine/sign/timestamp_client.h"

namespace absah::sign {

namespace {

// A Contents reservation with a timestamp: the token (about 2.2 KB with the TSA's chain) is not
// known in advance, so the room is generous.
constexpr size_t kTimestampReservation = 16384;
constexpr size_t kTimestampTokenRoom = 12288;
// Above the exact bound without a timestamp: nothing the template produces needs it; it only
// spares a reservation that is off by a byte from being a failure.
constexpr size_t kReservationMargin = 32;

// "00".."FF": one two-byte copy per CMS byte into the Contents hex string.
constexpr std::array<std::array<char, 2>, 256> kHexPairs = [] {
  constexpr char digits[] = "0123456789ABCDEF";
  std::array<std::array<char, 2>, 256> pairs{};
  for (size_t i = 0; i < 256; ++i) pairs[i] = {digits[i >> 4], digits[i & 15]};
  return pairs;
}();

Result<std::vector<uint8_t>> cms_from_template(Signer& signer, const Sha256Digest& digest) {
  auto cms_template = signer.cms_template();
  if (!cms_template) return cms_template.take_error();
  return (*cms_template)->sign(signer, digest);
}

// B-T: OpenSSL's CMS object takes the timestamp token as an unsigned attribute.
Result<std::vector<uint8_t>> timestamped_cms(Signer& signer, const Sha256Digest& digest,
                                             const SignOptions& options) {
  auto cms = CmsSignature::build(signer, digest);
  if (!cms) return cms.take_error();
  TimestampRequestOptions ts;
  ts.url = options.tsa_url;
  ts.timeout_seconds = options.tsa_timeout_seconds;
  ts.policy_oid = options.tsa_policy_oid;
  auto token = request_timestamp_token(cms->signature_value(), ts);
  if (!token) return token.take_error();
  ABSAH_TRY_STATUS(cms->add_timestamp_token(*token));
  return cms->der();
}

}  // namespace

size_t signature_reservation(Signer& signer, const SignOptions& options) {
  auto cms_template = signer.cms_template();
  // Without a template sign_pdf fails with the reason; the size does not matter then.
  if (!cms_template) return kTimestampReservation;
  const size_t bound = (*cms_template)->max_der_size();
  if (options.tsa_url.empty()) return bound + kReservationMargin;
  return std::max(kTimestampReservation, bound + kTimestampTokenRoom);
}

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
  if (!sha || EVP_DigestInit_ex2(sha.get(), sha256_md(), nullptr) != 1 ||
      EVP_DigestUpdate(sha.get(), pdf.data(), first_len) != 1 ||
      EVP_DigestUpdate(sha.get(), pdf.data() + second_start, second_len) != 1 ||
      EVP_DigestFinal_ex(sha.get(), digest.data(), nullptr) != 1)
    return fail(openssl_error(ErrorCode::Internal, "", "SHA-256 failed"));

  auto der = options.tsa_url.empty() ? cms_from_template(signer, digest)
                                     : timestamped_cms(signer, digest, options);
  if (!der) return fail(der.take_error());

  const size_t capacity = (ph.contents_close - ph.contents_open - 1) / 2;
  if (der->size() > capacity)
    return fail(Error(ErrorCode::PdfWrite, "signature.contents",
                      "signature of " + std::to_string(der->size()) +
                          " bytes does not fit the Contents placeholder of " +
                          std::to_string(capacity) + " bytes; reserve more in the PDF writer"));
  char* out = pdf.data() + ph.contents_open + 1;
  for (uint8_t byte : *der) {
    std::memcpy(out, kHexPairs[byte].data(), 2);
    out += 2;
  }
  if (report) {
    report->cms_bytes = der->size();
    report->reserved_bytes = capacity;
    report->timestamped = !options.tsa_url.empty();
  }
  return ok_status();
}

}  // namespace absah::sign
