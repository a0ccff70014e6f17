#pragma once
// Images from records (photos, specimen signatures) arrive base64-encoded. JPEG is checked by
// reading its header with libjpeg and then passed through to the PDF untouched; PNG is
// decoded with libpng to 8-bit RGB. Dimensions are bounded before anything is allocated.

#include <memory>
#include <string>

#include "engine/base/result.h"
#include "engine/layout/frame.h"

namespace absah::layout {

constexpr int kMaxImageSide = 6000;
constexpr size_t kMaxImageBytes = 4u << 20;

Result<std::shared_ptr<const ImageData>> decode_image(const std::string& bytes,
                                                      const std::string& field);

}  // namespace absah::layout
