#pragma once
// The development PKI that `absah keys init` writes (keys/dev/ by default):
//
//   root-ca.pem, root-ca-key.pem          trust anchor (import into NSS / the verifier)
//   issuing-ca.pem, issuing-ca-key.pem    issuing CA (pathlen 0)
//   signing-ec.pem, signing-ec-key.pem    office signing certificate, ECDSA P-256
//   signing-rsa.pem, signing-rsa-key.pem  the same subject, RSA-3072
//   signing.pem, signing-key.pem          copies of the one chosen with `algorithm`
//   chain.pem                             issuing CA then root: the CAs embedded in the CMS
//   tsa.pem, tsa-key.pem                  a timestamp authority for tests/tools/tsa
//   seal-key.pem, seal-trust.json         the QR seal key (ECDSA P-256) and its trust list
//
// Private keys are PKCS#8 PEM files with mode 0600. Nothing here is for production: a real
// deployment brings its own certificates and keeps its keys in an HSM (keys/README.md).
// Times are parameters; this code never reads the clock.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/base/result.h"

namespace absah::sign {

enum class KeyAlgorithm : uint8_t {
  Unknown = 0,
  EcdsaP256,
  Rsa3072,
};

enum class Overwrite : uint8_t {
  No = 0,
  Yes,
};

struct DevPkiOptions {
  std::filesystem::path dir = "keys/dev";
  KeyAlgorithm algorithm = KeyAlgorithm::EcdsaP256;  // CAs, and what signing.pem is
  int64_t not_before = 1767225600;                   // 2026-01-01T00:00:00Z
  int64_t not_after = 1924992000;                    // 2031-01-01T00:00:00Z (end entities)
  int64_t ca_not_after = 2398377600;                 // 2046-01-01T00:00:00Z (CAs)
  Overwrite overwrite = Overwrite::No;
  std::string office_code = "5271";
  std::string office_name = "Dinas Kependudukan dan Pencatatan Sipil Kota Mataram";
};

struct DevPkiResult {
  std::vector<std::filesystem::path> written;
  std::string seal_kid;  // hex of the first 8 bytes of SHA-256(SubjectPublicKeyInfo DER)
};

Result<DevPkiResult> create_dev_pki(const DevPkiOptions& options);

// "2026-01-01T00:00:00Z" for a Unix time (RFC 3339, UTC).
std::string format_utc(int64_t unix_seconds);

}  // namespace absah::sign
