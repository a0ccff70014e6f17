#include "engine/verify/png_direct.h"

#include <libdeflate.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace absah::verify {

namespace {

uint32_t be32(std::string_view b, size_t at) {
  return (uint32_t{static_cast<uint8_t>(b[at])} << 24) |
         (uint32_t{static_cast<uint8_t>(b[at + 1])} << 16) |
         (uint32_t{static_cast<uint8_t>(b[at + 2])} << 8) | static_cast<uint8_t>(b[at + 3]);
}

struct Chunk {
  std::string_view type;
  std::string_view data;
  bool crc_ok = false;
};

// PNG spec §5.3: length, type, data, CRC-32 over type and data. Advances `pos`; nullopt when the
// chunk does not fit in the file.
std::optional<Chunk> next_chunk(std::string_view bytes, size_t& pos) {
  if (bytes.size() - pos < 12) return std::nullopt;
  const uint32_t length = be32(bytes, pos);
  if (length > 0x7FFFFFFFu || bytes.size() - pos - 12 < length) return std::nullopt;
  Chunk c;
  c.type = bytes.substr(pos + 4, 4);
  c.data = bytes.substr(pos + 8, length);
  const uint32_t crc = libdeflate_crc32(0, bytes.data() + pos + 4, length + 4);
  c.crc_ok = crc == be32(bytes, pos + 8 + length);
  pos += 12 + size_t{length};
  return c;
}

bool is_critical(std::string_view type) {
  return (type[0] & 0x20) == 0;
}

// §5.4: chunk types are four ASCII letters; libpng refuses a file with any other.
bool is_valid_type(std::string_view type) {
  for (char ch : type)
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))) return false;
  return true;
}

struct Header {
  uint32_t width = 0;
  uint32_t height = 0;
  int channels = 0;  // 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA
};

// IHDR (§11.2.2) of a layout this path handles: bit depth 8, colour type 0, 2, 4 or 6, no
// interlacing.
std::optional<Header> read_header(const Chunk& ihdr) {
  if (ihdr.type != "IHDR" || ihdr.data.size() != 13 || !ihdr.crc_ok) return std::nullopt;
  const auto depth = static_cast<uint8_t>(ihdr.data[8]);
  const auto colour = static_cast<uint8_t>(ihdr.data[9]);
  if (depth != 8 || ihdr.data[10] != 0 || ihdr.data[11] != 0 || ihdr.data[12] != 0)
    return std::nullopt;
  Header h;
  h.width = be32(ihdr.data, 0);
  h.height = be32(ihdr.data, 4);
  switch (colour) {
    case 0:
      h.channels = 1;
      break;
    case 4:
      h.channels = 2;
      break;
    case 2:
      h.channels = 3;
      break;
    case 6:
      h.channels = 4;
      break;
    default:
      return std::nullopt;
  }
  // §11.2.2: each dimension is 1 to 2^31 - 1, so it fits GreyImage's int.
  if (h.width == 0 || h.height == 0 || h.width > 0x7FFFFFFFu || h.height > 0x7FFFFFFFu)
    return std::nullopt;
  return h;
}

// gAMA (§11.3.3.2) within 5% of sRGB's 1/2.2 means the samples are already what the reader
// wants; any other gamma is left to libpng's conversion.
bool gamma_is_srgb_like(const Chunk& gama) {
  if (gama.data.size() != 4) return false;
  const uint32_t g = be32(gama.data, 0);
  return g >= 43182 && g <= 47727;
}

// Paeth predictor (§9.4). Two forms with the same result: on grey scans (one byte a pixel, long
// runs of paper) the branches are well predicted and cut the chain from one byte to the next;
// with three or four interleaved channels the compiler's branches were mispredicted often
// enough that the branch-free form is faster (a 200-dpi RGB page decoded in 12 against 15 ms).
uint8_t paeth_branching(int a, int b, int c) {
  const int p = b - c, q = a - c;
  const int pa = std::abs(p), pb = std::abs(q), pc = std::abs(p + q);
  return static_cast<uint8_t>(pa <= pb && pa <= pc ? a : (pb <= pc ? b : c));
}

