#include "engine/cli/signing_setup.h"

#include <cstdlib>
#include <filesystem>

#include "engine/base/file_io.h"
#include "engine/cli/core_dumps.h"
#include "engine/sign/key_file_signer.h"
#include "engine/sign/pkcs11_signer.h"

namespace absah::cli {

namespace fs = std::filesystem;

const std::set<std::string>& signing_option_names() {
  static const std::set<std::string> names = {"key", "cert",     "chain",     "keys",
                                              "tsa", "seal-key", "verify-url"};
  return names;
}

fs::path keys_dir(const Args& args) {
  const char* env_dir = std::getenv("ABSAH_KEYS_DIR");
  return args.get_or("keys", env_dir && *env_dir ? env_dir : "keys/dev");
}

void attach_signing(render::RenderRequest& request, const std::optional<SigningSetup>& setup) {
  if (!setup) return;
  request.signer = setup->signer.get();
  request.sign_options = setup->options;
  request.seal_key = setup->seal_key ? &*setup->seal_key : nullptr;
  request.seal_base_url = setup->seal_base_url;
}

static Result<SigningSetup> open_signing(const Args& args) {
  // Before any key byte is read into memory.
  ABSAH_TRY_STATUS(disable_core_dumps());
  SigningSetup setup;
  setup.options.tsa_url = args.get_or("tsa", "");
  const fs::path keys_dir = cli::keys_dir(args);
  const std::string key = args.get_or("key", (keys_dir / "signing-key.pem").string());
  fs::path cert = args.get_or("cert", "");
  fs::path chain = args.get_or("chain", "");
  if (key.rfind("pkcs11:", 0) == 0) {
    sign::Pkcs11Options o;
    o.certificate = cert;
    o.chain = chain;
    auto signer = sign::Pkcs11Signer::open(key, o);
    if (!signer) return signer.take_error();
    setup.signer = std::move(*signer);
    setup.description = "PKCS#11 token";
  } else {
    if (cert.empty()) cert = keys_dir / "signing.pem";
    if (chain.empty() && fs::exists(keys_dir / "chain.pem")) chain = keys_dir / "chain.pem";
    if (!fs::exists(key))
      return Error(ErrorCode::Io, "--key",
                   "no signing key at " + key +
                       "; run `absah keys init` for a development PKI, pass --key, or "
                       "render with --unsigned");
    auto signer = sign::KeyFileSigner::open({key, cert, chain});
    if (!signer) return signer.take_error();
    setup.signer = std::move(*signer);
    setup.description = "key file " + key;
  }
  setup.description =
      std::string(sign::to_string(setup.signer->algorithm())) + " " + setup.description;

  const fs::path seal_key = args.get_or("seal-key", (keys_dir / "seal-key.pem").string());
  ABSAH_TRY_STATUS(sign::check_private_key_permissions(seal_key));
  auto pem = read_file(seal_key, 64 * 1024);
  if (!pem) return pem.take_error();
  auto loaded = seal::SealKey::from_pem(*pem);
  if (!loaded) {
    Error e = loaded.take_error();
    e.path = "--seal-key " + seal_key.string();
    return e;
  }
  setup.seal_key = std::move(*loaded);
  setup.seal_base_url = args.get_or("verify-url", setup.seal_base_url);
  return setup;
}

}  // namespace absah::cli

namespace absah::cli {

Result<std::optional<SigningSetup>> open_signing_unless_unsigned(const Args& args) {
  if (args.flags.count("unsigned")) return std::optional<SigningSetup>();
  auto setup = open_signing(args);
  if (!setup) return setup.take_error();
  return std::optional<SigningSetup>(std::move(*setup));
}

}  // namespace absah::cli
