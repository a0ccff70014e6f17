#pragma once
// Text → QR module grid (ISO/IEC 18004), made by libqrencode. No drawing here: the PDF writer
// draws the dark modules as vector rectangles, and tests render the grid to pixels themselves.

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace absah::qr {

// Error correction level, ISO/IEC 18004 §5.3.8 (recovery of about 7, 15, 25, 30 % of codewords).
enum class QrEcLevel : uint8_t { None = 0, L, M, Q, H };

struct QrMatrix {
  int size = 0;               // modules per side, 17 + 4 * version; no quiet zone included
  int version = 0;            // 1..40
  std::vector<uint8_t> dark;  // size * size, row-major, 1 = dark module

  bool at(int x, int y) const {
    return x >= 0 && y >= 0 && x < size && y < size && dark[static_cast<size_t>(y) * size + x];
  }
};

// Encodes `text` in the smallest version, split into segments (ISO/IEC 18004 §7.4): runs of
// digits in numeric mode, runs of upper-case letters/digits/"$%*+-./: " in alphanumeric mode,
// the rest in 8-bit byte mode, never Kanji. Every reader joins the segments back into the same
// bytes; the split is what lets the base32 seal use alphanumeric mode (docs/seal.md "Sizes").
// Fails with FieldLength when the text does not fit in version 40 at `level`, FieldFormat for
// a NUL byte (libqrencode takes C strings here), and Usage when `level` is None.
Result<QrMatrix> encode_qr(std::string_view text, QrEcLevel level);

// Smallest version that holds `text` at `level` without building the matrix's drawing; the same
// as encode_qr(...)->version, kept for size budgets in tests and reports.
Result<int> qr_version_for(std::string_view text, QrEcLevel level);

}  // namespace absah::qr
