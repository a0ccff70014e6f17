#pragma once
// Deterministic ECDSA over P-256 with SHA-256 (RFC 6979): the nonce k is derived from the
// private key and the message with HMAC-SHA256 instead of drawn at random. The same document
// then gets the same seal, so re-rendering a record gives the same bytes, and no weak random
// source can ever leak the seal key. OpenSSL 3.0 has no RFC 6979 (3.2 added it), so k is
// derived here and the signature computed with OpenSSL's big-number and curve arithmetic.

#include <openssl/evp.h>

#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah::seal {

// The 64-byte r || s signature (RFC 9053 §2.1) of SHA-256(message) with a P-256 key.
Result<std::string> sign_p256_sha256_rfc6979(EVP_PKEY* key, std::string_view message);

}  // namespace absah::seal
