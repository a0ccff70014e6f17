#pragma once
// From data codewords to the unmasked symbol: error correction per block, interleaving
// (ISO/IEC 18004:2015 §7.6) and placement in the symbol (§7.7.3). libqrencode still turns the
// text into data codewords and draws the function patterns; this does the rest in a fraction
// of its time, module for module as it does.

#include <cstdint>
#include <vector>

#include "engine/qr/qr_mask.h"

namespace absah::qr {

// The block structure of a version and level (§7.5.1 Table 9): `blocks1` blocks of `data1`
// data codewords, then `blocks2` of `data2`, each with `ecc` correction codewords.
struct BlockLayout {
  int blocks1 = 0;
  int data1 = 0;
  int ecc = 0;
  int blocks2 = 0;
  int data2 = 0;
};

// The final codeword sequence: data codewords of all blocks interleaved, then their error
// correction codewords interleaved. `data` holds blocks1 * data1 + blocks2 * data2 codewords.
std::vector<uint8_t> interleaved_codewords(const uint8_t* data, const BlockLayout& layout);

// Places the codewords' bits (most significant first, then light remainder bits) in the
// modules that `frame` leaves free. `frame` is libqrencode's: width * width bytes, bit 7 set
// on function modules, bit 0 their colour.
UnmaskedSymbol place_codewords(const unsigned char* frame, int width,
                               const std::vector<uint8_t>& codewords);

}  // namespace absah::qr
