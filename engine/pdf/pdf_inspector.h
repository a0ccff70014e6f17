#pragma once
// Reads what a verifier needs from a PDF someone hands over: the URIs of its link annotations
// (where absah puts the seal URL) and the images on its pages (a scanned PDF is page images).
// PDFs are untrusted: the page, annotation and image counts, image dimensions and the
// decoded size of each image are bounded before anything large is allocated.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace absah::pdf {

struct PdfImage {
  size_t page = 0;  // 1-based
  int width = 0;
  int height = 0;
  int components = 0;  // 1 grey, 3 RGB
  bool jpeg = false;   // bytes are a JPEG file (DCTDecode) rather than 8-bit samples
  std::string bytes;
};

struct PdfLink {
  size_t page = 0;  // 1-based
  std::string uri;
};

struct PdfInspection {
  size_t pages = 0;
  std::vector<PdfLink> links;
  std::vector<PdfImage> images;
};

struct InspectLimits {
  size_t max_pages = 50;
  size_t max_annotations_per_page = 200;
  size_t max_images = 32;
  uint64_t max_image_bytes = 64ull << 20;  // decoded samples or JPEG size per image
  int max_image_side = 20000;
};

Result<PdfInspection> inspect_pdf(std::string_view bytes, const InspectLimits& limits = {});

}  // namespace absah::pdf
