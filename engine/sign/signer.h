#pragma once
// A signing key behind one small interface, in the spirit of PoDoFo 1.x's PdfSigner: the CMS
// builder asks it for a signature over the DER of the signed attributes and for the
// certificates to embed; where the key lives (a PEM file, a PKCS#11 token) is its business.
//
// The signer receives the message, not a digest: a PKCS#11 token signs RSA with
// CKM_SHA256_RSA_PKCS, which hashes inside the token (PKCS#11 v2.40 §2.1.16), while ECDSA is
// hashed here and signed with CKM_ECDSA. `sign_message` always means SHA-256.

#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "engine/base/result.h"

namespace absah::sign {

enum class SignatureAlgorithm : uint8_t {
  Unknown = 0,
  EcdsaP256Sha256,  // ecdsa-with-SHA256 (RFC 5758), value is a DER ECDSA-Sig-Value
  RsaPkcs1Sha256,   // RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2); deterministic
};

const char* to_string(SignatureAlgorithm algorithm);

class CmsTemplate;

// Thread rule: a Signer serves one thread at a time (a PKCS#11 session, the prepared key
// context and the CMS template it keeps are not shared); parallel jobs open one signer each.
class Signer {
 public:
  Signer();
  virtual ~Signer();
  Signer(const Signer&) = delete;
  Signer& operator=(const Signer&) = delete;

  // The signature value for `message`, hashed with SHA-256, in the form CMS carries it
  // (RFC 5652 §5.3 SignatureValue): DER ECDSA-Sig-Value for ECDSA, the raw block for RSA.
  virtual Result<std::vector<uint8_t>> sign_message(std::span<const uint8_t> message) = 0;

  // The signer's certificate; owned by the signer, valid as long as it lives.
  virtual X509* certificate() const = 0;
  // The CA certificates to embed (issuing CA first, root last), owned by the signer.
  virtual std::vector<X509*> chain() const = 0;
  virtual SignatureAlgorithm algorithm() const = 0;

  // The CMS template for this signer's certificates (cms_template.h), built on first use and
  // kept for the signer's lifetime; a failed build is reported and retried on the next call.
  Result<const CmsTemplate*> cms_template();

 private:
  std::unique_ptr<CmsTemplate> m_cms_template;
};

// The algorithm a certificate's public key implies: EC P-256 or RSA of at least 2048 bits;
// Unknown for anything else (other curves, small RSA keys, Ed25519).
SignatureAlgorithm algorithm_of_certificate(X509* cert);

}  // namespace absah::sign
