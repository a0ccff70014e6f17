#include "engine/qr/reed_solomon.h"

#include <array>
#include <cstring>

namespace absah::qr {

namespace {

// Logarithms and powers of α = 2 in GF(256); the power table is doubled so that a sum of two
// logarithms needs no reduction modulo 255.
struct Field {
  std::array<uint8_t, 512> power{};
  std::array<int, 256> log{};
  // generator[n][1..n]: the coefficients of the degree-n generator below its leading 1, the
  // highest power first, as logarithms (every coefficient is non-zero).
  std::array<std::array<int, kMaxEccCodewords + 1>, kMaxEccCodewords + 1> generator_log{};

  Field() {
    int x = 1;
    for (int i = 0; i < 255; ++i) {
      power[i] = power[i + 255] = static_cast<uint8_t>(x);
      log[x] = i;
      x <<= 1;
      if (x & 0x100) x ^= 0x11d;
    }
    power[510] = power[0];
    power[511] = power[1];
    for (int n = 1; n <= kMaxEccCodewords; ++n) {
      // Multiply (x − α^0)…(x − α^(i−1)) by (x − α^i); coefficients highest power first.
      std::array<uint8_t, kMaxEccCodewords + 1> g{};
      g[0] = 1;
      for (int i = 0; i < n; ++i) {
        for (int k = i + 1; k >= 1; --k) g[k] ^= multiply(g[k - 1], power[i]);
      }
      for (int k = 1; k <= n; ++k) generator_log[n][k] = log[g[k]];
    }
  }

  uint8_t multiply(uint8_t a, uint8_t b) const {
    if (a == 0 || b == 0) return 0;
    return power[log[a] + log[b]];
  }

  static const Field& get() {
    static const Field field;
    return field;
  }
};

}  // namespace

void reed_solomon_ecc(const uint8_t* data, int data_length, int ecc_length, uint8_t* ecc) {
  const Field& f = Field::get();
  const auto& g = f.generator_log[ecc_length];
  // The remainder of data(x)·x^n divided by the generator, by the shift register of §7.5.2:
  // each data codeword shifts the register one place and adds feedback × generator.
  uint8_t r[kMaxEccCodewords] = {};
  const int last = ecc_length - 1;
  for (int i = 0; i < data_length; ++i) {
    const uint8_t feedback = data[i] ^ r[0];
    if (feedback == 0) {
      for (int j = 0; j < last; ++j) r[j] = r[j + 1];
      r[last] = 0;
      continue;
    }
    const uint8_t* times_feedback = f.power.data() + f.log[feedback];
    for (int j = 0; j < last; ++j) r[j] = r[j + 1] ^ times_feedback[g[j + 1]];
    r[last] = times_feedback[g[ecc_length]];
  }
  std::memcpy(ecc, r, static_cast<size_t>(ecc_length));
}

}  // namespace absah::qr
