#pragma once
// PNG and JPEG photos and scans → an 8-bit grey image for the QR reader. The format is decided
// by the magic bytes, never by the file name. Dimensions are checked against limits from the
// header, before any pixel memory is allocated, so a small file that claims a huge image
// (a decompression bomb) fails fast.

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace absah::verify {

struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // row-major, width * height, 0 = black, 255 = white

  uint8_t at(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
};

enum class ImageKind : uint8_t { None = 0, Png, Jpeg, Pdf };

// PNG: 89 50 4E 47 0D 0A 1A 0A (PNG spec §5.2); JPEG: FF D8 FF (ITU T.81 SOI + a marker);
// PDF: "%PDF-" (recognised so callers can say PDFs are handled elsewhere).
ImageKind sniff_image_kind(std::string_view bytes);

struct ImageLimits {
  int64_t max_pixels = 80'000'000;  // a 20 MP phone photo is 4x below; A4 at 600 dpi is 35 MP
  int max_side = 20000;
};

// Errors: ImageInvalid (unknown format, corrupt data, over the limits — the message says
// which), Io for files.
Result<GreyImage> load_grey_image(std::string_view bytes, const ImageLimits& limits = {});
Result<GreyImage> load_grey_image_file(const std::filesystem::path& path,
                                       const ImageLimits& limits = {});

}  // namespace absah::verify
