#pragma once
// The signing key and certificates the CLI uses: `--key PATH` or `--key pkcs11:…` (RFC 7512),
// `--cert`, `--chain`, `--tsa URL`; without them the development PKI in `--keys DIR`
// (default $ABSAH_KEYS_DIR or keys/dev, made by `absah keys init`). The QR seal key is
// `--seal-key PATH` (default <keys>/seal-key.pem) and the seal URL base `--verify-url BASE`.

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "engine/base/result.h"
#include "engine/cli/args.h"
#include "engine/render/renderer.h"
#include "engine/seal/seal_key.h"
#include "engine/sign/pades.h"
#include "engine/sign/signer.h"

namespace absah::cli {

// Options every signing subcommand accepts (valued).
const std::set<std::string>& signing_option_names();

struct SigningSetup {
  std::unique_ptr<sign::Signer> signer;
  sign::SignOptions options;
  std::string description;  // "ECDSA P-256 key file keys/dev/signing-key.pem", never key material
  std::optional<seal::SealKey> seal_key;
  std::string seal_base_url = "http://localhost:8080";
};

// nullopt with --unsigned; the setup, or the error naming the option, otherwise.
Result<std::optional<SigningSetup>> open_signing_unless_unsigned(const Args& args);

// The development PKI folder: --keys, else $ABSAH_KEYS_DIR, else keys/dev.
std::filesystem::path keys_dir(const Args& args);

// Points a render request at the setup's signer and seal key (no-op without a setup).
void attach_signing(render::RenderRequest& request, const std::optional<SigningSetup>& setup);

}  // namespace absah::cli
