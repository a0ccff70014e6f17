#pragma once
// The trust anchors a signature check chains to (root-ca.pem in development), as an owned
// OpenSSL X509_STORE. Loaded once and shared read-only by every check.

#include <filesystem>
#include <memory>
#include <string_view>

#include <openssl/x509.h>

#include "engine/base/result.h"

namespace absah::sign {

class TrustStore {
 public:
  static Result<TrustStore> from_pem(std::string_view pem, const std::string& origin);
  static Result<TrustStore> from_file(const std::filesystem::path& path);

  X509_STORE* get() const { return m_store.get(); }

 private:
  struct Free {
    void operator()(X509_STORE* s) const { X509_STORE_free(s); }
  };
  std::shared_ptr<X509_STORE> m_store;
  explicit TrustStore(X509_STORE* store) : m_store(store, Free{}) {}
};

}  // namespace absah::sign
