#include "engine/seal/scalar_inverse.h"

#include <gtest/gtest.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include <memory>

namespace absah::seal {

namespace {

struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

U256 limbs(const BIGNUM* v) {
  unsigned char bytes[32];
  EXPECT_EQ(BN_bn2binpad(v, bytes, sizeof bytes), 32);
  return u256_from_be_bytes(bytes);
}

Bn bignum(const U256& v) {
  unsigned char bytes[32];
  u256_to_be_bytes(v, bytes);
  return Bn(BN_bin2bn(bytes, sizeof bytes, nullptr));
}

Bn from_hex(const char* hex) {
  BIGNUM* b = nullptr;
  BN_hex2bn(&b, hex);
  return Bn(b);
}

// The P-256 group order and field prime: the modulus the signer uses, and one whose top limb
// is all ones, so x + m carries out of 256 bits while halving.
const char* kOrder = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
const char* kPrime = "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF";

// OpenSSL's BN_mod_inverse is the reference.
void expect_matches_openssl(const BIGNUM* a, const BIGNUM* m, BN_CTX* ctx) {
  U256 inverse{};
  ASSERT_TRUE(inverse_mod_odd(limbs(a), limbs(m), inverse)) << BN_bn2hex(a);
  Bn expected(BN_mod_inverse(nullptr, a, m, ctx));
  ASSERT_TRUE(expected);
  Bn got = bignum(inverse);
  EXPECT_EQ(BN_cmp(got.get(), expected.get()), 0) << "a = " << BN_bn2hex(a);
}

}  // namespace

TEST(ScalarInverse, LimbsRoundTripBigEndianBytes) {
  unsigned char bytes[32], back[32];
  for (int i = 0; i < 32; ++i) bytes[i] = static_cast<unsigned char>(i * 7 + 1);
  const U256 v = u256_from_be_bytes(bytes);
  EXPECT_EQ(v[3] >> 56, 1u);     // first byte is the most significant
  EXPECT_EQ(v[0] & 0xff, 218u);  // last byte 31 * 7 + 1 the least
  u256_to_be_bytes(v, back);
  EXPECT_EQ(std::string(bytes, bytes + 32), std::string(back, back + 32));
}

TEST(ScalarInverse, MatchesOpenSslForRandomValuesModuloOrderAndPrime) {
  std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)> ctx(BN_CTX_new(), BN_CTX_free);
  for (const char* hex : {kOrder, kPrime}) {
    Bn m = from_hex(hex);
    Bn a(BN_new());
    for (int i = 0; i < 1500; ++i) {
      ASSERT_EQ(BN_rand_range(a.get(), m.get()), 1);
      if (BN_is_zero(a.get())) continue;
      expect_matches_openssl(a.get(), m.get(), ctx.get());
    }
  }
}

TEST(ScalarInverse, EdgeValues) {
  std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)> ctx(BN_CTX_new(), BN_CTX_free);
  for (const char* hex : {kOrder, kPrime}) {
    Bn m = from_hex(hex);
    Bn a(BN_new());
    for (BN_ULONG w : {1, 2, 3, 1 << 20}) {
      BN_set_word(a.get(), w);
      expect_matches_openssl(a.get(), m.get(), ctx.get());
    }
    BN_copy(a.get(), m.get());
    BN_sub_word(a.get(), 1);  // m − 1 is its own inverse
    expect_matches_openssl(a.get(), m.get(), ctx.get());
    BN_rshift(a.get(), m.get(), 1);  // a value near the middle
    expect_matches_openssl(a.get(), m.get(), ctx.get());
  }
}

TEST(ScalarInverse, RefusesWhatHasNoInverse) {
  const U256 order = limbs(from_hex(kOrder).get());
  U256 out{};
  EXPECT_FALSE(inverse_mod_odd(U256{0, 0, 0, 0}, order, out));
  EXPECT_FALSE(inverse_mod_odd(order, order, out));                         // not below the modulus
  EXPECT_FALSE(inverse_mod_odd(U256{3, 0, 0, 0}, U256{16, 0, 0, 0}, out));  // even modulus
  EXPECT_FALSE(inverse_mod_odd(U256{6, 0, 0, 0}, U256{15, 0, 0, 0}, out));  // gcd 3
  EXPECT_FALSE(inverse_mod_odd(U256{5, 0, 0, 0}, U256{15, 0, 0, 0}, out));  // gcd 5
  ASSERT_TRUE(inverse_mod_odd(U256{7, 0, 0, 0}, U256{15, 0, 0, 0}, out));
  EXPECT_EQ(out, (U256{13, 0, 0, 0}));  // 7 · 13 = 91 = 6 · 15 + 1
}

}  // namespace absah::seal
