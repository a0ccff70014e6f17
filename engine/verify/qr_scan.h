#pragma once
// Finds and reads QR codes in a grey image with zxing-cpp (the only place that includes it).
// Printed seals come back as scans (110–200 dpi), phone photos (large, tilted, blurred) and
// JPEGs, so one pass is not enough: the reader tries the image as given at full size, then a
// box-downscaled copy for large images (with zxing's own downscale tries), then a
// smoothed copy (a 3x3 box blur evens out JPEG ringing and print halftone), then, for page-sized
// scans, a 2x upscaled copy (blurred 0.5 mm modules at 150 dpi are only ~3 soft pixels wide).

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/verify/image_load.h"

namespace absah::verify {

enum class QrScanPass : uint8_t { None = 0, Direct, Downscaled, Smoothed, Upscaled };

struct PixelPoint {
  int x = 0;
  int y = 0;
};

struct QrFound {
  std::string text;                    // the decoded bytes (our seals are ASCII URLs)
  std::array<PixelPoint, 4> corners;   // top-left, top-right, bottom-right, bottom-left of the
                                       // symbol, in the input image's pixel coordinates
  QrScanPass pass = QrScanPass::None;  // which attempt found it
};

struct QrScanOptions {
  // A copy downscaled to at most this many pixels on the long side is tried when the direct
  // pass finds nothing and the image is larger.
  int downscale_long_side = 2000;
  bool try_smoothed = true;
  // Images up to this long side are also tried at twice the size (small, soft modules).
  int upscale_long_side = 2600;
};

// Every distinct QR text found (empty when none). Fails only for an empty image or an internal
// reader failure.
Result<std::vector<QrFound>> scan_qr(const GreyImage& image, const QrScanOptions& options = {});

std::string_view to_string(QrScanPass pass);

}  // namespace absah::verify
