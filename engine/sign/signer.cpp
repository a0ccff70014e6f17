#include "engine/sign/signer.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <cstring>

#include "engine/sign/cms_template.h"

namespace absah::sign {

Signer::Signer() = default;
Signer::~Signer() = default;

Result<const CmsTemplate*> Signer::cms_template() {
  if (!m_cms_template) {
    auto built = CmsTemplate::build(*this);
    if (!built) return built.take_error();
    m_cms_template = std::make_unique<CmsTemplate>(std::move(*built));
  }
  return static_cast<const CmsTemplate*>(m_cms_template.get());
}

const char* to_string(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::EcdsaP256Sha256:
      return "ecdsa-p256-sha256";
    case SignatureAlgorithm::RsaPkcs1Sha256:
      return "rsa-pkcs1-sha256";
    case SignatureAlgorithm::Unknown:
      break;
  }
  return "unknown";
}

SignatureAlgorithm algorithm_of_certificate(X509* cert) {
  EVP_PKEY* key = cert ? X509_get0_pubkey(cert) : nullptr;
  if (!key) return SignatureAlgorithm::Unknown;
  if (EVP_PKEY_is_a(key, "RSA"))
    return EVP_PKEY_get_bits(key) >= 2048 ? SignatureAlgorithm::RsaPkcs1Sha256
                                          : SignatureAlgorithm::Unknown;
  if (EVP_PKEY_is_a(key, "EC")) {
    char group[64] = {};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                       &len) == 1 &&
        std::strcmp(group, "prime256v1") == 0)
      return SignatureAlgorithm::EcdsaP256Sha256;
  }
  return SignatureAlgorithm::Unknown;
}

}  // namespace absah::sign