uint8_t paeth_branch_free(int a, int b, int c) {
  const int p = b - c, q = a - c;
  const int pa = std::abs(p), pb = std::abs(q), pc = std::abs(p + q);
  const int b_or_c = b ^ ((b ^ c) & -static_cast<int>(pc < pb));
  return static_cast<uint8_t>(a ^ ((a ^ b_or_c) & -static_cast<int>((pa > pb) | (pa > pc))));
}

// Up (filter 2) is most rows of a scan, so it adds eight bytes at a time: the low seven bits of
// each byte, then the top bit by xor, so no carry crosses into the next byte.
void add_up(uint8_t* row, const uint8_t* prev, size_t length) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t a, b;
    std::memcpy(&a, row + i, 8);
    std::memcpy(&b, prev + i, 8);
    const uint64_t sum = ((a & kLow7) + (b & kLow7)) ^ ((a ^ b) & ~kLow7);
    std::memcpy(row + i, &sum, 8);
  }
  for (; i < length; ++i) row[i] = static_cast<uint8_t>(row[i] + prev[i]);
}

// Sub, Average and Paeth depend on the pixel to the left; keeping it in registers, one pixel of
// Bpp bytes at a time, leaves the channels' chains independent instead of going through memory.
// The channel loops are unrolled by pragma so that `left` and `up_left` become registers: left
// as arrays in memory, every byte waited on a store to the stack (a 200-dpi RGB page took 16
// instead of 11 ms).
template <int Bpp>
bool unfilter_row_bpp(uint8_t filter, uint8_t* row, const uint8_t* prev, size_t length) {
  const size_t pixels = length / Bpp;
  uint8_t left[Bpp] = {}, up_left[Bpp] = {};
  switch (filter) {
    case 0:
      return true;
    case 2:
      add_up(row, prev, length);
      return true;
    case 1:
      for (size_t x = 0; x < pixels; ++x)
#pragma GCC unroll 4
        for (int c = 0; c < Bpp; ++c) {
          uint8_t& v = row[x * Bpp + c];
          v = static_cast<uint8_t>(v + left[c]);
          left[c] = v;
        }
      return true;
    case 3:
      for (size_t x = 0; x < pixels; ++x)
#pragma GCC unroll 4
        for (int c = 0; c < Bpp; ++c) {
          uint8_t& v = row[x * Bpp + c];
          v = static_cast<uint8_t>(v + ((left[c] + prev[x * Bpp + c]) >> 1));
          left[c] = v;
        }
      return true;
    case 4:
      for (size_t x = 0; x < pixels; ++x)
#pragma GCC unroll 4
        for (int c = 0; c < Bpp; ++c) {
          const uint8_t up = prev[x * Bpp + c];
          uint8_t& v = row[x * Bpp + c];
          const uint8_t predicted = Bpp == 1 ? paeth_branching(left[c], up, up_left[c])
                                             : paeth_branch_free(left[c], up, up_left[c]);
          v = static_cast<uint8_t>(v + predicted);
          left[c] = v;
          up_left[c] = up;
        }
      return true;
    default:
      return false;
  }
}

// Filters of §9.2, undone in place; `prev` is the previous row already unfiltered (zeros for
// the first row). False for an unknown filter type.
bool unfilter_row(uint8_t filter, uint8_t* row, const uint8_t* prev, size_t length, int bpp) {
  switch (bpp) {
    case 1:
      return unfilter_row_bpp<1>(filter, row, prev, length);
    case 2:
      return unfilter_row_bpp<2>(filter, row, prev, length);
    case 3:
      return unfilter_row_bpp<3>(filter, row, prev, length);
    default:
      return unfilter_row_bpp<4>(filter, row, prev, length);
  }
}

// Composites onto white paper: v·a + 255·(255 − a), divided by 255 with rounding.
uint8_t over_white(uint32_t v, uint32_t a) {
  const uint32_t t = v * a + 255 * (255 - a) + 128;
  return static_cast<uint8_t>((t + (t >> 8)) >> 8);
}

// ITU-R BT.709 luma weights in 1/32768 (as libpng's rgb_to_gray), on the sRGB-encoded samples;
// they sum to 32768, so a grey pixel keeps its exact value.
uint8_t luma(uint32_t r, uint32_t g, uint32_t b) {
  return static_cast<uint8_t>((6966 * r + 23436 * g + 2366 * b + 16384) >> 15);
}

