#pragma once
// Modular inverse of 256-bit numbers by the binary extended Euclid algorithm, on four 64-bit
// limbs. Its running time depends on the input, so it is only ever given blinded values (the
// ECDSA nonce times a random factor, deterministic_ecdsa.cpp); it replaces OpenSSL's
// BIGNUM inversion there, which cost as much as the rest of a seal signature.

#include <array>
#include <cstdint>

namespace absah::seal {

// Little-endian 64-bit limbs: limb 0 holds the least significant bits.
using U256 = std::array<uint64_t, 4>;

// a⁻¹ mod m for an odd modulus m and 0 < a < m with gcd(a, m) = 1; false when a is zero, not
// below m, or shares a factor with m (a prime m, like a curve order, shares none).
bool inverse_mod_odd(const U256& a, const U256& m, U256& inverse);

// Big-endian 32 bytes (as BN_bn2binpad writes them) to limbs and back.
U256 u256_from_be_bytes(const unsigned char* bytes);
void u256_to_be_bytes(const U256& v, unsigned char* bytes);

}  // namespace absah::seal
