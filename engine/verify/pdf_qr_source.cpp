#include "engine/verify/pdf_qr_source.h"

#include "engine/pdf/pdf_inspector.h"
#include "engine/verify/image_load.h"
#include "engine/verify/qr_scan.h"

namespace absah::verify {

namespace {

GreyImage grey_from_samples(const pdf::PdfImage& img) {
  GreyImage g;
  g.width = img.width;
  g.height = img.height;
  const size_t pixels = static_cast<size_t>(img.width) * img.height;
  g.pixels.resize(pixels);
  const auto* s = reinterpret_cast<const uint8_t*>(img.bytes.data());
  for (size_t i = 0; i < pixels; ++i) {
    if (img.components == 1) {
      g.pixels[i] = s[i];
    } else {
      // ITU-R BT.601 luma, in integers.
      g.pixels[i] =
          static_cast<uint8_t>((299 * s[3 * i] + 587 * s[3 * i + 1] + 114 * s[3 * i + 2]) / 1000);
    }
  }
  return g;
}

}  // namespace

Result<std::vector<PdfQrText>> qr_texts_from_pdf(std::string_view bytes) {
  auto inspection = pdf::inspect_pdf(bytes);
  if (!inspection) return inspection.take_error();
  std::vector<PdfQrText> out;
  for (const auto& link : inspection->links)
    out.push_back({link.uri, "link on page " + std::to_string(link.page)});
  if (!out.empty()) return out;
  // No links: a scanned PDF. Look for the QR in its page images.
  for (const auto& img : inspection->images) {
    Result<GreyImage> grey =
        img.jpeg ? load_grey_image(img.bytes) : Result<GreyImage>(grey_from_samples(img));
    if (!grey) continue;
    auto found = scan_qr(*grey);
    if (!found) continue;
    for (auto& qr : *found)
      out.push_back({std::move(qr.text), "image on page " + std::to_string(img.page)});
  }
  return out;
}

}  // namespace absah::verify
