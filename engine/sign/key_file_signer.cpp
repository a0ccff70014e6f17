#include "engine/sign/key_file_signer.h"

#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/base/file_io.h"
#include "engine/base/sha256.h"
#include "engine/sign/openssl_util.h"

namespace absah::sign {

struct KeyFileSigner::State {
  EvpPkeyPtr key;
  X509Ptr certificate;
  std::vector<X509Ptr> chain;
  SignatureAlgorithm algorithm = SignatureAlgorithm::Unknown;
  // Prepared once (EVP_PKEY_sign_init, padding, digest name), used for every message: a fresh
  // EVP_DigestSignInit per message fetches the algorithms from the provider again each time.
  EvpPkeyCtxPtr sign_ctx;
  EvpMdCtxPtr hash_ctx;
  size_t max_signature_size = 0;
};

namespace {

// Refuses to prompt on a terminal for a passphrase: an encrypted key is an error here.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

constexpr uint64_t kMaxPemBytes = 1 << 20;

}  // namespace

Status KeyFileSigner::prepare_signing(State& state) {
  state.hash_ctx.reset(EVP_MD_CTX_new());
  state.sign_ctx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, state.key.get(), nullptr));
  if (!state.hash_ctx || !state.sign_ctx || !sha256_md() ||
      EVP_PKEY_sign_init(state.sign_ctx.get()) != 1)
    return openssl_error(ErrorCode::Internal, "", "cannot prepare the key for signing");
  // RSA: RSASSA-PKCS1-v1_5, the DigestInfo naming SHA-256 around the hash (RFC 8017 §9.2), as
  // EVP_DigestSign produces it; deterministic. ECDSA: the DER ECDSA-Sig-Value of the hash.
  if (state.algorithm == SignatureAlgorithm::RsaPkcs1Sha256 &&
      (EVP_PKEY_CTX_set_rsa_padding(state.sign_ctx.get(), RSA_PKCS1_PADDING) != 1 ||
       EVP_PKEY_CTX_set_signature_md(state.sign_ctx.get(), sha256_md()) != 1))
    return openssl_error(ErrorCode::Internal, "", "cannot select PKCS#1 v1.5 with SHA-256");
  state.max_signature_size = static_cast<size_t>(EVP_PKEY_get_size(state.key.get()));
  return ok_status();
}

Status check_private_key_permissions(const std::filesystem::path& path) {
  return check_owner_only(path, "private key");
}

Result<std::unique_ptr<KeyFileSigner>> KeyFileSigner::open(const KeyFilePaths& paths) {
  ABSAH_TRY_STATUS(check_private_key_permissions(paths.private_key));
  auto key_pem = read_file(paths.private_key, kMaxPemBytes);
  if (!key_pem) return key_pem.take_error();

  auto state = std::make_unique<State>();
  {
    BioPtr bio(BIO_new_mem_buf(key_pem->data(), static_cast<int>(key_pem->size())));
    state->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
    // Wipe our copy of the key text before anything else can fail.
    OPENSSL_cleanse(key_pem->data(), key_pem->size());
    if (!state->key)
      return openssl_error(ErrorCode::Io, paths.private_key.string(),
                           "not an unencrypted PEM private key");
  }

  auto cert_pem = read_file(paths.certificate, kMaxPemBytes);
  if (!cert_pem) return cert_pem.take_error();
  auto certs = parse_pem_certificates(*cert_pem, paths.certificate.string());
  if (!certs) return certs.take_error();
  state->certificate = std::move(certs->front());
  for (size_t i = 1; i < certs->size(); ++i) state->chain.push_back(std::move((*certs)[i]));
  if (!paths.chain.empty()) {
    auto chain_pem = read_file(paths.chain, kMaxPemBytes);
    if (!chain_pem) return chain_pem.take_error();
    auto more = parse_pem_certificates(*chain_pem, paths.chain.string());
    if (!more) return more.take_error();
    for (auto& c : *more) state->chain.push_back(std::move(c));
  }

  if (X509_check_private_key(state->certificate.get(), state->key.get()) != 1)
    return openssl_error(
        ErrorCode::Io, paths.private_key.string(),
        "private key does not match the certificate in " + paths.certificate.string());
  state->algorithm = algorithm_of_certificate(state->certificate.get());
  if (state->algorithm == SignatureAlgorithm::Unknown)
    return Error(ErrorCode::Io, paths.certificate.string(),
                 "unsupported key type: ECDSA P-256 or RSA of at least 2048 bits required");
  ABSAH_TRY_STATUS(prepare_signing(*state));
  return std::unique_ptr<KeyFileSigner>(new KeyFileSigner(std::move(state)));
}

KeyFileSigner::KeyFileSigner(std::unique_ptr<State> state) : m_state(std::move(state)) {}
KeyFileSigner::~KeyFileSigner() = default;

Result<std::vector<uint8_t>> KeyFileSigner::sign_message(std::span<const uint8_t> message) {
  uint8_t hash[EVP_MAX_MD_SIZE];
  unsigned hash_len = 0;
  EVP_MD_CTX* h = m_state->hash_ctx.get();
  if (EVP_DigestInit_ex2(h, sha256_md(), nullptr) != 1 ||
      EVP_DigestUpdate(h, message.data(), message.size()) != 1 ||
      EVP_DigestFinal_ex(h, hash, &hash_len) != 1)
    return openssl_error(ErrorCode::Internal, "", "SHA-256 failed");
  std::vector<uint8_t> sig(m_state->max_signature_size);
  size_t len = sig.size();
  if (EVP_PKEY_sign(m_state->sign_ctx.get(), sig.data(), &len, hash, hash_len) != 1)
    return openssl_error(ErrorCode::Internal, "", "signing failed");
  sig.resize(len);
  return sig;
}

X509* KeyFileSigner::certificate() const {
  return m_state->certificate.get();
}

std::vector<X509*> KeyFileSigner::chain() const {
  std::vector<X509*> out;
  for (const auto& c : m_state->chain) out.push_back(c.get());
  return out;
}

SignatureAlgorithm KeyFileSigner::algorithm() const {
  return m_state->algorithm;
}

}  // namespace absah::sign
