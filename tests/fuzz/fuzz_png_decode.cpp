// Differential target for the PNG fast path (engine/verify/png_direct): it must never read out
// of bounds, and whatever it accepts libpng must accept too, with the same size and the same
// samples. libpng decodes the file to RGBA as stored; each opaque pixel of the fast path's grey
// image must be that pixel's grey exactly when its channels are equal, and its BT.709 luma
// within one level of rounding otherwise. Pixels that are not fully opaque are skipped: there
// the two differ on purpose (libpng composites onto white in linear light).

#include <png.h>
#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/verify/png_direct.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

constexpr uint32_t kMaxSide = 1024;
constexpr uint64_t kMaxPixels = 256 * 1024;
constexpr int kColourTolerance = 1;

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// One file through both decoders; aborts on any disagreement.
void compare(const uint8_t* data, size_t size) {
  using namespace absah;
  // The fast path's callers check IHDR's size against their limits first; so does this one.
  if (size < 26 || std::memcmp(data + 12, "IHDR", 4) != 0) return;
  const uint32_t width = be32(data + 16), height = be32(data + 20);
  if (width == 0 || height == 0 || width > kMaxSide || height > kMaxSide ||
      uint64_t{width} * height > kMaxPixels)
    return;
  auto fast = verify::decode_png_direct(fuzz::as_text(data, size), 64u << 20);
  if (!fast) return;

  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, data, size)) std::abort();
  if (image.width != width || image.height != height) std::abort();
  const bool opaque_grey = (image.format & PNG_FORMAT_FLAG_COLOR) == 0;
  const bool has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  image.format = PNG_FORMAT_RGBA;  // the samples as stored, to tell which pixels to compare
  std::vector<uint8_t> rgba(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr)) std::abort();
  png_image_free(&image);

  if (fast->width != static_cast<int>(width) || fast->height != static_cast<int>(height))
    std::abort();
  for (size_t i = 0; i < fast->pixels.size(); ++i) {
    const uint8_t* p = &rgba[4 * i];
    if (has_alpha && p[3] != 255) continue;
    const bool neutral = opaque_grey || (p[0] == p[1] && p[1] == p[2]);
    const int expected = neutral ? p[1] : (2126 * p[0] + 7152 * p[1] + 722 * p[2] + 5000) / 10000;
    const int diff = std::abs(fast->pixels[i] - expected);
    if (neutral ? diff != 0 : diff > kColourTolerance) std::abort();
  }
}

void append_chunk(std::string& png, std::string_view type, std::string_view body) {
  auto be = [&](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<char>(v >> shift));
  };
  be(static_cast<uint32_t>(body.size()));
  const std::string typed = std::string(type) + std::string(body);
  png += typed;
  be(static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()))));
}

// Mutated files rarely keep their CRCs and zlib checksums, so most never get past the chunk
// reader. A second form reaches unfiltering and grey conversion with arbitrary rows: byte 0 is
// not the PNG signature, bytes 1-3 give width, height and colour type, the rest are the
// filtered rows (filter byte first), repeated to fill the image; this builds a valid PNG of them.
std::string png_from_rows(const uint8_t* data, size_t size) {
  if (size < 5) return {};
  static constexpr uint8_t kColour[4] = {0, 2, 4, 6};
  static constexpr size_t kChannels[4] = {1, 3, 2, 4};
  const uint32_t width = 1 + data[1] % 64, height = 1 + data[2] % 64;
  const size_t kind = data[3] % 4;
  const size_t stride = 1 + width * kChannels[kind];
  std::string rows(stride * height, '\0');
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<char>(data[4 + i % (size - 4)]);
  std::string packed(compressBound(static_cast<uLong>(rows.size())), '\0');
  uLongf packed_size = static_cast<uLongf>(packed.size());
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                reinterpret_cast<const Bytef*>(rows.data()), static_cast<uLong>(rows.size()),
                1) != Z_OK)
    return {};
  packed.resize(packed_size);
  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  for (uint32_t v : {width, height})
    for (int shift = 24; shift >= 0; shift -= 8) ihdr.push_back(static_cast<char>(v >> shift));
  ihdr += std::string{'\x08', static_cast<char>(kColour[kind]), '\0', '\0', '\0'};
  append_chunk(png, "IHDR", ihdr);
  append_chunk(png, "IDAT", packed);
  append_chunk(png, "IEND", "");
  return png;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 0 && data[0] != 0x89) {
    const std::string png = png_from_rows(data, size);
    compare(reinterpret_cast<const uint8_t*>(png.data()), png.size());
    return 0;
  }
  compare(data, size);
  return 0;
}
