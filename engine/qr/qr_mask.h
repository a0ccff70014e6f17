#pragma once
// Choosing and applying the data mask of a QR symbol (ISO/IEC 18004:2015 §7.8). libqrencode
// scores the eight masks one module at a time, which was most of the time spent encoding a seal;
// here each row and column is a bit set and the four penalty rules are counted word-wise. The
// scores are libqrencode's (its reading of §7.8.3), so the chosen mask is the one it would choose
// and the symbol's bytes do not change.

#include <array>
#include <cstdint>
#include <vector>

#include "engine/qr/qr_matrix.h"

namespace absah::qr {

// A symbol before masking: function patterns drawn, data modules unmasked. What the format
// information modules hold does not matter: they depend on the mask and are written with it.
struct UnmaskedSymbol {
  int size = 0;
  std::vector<uint8_t> dark;  // size * size, row-major, 1 = dark
  std::vector<uint8_t> data;  // size * size, 1 where the mask applies (data and remainder bits)
};

// Whether mask pattern `mask` (0..7, §7.8.2 Table 10) inverts the data module at (x, y).
bool mask_inverts(int mask, int x, int y);

// The 15 format information bits for `level` and `mask`, BCH-protected and XORed with the
// fixed pattern (§7.9.1); bit 0 is the least significant.
uint16_t format_information(QrEcLevel level, int mask);

// Penalty of each mask (§7.8.3 rules N1..N4), computed as libqrencode computes it: finder-like
// patterns 1:1:3:1:1 at any module width, with light on either side that is at least four
// widths long or reaches the symbol edge, count once per pattern.
std::array<int, 8> mask_penalties(const UnmaskedSymbol& symbol, QrEcLevel level);

// The same scores by the code for processors without the popcnt instruction, which
// mask_penalties runs only there; here so that tests check it on any processor.
std::array<int, 8> mask_penalties_without_popcnt(const UnmaskedSymbol& symbol, QrEcLevel level);

// The lowest-penalty mask; the lowest-numbered one on a tie.
int choose_mask(const UnmaskedSymbol& symbol, QrEcLevel level);

// Inverts in `dark` the data modules (data[i] != 0) that mask `mask` inverts; doing it twice
// removes the mask again.
void invert_masked_modules(int size, const std::vector<uint8_t>& data, int mask,
                           std::vector<uint8_t>& dark);

// The final module grid: `mask` applied to the data modules and the format information written.
std::vector<uint8_t> apply_mask(const UnmaskedSymbol& symbol, QrEcLevel level, int mask);

}  // namespace absah::qr
