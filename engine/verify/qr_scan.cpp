#include "engine/verify/qr_scan.h"

// zxing-cpp 1.4: text() returns UTF-8 std::string only with this defined (ZXing/Result.h).
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cmath>
#include <exception>

namespace absah::verify {

namespace {

GreyImage box_downscale(const GreyImage& in, int factor) {
  GreyImage out;
  out.width = in.width / factor;
  out.height = in.height / factor;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  const int area = factor * factor;
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      int sum = 0;
      for (int dy = 0; dy < factor; ++dy) {
        const uint8_t* row =
            &in.pixels[static_cast<size_t>(y * factor + dy) * in.width + x * factor];
        for (int dx = 0; dx < factor; ++dx) sum += row[dx];
      }
      out.pixels[static_cast<size_t>(y) * out.width + x] = static_cast<uint8_t>(sum / area);
    }
  return out;
}

// 3x3 box blur, separable, edges clamped.
GreyImage box_blur3(const GreyImage& in) {
  GreyImage tmp = in, out = in;
  const int w = in.width, h = in.height;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int s = in.at(std::max(x - 1, 0), y) + in.at(x, y) + in.at(std::min(x + 1, w - 1), y);
      tmp.pixels[static_cast<size_t>(y) * w + x] = static_cast<uint8_t>((s + 1) / 3);
    }
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int s = tmp.at(x, std::max(y - 1, 0)) + tmp.at(x, y) + tmp.at(x, std::min(y + 1, h - 1));
      out.pixels[static_cast<size_t>(y) * w + x] = static_cast<uint8_t>((s + 1) / 3);
    }
  return out;
}

// 2x bilinear upscale. zxing-cpp's detector needs a few pixels per module to find the finder
// patterns' 1:1:3:1:1 runs; a blurred 150-dpi scan of 0.5 mm modules has about 3 soft pixels
// per module, and doubling gives the binarizer room to place the edges.
GreyImage upscale2(const GreyImage& in) {
  GreyImage out;
  out.width = in.width * 2;
  out.height = in.height * 2;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y) {
    const double sy = std::clamp((y + 0.5) / 2.0 - 0.5, 0.0, in.height - 1.0);
    const int y0 = static_cast<int>(sy), y1 = std::min(y0 + 1, in.height - 1);
    const double fy = sy - y0;
    for (int x = 0; x < out.width; ++x) {
      const double sx = std::clamp((x + 0.5) / 2.0 - 0.5, 0.0, in.width - 1.0);
      const int x0 = static_cast<int>(sx), x1 = std::min(x0 + 1, in.width - 1);
      const double fx = sx - x0;
      const double v = (1 - fx) * (1 - fy) * in.at(x0, y0) + fx * (1 - fy) * in.at(x1, y0) +
                       (1 - fx) * fy * in.at(x0, y1) + fx * fy * in.at(x1, y1);
      out.pixels[static_cast<size_t>(y) * out.width + x] = static_cast<uint8_t>(v + 0.5);
    }
  }
  return out;
}

// zxing's own downscale (a pyramid of 1/3-size copies, all searched even after a find) is
// skipped on the direct pass: on a 200-dpi page it was a third of the search, and it read none
// of the degraded scans that the full-size image or our own downscaled pass did not.
enum class Pyramid : bool { Skip, Search };

void read_into(const GreyImage& image, double scale, QrScanPass pass, ZXing::Binarizer binarizer,
               Pyramid pyramid, std::vector<QrFound>& found) {
  ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode)
      .setTryHarder(true)
      .setTryRotate(true)
      .setTryDownscale(pyramid == Pyramid::Search)
      .setBinarizer(binarizer);
  for (const ZXing::Result& r : ZXing::ReadBarcodes(view, hints)) {
    if (!r.isValid()) continue;
    const ZXing::ByteArray& raw = r.bytes();
    std::string text(raw.begin(), raw.end());
    bool seen =
        std::any_of(found.begin(), found.end(), [&](const QrFound& f) { return f.text == text; });
    if (seen) continue;
    QrFound f;
    f.text = std::move(text);
    f.pass = pass;
    const auto& pos = r.position();
    for (int i = 0; i < 4; ++i)
      f.corners[static_cast<size_t>(i)] = {static_cast<int>(std::lround(pos[i].x * scale)),
                                           static_cast<int>(std::lround(pos[i].y * scale))};
    found.push_back(std::move(f));
  }
}

}  // namespace

std::string_view to_string(QrScanPass pass) {
  switch (pass) {
    case QrScanPass::Direct:
      return "direct";
    case QrScanPass::Downscaled:
      return "downscaled";
    case QrScanPass::Smoothed:
      return "smoothed";
    case QrScanPass::Upscaled:
      return "upscaled";
    case QrScanPass::None:
      break;
  }
  return "none";
}

Result<std::vector<QrFound>> scan_qr(const GreyImage& image, const QrScanOptions& options) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<size_t>(image.width) * image.height)
    return Error(ErrorCode::ImageInvalid, "", "empty or inconsistent image");
  std::vector<QrFound> found;
  try {
    read_into(image, 1, QrScanPass::Direct, ZXing::Binarizer::LocalAverage, Pyramid::Skip, found);
    if (!found.empty()) return found;

    const int long_side = std::max(image.width, image.height);
    if (options.downscale_long_side > 0 && long_side > options.downscale_long_side) {
      const int factor =
          (long_side + options.downscale_long_side - 1) / options.downscale_long_side;
      read_into(box_downscale(image, factor), factor, QrScanPass::Downscaled,
                ZXing::Binarizer::LocalAverage, Pyramid::Search, found);
      if (!found.empty()) return found;
    }
    if (options.try_smoothed) {
      GreyImage smooth = box_blur3(image);
      read_into(smooth, 1, QrScanPass::Smoothed, ZXing::Binarizer::LocalAverage, Pyramid::Search,
                found);
      if (found.empty())
        read_into(smooth, 1, QrScanPass::Smoothed, ZXing::Binarizer::GlobalHistogram,
                  Pyramid::Search, found);
      if (!found.empty()) return found;
    }
    if (options.upscale_long_side > 0 && long_side <= options.upscale_long_side)
      read_into(upscale2(image), 0.5, QrScanPass::Upscaled, ZXing::Binarizer::LocalAverage,
                Pyramid::Search, found);
  } catch (const std::exception& e) {
    // zxing-cpp may throw (std::bad_alloc, internal checks); nothing crosses our header.
    return Error(ErrorCode::Internal, "", std::string("QR reader failed: ") + e.what());
  }
  return found;
}

}  // namespace absah::verify
