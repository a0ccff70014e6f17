#pragma once
// RAII owners for OpenSSL objects and the one place that turns OpenSSL's error queue into an
// Error. Internal to sign/ (and its tests); nothing here is part of the engine's public API.

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/error.h"
#include "engine/base/result.h"

namespace absah::sign {

template <auto Free>
struct OsslDeleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};

using X509Ptr = std::unique_ptr<X509, OsslDeleter<X509_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OsslDeleter<EVP_PKEY_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OsslDeleter<EVP_MD_CTX_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OsslDeleter<EVP_PKEY_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OsslDeleter<BIO_free_all>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, OsslDeleter<CMS_ContentInfo_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, OsslDeleter<X509_STORE_free>>;
using TsReqPtr = std::unique_ptr<TS_REQ, OsslDeleter<TS_REQ_free>>;
using TsRespPtr = std::unique_ptr<TS_RESP, OsslDeleter<TS_RESP_free>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, OsslDeleter<PKCS7_free>>;

void free_x509_stack(STACK_OF(X509) * stack);
using X509StackPtr = std::unique_ptr<STACK_OF(X509), OsslDeleter<free_x509_stack>>;

// Drains OpenSSL's thread-local error queue into a short text ("; "-separated reasons).
// Never contains key material: OpenSSL error strings name functions and reasons only.
std::string openssl_errors();

// An Error whose message ends with the drained OpenSSL reasons, when there are any.
Error openssl_error(ErrorCode code, std::string path, std::string message);

// Every certificate in a PEM text, in order.
Result<std::vector<X509Ptr>> parse_pem_certificates(std::string_view pem,
                                                    const std::string& origin);

std::vector<uint8_t> der_of_certificate(X509* cert);

std::string hex_lower(const uint8_t* data, size_t size);

}  // namespace absah::sign
