#include "engine/seal/deterministic_ecdsa.h"

#include "engine/seal/scalar_inverse.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <memory>

namespace absah::seal {

namespace {

using Bytes32 = std::array<unsigned char, 32>;

struct BnFree {
  void operator()(BIGNUM* b) const { BN_clear_free(b); }
};
struct CtxFree {
  void operator()(BN_CTX* c) const { BN_CTX_free(c); }
};
struct PointFree {
  void operator()(EC_POINT* p) const { EC_POINT_free(p); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

Error fail(const char* what) {
  return Error(ErrorCode::Internal, "seal", std::string("RFC 6979 signing: ") + what);
}

// HMAC-SHA256 through one MAC context re-keyed for each use: the one-shot HMAC() looks the
// algorithm up and builds a context on each of the signature's eight or more calls.
class HmacSha256 {
 public:
  HmacSha256() {
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac != nullptr) m_ctx = EVP_MAC_CTX_new(mac);
    static char digest[] = "SHA256";  // OSSL_PARAM keeps the pointer, not a copy
    m_params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0);
    m_params[1] = OSSL_PARAM_construct_end();
    m_failed = m_ctx == nullptr;
  }
  ~HmacSha256() { EVP_MAC_CTX_free(m_ctx); }
  HmacSha256(const HmacSha256&) = delete;
  HmacSha256& operator=(const HmacSha256&) = delete;

  // HMAC over the concatenation of the parts; a failure is kept for failed().
  Bytes32 operator()(const Bytes32& key, std::initializer_list<std::string_view> parts) {
    Bytes32 out{};
    if (m_failed) return out;
    // The digest is named on the first keying only; later keyings keep it.
    const OSSL_PARAM* params = m_keyed ? nullptr : m_params;
    bool ok = EVP_MAC_init(m_ctx, key.data(), key.size(), params) == 1;
    for (auto p : parts)
      ok = ok &&
           EVP_MAC_update(m_ctx, reinterpret_cast<const unsigned char*>(p.data()), p.size()) == 1;
    size_t len = 0;
    ok = ok && EVP_MAC_final(m_ctx, out.data(), &len, out.size()) == 1 && len == out.size();
    m_keyed = true;
    m_failed = !ok;
    return out;
  }
  bool failed() const { return m_failed; }

 private:
  EVP_MAC_CTX* m_ctx = nullptr;
  OSSL_PARAM m_params[2];
  bool m_keyed = false;
  bool m_failed = false;
};

// The curve and its order, built once: making the group from its name was a sixth of a seal
// signature. OpenSSL only reads a group while computing with it, so threads share it.
struct P256 {
  EC_GROUP* group = nullptr;
  const BIGNUM* order = nullptr;
  U256 order_limbs{};
};

const P256* p256() {
  static const P256* const curve = []() -> const P256* {
    auto* c = new P256;
    c->group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    if (c->group == nullptr) return nullptr;
    c->order = EC_GROUP_get0_order(c->group);
    unsigned char bytes[32];
    if (BN_bn2binpad(c->order, bytes, sizeof bytes) != sizeof bytes) return nullptr;
    c->order_limbs = u256_from_be_bytes(bytes);
    return c;
  }();
  return curve;
}

// k⁻¹ mod n through a random blinding factor b: k⁻¹ = b · (k·b)⁻¹. The variable-time binary
// inversion (scalar_inverse.h) then only ever sees k·b, which says nothing about k; OpenSSL's
// constant-time exponentiation k^(n−2) was 45 % of a seal signature. b changes nothing in the
// result, so signatures stay deterministic.
bool blinded_inverse(BIGNUM* kinv, const BIGNUM* k, const P256& curve, BN_CTX* ctx) {
  const BIGNUM* n = curve.order;
  unsigned char bytes[32];
  U256 inverse{};
  Bn b(BN_new()), kb(BN_new());
  bool ok = b && kb && RAND_priv_bytes(bytes, sizeof bytes) == 1 &&
            BN_bin2bn(bytes, sizeof bytes, b.get()) != nullptr &&
            BN_nnmod(b.get(), b.get(), n, ctx) == 1 && !BN_is_zero(b.get()) &&  // 2^-256
            BN_mod_mul(kb.get(), k, b.get(), n, ctx) == 1 &&
            BN_bn2binpad(kb.get(), bytes, sizeof bytes) == sizeof bytes &&
            inverse_mod_odd(u256_from_be_bytes(bytes), curve.order_limbs, inverse);
  if (ok) u256_to_be_bytes(inverse, bytes);
  ok = ok && BN_bin2bn(bytes, sizeof bytes, kb.get()) != nullptr &&
       BN_mod_mul(kinv, kb.get(), b.get(), n, ctx) == 1;
  OPENSSL_cleanse(bytes, sizeof bytes);
  return ok;
}

std::string_view view(const Bytes32& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace

Result<std::string> sign_p256_sha256_rfc6979(EVP_PKEY* key, std::string_view message) {
  BIGNUM* raw_d = nullptr;
  if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &raw_d) != 1)
    return fail("no private key");
  Bn d(raw_d);
  std::unique_ptr<BN_CTX, CtxFree> ctx(BN_CTX_new());
  const P256* curve = p256();
  if (!ctx || curve == nullptr) return fail("out of memory");
  const EC_GROUP* group = curve->group;
  const BIGNUM* n = curve->order;

