#pragma once
// The QR texts a PDF offers: the URIs of its link annotations (absah draws the seal's QR as a
// link to the same URL) and, for a scanned PDF, the QR codes found in its page images. Read
// with the verifier's own bounded PDF reader: images are decompressed only up to the limits.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/verify/image_load.h"
#include "engine/verify/pdf_structure.h"

namespace absah::verify {

struct PdfQrText {
  std::string text;
  std::string origin;  // "link in object 20", "image in object 7"
};

struct PdfImageLimits {
  uint32_t max_images = 16;
  uint64_t max_inflated_stream_bytes = 64ull << 20;
  uint64_t max_inflated_total_bytes = 256ull << 20;
  ImageLimits image;
};

// URIs of link actions (/A << /S /URI /URI (...) >>) in the section's objects.
std::vector<PdfQrText> link_uris(const PdfSection& section);

// QR codes in the section's image XObjects: DCTDecode (JPEG), FlateDecode or unfiltered 8-bit
// DeviceGray/DeviceRGB samples. Images in other encodings are skipped.
std::vector<PdfQrText> qr_texts_from_images(std::string_view pdf, const PdfSection& section,
                                            const PdfImageLimits& limits = {});

// Links first; when there are none, the page images (a scanned PDF). The file is read leniently.
Result<std::vector<PdfQrText>> qr_texts_from_pdf(std::string_view pdf,
                                                 const PdfImageLimits& limits = {});

}  // namespace absah::verify
