// Reading the seal back from a page scan: the signed, sealed letter rasterised by poppler
// (`pdftoppm -gray`, as a flatbed scanner would deliver it) at 150 and 200 dpi, then PNG
// decoding, QR search (zxing-cpp with the fallback passes) and the seal check.

#include <benchmark/benchmark.h>

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

// PNG decoding alone (the scan as poppler writes it: 8-bit grey).
void BM_LoadImage(benchmark::State& state) {
  const std::string png = bench::letter_scan_png(static_cast<int>(state.range(0)));
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
BENCHMARK(BM_LoadImage)
    ->Name("load_grey_png/letter_scan_dpi")
    ->Arg(150)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScanOnly)
    ->Name("qr_scan/letter_scan_dpi")
    ->Arg(150)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond);

}  // namespace
