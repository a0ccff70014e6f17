#include "engine/qr/qr_codewords.h"

#include <algorithm>
#include <cstring>

#include "engine/qr/reed_solomon.h"

namespace absah::qr {

std::vector<uint8_t> interleaved_codewords(const uint8_t* data, const BlockLayout& layout) {
  const int blocks = layout.blocks1 + layout.blocks2;
  std::vector<const uint8_t*> block_data(blocks);
  std::vector<int> block_length(blocks);
  std::vector<uint8_t> ecc(static_cast<size_t>(blocks) * layout.ecc);
  const uint8_t* p = data;
  for (int b = 0; b < blocks; ++b) {
    block_length[b] = b < layout.blocks1 ? layout.data1 : layout.data2;
    block_data[b] = p;
    reed_solomon_ecc(p, block_length[b], layout.ecc,
                     ecc.data() + static_cast<size_t>(b) * layout.ecc);
    p += block_length[b];
  }
  const int longest = std::max(layout.data1, layout.data2);
  std::vector<uint8_t> out;
  out.reserve(static_cast<size_t>(p - data) + ecc.size());
  for (int i = 0; i < longest; ++i)
    for (int b = 0; b < blocks; ++b)
      if (i < block_length[b]) out.push_back(block_data[b][i]);
  for (int i = 0; i < layout.ecc; ++i)
    for (int b = 0; b < blocks; ++b) out.push_back(ecc[static_cast<size_t>(b) * layout.ecc + i]);
  return out;
}

UnmaskedSymbol place_codewords(const unsigned char* frame, int width,
                               const std::vector<uint8_t>& codewords) {
  UnmaskedSymbol s;
  s.size = width;
  const size_t area = static_cast<size_t>(width) * width;
  s.dark.resize(area);
  s.data.resize(area);
  uint8_t* dark = s.dark.data();
  uint8_t* data = s.data.data();
  // Eight modules a step: each frame byte's bit 0 is the colour, bit 7 marks a function module.
  constexpr uint64_t kLowBits = 0x0101010101010101ull;
  size_t i = 0;
  for (; i + 8 <= area; i += 8) {
    uint64_t modules;
    std::memcpy(&modules, frame + i, 8);
    const uint64_t colours = modules & kLowBits;
    const uint64_t free = ((modules >> 7) & kLowBits) ^ kLowBits;
    std::memcpy(dark + i, &colours, 8);
    std::memcpy(data + i, &free, 8);
  }
  for (; i < area; ++i) {
    dark[i] = frame[i] & 1;
    data[i] = static_cast<uint8_t>((frame[i] >> 7) ^ 1);
  }
  // The bits in order, most significant first; past the last codeword remainder bits (light).
  const uint8_t* next_codeword = codewords.data();
  const uint8_t* const end = next_codeword + codewords.size();
  unsigned codeword = 0;
  int bits_left = 0;
  auto place = [&](size_t i) {
    if (!data[i]) return;
    if (bits_left == 0) {
      codeword = next_codeword != end ? *next_codeword++ : 0u;
      bits_left = 8;
    }
    --bits_left;
    dark[i] = static_cast<uint8_t>((codeword >> bits_left) & 1);
  };
  bool upward = true;
  // Two-module-wide columns from the right edge, alternately up and down, stepping over the
  // vertical timing pattern in column 6; in each row the right module first.
  for (int right = width - 1; right >= 1; right -= 2) {
    if (right == 6) right = 5;
    for (int step = 0; step < width; ++step) {
      const int y = upward ? width - 1 - step : step;
      const size_t i = static_cast<size_t>(y) * width + right;
      place(i);
      place(i - 1);
    }
    upward = !upward;
  }
  return s;
}

}  // namespace absah::qr
