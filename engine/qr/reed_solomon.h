#pragma once
// Reed-Solomon error correction codewords of QR Code (ISO/IEC 18004:2015 §7.5.2): GF(256) with
// the polynomial x^8 + x^4 + x^3 + x^2 + 1, generator polynomial (x − α^0)…(x − α^(n−1)).

#include <cstdint>

namespace absah::qr {

constexpr int kMaxEccCodewords = 30;  // per block, in every version and level

// Writes the `ecc_length` (1..30) correction codewords of the `data_length` data codewords.
void reed_solomon_ecc(const uint8_t* data, int data_length, int ecc_length, uint8_t* ecc);

}  // namespace absah::qr
