#pragma once
// PAdES signing of a PDF that the writer prepared with placeholders (ISO 32000-1 §12.8.1,
// ETSI EN 319 142-1 baseline B-B, and B-T with a timestamp):
//   /ByteRange [0 9999999999 9999999999 9999999999]  and  /Contents <00…00>
// The ByteRange is rewritten in place at the same width to cover the whole file except the
// Contents hex string (from its '<' to its '>' inclusive), the two ranges are hashed in place,
// and the CMS (cms_builder.h) is written as hex into the Contents gap, zero-padded.

#include <string>

#include "engine/base/result.h"
#include "engine/sign/signer.h"

namespace absah::sign {

struct SignOptions {
  // When set, the CMS gets an RFC 3161 timestamp over its signature value from this TSA
  // (PAdES B-T); when empty the signature is B-B.
  std::string tsa_url;
  int tsa_timeout_seconds = 15;
  std::string tsa_policy_oid;
};

struct SignReport {
  size_t cms_bytes = 0;       // DER length written into Contents
  size_t reserved_bytes = 0;  // capacity of the Contents gap
  bool timestamped = false;
};

// The Contents capacity (in CMS bytes) a PDF writer should reserve for this signer: without a
// TSA the exact bound of the signer's CMS (CmsTemplate::max_der_size) plus a few bytes, about
// 2.2 KB for ECDSA P-256 with a three-certificate chain; with a TSA room for a token on top (at
// least 16384). Builds the signer's CMS template if it has none yet.
size_t signature_reservation(Signer& signer, const SignOptions& options);

Status sign_pdf(std::string& pdf, Signer& signer, const SignOptions& options = {},
                SignReport* report = nullptr);

}  // namespace absah::sign
