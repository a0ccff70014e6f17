#pragma once
// Builds one page's content stream (PDF 32000-1 §8, §9.4) from its frame items. Knows nothing
// of PoDoFo: resource names for fonts and images come from the caller.

#include <functional>
#include <string>
#include <vector>

#include "engine/layout/frame.h"

namespace absah::pdf {

struct ContentResources {
  // Resource name (without slash) of a font, and its glyph widths in 1/1000 em indexed by glyph
  // id (asked once per glyph run; a glyph past the end counts as zero width).
  std::function<std::string(text::FontId)> font_name;
  std::function<const std::vector<double>&(text::FontId)> glyph_widths;
  // Resource name of the image item with this index on the page.
  std::function<std::string(size_t image_index)> image_name;
};

// The text append_decimal (engine/base/number_format.h) appends for `value` with at most
// `decimals` (0..3) decimals, made several times faster: content streams print thousands of
// numbers.
void append_number(std::string& out, double value, int decimals);

std::string build_content_stream(const layout::PageFrame& page, const ContentResources& res);

}  // namespace absah::pdf
