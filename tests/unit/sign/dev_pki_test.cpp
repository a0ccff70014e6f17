#include "engine/sign/dev_pki.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "engine/sign/openssl_util.h"
#include "engine/sign/signer.h"
#include "tests/unit/sign/sign_test_support.h"

namespace absah::sign {
namespace {

using testing::pki_dir;
using testing::read_bytes;

X509Ptr load_cert(const std::string& name) {
  auto certs = parse_pem_certificates(read_bytes(pki_dir() / name), name);
  EXPECT_TRUE(certs.ok());
  return certs.ok() ? std::move(certs->front()) : nullptr;
}

TEST(DevPki, PrivateKeysAreOwnerOnly) {
  for (const char* name :
       {"root-ca-key.pem", "issuing-ca-key.pem", "signing-ec-key.pem", "signing-rsa-key.pem",
        "signing-key.pem", "tsa-key.pem", "seal-key.pem"}) {
    struct stat st {};
    ASSERT_EQ(::stat((pki_dir() / name).c_str(), &st), 0) << name;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << name;
  }
  struct stat st {};
  ASSERT_EQ(::stat((pki_dir() / "root-ca.pem").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(DevPki, SigningCertificatesChainToTheRootWithDocumentSigningUsage) {
  X509StorePtr store(X509_STORE_new());
  X509Ptr root = load_cert("root-ca.pem");
  X509_STORE_add_cert(store.get(), root.get());
  X509Ptr issuing = load_cert("issuing-ca.pem");
  X509StackPtr untrusted(sk_X509_new_null());
  X509_up_ref(issuing.get());
  sk_X509_push(untrusted.get(), issuing.get());
  for (const char* name : {"signing-ec.pem", "signing-rsa.pem", "tsa.pem"}) {
    X509Ptr cert = load_cert(name);
    ASSERT_TRUE(cert);
    std::unique_ptr<X509_STORE_CTX, OsslDeleter<X509_STORE_CTX_free>> ctx(X509_STORE_CTX_new());
    X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), untrusted.get());
    X509_STORE_CTX_set_time(ctx.get(), 0, 1767225600 + 86400 * 300);
    EXPECT_EQ(X509_verify_cert(ctx.get()), 1)
        << name << ": " << X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
  }
  X509Ptr ec = load_cert("signing-ec.pem");
  X509Ptr rsa = load_cert("signing-rsa.pem");
  EXPECT_EQ(algorithm_of_certificate(ec.get()), SignatureAlgorithm::EcdsaP256Sha256);
  EXPECT_EQ(algorithm_of_certificate(rsa.get()), SignatureAlgorithm::RsaPkcs1Sha256);
  EXPECT_EQ(EVP_PKEY_get_bits(X509_get0_pubkey(rsa.get())), 3072);

  char cn[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(ec.get()), NID_commonName, cn, sizeof cn);
  EXPECT_STREQ(cn, "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Mataram");
  char org[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(ec.get()), NID_organizationName, org, sizeof org);
  EXPECT_STREQ(org, "Pemerintah Kota Mataram");
  // keyUsage critical, digitalSignature + nonRepudiation only.
  int crit = 0;
  auto* usage =
      static_cast<ASN1_BIT_STRING*>(X509_get_ext_d2i(ec.get(), NID_key_usage, &crit, nullptr));
  ASSERT_NE(usage, nullptr);
  EXPECT_EQ(crit, 1);
  EXPECT_EQ(X509_get_key_usage(ec.get()),
            static_cast<uint32_t>(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION));
  ASN1_BIT_STRING_free(usage);
  EXPECT_EQ(X509_check_ca(ec.get()), 0);
  EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notBefore(ec.get()), 1767225600), 0);
  EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notAfter(ec.get()), 1924992000), 0);
}

TEST(DevPki, SealTrustListHasTheAgreedShapeAndKeyId) {
  auto trust = nlohmann::ordered_json::parse(read_bytes(pki_dir() / "seal-trust.json"));
  ASSERT_EQ(trust["version"], 1);
  ASSERT_EQ(trust["keys"].size(), 1u);
  const auto& key = trust["keys"][0];
  std::vector<std::string> names;
  for (const auto& [k, v] : key.items()) names.push_back(k);
  EXPECT_EQ(names, (std::vector<std::string>{"kid", "office", "office_name", "not_before",
                                             "not_after", "public_key_pem"}));
  EXPECT_EQ(key["office"], "5271");
  EXPECT_EQ(key["office_name"], "Dinas Kependudukan dan Pencatatan Sipil Kota Mataram");
  EXPECT_EQ(key["not_before"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(key["not_after"], "2031-01-01T00:00:00Z");

  // kid = first 8 bytes of SHA-256(SPKI DER) of seal-key.pem, computed independently here.
  std::string pem = read_bytes(pki_dir() / "seal-key.pem");
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EvpPkeyPtr seal(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(seal);
  EXPECT_TRUE(EVP_PKEY_is_a(seal.get(), "EC"));
  unsigned char* spki = nullptr;
  int len = i2d_PUBKEY(seal.get(), &spki);
  uint8_t hash[32];
  SHA256(spki, static_cast<size_t>(len), hash);
  OPENSSL_free(spki);
  EXPECT_EQ(key["kid"], hex_lower(hash, 8));

  std::string pub = key["public_key_pem"];
  EXPECT_EQ(pub.rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0u);
  BioPtr pbio(BIO_new_mem_buf(pub.data(), static_cast<int>(pub.size())));
  EvpPkeyPtr parsed(PEM_read_bio_PUBKEY(pbio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(EVP_PKEY_eq(parsed.get(), seal.get()), 1);
}

TEST(DevPki, RefusesToOverwriteWithoutForce) {
  DevPkiOptions options;
  options.dir = pki_dir();
  auto again = create_dev_pki(options);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("--force"), std::string::npos);
}

TEST(DevPki, RsaCasWhenAsked) {
  testing::TempDir dir;
  DevPkiOptions options;
  options.dir = dir.path();
  options.algorithm = KeyAlgorithm::Rsa3072;
  auto made = create_dev_pki(options);
  ASSERT_TRUE(made.ok()) << made.error().describe();
  auto root = parse_pem_certificates(testing::read_bytes(dir / "root-ca.pem"), "root");
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(EVP_PKEY_is_a(X509_get0_pubkey(root->front().get()), "RSA"));
  auto chosen = parse_pem_certificates(testing::read_bytes(dir / "signing.pem"), "signing");
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(algorithm_of_certificate(chosen->front().get()), SignatureAlgorithm::RsaPkcs1Sha256);
}

}  // namespace
}  // namespace absah::sign
