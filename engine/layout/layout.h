#pragma once
// The layout stage's public entry: a layout spec and a validated record in, finished page
// frames out. The seal (if any) arrives as a ready module grid and URL; layout never signs.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"
#include "engine/layout/frame.h"
#include "engine/layout/layout_spec.h"
#include "engine/text/font_book.h"

namespace absah::layout {

struct SealImage {
  int modules = 0;
  std::vector<uint8_t> dark;  // modules*modules, row-major
  std::string url;            // also the link target
};

struct LayoutInputs {
  const nlohmann::json* record = nullptr;
  const nlohmann::json* office = nullptr;  // layouts/parts/office.jsonc
  const nlohmann::json* doc = nullptr;     // number, issue_date, title, type, ...
  std::optional<SealImage> seal;
};

struct LayoutResult {
  DocumentFrames frames;
  std::vector<Error> warnings;  // e.g. text shrunk below its style size
};

Result<LayoutResult> layout_document(const LayoutSpec& spec, const text::FontBook& fonts,
                                     const LayoutInputs& inputs);

}  // namespace absah::layout