void row_to_grey(const uint8_t* row, uint8_t* out, uint32_t width, int channels) {
  switch (channels) {
    case 1:
      std::memcpy(out, row, width);
      break;
    case 2:
      for (uint32_t x = 0; x < width; ++x) out[x] = over_white(row[2 * x], row[2 * x + 1]);
      break;
    case 3:
      // Scanners and pdftoppm write grey pages as RGB: equal channels need no arithmetic.
      for (uint32_t x = 0; x < width; ++x) {
        const uint8_t r = row[3 * x], g = row[3 * x + 1], b = row[3 * x + 2];
        out[x] = r == g && g == b ? g : luma(r, g, b);
      }
      break;
    default:
      for (uint32_t x = 0; x < width; ++x) {
        const uint8_t* p = row + 4 * x;
        out[x] = over_white(luma(p[0], p[1], p[2]), p[3]);
      }
      break;
  }
}

struct DecompressorDeleter {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

}  // namespace

std::optional<GreyImage> decode_png_direct(std::string_view bytes, size_t max_inflated_bytes) {
  if (bytes.size() < 8 || bytes.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8))
    return std::nullopt;
  size_t pos = 8;
  auto first = next_chunk(bytes, pos);
  if (!first) return std::nullopt;
  auto header = read_header(*first);
  if (!header) return std::nullopt;

  const size_t row_bytes = size_t{header->width} * static_cast<size_t>(header->channels);
  const size_t stride = row_bytes + 1;  // each row starts with its filter type
  if (header->height > max_inflated_bytes / stride) return std::nullopt;
  const size_t inflated_size = stride * header->height;

  // Chunks up to IEND: the IDATs must be one run (§5.6); a colour key (tRNS), an unknown
  // critical chunk or a damaged critical chunk sends the file to libpng.
  std::string compressed;
  bool idat_run_seen = false, in_idat_run = false, end_seen = false;
  while (!end_seen) {
    auto chunk = next_chunk(bytes, pos);
    if (!chunk) return std::nullopt;
    const std::string_view type = chunk->type;
    if (!is_valid_type(type) || (is_critical(type) && !chunk->crc_ok)) return std::nullopt;
    if (type == "IDAT") {
      if (idat_run_seen && !in_idat_run) return std::nullopt;
      idat_run_seen = in_idat_run = true;
      compressed.append(chunk->data);
      continue;
    }
    in_idat_run = false;
    if (type == "IEND") {
      end_seen = true;
    } else if (type == "tRNS" || (type == "gAMA" && !gamma_is_srgb_like(*chunk))) {
      return std::nullopt;
    } else if (is_critical(type) && type != "PLTE") {
      return std::nullopt;
    }
  }
  if (!idat_run_seen) return std::nullopt;

  std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> inflater(
      libdeflate_alloc_decompressor());
  if (!inflater) return std::nullopt;
  // Left uninitialised on purpose: libdeflate writes every byte or the call fails.
  std::unique_ptr<uint8_t[]> raw(new uint8_t[inflated_size]);
  // No `actual_out` argument: libdeflate then succeeds only when the stream fills the buffer
  // exactly, so a short or an over-long stream (a bomb included) is not ours to judge.
  if (libdeflate_zlib_decompress(inflater.get(), compressed.data(), compressed.size(), raw.get(),
                                 inflated_size, nullptr) != LIBDEFLATE_SUCCESS)
    return std::nullopt;

  GreyImage out;
  out.width = static_cast<int>(header->width);
  out.height = static_cast<int>(header->height);
  out.pixels.resize(size_t{header->width} * header->height);
  const std::vector<uint8_t> zero_row(row_bytes, 0);
  const uint8_t* prev = zero_row.data();
  for (uint32_t y = 0; y < header->height; ++y) {
    uint8_t* line = raw.get() + stride * y;
    if (!unfilter_row(line[0], line + 1, prev, row_bytes, header->channels)) return std::nullopt;
    row_to_grey(line + 1, out.pixels.data() + size_t{y} * header->width, header->width,
                header->channels);
    prev = line + 1;
  }
  return out;
}

}  // namespace absah::verify
