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

// v = (top:v) / 2, top being a 257th bit.
void halve(U256& v, uint64_t top) {
  for (int i = 0; i < 3; ++i) v[i] = (v[i] >> 1) | (v[i + 1] << 63);
  v[3] = (v[3] >> 1) | (top << 63);
}

// x = x / 2 mod m, for x < m and m odd: an odd x is made even by adding m first. Without a
// branch on x's parity, which a processor cannot predict.
void halve_mod(U256& x, const U256& m) {
  const uint64_t odd = 0 - (x[0] & 1);
  const U256 addend{m[0] & odd, m[1] & odd, m[2] & odd, m[3] & odd};
  const uint64_t top = add(x, addend);
  halve(x, top);
}

// Removes the trailing zero bits of a non-zero v, halving x mod m as often.
void strip_twos(U256& v, U256& x, const U256& m) {
  while (v[0] == 0) {  // a whole limb of zeros: rare, as v is odd or random-looking
    v = {v[1], v[2], v[3], 0};
    for (int i = 0; i < 64; ++i) halve_mod(x, m);
  }
  const int k = std::countr_zero(v[0]);
  if (k == 0) return;
  for (int i = 0; i < 3; ++i) v[i] = (v[i] >> k) | (v[i + 1] << (64 - k));
  v[3] >>= k;
  for (int i = 0; i < k; ++i) halve_mod(x, m);
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
  while (!is_one(u) && !is_one(v)) {
    if (is_zero(u) || is_zero(v)) return false;  // gcd(a, m) > 1
    strip_twos(u, x1, m);
    strip_twos(v, x2, m);
    if (not_below(u, v)) {
      sub(u, v);
      sub_mod(x1, x2, m);
    } else {
      sub(v, u);
      sub_mod(x2, x1, m);
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
