#include "engine/qr/reed_solomon.h"

#include <array>
#include <cstring>
#include <mutex>

namespace absah::qr {

namespace {

constexpr int kRowBytes = 32;  // a product row, padded to four 64-bit words

// Logarithms and powers of α = 2 in GF(256), the power table doubled so that a sum of two
// logarithms needs no reduction modulo 255.
struct Field {
  std::array<uint8_t, 512> power{};
  std::array<int, 256> log{};

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

// For one codeword count n: row f = f × the generator's coefficients below its leading 1,
// highest power first, zero-padded to 32 bytes. Dividing by the generator then adds one row
// per data codeword, four words at a time, instead of n table look-ups.
struct ProductTable {
  alignas(8) uint8_t rows[256][kRowBytes] = {};

  explicit ProductTable(int n) {
    const Field& f = Field::get();
    // (x − α^0)…(x − α^(n−1)), coefficients highest power first.
    std::array<uint8_t, kMaxEccCodewords + 1> g{};
    g[0] = 1;
    for (int i = 0; i < n; ++i)
      for (int k = i + 1; k >= 1; --k) g[k] ^= f.multiply(g[k - 1], f.power[i]);
    for (int v = 0; v < 256; ++v)
      for (int k = 1; k <= n; ++k) rows[v][k - 1] = f.multiply(static_cast<uint8_t>(v), g[k]);
  }
};

// Built on first use for each count (a version and level use one; a seal two or three), 8 KB
// each.
const ProductTable& product_table(int n) {
  static std::once_flag built[kMaxEccCodewords + 1];
  static const ProductTable* tables[kMaxEccCodewords + 1] = {};
  std::call_once(built[n], [n] { tables[n] = new ProductTable(n); });
  return *tables[n];
}

}  // namespace

void reed_solomon_ecc(const uint8_t* data, int data_length, int ecc_length, uint8_t* ecc) {
  const ProductTable& table = product_table(ecc_length);
  // The remainder of data(x)·x^n divided by the generator (§7.5.2): r holds the next n
  // coefficients; each data codeword shifts it one place and adds feedback × generator. The
  // row's padding past n is zero, so r's padding stays zero.
  uint8_t r[kRowBytes + 1] = {};
  for (int i = 0; i < data_length; ++i) {
    const uint8_t feedback = data[i] ^ r[0];
    const uint8_t* row = table.rows[feedback];
    for (int w = 0; w < kRowBytes; w += 8) {
      uint64_t next, add;
      std::memcpy(&next, r + w + 1, 8);  // r shifted one place
      std::memcpy(&add, row + w, 8);
      next ^= add;
      std::memcpy(r + w, &next, 8);
    }
  }
  std::memcpy(ecc, r, static_cast<size_t>(ecc_length));
}

}  // namespace absah::qr
