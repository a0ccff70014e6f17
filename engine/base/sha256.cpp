#include "engine/base/sha256.h"

namespace absah {

const EVP_MD* sha256_md() {
  // Kept until the process ends, like OpenSSL's own provider cache.
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

}  // namespace absah
