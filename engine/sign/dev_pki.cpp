#include "engine/sign/dev_pki.h"

#include <fcntl.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>

#include "engine/sign/openssl_util.h"

namespace absah::sign {

namespace {

constexpr const char* kOrganization = "Pemerintah Kota Mataram";
constexpr const char* kSignerName = "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Mataram";

struct Issued {
  EvpPkeyPtr key;
  X509Ptr cert;
};

Result<EvpPkeyPtr> generate_key(KeyAlgorithm algorithm) {
  EVP_PKEY* key = algorithm == KeyAlgorithm::Rsa3072 ? EVP_RSA_gen(3072) : EVP_EC_gen("P-256");
  if (!key) return openssl_error(ErrorCode::Internal, "", "key generation failed");
  return EvpPkeyPtr(key);
}

Status add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext || X509_add_ext(cert, ext, -1) != 1) {
    X509_EXTENSION_free(ext);
    return openssl_error(ErrorCode::Internal, "", std::string("cannot add extension ") + value);
  }
  X509_EXTENSION_free(ext);
  return ok_status();
}

// Issues a certificate for `subject_key`; self-signed when `issuer` is null.
Result<X509Ptr> issue(EVP_PKEY* subject_key, const std::string& common_name, const Issued* issuer,
                      int64_t not_before, int64_t not_after,
                      const std::vector<std::pair<int, const char*>>& extensions) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
    return openssl_error(ErrorCode::Internal, "", "out of memory");
  // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; 16 random bytes.
  uint8_t serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1)
    return openssl_error(ErrorCode::Internal, "", "no randomness");
  serial[0] &= 0x7f;
  serial[0] |= 0x01;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  bool serial_ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr;
  BN_free(bn);
  if (!serial_ok) return openssl_error(ErrorCode::Internal, "", "cannot set serial");

  X509_NAME* name = X509_get_subject_name(cert.get());
  auto add_entry = [&](const char* field, const std::string& value) {
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                      0) == 1;
  };
  if (!add_entry("C", "ID") || !add_entry("O", kOrganization) || !add_entry("CN", common_name))
    return openssl_error(ErrorCode::Internal, "", "cannot build subject name");
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->cert.get()) : name);
  if (!ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before)) ||
      !ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(not_after)) ||
      X509_set_pubkey(cert.get(), subject_key) != 1)
    return openssl_error(ErrorCode::Internal, "", "cannot set validity or key");
  X509* issuer_cert = issuer ? issuer->cert.get() : cert.get();
  for (const auto& [nid, value] : extensions)
    ABSAH_TRY_STATUS(add_ext(cert.get(), issuer_cert, nid, value));
  ABSAH_TRY_STATUS(add_ext(cert.get(), issuer_cert, NID_subject_key_identifier, "hash"));
  if (issuer)
    ABSAH_TRY_STATUS(
        add_ext(cert.get(), issuer_cert, NID_authority_key_identifier, "keyid:always"));
  EVP_PKEY* signing_key = issuer ? issuer->key.get() : subject_key;
  if (X509_sign(cert.get(), signing_key, EVP_sha256()) <= 0)
    return openssl_error(ErrorCode::Internal, "", "cannot sign certificate");
  return cert;
}

Result<Issued> make_ca(KeyAlgorithm algorithm, const std::string& cn, const Issued* parent,
                       const DevPkiOptions& o, const char* basic_constraints) {
  auto key = generate_key(algorithm);
  if (!key) return key.take_error();
  auto cert = issue(key->get(), cn, parent, o.not_before, o.ca_not_after,
                    {{NID_basic_constraints, basic_constraints},
                     {NID_key_usage, "critical,keyCertSign,cRLSign"}});
  if (!cert) return cert.take_error();
  return Issued{std::move(*key), std::move(*cert)};
}

Result<Issued> make_end_entity(KeyAlgorithm algorithm, const std::string& cn, const Issued& ca,
                               const DevPkiOptions& o,
                               const std::vector<std::pair<int, const char*>>& usage) {
  auto key = generate_key(algorithm);
  if (!key) return key.take_error();
  std::vector<std::pair<int, const char*>> exts = {{NID_basic_constraints, "critical,CA:FALSE"}};
  exts.insert(exts.end(), usage.begin(), usage.end());
  auto cert = issue(key->get(), cn, &ca, o.not_before, o.not_after, exts);
  if (!cert) return cert.take_error();
  return Issued{std::move(*key), std::move(*cert)};
}

std::string pem_of(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

std::string private_pem_of(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

std::string public_pem_of(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), key);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

// Temporary file with `mode` (fchmod, so the umask cannot widen a key file), fsync, rename.
Status write_with_mode(const std::filesystem::path& path, const std::string& bytes, mode_t mode) {
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0)
    return Error(ErrorCode::Io, path.string(),
                 "cannot create: " + std::string(std::strerror(errno)));
  bool ok = ::fchmod(fd, mode) == 0;
  size_t done = 0;
  while (ok && done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      ok = false;
    else
      done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Error(ErrorCode::Io, path.string(), "write failed: " + why);
  }
  return ok_status();
}

}  // namespace

