#include "engine/sign/trust_store.h"

#include "engine/base/file_io.h"
#include "engine/sign/openssl_util.h"

namespace absah::sign {

Result<TrustStore> TrustStore::from_pem(std::string_view pem, const std::string& origin) {
  auto certs = parse_pem_certificates(pem, origin);
  if (!certs) return certs.take_error();
  X509_STORE* store = X509_STORE_new();
  if (!store) return openssl_error(ErrorCode::Internal, origin, "out of memory");
  TrustStore out(store);
  for (auto& cert : *certs)
    if (X509_STORE_add_cert(store, cert.get()) != 1)
      return openssl_error(ErrorCode::Io, origin, "cannot add a trust anchor");
  return out;
}

Result<TrustStore> TrustStore::from_file(const std::filesystem::path& path) {
  auto pem = read_file(path, 4 << 20);
  if (!pem) return pem.take_error();
  return from_pem(*pem, path.string());
}

}  // namespace absah::sign
