#include "engine/seal/deterministic_ecdsa.h"

#include <gtest/gtest.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "engine/seal/seal_key.h"

namespace absah::seal {

namespace {

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// The RFC 6979 appendix A.2.5 P-256 key, built from its private scalar and public point.
EVP_PKEY* rfc6979_key() {
  BIGNUM* d = nullptr;
  BN_hex2bn(&d, "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
  const std::string pub_hex =
      "0460FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB67903FE1008B8BC99A41AE9E956"
      "28BC64F2F1B20C2D7E"
      "9F5177A3C294D4462299";
  std::string pub;
  for (size_t i = 0; i < pub_hex.size(); i += 2)
    pub += static_cast<char>(std::stoi(pub_hex.substr(i, 2), nullptr, 16));
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub.data(), pub.size());
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* key = nullptr;
  EVP_PKEY_fromdata_init(ctx);
  EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_KEYPAIR, params);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  BN_free(d);
  return key;
}

}  // namespace

TEST(DeterministicEcdsa, MatchesRfc6979VectorForSample) {
  EVP_PKEY* key = rfc6979_key();
  ASSERT_NE(key, nullptr);
  auto sig = sign_p256_sha256_rfc6979(key, "sample");
  ASSERT_TRUE(sig) << sig.error().describe();
  EXPECT_EQ(hex(*sig),
            "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
            "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
  auto test = sign_p256_sha256_rfc6979(key, "test");
  ASSERT_TRUE(test);
  EXPECT_EQ(hex(*test),
            "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
            "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083");
  EVP_PKEY_free(key);
}

TEST(DeterministicEcdsa, SealKeysSignTheSameMessageTheSameWayAndVerify) {
  auto key = SealKey::generate();
  ASSERT_TRUE(key);
  auto a = key->sign_es256("Signature1 payload");
  auto b = key->sign_es256("Signature1 payload");
  auto c = key->sign_es256("Signature1 payload.");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  auto pub = SealPublicKey::from_pem(*key->public_key_pem());
  ASSERT_TRUE(pub);
  EXPECT_TRUE(pub->verify_es256("Signature1 payload", *a));
  EXPECT_FALSE(pub->verify_es256("Signature1 payload.", *a));
}

}  // namespace absah::seal
