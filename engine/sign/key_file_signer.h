#pragma once
// A Signer over a PEM private key file and PEM certificate files: the development PKI
// (keys/dev/) and deployments without an HSM. The key file must not be accessible by group or
// others, the same rule ssh applies to identity files; error messages name paths, never
// key material.

#include <filesystem>
#include <memory>

#include "engine/base/result.h"
#include "engine/sign/signer.h"

namespace absah::sign {

struct KeyFilePaths {
  std::filesystem::path private_key;  // PEM, PKCS#8 or traditional, unencrypted
  std::filesystem::path certificate;  // PEM: the signer's certificate, then optionally its CAs
  std::filesystem::path chain;        // optional PEM with more CA certificates
};

class KeyFileSigner final : public Signer {
 public:
  static Result<std::unique_ptr<KeyFileSigner>> open(const KeyFilePaths& paths);
  ~KeyFileSigner() override;

  Result<std::vector<uint8_t>> sign_message(std::span<const uint8_t> message) override;
  X509* certificate() const override;
  std::vector<X509*> chain() const override;
  SignatureAlgorithm algorithm() const override;

 private:
  struct State;
  explicit KeyFileSigner(std::unique_ptr<State> state);
  static Status prepare_signing(State& state);
  std::unique_ptr<State> m_state;
};

// Ok when the file exists and grants nothing to group or others (mode & 077 == 0).
Status check_private_key_permissions(const std::filesystem::path& path);

}  // namespace absah::sign
