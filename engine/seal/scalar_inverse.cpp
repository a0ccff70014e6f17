#include "engine/seal/scalar_inverse.h"

#include <bit>

namespace absah::seal {

namespace {

bool is_even(const U256& v) {
  return (v[0] & 1) == 0;
}

bool is_one(const U256& v) {
  return v[0] == 1 && (v[1] | v[2] | v[3]) == 0;
}

bool is_zero(const U256& v) {
  return (v[0] | v[1] | v[2] | v[3]) == 0;
}

// a >= b
bool not_below(const U256& a, const U256& b) {
  for (int i = 3; i >= 0; --i)
    if (a[i] != b[i]) return a[i] > b[i];
  return true;
}

// a += b; returns the carry out of the top limb.
uint64_t add(U256& a, const U256& b) {
  uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) {
    const unsigned __int128 sum = static_cast<unsigned __int128>(a[i]) + b[i] + carry;
    a[i] = static_cast<uint64_t>(sum);
    carry = static_cast<uint64_t>(sum >> 64);
  }
  return carry;
}

// a -= b; returns the borrow out of the top limb.
uint64_t sub(U256& a, const U256& b) {
  uint64_t borrow = 0;
  for (int i = 0; i < 4; ++i) {
    const uint64_t bi = b[i] + borrow;
    const uint64_t next_borrow = (bi < borrow) | (a[i] < bi);
    a[i] -= bi;
    borrow = next_borrow;
  }
  return borrow;
}

// −m⁻¹ mod 2^64 for an odd m, by Newton's iteration (each step doubles the correct low bits;
// m is its own inverse modulo 8, so three bits are right to begin with).
uint64_t negated_inverse_mod_word(uint64_t m) {
  uint64_t inverse = m;
  for (int i = 0; i < 5; ++i) inverse *= 2 - m * inverse;
  return 0 - inverse;
}

// x = x / 2^k mod m for x < m, m odd, 1 <= k <= 63, the way Montgomery reduction divides: add
// the multiple t·m (t < 2^k) that clears x's low k bits, shift, and subtract m once if the
// result (below 2m) is not below m. No branch depends on x.
void divide_by_power_of_two_mod(U256& x, int k, const U256& m, uint64_t m_neg_inv) {
  const uint64_t t = (x[0] * m_neg_inv) & ((uint64_t{1} << k) - 1);
  uint64_t sum[5];
  uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) {
    const unsigned __int128 p = static_cast<unsigned __int128>(t) * m[i] + x[i] + carry;
    sum[i] = static_cast<uint64_t>(p);
    carry = static_cast<uint64_t>(p >> 64);
  }
  sum[4] = carry;  // t·m + x < 2^319 + 2^256: no carry beyond
  U256 r;
  for (int i = 0; i < 4; ++i) r[i] = (sum[i] >> k) | (sum[i + 1] << (64 - k));
  const uint64_t top = sum[4] >> k;
  U256 reduced = r;
  const uint64_t borrow = sub(reduced, m);
  const uint64_t keep_reduced = 0 - ((top | (borrow ^ 1)) & 1);
  for (int i = 0; i < 4; ++i) x[i] = (reduced[i] & keep_reduced) | (r[i] & ~keep_reduced);
}

// Removes the trailing zero bits of a non-zero v, dividing x by as many twos mod m.
void strip_twos(U256& v, U256& x, const U256& m, uint64_t m_neg_inv) {
  while (v[0] == 0) {  // a whole limb of zeros: rare, as v is odd or random-looking
    v = {v[1], v[2], v[3], 0};
    divide_by_power_of_two_mod(x, 32, m, m_neg_inv);
    divide_by_power_of_two_mod(x, 32, m, m_neg_inv);
  }
  const int k = std::countr_zero(v[0]);
  if (k == 0) return;
  for (int i = 0; i < 3; ++i) v[i] = (v[i] >> k) | (v[i + 1] << (64 - k));
  v[3] >>= k;
  divide_by_power_of_two_mod(x, k, m, m_neg_inv);
}

// x = x − y mod m, for x, y < m.
void sub_mod(U256& x, const U256& y, const U256& m) {
  if (sub(x, y) != 0) add(x, m);
}

}  // namespace

bool inverse_mod_odd(const U256& a, const U256& m, U256& inverse) {
  if (is_even(m) || is_zero(a) || not_below(a, m)) return false;
  // Invariants: x1·a ≡ u and x2·a ≡ v (mod m); u and v shrink until one of them is 1.
  U256 u = a, v = m, x1{1, 0, 0, 0}, x2{0, 0, 0, 0};
  const uint64_t m_neg_inv = negated_inverse_mod_word(m[0]);
  strip_twos(u, x1, m, m_neg_inv);  // v = m is odd already
  // Both odd now; the difference of the larger and the smaller replaces the larger and is
  // made odd again, so only that one needs stripping.
  while (!is_one(u) && !is_one(v)) {
    if (not_below(u, v)) {
      sub(u, v);
      if (is_zero(u)) return false;  // u was v: gcd(a, m) > 1
      sub_mod(x1, x2, m);
      strip_twos(u, x1, m, m_neg_inv);
    } else {
      sub(v, u);
      sub_mod(x2, x1, m);
      strip_twos(v, x2, m, m_neg_inv);
    }
  }
  inverse = is_one(u) ? x1 : x2;
  return true;
}

U256 u256_from_be_bytes(const unsigned char* bytes) {
  U256 v{};
  for (int i = 0; i < 32; ++i)
    v[(31 - i) / 8] |= static_cast<uint64_t>(bytes[i]) << (8 * ((31 - i) % 8));
  return v;
}

void u256_to_be_bytes(const U256& v, unsigned char* bytes) {
  for (int i = 0; i < 32; ++i)
    bytes[i] = static_cast<unsigned char>(v[(31 - i) / 8] >> (8 * ((31 - i) % 8)));
}

}  // namespace absah::seal
