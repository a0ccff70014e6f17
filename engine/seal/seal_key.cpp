#include "engine/seal/seal_key.h"

#include "engine/seal/deterministic_ecdsa.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <cstring>

namespace absah::seal {

namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct SigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using SigPtr = std::unique_ptr<ECDSA_SIG, SigFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::string drain_openssl_errors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

Error crypto_error(ErrorCode code, std::string message) {
  std::string why = drain_openssl_errors();
  if (!why.empty()) message += " (" + why + ")";
  return Error(code, "", std::move(message));
}

// ES256 is defined on P-256 only (RFC 9053 §2.1); any other key is refused.
Status require_p256(EVP_PKEY* key) {
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
    return Error(ErrorCode::FieldFormat, "", "seal key is not an EC key");
  char group[64] = {};
  size_t len = 0;
  if (!EVP_PKEY_get_group_name(key, group, sizeof group, &len) ||
      std::strcmp(group, "prime256v1") != 0)
    return Error(
        ErrorCode::FieldFormat, "",
        std::string("seal key curve must be P-256, not ") + (group[0] ? group : "unknown"));
  return ok_status();
}

Result<std::string> kid_of(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(key, &der);
  if (len <= 0) return crypto_error(ErrorCode::Internal, "cannot encode the public key");
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(der, static_cast<size_t>(len), digest);
  OPENSSL_free(der);
  return std::string(reinterpret_cast<const char*>(digest), kKidBytes);
}

Result<std::string> to_pem(EVP_PKEY* key, bool with_private) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  int ok = with_private
               ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
               : PEM_write_bio_PUBKEY(bio.get(), key);
  if (!ok) return crypto_error(ErrorCode::Internal, "cannot write the key as PEM");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    out += kDigits[static_cast<uint8_t>(c) >> 4];
    out += kDigits[static_cast<uint8_t>(c) & 15];
  }
  return out;
}

Result<SealKey> SealKey::from_pem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (!raw) return crypto_error(ErrorCode::FieldFormat, "not a PEM private key");
  SealKey key;
  key.m_key = own(raw);
  ABSAH_TRY_STATUS(require_p256(raw));
  auto kid = kid_of(raw);
  if (!kid) return kid.take_error();
  key.m_kid = std::move(kid).value();
  return key;
}

Result<SealKey> SealKey::generate() {
  EVP_PKEY* raw = EVP_EC_gen("P-256");
  if (!raw) return crypto_error(ErrorCode::Internal, "cannot generate a P-256 key");
  SealKey key;
  key.m_key = own(raw);
  auto kid = kid_of(raw);
  if (!kid) return kid.take_error();
  key.m_kid = std::move(kid).value();
  return key;
}

Result<std::string> SealKey::private_key_pem() const {
  return to_pem(m_key.get(), true);
}

Result<std::string> SealKey::public_key_pem() const {
  return to_pem(m_key.get(), false);
}

Result<std::string> SealKey::sign_es256(std::string_view message) const {
  // Deterministic nonces (RFC 6979): the same record always gets the same seal.
  return sign_p256_sha256_rfc6979(m_key.get(), message);
}

Result<SealPublicKey> SealPublicKey::from_pem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (!raw) return crypto_error(ErrorCode::FieldFormat, "not a PEM public key");
  SealPublicKey key;
  key.m_key = own(raw);
  ABSAH_TRY_STATUS(require_p256(raw));
  auto kid = kid_of(raw);
  if (!kid) return kid.take_error();
  key.m_kid = std::move(kid).value();
  return key;
}

bool SealPublicKey::verify_es256(std::string_view message, std::string_view signature) const {
  if (!m_key || signature.size() != kEs256SignatureBytes) return false;
  const auto* s = reinterpret_cast<const unsigned char*>(signature.data());
  SigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(s, 32, nullptr);
  BIGNUM* sv = BN_bin2bn(s + 32, 32, nullptr);
  if (!sig || !r || !sv || !ECDSA_SIG_set0(sig.get(), r, sv)) {
    BN_free(r);
    BN_free(sv);
    return false;
  }
  unsigned char* der = nullptr;
  int der_len = i2d_ECDSA_SIG(sig.get(), &der);
  if (der_len <= 0) return false;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), der, static_cast<size_t>(der_len),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  OPENSSL_free(der);
  ERR_clear_error();
  return ok;
}

}  // namespace absah::seal