std::string format_utc(int64_t unix_seconds) {
  time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<DevPkiResult> create_dev_pki(const DevPkiOptions& o) {
  if (o.algorithm == KeyAlgorithm::Unknown)
    return Error(ErrorCode::Usage, "algorithm", "choose ecdsa or rsa");
  if (o.not_after <= o.not_before || o.ca_not_after < o.not_after)
    return Error(ErrorCode::Usage, "validity", "validity period is empty or outlives its CAs");
  std::error_code ec;
  std::filesystem::create_directories(o.dir, ec);
  if (ec) return Error(ErrorCode::Io, o.dir.string(), "cannot create directory: " + ec.message());
  if (o.overwrite == Overwrite::No && std::filesystem::exists(o.dir / "root-ca.pem"))
    return Error(ErrorCode::Usage, (o.dir / "root-ca.pem").string(),
                 "a development PKI already exists here; pass --force to replace it");

  auto root = make_ca(o.algorithm, "Absah Development Root CA (not for production)", nullptr, o,
                      "critical,CA:TRUE");
  if (!root) return root.take_error();
  auto issuing =
      make_ca(o.algorithm, "Absah Development Issuing CA", &*root, o, "critical,CA:TRUE,pathlen:0");
  if (!issuing) return issuing.take_error();
  // The office signing certificate: key usage for document signing (digitalSignature and
  // nonRepudiation/contentCommitment, RFC 5280 §4.2.1.3), no EKU, as pdfsig/NSS accept it.
  const std::vector<std::pair<int, const char*>> signing_usage = {
      {NID_key_usage, "critical,digitalSignature,nonRepudiation"}};
  auto signing_ec =
      make_end_entity(KeyAlgorithm::EcdsaP256, kSignerName, *issuing, o, signing_usage);
  if (!signing_ec) return signing_ec.take_error();
  auto signing_rsa =
      make_end_entity(KeyAlgorithm::Rsa3072, kSignerName, *issuing, o, signing_usage);
  if (!signing_rsa) return signing_rsa.take_error();
  // RFC 3161 §2.3: a TSA certificate has exactly one, critical, EKU id-kp-timeStamping.
  auto tsa =
      make_end_entity(KeyAlgorithm::EcdsaP256, "Absah Development Timestamp Authority", *issuing, o,
                      {{NID_key_usage, "critical,digitalSignature,nonRepudiation"},
                       {NID_ext_key_usage, "critical,timeStamping"}});
  if (!tsa) return tsa.take_error();
  auto seal = generate_key(KeyAlgorithm::EcdsaP256);
  if (!seal) return seal.take_error();

  // Seal key id (docs/seal.md): the first 8 bytes of SHA-256 over the SubjectPublicKeyInfo DER.
  int spki_len = i2d_PUBKEY(seal->get(), nullptr);
  std::vector<uint8_t> spki(spki_len > 0 ? static_cast<size_t>(spki_len) : 0);
  uint8_t* p = spki.data();
  if (spki_len <= 0 || i2d_PUBKEY(seal->get(), &p) != spki_len)
    return openssl_error(ErrorCode::Internal, "", "cannot encode the seal public key");
  uint8_t hash[SHA256_DIGEST_LENGTH];
  SHA256(spki.data(), spki.size(), hash);
  DevPkiResult result;
  result.seal_kid = hex_lower(hash, 8);

  nlohmann::ordered_json key_entry;
  key_entry["kid"] = result.seal_kid;
  key_entry["office"] = o.office_code;
  key_entry["office_name"] = o.office_name;
  key_entry["not_before"] = format_utc(o.not_before);
  key_entry["not_after"] = format_utc(o.not_after);
  key_entry["public_key_pem"] = public_pem_of(seal->get());
  nlohmann::ordered_json trust;
  trust["version"] = 1;
  trust["keys"] = nlohmann::ordered_json::array({key_entry});

  const Issued& chosen = o.algorithm == KeyAlgorithm::Rsa3072 ? *signing_rsa : *signing_ec;
  const std::vector<std::tuple<std::string, std::string, mode_t>> files = {
      {"root-ca.pem", pem_of(root->cert.get()), 0644},
      {"root-ca-key.pem", private_pem_of(root->key.get()), 0600},
      {"issuing-ca.pem", pem_of(issuing->cert.get()), 0644},
      {"issuing-ca-key.pem", private_pem_of(issuing->key.get()), 0600},
      {"signing-ec.pem", pem_of(signing_ec->cert.get()), 0644},
      {"signing-ec-key.pem", private_pem_of(signing_ec->key.get()), 0600},
      {"signing-rsa.pem", pem_of(signing_rsa->cert.get()), 0644},
      {"signing-rsa-key.pem", private_pem_of(signing_rsa->key.get()), 0600},
      {"signing.pem", pem_of(chosen.cert.get()), 0644},
      {"signing-key.pem", private_pem_of(chosen.key.get()), 0600},
      {"chain.pem", pem_of(issuing->cert.get()) + pem_of(root->cert.get()), 0644},
      {"tsa.pem", pem_of(tsa->cert.get()), 0644},
      {"tsa-key.pem", private_pem_of(tsa->key.get()), 0600},
      {"seal-key.pem", private_pem_of(seal->get()), 0600},
      {"seal-trust.json", trust.dump(2) + "\n", 0644},
  };
  for (const auto& [name, bytes, mode] : files) {
    ABSAH_TRY_STATUS(write_with_mode(o.dir / name, bytes, mode));
    result.written.push_back(o.dir / name);
  }
  return result;
}

}  // namespace absah::sign
