// PNG/JPEG bytes → grey image → QR reader. Limits are small so the fuzzer spends its time in
// the decoders' error paths rather than on large, valid images.

#include "engine/verify/image_load.h"
#include "engine/verify/qr_scan.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace absah;
  verify::ImageLimits limits;
  limits.max_pixels = 1'000'000;
  limits.max_side = 2000;
  auto image = verify::load_grey_image(fuzz::as_text(data, size), limits);
  if (!image) return 0;
  verify::QrScanOptions options;
  options.downscale_long_side = 400;
  options.upscale_long_side = 300;
  auto found = verify::scan_qr(*image, options);
  (void)found;
  return 0;
}
