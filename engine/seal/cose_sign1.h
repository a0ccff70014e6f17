#pragma once
// COSE_Sign1 (RFC 9052 §4.2) with ES256, as the seal uses it:
//   COSE_Sign1 = #6.18([ protected: bstr .cbor {1: -7, 4: kid}, unprotected: {},
//                        payload: bstr, signature: bstr .size 64 ])
// The signature is over Sig_structure (RFC 9052 §4.4):
//   ["Signature1", protected bstr, external_aad = h'', payload bstr]
// and is raw r || s (RFC 9053 §2.1), not DER.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "engine/seal/cbor.h"
#include "engine/seal/seal_key.h"

namespace absah::seal {

constexpr uint64_t kCoseSign1Tag = 18;  // RFC 9052 §4.2 / IANA CBOR tags
constexpr int64_t kCoseHeaderAlg = 1;   // RFC 9052 §3.1
constexpr int64_t kCoseHeaderKid = 4;
constexpr int64_t kCoseAlgEs256 = -7;  // RFC 9053 §2.1

struct CoseSign1 {
  std::string protected_bytes;  // the serialised protected header map, as received
  std::string kid;              // from the protected header
  std::string payload;          // the payload bstr (CBOR of the seal payload)
  std::string signature;        // 64 bytes r || s
};

// Sig_structure for COSE_Sign1 with empty external_aad, serialised (the bytes that are signed).
std::string sig_structure(std::string_view protected_bytes, std::string_view payload);

// Signs `payload` with `key` and returns the tagged COSE_Sign1 bytes.
Result<std::string> cose_sign1_sign(std::string_view payload, const SealKey& key);

// Takes a decoded CBOR item apart. Any shape other than the one above (no tag 18, wrong element
// count or types, protected header without alg ES256 or without an 8-byte kid, a non-empty
// unprotected header, a signature that is not 64 bytes) is an error. A protected header that is
// not itself well-formed CBOR gives the decoder's error (path "cbor", offset inside the
// protected header bytes); callers tell the two apart by `is_bad_cbor`.
Result<CoseSign1> cose_sign1_from_cbor(const CborValue& item);
bool is_bad_cbor(const Error& error);

}  // namespace absah::seal