  // h1 = SHA-256(m); z = bits2int(h1) mod n (qlen = hlen = 256, so no shift).
  Bytes32 h1{};
  SHA256(reinterpret_cast<const unsigned char*>(message.data()), message.size(), h1.data());
  Bn z(BN_bin2bn(h1.data(), 32, nullptr));
  if (!z || BN_nnmod(z.get(), z.get(), n, ctx.get()) != 1) return fail("digest reduction");
  Bytes32 x{}, h1_octets{};
  if (BN_bn2binpad(d.get(), x.data(), 32) != 32 ||
      BN_bn2binpad(z.get(), h1_octets.data(), 32) != 32)
    return fail("encoding");

  // RFC 6979 §3.2 steps b–g.
  Bytes32 v;
  v.fill(0x01);
  Bytes32 k_mac{};
  const std::string zero(1, '\0'), one(1, '\x01');
  HmacSha256 hmac;
  k_mac = hmac(k_mac, {view(v), zero, view(x), view(h1_octets)});
  v = hmac(k_mac, {view(v)});
  k_mac = hmac(k_mac, {view(v), one, view(x), view(h1_octets)});
  v = hmac(k_mac, {view(v)});

  Bn k(BN_new()), r(BN_new()), s(BN_new()), kinv(BN_new()), rx(BN_new());
  std::unique_ptr<EC_POINT, PointFree> point(EC_POINT_new(group));
  if (!k || !r || !s || !kinv || !rx || !point) return fail("out of memory");
  BN_set_flags(k.get(), BN_FLG_CONSTTIME);
  for (int attempt = 0; attempt < 64; ++attempt) {  // a retry has probability ~2^-128
    v = hmac(k_mac, {view(v)});                     // step h: T = V (one block of 256 bits)
    if (hmac.failed()) return fail("HMAC");
    BN_bin2bn(v.data(), 32, k.get());
    bool usable = !BN_is_zero(k.get()) && BN_cmp(k.get(), n) < 0;
    if (usable) {
      // r = (k·G).x mod n; s = k⁻¹ (z + r·d) mod n.
      if (EC_POINT_mul(group, point.get(), k.get(), nullptr, nullptr, ctx.get()) != 1 ||
          EC_POINT_get_affine_coordinates(group, point.get(), rx.get(), nullptr, ctx.get()) != 1 ||
          BN_nnmod(r.get(), rx.get(), n, ctx.get()) != 1 ||
          !blinded_inverse(kinv.get(), k.get(), *curve, ctx.get()) ||
          BN_mod_mul(s.get(), r.get(), d.get(), n, ctx.get()) != 1 ||
          BN_mod_add(s.get(), s.get(), z.get(), n, ctx.get()) != 1 ||
          BN_mod_mul(s.get(), s.get(), kinv.get(), n, ctx.get()) != 1)
        return fail("curve arithmetic");
      if (!BN_is_zero(r.get()) && !BN_is_zero(s.get())) {
        std::string out(64, '\0');
        auto* o = reinterpret_cast<unsigned char*>(out.data());
        if (BN_bn2binpad(r.get(), o, 32) != 32 || BN_bn2binpad(s.get(), o + 32, 32) != 32)
          return fail("encoding");
        return out;
      }
    }
    k_mac = hmac(k_mac, {view(v), zero});
    v = hmac(k_mac, {view(v)});
  }
  return fail("no usable nonce");
}

}  // namespace absah::seal
