#pragma once
// SHA-256 as OpenSSL 3 hands it out, fetched from the default provider once per process.
// EVP_sha256() would make every EVP_DigestInit look the algorithm up again (about 40 k
// instructions, more than hashing a record); a fetched EVP_MD is immutable and may be shared
// by threads. Every stage that hashes per document (record digests, file identifiers, PAdES
// signatures) uses this one.

#include <openssl/evp.h>

namespace absah {

// Null only when the provider has no SHA-256.
const EVP_MD* sha256_md();

}  // namespace absah
