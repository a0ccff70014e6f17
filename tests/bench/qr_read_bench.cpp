// Reading the seal back from a page scan: the signed, sealed letter rasterised by poppler
// (`pdftoppm -gray`, as a flatbed scanner would deliver it) at 150 and 200 dpi, then PNG
// decoding, QR search (zxing-cpp with the fallback passes) and the seal check. poppler writes
// the grey page as an 8-bit RGB PNG (colour type 2, three equal channels); the `_grey` rows
// load the same page stored as 8-bit grey (colour type 0), as ImageMagick and most scanner
// drivers write it.

#include <benchmark/benchmark.h>
#include <png.h>

#include <cstring>
#include <stdexcept>

#include "engine/seal/seal.h"
#include "engine/verify/image_load.h"
#include "engine/verify/qr_scan.h"
#include "tests/bench/bench_support.h"

namespace {

using namespace absah;

void BM_ReadScan(benchmark::State& state) {
  const int dpi = static_cast<int>(state.range(0));
  const std::string png = bench::letter_scan_png(dpi);
  const auto& trust = bench::dev_keys().seal_trust;
  int width = 0, height = 0;
  for (auto _ : state) {
    auto image = verify::load_grey_image(png);
    if (!image) return state.SkipWithError(image.error().describe().c_str());
    width = image->width;
    height = image->height;
    auto found = verify::scan_qr(*image);
    if (!found || found->empty()) return state.SkipWithError("no QR found in the scan");
    auto check = seal::check_seal_text(found->front().text, trust, bench::kIssueTime);
    if (!check.valid()) return state.SkipWithError(check.message.c_str());
  }
  state.counters["megapixels"] = width * static_cast<double>(height) / 1e6;
}

// The page re-encoded by libpng as an 8-bit grey PNG.
std::string as_grey_png(const std::string& png) {
  auto image = verify::load_grey_image(png);
  if (!image) throw std::runtime_error(image.error().describe());
  png_image out;
  std::memset(&out, 0, sizeof out);
  out.version = PNG_IMAGE_VERSION;
  out.width = static_cast<png_uint_32>(image->width);
  out.height = static_cast<png_uint_32>(image->height);
  out.format = PNG_FORMAT_GRAY;
  png_alloc_size_t size = 0;
  png_image_write_to_memory(&out, nullptr, &size, 0, image->pixels.data(), 0, nullptr);
  std::string bytes(size, '\0');
  if (!png_image_write_to_memory(&out, bytes.data(), &size, 0, image->pixels.data(), 0, nullptr))
    throw std::runtime_error("cannot write the grey PNG");
  bytes.resize(size);
  return bytes;
}

// PNG decoding alone (the scan as poppler writes it: 8-bit RGB; `grey`: 8-bit grey).
void load_png(benchmark::State& state, bool grey) {
  std::string png = bench::letter_scan_png(static_cast<int>(state.range(0)));
  if (grey) png = as_grey_png(png);
  for (auto _ : state) {
    auto image = verify::load_grey_image(png);
    if (!image) return state.SkipWithError(image.error().describe().c_str());
    benchmark::DoNotOptimize(image->pixels.data());
  }
  state.counters["png_bytes"] = static_cast<double>(png.size());
}

// The QR search alone, on an already decoded image.
void BM_ScanOnly(benchmark::State& state) {
  const int dpi = static_cast<int>(state.range(0));
  auto image = verify::load_grey_image(bench::letter_scan_png(dpi));
  if (!image) return state.SkipWithError(image.error().describe().c_str());
  verify::QrScanPass pass = verify::QrScanPass::None;
  for (auto _ : state) {
    auto found = verify::scan_qr(*image);
    if (!found || found->empty()) return state.SkipWithError("no QR found in the scan");
    pass = found->front().pass;
  }
  state.SetLabel(std::string("pass=") + std::string(verify::to_string(pass)));
}

BENCHMARK(BM_ReadScan)
    ->Name("qr_read_and_check/letter_scan_dpi")
    ->Arg(150)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(load_png, rgb, false)
    ->Name("load_grey_png/letter_scan_dpi")
    ->Arg(150)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(load_png, grey, true)
    ->Name("load_grey_png/letter_scan_grey_dpi")
    ->Arg(200)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScanOnly)
    ->Name("qr_scan/letter_scan_dpi")
    ->Arg(150)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond);

}  // namespace
