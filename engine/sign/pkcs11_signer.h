#pragma once
// A Signer whose private key stays in a PKCS#11 token (an HSM in production, SoftHSM2 in the
// tests), selected by an RFC 7512 URI. The module is loaded with dlopen and driven through the
// PKCS#11 C API directly (v2.40): ECDSA as CKM_ECDSA over a SHA-256 computed here, with the raw
// r||s the token returns re-encoded as a DER ECDSA-Sig-Value (RFC 5480 §2.2 / X9.62); RSA as
// CKM_SHA256_RSA_PKCS over the message.
//
// Module choice: `module-path` in the URI, else Pkcs11Options::module_path, else the
// ABSAH_PKCS11_MODULE environment variable, else /usr/lib/softhsm/libsofthsm2.so.

#include <filesystem>
#include <memory>
#include <string>

#include "engine/base/result.h"
#include "engine/sign/pkcs11_uri.h"
#include "engine/sign/signer.h"

namespace absah::sign {

constexpr const char* kDefaultPkcs11Module = "/usr/lib/softhsm/libsofthsm2.so";

struct Pkcs11Options {
  std::string module_path;            // overrides the environment and the default
  std::filesystem::path certificate;  // PEM; when empty, read from the token (CKO_CERTIFICATE)
  std::filesystem::path chain;        // PEM CA certificates to embed
};

class Pkcs11Signer final : public Signer {
 public:
  static Result<std::unique_ptr<Pkcs11Signer>> open(std::string_view uri,
                                                    const Pkcs11Options& options = {});
  ~Pkcs11Signer() override;

  Result<std::vector<uint8_t>> sign_message(std::span<const uint8_t> message) override;
  X509* certificate() const override;
  std::vector<X509*> chain() const override;
  SignatureAlgorithm algorithm() const override;

 private:
  struct State;
  explicit Pkcs11Signer(std::unique_ptr<State> state);
  std::unique_ptr<State> m_state;
};

}  // namespace absah::sign
