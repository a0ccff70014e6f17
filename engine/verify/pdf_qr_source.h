#pragma once
// The QR texts a PDF offers: the URIs of its link annotations (absah draws the seal's QR as a
// link to the same URL) and, for a scanned PDF, the QR codes found in its page images.

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace absah::verify {

struct PdfQrText {
  std::string text;
  std::string origin;  // "link on page 1", "image on page 2"
};

Result<std::vector<PdfQrText>> qr_texts_from_pdf(std::string_view pdf);

}  // namespace absah::verify
