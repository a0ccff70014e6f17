#pragma once
// The seal keys: an ECDSA P-256 key pair of its own (not the PDF signing key), used with ES256
// (RFC 9053 §2.1: ECDSA with SHA-256 on P-256, signature = r || s, 32 bytes each).
// The key id (kid) is the first 8 bytes of SHA-256 over the DER SubjectPublicKeyInfo
// (RFC 5280 §4.1.2.7) of the public key; see docs/seal.md "Key id".
// OpenSSL types stay out of this header.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/result.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace absah::seal {

constexpr size_t kKidBytes = 8;
constexpr size_t kEs256SignatureBytes = 64;

std::string to_hex(std::string_view bytes);  // lower-case

// A private seal key.
class SealKey {
 public:
  // PEM "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC 1); the curve must be P-256.
  static Result<SealKey> from_pem(std::string_view pem);
  // A fresh random P-256 key (tests; `absah keys init` may use it too).
  static Result<SealKey> generate();

  const std::string& kid() const { return m_kid; }  // 8 raw bytes
  Result<std::string> private_key_pem() const;      // PKCS#8
  Result<std::string> public_key_pem() const;       // SubjectPublicKeyInfo
  // ES256 over `message`: SHA-256, ECDSA, the DER signature converted to raw r || s.
  Result<std::string> sign_es256(std::string_view message) const;

 private:
  std::shared_ptr<evp_pkey_st> m_key;
  std::string m_kid;
};

// A public seal key, as found in the trust list.
class SealPublicKey {
 public:
  static Result<SealPublicKey> from_pem(std::string_view pem);  // "PUBLIC KEY", P-256 only

  const std::string& kid() const { return m_kid; }
  // True only for a 64-byte r || s signature that verifies over `message` with this key.
  bool verify_es256(std::string_view message, std::string_view signature) const;

 private:
  std::shared_ptr<evp_pkey_st> m_key;
  std::string m_kid;
};

}  // namespace absah::seal
