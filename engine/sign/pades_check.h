#pragma once
// Our own check of the last PDF signature in a file, without a PDF parser: the ByteRange is
// found by scanning and every number in it is checked against the file before use. The
// verifier (issue #7) builds its "PDF signature" step on this.
//
// Checks, in order (ISO 32000-1 §12.8.1, ETSI EN 319 142-1, RFC 5652, RFC 5035, RFC 3161):
//   1. the ByteRange starts at 0, its gap is exactly the /Contents hex string ('<' to '>');
//   2. the Contents hex decodes to one DER CMS followed only by zero bytes (padding is not
//      covered by the signature, so anything there is an unsigned payload: pdf-toolchain.md §4);
//   3. detached SignedData, one SignerInfo, signature and message digest valid over the ranges;
//   4. the signer's certificate chains to the trust store;
//   5. ESS signing-certificate-v2 present and matching the signer; no signing-time attribute
//      (PAdES baseline puts the time in /M);
//   6. a timestamp token, when present, valid over the signature value and trusted;
//   7. the ByteRange ends at the end of the file (otherwise bytes were appended: an incremental
//      update or garbage after %%EOF, which the verifier must judge).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "engine/sign/signer.h"
#include "engine/sign/trust_store.h"

namespace absah::sign {

enum class SignatureCheckCode : uint8_t {
  None = 0,                    // every check passed
  NoSignature,                 // signature.missing
  ByteRangeMalformed,          // signature.byte_range_malformed
  ByteRangeNotFromStart,       // signature.byte_range_not_from_start
  GapNotContents,              // signature.gap_not_contents
  ContentsNotHex,              // signature.contents_not_hex
  CmsMalformed,                // signature.cms_malformed
  ContentsPaddingNotZero,      // signature.contents_padding
  NotDetachedSignedData,       // signature.not_detached
  SignatureInvalid,            // signature.invalid (digest mismatch or bad signature value)
  CertificateUntrusted,        // signature.certificate_untrusted
  SigningCertificateMismatch,  // signature.signing_certificate (ESS v2 missing or wrong)
  SigningTimeAttribute,        // signature.signing_time_attribute (not PAdES baseline)
  TimestampInvalid,            // signature.timestamp_invalid
  NotWholeFile,                // signature.not_whole_file (bytes after the signed range)
  CertificateNotValidAtTime,   // signature.certificate_expired (chain fine, but not at that time)
};

std::string_view to_string(SignatureCheckCode code);

struct SignatureCheck {
  SignatureCheckCode code = SignatureCheckCode::None;
  std::string message;

  std::array<uint64_t, 4> byte_range{};
  uint64_t contents_offset = 0;  // offset of '<'
  uint64_t reserved_bytes = 0;   // Contents capacity in bytes
  uint64_t cms_bytes = 0;        // DER length of the CMS
  uint64_t bytes_after_signed_range = 0;

  bool signature_valid = false;      // step 3 passed
  bool certificate_trusted = false;  // step 4 passed
  std::string signer_subject;        // RFC 2253
  SignatureAlgorithm algorithm = SignatureAlgorithm::Unknown;
  bool has_timestamp = false;
  std::optional<int64_t> timestamp_unix;  // genTime of a valid timestamp

  bool ok() const { return code == SignatureCheckCode::None; }
};

struct CheckOptions {
  // Time at which certificates must be valid (Unix seconds); the engine never reads the clock,
  // so the caller passes it. Unset: OpenSSL's default (the current time).
  std::optional<int64_t> verification_time;
};

// Checks the signature whose /ByteRange holds `byte_range` (a caller that parsed the signature
// dictionary itself). Same verdicts as check_last_signature.
Result<SignatureCheck> check_signature(std::string_view pdf,
                                       const std::array<uint64_t, 4>& byte_range,
                                       const TrustStore& trust, const CheckOptions& options = {});

// Checks the last signature of `pdf`. A negative verdict is a value (code != None); the Result
// is an error only when the check itself could not run (out of memory).
Result<SignatureCheck> check_last_signature(std::string_view pdf, const TrustStore& trust,
                                            const CheckOptions& options = {});

}  // namespace absah::sign
