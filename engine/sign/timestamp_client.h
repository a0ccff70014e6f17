#pragma once
// RFC 3161 timestamp requests: the client side of PAdES B-T (ETSI EN 319 142-1 §5.3). The
// token covers the SHA-256 of the CMS SignerInfo's signature value.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/base/result.h"

namespace absah::sign {

struct TimestampRequestOptions {
  std::string url;  // http(s):// URL of the TSA
  int timeout_seconds = 15;
  std::string policy_oid;  // optional reqPolicy (RFC 3161 §2.4.1)
  // Nonce (RFC 3161 §2.4.1) as supplied by the caller, so the engine draws no randomness of its
  // own; empty means "draw 8 random bytes".
  std::vector<uint8_t> nonce;
};

// Sends a TimeStampReq for SHA-256(`data`) with certReq true, checks the reply's status, that
// its imprint and nonce match the request (RFC 3161 §2.4.2), and returns the DER of the
// TimeStampToken. The TSA's signature is checked by the verifier against its trust list.
Result<std::vector<uint8_t>> request_timestamp_token(std::span<const uint8_t> data,
                                                     const TimestampRequestOptions& options);

}  // namespace absah::sign
